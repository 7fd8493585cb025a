package ad

import (
	"math"
	"testing"
)

// chain is the chapter's chain-rule example.
func chain(x []*Var) *Var {
	w, xx, y, z := x[0], x[1], x[2], x[3]
	a := w.Add(xx).Add(y).Add(z).Square()
	b := w.Add(xx).Sub(y).Sub(z).Square()
	u := a.Add(b).Square()
	v := a.Sub(b).Square()
	return u.Add(v).Square()
}

func TestChapterChainRule(t *testing.T) {
	f, g := ValueAndGrad(chain, []float64{-1, 0, -2, 1})
	if f != 1024 {
		t.Errorf("f = %g, want 1024", f)
	}
	for i, gi := range g {
		if gi != -4096 {
			t.Errorf("∂f/∂x%d = %g, want -4096", i, gi)
		}
	}
}

func TestChapterLogSumExp(t *testing.T) {
	f := func(x []*Var) *Var { return x[0].Exp().Add(x[1].Exp()).Log() }
	x := []float64{0, math.Log(2)}
	v, g := ValueAndGrad(f, x)
	if !near(v, math.Log(3), 1e-15) || !near(g[0], 1.0/3, 1e-15) || !near(g[1], 2.0/3, 1e-15) {
		t.Fatalf("log(e^x+e^y) at (0, log 2) = %g, gradient %v; want log 3, (1/3, 2/3)", v, g)
	}
	eps := []float64{0.01, -0.03}
	lin := v + g[0]*eps[0] + g[1]*eps[1]
	if math.Abs(lin-1.0819456) > 5e-8 {
		t.Errorf("linear approximation = %.8f, want 1.0819456", lin)
	}
	tp := NewTape()
	exact := f([]*Var{tp.Var(x[0] + eps[0]), tp.Var(x[1] + eps[1])}).Value()
	if math.Abs(exact-1.0821242) > 5e-8 {
		t.Errorf("true value = %.8f, want 1.0821242", exact)
	}
}

func gaussBump(x []*Var) *Var {
	return x[0].Mul(x[0].Square().Add(x[1].Square()).Neg().Exp())
}

func TestChapterHessian(t *testing.T) {
	x := []float64{-1, 0}
	g := Grad(gaussBump, x)
	if !near(g[0], -1/math.E, 1e-15) || g[1] != 0 {
		t.Errorf("gradient = %v, want (-1/e, 0)", g)
	}
	h := Hessian(gaussBump, x)
	want := [2][2]float64{{2 / math.E, 0}, {0, 2 / math.E}}
	for i := range 2 {
		for j := range 2 {
			if d := math.Abs(h.At(i, j) - want[i][j]); d > 1e-12 {
				t.Errorf("H[%d][%d] = %.17g, want %.17g", i, j, h.At(i, j), want[i][j])
			}
		}
	}
	// The quadratic approximation e⁻¹(-1 - (x+1) + (x+1)² + y²) at a nearby point.
	dx, dy := 0.01, -0.02
	q := -1/math.E + g[0]*dx + g[1]*dy + 0.5*(h.At(0, 0)*dx*dx+2*h.At(0, 1)*dx*dy+h.At(1, 1)*dy*dy)
	wantQ := (-1 - dx + dx*dx + dy*dy) / math.E
	if !near(q, wantQ, 1e-15) {
		t.Errorf("quadratic approximation = %.17g, want %.17g", q, wantQ)
	}
}

func poly(x *Var) *Var { // 3x⁴ - 4x³ - 12x²
	return x.Pow(4).Scale(3).Sub(x.Pow(3).Scale(4)).Sub(x.Square().Scale(12))
}

func TestChapterCriticalPoints(t *testing.T) {
	for _, c := range []struct{ x, f float64 }{{-1, -5}, {0, 0}, {2, -32}} {
		tp := NewTape()
		x := tp.Var(c.x)
		y := poly(x)
		y.Backward()
		if y.Value() != c.f || x.Grad() != 0 {
			t.Errorf("at x = %g: f = %g, f' = %g; want %g and 0", c.x, y.Value(), x.Grad(), c.f)
		}
	}
}

// TestThirdDerivative differentiates three times by composing Diff:
// the third derivative of f = 3x⁴-4x³-12x² is 72x - 24, and that of sin is -cos.
func TestThirdDerivative(t *testing.T) {
	for _, x0 := range []float64{-1, 0.5, 2} {
		tp := NewTape()
		x := []*Var{tp.Var(x0)}
		d1 := Diff(poly(x[0]), x)
		d2 := Diff(d1[0], x)
		d3 := Diff(d2[0], x)
		want1 := 12*x0*x0*x0 - 12*x0*x0 - 24*x0
		want2 := 36*x0*x0 - 24*x0 - 24
		if !near(d1[0].Value(), want1, 1e-14) || !near(d2[0].Value(), want2, 1e-14) || !near(d3[0].Value(), 72*x0-24, 1e-14) {
			t.Errorf("at %g: f' f'' f''' = %g %g %g, want %g %g %g", x0,
				d1[0].Value(), d2[0].Value(), d3[0].Value(), want1, want2, 72*x0-24)
		}
		d3[0].Backward() // fourth derivative: 72
		if x[0].Grad() != 72 {
			t.Errorf("f'''' at %g = %g, want 72", x0, x[0].Grad())
		}
		s := []*Var{tp.Var(x0)}
		s3 := Diff(Diff(Diff(s[0].Sin(), s)[0], s)[0], s)[0]
		if !near(s3.Value(), -math.Cos(x0), 1e-15) {
			t.Errorf("sin''' at %g = %g, want %g", x0, s3.Value(), -math.Cos(x0))
		}
	}
	// Grad of a function that itself returns a derivative.
	g := Grad(func(x []*Var) *Var { return Diff(Diff(poly(x[0]), x)[0], x)[0] }, []float64{2})
	if g[0] != 72*2-24 {
		t.Errorf("Grad of f'' at 2 = %g, want 120", g[0])
	}
}

func TestBackwardTwiceSameGradient(t *testing.T) {
	tp := NewTape()
	x := tp.Vars([]float64{-1, 0, -2, 1})
	y := chain(x)
	other := x[0].Mul(x[1]) // recorded after y: must read 0 after y.Backward
	for run := range 3 {
		y.Backward()
		for i, xi := range x {
			if xi.Grad() != -4096 {
				t.Fatalf("run %d: ∂f/∂x%d = %g, want -4096", run, i, xi.Grad())
			}
		}
		if other.Grad() != 0 {
			t.Fatalf("run %d: grad of a later variable = %g, want 0", run, other.Grad())
		}
	}
	other.Backward() // x0·x1: gradient (x1, x0, 0, 0), nothing left from y
	want := []float64{0, -1, 0, 0}
	for i, xi := range x {
		if xi.Grad() != want[i] {
			t.Errorf("after other.Backward: grad x%d = %g, want %g", i, xi.Grad(), want[i])
		}
	}
}

func TestUnusedBranchDoesNotPoison(t *testing.T) {
	tp := NewTape()
	x := tp.Var(0)
	_ = x.Sqrt() // derivative +Inf at 0, but the output does not use it
	y := x.Square().AddConst(1)
	y.Backward()
	if x.Grad() != 0 {
		t.Errorf("grad = %g, want 0", x.Grad())
	}
}

func TestTapeReuse(t *testing.T) {
	tp := NewTape()
	var dst [4]float64
	for i := range 3 {
		v, g := tp.ValueAndGrad(dst[:], chain, []float64{-1, 0, -2, 1})
		if v != 1024 || g[0] != -4096 || g[3] != -4096 {
			t.Fatalf("call %d: %g %v", i, v, g)
		}
	}
	// A bigger function on the same tape after a small one, and back.
	big := func(x []*Var) *Var {
		s := x[0].Const(0)
		for range 5000 {
			s = s.Add(x[0].Sin())
		}
		return s
	}
	g := tp.Grad(nil, big, []float64{0})
	if !near(g[0], 5000, 1e-15) || tp.Len() < 10000 {
		t.Errorf("big: grad %g (want 5000), tape length %d", g[0], tp.Len())
	}
	if g := tp.Grad(nil, chain, []float64{-1, 0, -2, 1}); g[1] != -4096 {
		t.Errorf("after big: %v", g)
	}
}
