package ad

// Scalar is the method set shared by Float, Dual and *Var, so that one
// generic function runs in plain, forward and reverse mode:
//
//	func f[T ad.Scalar[T]](x T) T { return x.Sin().Mul(x) }
//
// Every argument and result is the receiver's own type T. Interpreted
// notebook cells cannot use this compiled generic type; they declare the
// same interface themselves (the text is in the package documentation).
type Scalar[T any] interface {
	Value() float64
	Const(c float64) T
	Add(y T) T
	Sub(y T) T
	Mul(y T) T
	Div(y T) T
	Neg() T
	Scale(c float64) T
	AddConst(c float64) T
	Pow(p float64) T
	Square() T
	Sqrt() T
	Exp() T
	Expm1() T
	Log() T
	Log1p() T
	Sin() T
	Cos() T
	Tan() T
	Asin() T
	Acos() T
	Atan() T
	Sinh() T
	Cosh() T
	Tanh() T
	Sigmoid() T
	Abs() T
}

// Compile-time checks that the three types satisfy Scalar.
var (
	_ Scalar[Float] = Float(0)
	_ Scalar[Dual]  = Dual{}
	_ Scalar[*Var]  = (*Var)(nil)
)
