// Package ad provides automatic differentiation for calculus notebooks:
// forward mode with dual numbers and reverse mode with a tape.
//
// Go has no operator overloading, so every arithmetic operation is a method.
// Three types share one method set, so that a single function body runs on
// all of them:
//
//   - Float, a float64 with methods, for plain evaluation;
//   - Dual, a value and a derivative along one direction (forward mode);
//   - *Var, a variable recorded on a Tape (reverse mode).
//
// # Constants
//
// Constants mix in one way in all three types: x.Scale(c) is c·x,
// x.AddConst(c) is x+c, and x.Const(c) makes the constant c in x's own
// type (for a *Var, on x's tape), so that x.Mul(x.Const(2)) equals x.Scale(2).
// Pow takes a float64 exponent. A Dual constant is Dual{V: c}; a *Var
// constant is tape.Const(c).
//
// # Forward mode
//
// Derivative(f, x) evaluates f on Dual{V: x, D: 1}; JVP does the same for
// functions of several variables along a direction v.
//
// # Reverse mode
//
// A Tape records every operation on its variables. (*Var).Backward seeds the
// output with 1 and fills Grad of every variable on the tape, starting from
// zero each time. Grad, ValueAndGrad, Jacobian and VJP wrap this for
// functions of a []*Var. Diff returns a gradient as new variables on the
// same tape, so it can be differentiated again (reverse over reverse): this
// gives Hessian, HVP and derivatives of any order by composition.
//
// A Tape can be reused: (*Tape).Grad and (*Tape).ValueAndGrad reset it and
// do not allocate once it has grown to the size of the function. Reset
// invalidates every *Var made on the tape before it. A Tape is not safe for
// concurrent use.
//
// Mat is a matrix-valued variable on a tape (a gonum *mat.Dense value with a
// gradient): products, transposes, sums, element-wise functions, Frobenius
// inner products and norms, mixed freely with scalar variables (Matrix,
// Column, At, ScaleBy). Diff, and so Hessian and HVP, work through matrix
// operations too, except the first-order Mat.Map.
// Problem turns an ad function into a gonum optimize.Problem with exact
// gradient and Hessian.
//
// # One function for Float, Dual and *Var
//
// Scalar is the constraint satisfied by Float, Dual and *Var. A notebook
// cell (interpreted by yaegi, which cannot see compiled generic types)
// declares its own copy of the constraint by pasting this text:
//
//	type Scalar[T any] interface {
//		Value() float64
//		Const(c float64) T
//		Add(y T) T
//		Sub(y T) T
//		Mul(y T) T
//		Div(y T) T
//		Neg() T
//		Scale(c float64) T
//		AddConst(c float64) T
//		Pow(p float64) T
//		Square() T
//		Sqrt() T
//		Exp() T
//		Expm1() T
//		Log() T
//		Log1p() T
//		Sin() T
//		Cos() T
//		Tan() T
//		Asin() T
//		Acos() T
//		Atan() T
//		Sinh() T
//		Cosh() T
//		Tanh() T
//		Sigmoid() T
//		Abs() T
//	}
//
// and then writes, for example,
//
//	func f[T Scalar[T]](x T) T { return x.Exp().Add(x.Square()).Log() }
//
// which runs as f(ad.Float(2)), f(ad.Dual{V: 2, D: 1}) or f(tape.Var(2)).
//
// # Special cases
//
// Values follow IEEE 754 through the math package. Derivatives follow from
// the analytic formulas, so Log and Sqrt at ±0 have derivative +Inf. A
// function that is NaN at a non-NaN argument (Log or Sqrt at -1, Asin at 2)
// has derivative NaN there, never a finite number. A zero tangent (Dual.D == 0) or a zero adjoint produces a
// zero derivative rather than 0·Inf = NaN: constants stay constant, and a
// variable that does not influence the output gets gradient 0. Abs has
// derivative 0 at 0.
//
// Caller mistakes (mixing variables of two tapes, mismatched lengths or
// shapes, nil variables) panic with a message starting "ad: ".
package ad
