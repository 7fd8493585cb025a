package ad

import "math"

// Float is a float64 with the method set of Dual and *Var, for evaluating a
// function written against Scalar without any differentiation.
type Float float64

// Value returns x as a float64.
func (x Float) Value() float64 { return float64(x) }

// Const returns c as a Float.
func (x Float) Const(c float64) Float { return Float(c) }

// Add returns x+y.
func (x Float) Add(y Float) Float { return x + y }

// Sub returns x-y.
func (x Float) Sub(y Float) Float { return x - y }

// Mul returns x·y.
func (x Float) Mul(y Float) Float { return x * y }

// Div returns x/y.
func (x Float) Div(y Float) Float { return x / y }

// Neg returns -x.
func (x Float) Neg() Float { return -x }

// Scale returns c·x.
func (x Float) Scale(c float64) Float { return Float(c) * x }

// AddConst returns x+c.
func (x Float) AddConst(c float64) Float { return x + Float(c) }

// Pow returns x**p.
func (x Float) Pow(p float64) Float { return Float(math.Pow(float64(x), p)) }

// Square returns x².
func (x Float) Square() Float { return x * x }

// Sqrt returns √x.
func (x Float) Sqrt() Float { return Float(math.Sqrt(float64(x))) }

// Exp returns eˣ.
func (x Float) Exp() Float { return Float(math.Exp(float64(x))) }

// Expm1 returns eˣ-1, accurate for x near 0.
func (x Float) Expm1() Float { return Float(math.Expm1(float64(x))) }

// Log returns the natural logarithm of x.
func (x Float) Log() Float { return Float(math.Log(float64(x))) }

// Log1p returns log(1+x), accurate for x near 0.
func (x Float) Log1p() Float { return Float(math.Log1p(float64(x))) }

// Sin returns sin x.
func (x Float) Sin() Float { return Float(math.Sin(float64(x))) }

// Cos returns cos x.
func (x Float) Cos() Float { return Float(math.Cos(float64(x))) }

// Tan returns tan x.
func (x Float) Tan() Float { return Float(math.Tan(float64(x))) }

// Asin returns arcsin x.
func (x Float) Asin() Float { return Float(math.Asin(float64(x))) }

// Acos returns arccos x.
func (x Float) Acos() Float { return Float(math.Acos(float64(x))) }

// Atan returns arctan x.
func (x Float) Atan() Float { return Float(math.Atan(float64(x))) }

// Sinh returns sinh x.
func (x Float) Sinh() Float { return Float(math.Sinh(float64(x))) }

// Cosh returns cosh x.
func (x Float) Cosh() Float { return Float(math.Cosh(float64(x))) }

// Tanh returns tanh x.
func (x Float) Tanh() Float { return Float(math.Tanh(float64(x))) }

// Sigmoid returns the logistic function 1/(1+e⁻ˣ).
func (x Float) Sigmoid() Float { return Float(sigmoid(float64(x))) }

// Abs returns |x|.
func (x Float) Abs() Float { return Float(math.Abs(float64(x))) }

// sigmoid is 1/(1+e⁻ˣ); it is 0 at -Inf and 1 at +Inf.
func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// sign is the derivative of |x|: -1, 0 or 1, and NaN for NaN.
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x
}

// tmul returns the chain-rule product fp·d, or 0 when the tangent or
// adjoint d is 0 (so that constants stay constant even where fp is infinite).
func tmul(fp, d float64) float64 {
	if d == 0 {
		return 0
	}
	return fp * d
}
