package ad

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dual is a dual number V + Dε with ε² = 0: a value V and its derivative D
// along one direction. Dual{V: c} is a constant and Dual{V: x, D: 1} is the
// variable x. Dual prints as V+Dε, e.g. 1.0986+0.3333ε with the verb %.4f.
type Dual struct {
	V, D float64
}

// Value returns x.V.
func (x Dual) Value() float64 { return x.V }

// Const returns the constant Dual{V: c}.
func (x Dual) Const(c float64) Dual { return Dual{V: c} }

// Add returns x+y.
func (x Dual) Add(y Dual) Dual { return Dual{x.V + y.V, x.D + y.D} }

// Sub returns x-y.
func (x Dual) Sub(y Dual) Dual { return Dual{x.V - y.V, x.D - y.D} }

// Mul returns x·y.
func (x Dual) Mul(y Dual) Dual {
	return Dual{x.V * y.V, tmul(y.V, x.D) + tmul(x.V, y.D)}
}

// Div returns x/y.
func (x Dual) Div(y Dual) Dual {
	q := x.V / y.V
	return Dual{q, tmul(1/y.V, x.D) - tmul(q/y.V, y.D)}
}

// Neg returns -x.
func (x Dual) Neg() Dual { return Dual{-x.V, -x.D} }

// Scale returns c·x.
func (x Dual) Scale(c float64) Dual { return Dual{c * x.V, tmul(c, x.D)} }

// AddConst returns x+c.
func (x Dual) AddConst(c float64) Dual { return Dual{x.V + c, x.D} }

// Pow returns x**p for a constant exponent p.
func (x Dual) Pow(p float64) Dual { return Dual{math.Pow(x.V, p), tmul(powDeriv(x.V, p), x.D)} }

// Square returns x².
func (x Dual) Square() Dual { return Dual{x.V * x.V, tmul(2*x.V, x.D)} }

// Sqrt returns √x.
func (x Dual) Sqrt() Dual {
	v := math.Sqrt(x.V)
	return Dual{v, tmul(sqrtDeriv(v), x.D)}
}

// Exp returns eˣ.
func (x Dual) Exp() Dual {
	v := math.Exp(x.V)
	return Dual{v, tmul(v, x.D)}
}

// Expm1 returns eˣ-1.
func (x Dual) Expm1() Dual { return Dual{math.Expm1(x.V), tmul(math.Exp(x.V), x.D)} }

// Log returns the natural logarithm of x.
func (x Dual) Log() Dual { return Dual{math.Log(x.V), tmul(logDeriv(x.V), x.D)} }

// Log1p returns log(1+x).
func (x Dual) Log1p() Dual { return Dual{math.Log1p(x.V), tmul(logDeriv(1+x.V), x.D)} }

// Sin returns sin x.
func (x Dual) Sin() Dual {
	s, c := math.Sincos(x.V)
	return Dual{s, tmul(c, x.D)}
}

// Cos returns cos x.
func (x Dual) Cos() Dual {
	s, c := math.Sincos(x.V)
	return Dual{c, tmul(-s, x.D)}
}

// Tan returns tan x.
func (x Dual) Tan() Dual {
	v := math.Tan(x.V)
	return Dual{v, tmul(1+v*v, x.D)}
}

// Asin returns arcsin x.
func (x Dual) Asin() Dual { return Dual{math.Asin(x.V), tmul(1/math.Sqrt(1-x.V*x.V), x.D)} }

// Acos returns arccos x.
func (x Dual) Acos() Dual { return Dual{math.Acos(x.V), tmul(-1/math.Sqrt(1-x.V*x.V), x.D)} }

// Atan returns arctan x.
func (x Dual) Atan() Dual { return Dual{math.Atan(x.V), tmul(1/(1+x.V*x.V), x.D)} }

// Sinh returns sinh x.
func (x Dual) Sinh() Dual { return Dual{math.Sinh(x.V), tmul(math.Cosh(x.V), x.D)} }

// Cosh returns cosh x.
func (x Dual) Cosh() Dual { return Dual{math.Cosh(x.V), tmul(math.Sinh(x.V), x.D)} }

// Tanh returns tanh x.
func (x Dual) Tanh() Dual {
	v := math.Tanh(x.V)
	return Dual{v, tmul(1-v*v, x.D)}
}

// Sigmoid returns the logistic function 1/(1+e⁻ˣ).
func (x Dual) Sigmoid() Dual {
	v := sigmoid(x.V)
	return Dual{v, tmul(v*(1-v), x.D)}
}

// Abs returns |x|; its derivative at 0 is taken as 0.
func (x Dual) Abs() Dual { return Dual{math.Abs(x.V), tmul(sign(x.V), x.D)} }

// powDeriv is d/dx x**p = p·x**(p-1), with the constant cases p = 0 and
// p = 1 exact everywhere (no 0·Inf).
func powDeriv(x, p float64) float64 {
	switch p {
	case 0:
		return 0
	case 1:
		return 1
	case 2:
		return 2 * x
	}
	return p * math.Pow(x, p-1)
}

// logDeriv is d/dx log x = 1/x, and NaN where log x is NaN (x < 0), rather
// than a finite number beside a NaN value.
// At ±0 it is +Inf, the one-sided derivative, whatever the sign of zero.
func logDeriv(x float64) float64 {
	switch {
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(1)
	}
	return 1 / x
}

// sqrtDeriv is d/dx √x = 1/(2√x) given v = √x; +Inf at ±0.
func sqrtDeriv(v float64) float64 {
	if v == 0 {
		return math.Inf(1)
	}
	return 0.5 / v
}

// String returns x as V+Dε with the shortest exact digits, e.g. 1+0.5ε.
func (x Dual) String() string { return formatDual(x, 'g', -1) }

// Format implements fmt.Formatter: the verbs %v, %e, %f and %g with an
// optional precision apply to both parts, so %.4f prints 1.0986+0.3333ε.
func (x Dual) Format(s fmt.State, verb rune) {
	v, prec, ok := floatVerb(s, verb)
	if !ok {
		fmt.Fprintf(s, "%%!%c(ad.Dual=%s)", verb, x.String())
		return
	}
	fmt.Fprint(s, formatDual(x, v, prec))
}

// floatVerb maps a fmt verb and precision to strconv.FormatFloat's, for
// the Format methods of Dual and Var; ok is false for a verb they do not take.
func floatVerb(s fmt.State, verb rune) (v byte, prec int, ok bool) {
	prec, ok = s.Precision()
	if !ok {
		prec = -1
	}
	switch verb {
	case 'v', 's':
		return 'g', prec, true
	case 'F':
		return 'f', prec, true
	case 'e', 'E', 'f', 'g', 'G':
		return byte(verb), prec, true
	}
	return 0, 0, false
}

func formatDual(x Dual, verb byte, prec int) string {
	sep := "+"
	d := x.D
	switch {
	case d == 0:
		d = 0 // print -0 as +0
	case d < 0:
		sep, d = "-", -d
	}
	ds := strings.TrimPrefix(strconv.FormatFloat(d, verb, prec, 64), "+") // +Inf
	return strconv.FormatFloat(x.V, verb, prec, 64) + sep + ds + "ε"
}
