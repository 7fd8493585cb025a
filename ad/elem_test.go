package ad

import (
	"math"
	"testing"
)

// near reports whether got matches want: both NaN, equal (infinities
// included), or finite and within tol relative to max(1, |want|).
func near(got, want, tol float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case got == want:
		return true
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return false
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

var negZero = math.Copysign(0, -1)

// edgeGrid holds ordinary points and IEEE edges: ±0, ±Inf, NaN, tiny
// numbers, the overflow threshold of exp and the domain edges ±1.
var edgeGrid = []float64{math.Inf(-1), -710, -2, -1, -0.5, negZero, 0, 1e-300, 0.5, 1, 2, 710, math.Inf(1), math.NaN()}

// interior holds points for second-derivative checks (used where the
// function and its derivatives are finite).
var interior = []float64{-1.7, -0.7, -0.3, 0.3, 0.5, 0.9, 1.3, 2}

// elemCase is one elementary function with its analytic derivatives,
// written independently of the package (different but equal forms where
// possible).
type elemCase struct {
	name   string
	f      func(float64) float64
	d1, d2 func(float64) float64
	fl     func(Float) Float
	du     func(Dual) Dual
	vr     func(*Var) *Var
}

func inv(x float64) float64 { return 1 / x }

// domainPos returns g(x) for x > 0, +Inf at ±0 and NaN for x < 0.
func domainPos(g func(float64) float64) func(float64) float64 {
	return func(x float64) float64 {
		switch {
		case x < 0:
			return math.NaN()
		case x == 0:
			return math.Inf(1)
		}
		return g(x)
	}
}

var elemCases = []elemCase{
	{"Exp", math.Exp, math.Exp, math.Exp, Float.Exp, Dual.Exp, (*Var).Exp},
	{"Expm1", math.Expm1, math.Exp, math.Exp, Float.Expm1, Dual.Expm1, (*Var).Expm1},
	{"Log", math.Log, domainPos(inv), func(x float64) float64 { return -1 / (x * x) }, Float.Log, Dual.Log, (*Var).Log},
	{"Log1p", math.Log1p,
		func(x float64) float64 { return domainPos(inv)(x + 1) },
		func(x float64) float64 { return -1 / ((1 + x) * (1 + x)) },
		Float.Log1p, Dual.Log1p, (*Var).Log1p},
	{"Sqrt", math.Sqrt,
		domainPos(func(x float64) float64 { return 1 / (2 * math.Sqrt(x)) }),
		func(x float64) float64 { return -0.25 * math.Pow(x, -1.5) },
		Float.Sqrt, Dual.Sqrt, (*Var).Sqrt},
	{"Square", func(x float64) float64 { return x * x },
		func(x float64) float64 { return x + x },
		func(float64) float64 { return 2 },
		Float.Square, Dual.Square, (*Var).Square},
	{"Pow3", func(x float64) float64 { return x * x * x },
		func(x float64) float64 { return 3 * x * x },
		func(x float64) float64 { return 6 * x },
		func(x Float) Float { return x.Pow(3) }, func(x Dual) Dual { return x.Pow(3) }, func(x *Var) *Var { return x.Pow(3) }},
	{"Pow0.5", func(x float64) float64 { return math.Pow(x, 0.5) },
		// math.Pow's own conventions (Pow(-Inf, 0.5) = +Inf) carry over: p·x**(p-1).
		func(x float64) float64 { return 0.5 * math.Pow(x, -0.5) },
		func(x float64) float64 { return -0.25 / (x * math.Sqrt(x)) },
		func(x Float) Float { return x.Pow(0.5) }, func(x Dual) Dual { return x.Pow(0.5) }, func(x *Var) *Var { return x.Pow(0.5) }},
	{"Pow-1", inv,
		func(x float64) float64 { return -1 / (x * x) },
		func(x float64) float64 { return 2 / (x * x * x) },
		func(x Float) Float { return x.Pow(-1) }, func(x Dual) Dual { return x.Pow(-1) }, func(x *Var) *Var { return x.Pow(-1) }},
	{"Pow0", func(float64) float64 { return 1 },
		func(float64) float64 { return 0 },
		func(float64) float64 { return 0 },
		func(x Float) Float { return x.Pow(0) }, func(x Dual) Dual { return x.Pow(0) }, func(x *Var) *Var { return x.Pow(0) }},
	{"Sin", math.Sin, math.Cos, func(x float64) float64 { return -math.Sin(x) }, Float.Sin, Dual.Sin, (*Var).Sin},
	{"Cos", math.Cos, func(x float64) float64 { return -math.Sin(x) }, func(x float64) float64 { return -math.Cos(x) }, Float.Cos, Dual.Cos, (*Var).Cos},
	{"Tan", math.Tan,
		func(x float64) float64 { c := math.Cos(x); return 1 / (c * c) },
		func(x float64) float64 { c := math.Cos(x); return 2 * math.Sin(x) / (c * c * c) },
		Float.Tan, Dual.Tan, (*Var).Tan},
	{"Asin", math.Asin,
		func(x float64) float64 { return math.Pow(1-x*x, -0.5) },
		func(x float64) float64 { return x * math.Pow(1-x*x, -1.5) },
		Float.Asin, Dual.Asin, (*Var).Asin},
	{"Acos", math.Acos,
		func(x float64) float64 { return -math.Pow(1-x*x, -0.5) },
		func(x float64) float64 { return -x * math.Pow(1-x*x, -1.5) },
		Float.Acos, Dual.Acos, (*Var).Acos},
	{"Atan", math.Atan,
		func(x float64) float64 { return 1 / (1 + x*x) },
		func(x float64) float64 { return -2 * x / ((1 + x*x) * (1 + x*x)) },
		Float.Atan, Dual.Atan, (*Var).Atan},
	{"Sinh", math.Sinh, math.Cosh, math.Sinh, Float.Sinh, Dual.Sinh, (*Var).Sinh},
	{"Cosh", math.Cosh, math.Sinh, math.Cosh, Float.Cosh, Dual.Cosh, (*Var).Cosh},
	{"Tanh", math.Tanh,
		func(x float64) float64 { c := math.Cosh(x); return 1 / (c * c) },
		func(x float64) float64 { c := math.Cosh(x); return -2 * math.Sinh(x) / (c * c * c) },
		Float.Tanh, Dual.Tanh, (*Var).Tanh},
	{"Sigmoid", func(x float64) float64 { return (1 + math.Tanh(x/2)) / 2 },
		func(x float64) float64 { return 1 / (2 + 2*math.Cosh(x)) },
		func(x float64) float64 { d := 2 + 2*math.Cosh(x); return -2 * math.Sinh(x) / (d * d) },
		Float.Sigmoid, Dual.Sigmoid, (*Var).Sigmoid},
	{"Abs", math.Abs,
		func(x float64) float64 {
			if x == 0 || math.IsNaN(x) {
				return x * 0
			}
			return math.Copysign(1, x)
		},
		func(float64) float64 { return 0 },
		Float.Abs, Dual.Abs, (*Var).Abs},
	{"Neg", func(x float64) float64 { return -x }, func(float64) float64 { return -1 }, func(float64) float64 { return 0 },
		Float.Neg, Dual.Neg, (*Var).Neg},
	{"Scale3", func(x float64) float64 { return 3 * x }, func(float64) float64 { return 3 }, func(float64) float64 { return 0 },
		func(x Float) Float { return x.Scale(3) }, func(x Dual) Dual { return x.Scale(3) }, func(x *Var) *Var { return x.Scale(3) }},
	{"AddConst2", func(x float64) float64 { return x + 2 }, func(float64) float64 { return 1 }, func(float64) float64 { return 0 },
		func(x Float) Float { return x.AddConst(2) }, func(x Dual) Dual { return x.AddConst(2) }, func(x *Var) *Var { return x.AddConst(2) }},
}

func TestElementaryFirstDerivative(t *testing.T) {
	const tol = 1e-14
	for _, c := range elemCases {
		for _, x := range edgeGrid {
			want, wantD := c.f(x), c.d1(x)
			if math.IsNaN(want) && !math.IsNaN(x) && c.name != "Pow0" {
				wantD = math.NaN() // a NaN value at a number has a NaN derivative
			}
			if got := float64(c.fl(Float(x))); !near(got, want, tol) {
				t.Errorf("Float.%s(%g) = %g, want %g", c.name, x, got, want)
			}
			d := c.du(Dual{V: x, D: 1})
			if !near(d.V, want, tol) || !near(d.D, wantD, tol) {
				t.Errorf("Dual.%s(%g+ε) = %v, want %g+%gε", c.name, x, d, want, wantD)
			}
			if k := c.du(Dual{V: x}); !near(k.V, want, tol) || k.D != 0 {
				t.Errorf("Dual.%s(constant %g) = %v, want derivative 0", c.name, x, k)
			}
			tp := NewTape()
			v := tp.Var(x)
			y := c.vr(v)
			y.Backward()
			if !near(y.Value(), want, tol) || !near(v.Grad(), wantD, tol) {
				t.Errorf("(*Var).%s(%g): value %g grad %g, want %g and %g", c.name, x, y.Value(), v.Grad(), want, wantD)
			}
		}
	}
}

func TestElementarySecondDerivative(t *testing.T) {
	for _, c := range elemCases {
		for _, x := range interior {
			want := c.d2(x)
			if math.IsNaN(c.f(x)) || math.IsInf(want, 0) || math.IsNaN(want) {
				continue // outside the domain
			}
			tp := NewTape()
			v := tp.Var(x)
			g := Diff(c.vr(v), []*Var{v})[0]
			if !near(g.Value(), c.d1(x), 1e-14) {
				t.Errorf("Diff(%s)(%g) = %g, want %g", c.name, x, g.Value(), c.d1(x))
			}
			g.Backward()
			if !near(v.Grad(), want, 1e-13) {
				t.Errorf("second derivative of %s at %g = %g, want %g", c.name, x, v.Grad(), want)
			}
		}
	}
}

// binCase is a binary operation with its analytic partial derivatives.
type binCase struct {
	name   string
	f      func(x, y float64) float64
	dx, dy func(x, y float64) float64
	du     func(x, y Dual) Dual
	vr     func(x, y *Var) *Var
	fl     func(x, y Float) Float
}

var binCases = []binCase{
	{"Add", func(x, y float64) float64 { return x + y },
		func(x, y float64) float64 { return 1 }, func(x, y float64) float64 { return 1 },
		Dual.Add, (*Var).Add, Float.Add},
	{"Sub", func(x, y float64) float64 { return x - y },
		func(x, y float64) float64 { return 1 }, func(x, y float64) float64 { return -1 },
		Dual.Sub, (*Var).Sub, Float.Sub},
	{"Mul", func(x, y float64) float64 { return x * y },
		func(x, y float64) float64 { return y }, func(x, y float64) float64 { return x },
		Dual.Mul, (*Var).Mul, Float.Mul},
	{"Div", func(x, y float64) float64 { return x / y },
		func(x, y float64) float64 { return 1 / y }, func(x, y float64) float64 { return -x / (y * y) },
		Dual.Div, (*Var).Div, Float.Div},
}

func TestBinaryPartials(t *testing.T) {
	pts := []float64{math.Inf(-1), -2, negZero, 0, 0.5, 3, math.Inf(1), math.NaN()}
	for _, c := range binCases {
		for _, x := range pts {
			for _, y := range pts {
				want, wx, wy := c.f(x, y), c.dx(x, y), c.dy(x, y)
				if got := float64(c.fl(Float(x), Float(y))); !near(got, want, 1e-15) {
					t.Errorf("Float %s(%g, %g) = %g, want %g", c.name, x, y, got, want)
				}
				if d := c.du(Dual{V: x, D: 1}, Dual{V: y}); !near(d.V, want, 1e-15) || !near(d.D, wx, 1e-15) {
					t.Errorf("Dual %s(%g+ε, %g) = %v, want %g+%gε", c.name, x, y, d, want, wx)
				}
				if d := c.du(Dual{V: x}, Dual{V: y, D: 1}); !near(d.D, wy, 1e-15) {
					t.Errorf("Dual %s(%g, %g+ε) = %v, want %g+%gε", c.name, x, y, d, want, wy)
				}
				tp := NewTape()
				vx, vy := tp.Var(x), tp.Var(y)
				r := c.vr(vx, vy)
				r.Backward()
				if !near(r.Value(), want, 1e-15) || !near(vx.Grad(), wx, 1e-15) || !near(vy.Grad(), wy, 1e-15) {
					t.Errorf("(*Var) %s(%g, %g): value %g grads (%g, %g), want %g (%g, %g)",
						c.name, x, y, r.Value(), vx.Grad(), vy.Grad(), want, wx, wy)
				}
			}
		}
	}
}
