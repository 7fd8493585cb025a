package ad

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// expr is a random expression tree over the variables x[0..n), built from
// operations that are smooth everywhere (logarithms, roots and quotients
// only of positive arguments), so finite differences are meaningful.
type expr struct {
	op   int
	a, b *expr
	leaf int
	c    float64
}

const (
	eLeaf = iota
	eConst
	eAdd
	eSub
	eMul
	eDivPos // a / (1 + b²)
	eSin
	eCos
	eTanh
	eExpTanh // exp(tanh a)
	eLogPos  // log(1 + a²)
	eSqrtPos // sqrt(1 + a²)
	eAtan
	eSigmoid
	eScale
	ePowPos // (a² + 0.5)^1.5
	eSquare
	eLog1pPos // log1p(a²)
	nOps
)

func randExpr(r *rand.Rand, n, depth int) *expr {
	if depth == 0 || r.IntN(5) == 0 {
		if r.IntN(6) == 0 {
			return &expr{op: eConst, c: r.Float64()*2 - 1}
		}
		return &expr{op: eLeaf, leaf: r.IntN(n)}
	}
	e := &expr{op: eAdd + r.IntN(nOps-eAdd), c: r.Float64()*3 - 1.5}
	e.a = randExpr(r, n, depth-1)
	if e.op <= eDivPos {
		e.b = randExpr(r, n, depth-1)
	}
	return e
}

func (e *expr) String() string {
	switch e.op {
	case eLeaf:
		return fmt.Sprintf("x%d", e.leaf)
	case eConst:
		return fmt.Sprintf("%.3g", e.c)
	}
	if e.b != nil {
		return fmt.Sprintf("op%d(%v, %v)", e.op, e.a, e.b)
	}
	return fmt.Sprintf("op%d(%v)", e.op, e.a)
}

// eval evaluates e on any Scalar type: the same code runs in plain, forward
// and reverse mode.
func eval[T Scalar[T]](e *expr, x []T) T {
	switch e.op {
	case eLeaf:
		return x[e.leaf]
	case eConst:
		return x[0].Const(e.c)
	}
	a := eval(e.a, x)
	switch e.op {
	case eAdd:
		return a.Add(eval(e.b, x))
	case eSub:
		return a.Sub(eval(e.b, x))
	case eMul:
		return a.Mul(eval(e.b, x))
	case eDivPos:
		return a.Div(eval(e.b, x).Square().AddConst(1))
	case eSin:
		return a.Sin()
	case eCos:
		return a.Cos()
	case eTanh:
		return a.Tanh()
	case eExpTanh:
		return a.Tanh().Exp()
	case eLogPos:
		return a.Square().AddConst(1).Log()
	case eSqrtPos:
		return a.Square().AddConst(1).Sqrt()
	case eAtan:
		return a.Atan()
	case eSigmoid:
		return a.Sigmoid()
	case eScale:
		return a.Scale(e.c)
	case ePowPos:
		return a.Square().AddConst(0.5).Pow(1.5)
	case eSquare:
		return a.Square()
	case eLog1pPos:
		return a.Square().Log1p()
	}
	panic("bad op")
}

func floatFunc(e *expr) func([]float64) float64 {
	return func(x []float64) float64 {
		xs := make([]Float, len(x))
		for i := range x {
			xs[i] = Float(x[i])
		}
		return float64(eval(e, xs))
	}
}

func varFunc(e *expr) func([]*Var) *Var { return func(x []*Var) *Var { return eval(e, x) } }

func dualFunc(e *expr) func([]Dual) Dual { return func(x []Dual) Dual { return eval(e, x) } }

// closeVec reports the first index where got and want differ by more than
// tol relative to max(1, |want|), or -1.
func closeVec(got, want []float64, tol float64) int {
	for i := range want {
		if !near(got[i], want[i], tol) {
			return i
		}
	}
	return -1
}

func randPoint(r *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.Float64()*3 - 1.5
	}
	return x
}

func TestRandomTreesGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 4
	for trial := range 200 {
		e := randExpr(r, n, 5)
		x := randPoint(r, n)
		plain := floatFunc(e)(x)
		v, g := ValueAndGrad(varFunc(e), x)
		if !near(v, plain, 1e-15) {
			t.Fatalf("tree %d %v: tape value %g, plain %g", trial, e, v, plain)
		}
		// Reverse against central finite differences.
		want := fd.Gradient(nil, floatFunc(e), x, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		if i := closeVec(g, want, 1e-6); i >= 0 {
			t.Errorf("tree %d %v: grad[%d] = %g, central fd %g", trial, e, i, g[i], want[i])
		}
		// Forward against reverse, per coordinate and along a random direction.
		for i := range n {
			dir := make([]float64, n)
			dir[i] = 1
			fv, d := DirectionalDerivative(dualFunc(e), x, dir)
			if !near(fv, plain, 1e-15) || !near(d, g[i], 1e-12) {
				t.Errorf("tree %d %v: forward ∂%d = %g, reverse %g", trial, e, i, d, g[i])
			}
		}
		dir := randPoint(r, n)
		_, d := DirectionalDerivative(dualFunc(e), x, dir)
		if want := floats.Dot(g, dir); !near(d, want, 1e-12) {
			t.Errorf("tree %d %v: forward along v = %g, ∇f·v = %g", trial, e, d, want)
		}
	}
}

func TestRandomTreesHessian(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 3
	for trial := range 100 {
		e := randExpr(r, n, 4)
		x := randPoint(r, n)
		h := Hessian(varFunc(e), x)
		// Columns of the Hessian by central differences of the exact gradient.
		const step = 1e-5
		for j := range n {
			xp, xm := append([]float64(nil), x...), append([]float64(nil), x...)
			xp[j] += step
			xm[j] -= step
			gp, gm := Grad(varFunc(e), xp), Grad(varFunc(e), xm)
			for i := range n {
				if want := (gp[i] - gm[i]) / (2 * step); !near(h.At(i, j), want, 1e-6) {
					t.Errorf("tree %d %v: H[%d][%d] = %g, fd of gradient %g", trial, e, i, j, h.At(i, j), want)
				}
			}
		}
		// Against gonum's fd.Hessian of the plain function (less accurate).
		fdh := mat.NewSymDense(n, nil)
		fd.Hessian(fdh, floatFunc(e), x, &fd.Settings{Formula: fd.Central, Step: 1e-4})
		for i := range n {
			for j := range n {
				if !near(h.At(i, j), fdh.At(i, j), 1e-6) {
					t.Errorf("tree %d %v: H[%d][%d] = %g, fd.Hessian %g", trial, e, i, j, h.At(i, j), fdh.At(i, j))
				}
			}
		}
		// Each HVP with a unit vector is one unsymmetrized Hessian column: the
		// exact second derivatives must agree in both orders.
		for j := range n {
			ej := make([]float64, n)
			ej[j] = 1
			col := HVP(varFunc(e), x, ej)
			for i := range n {
				if !near(col[i], h.At(i, j), 1e-12) {
					t.Errorf("tree %d %v: HVP e%d [%d] = %g, H = %g", trial, e, j, i, col[i], h.At(i, j))
				}
			}
		}
		v := randPoint(r, n)
		hv := HVP(varFunc(e), x, v)
		var want mat.VecDense
		want.MulVec(h, mat.NewVecDense(n, v))
		if i := closeVec(hv, want.RawVector().Data, 1e-12); i >= 0 {
			t.Errorf("tree %d %v: HVP[%d] = %g, H·v = %g", trial, e, i, hv[i], want.AtVec(i))
		}
	}
}

func TestRandomTreesLinearityAndProductRule(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 3
	for trial := range 100 {
		e1, e2 := randExpr(r, n, 4), randExpr(r, n, 4)
		x := randPoint(r, n)
		f, g := varFunc(e1), varFunc(e2)
		fv, gf := ValueAndGrad(f, x)
		gv, gg := ValueAndGrad(g, x)
		const a, b = 2.5, -0.75
		lin := Grad(func(x []*Var) *Var { return f(x).Scale(a).Add(g(x).Scale(b)) }, x)
		prod := Grad(func(x []*Var) *Var { return f(x).Mul(g(x)) }, x)
		for i := range n {
			if want := a*gf[i] + b*gg[i]; !near(lin[i], want, 1e-12) {
				t.Errorf("trial %d: ∇(af+bg)[%d] = %g, a∇f+b∇g = %g", trial, i, lin[i], want)
			}
			if want := fv*gg[i] + gv*gf[i]; !near(prod[i], want, 1e-12) {
				t.Errorf("trial %d: ∇(fg)[%d] = %g, f∇g+g∇f = %g", trial, i, prod[i], want)
			}
		}
		// Jacobian, VJP and JVP of (f, g, f·g) agree with the gradients.
		vec := func(x []*Var) []*Var { fx, gx := f(x), g(x); return []*Var{fx, gx, fx.Mul(gx)} }
		jac := Jacobian(vec, x)
		rows := [][]float64{gf, gg, prod}
		for i, row := range rows {
			for j := range n {
				if jac.At(i, j) != row[j] {
					t.Errorf("trial %d: J[%d][%d] = %g, want %g", trial, i, j, jac.At(i, j), row[j])
				}
			}
		}
		u := []float64{0.3, -1.2, 2}
		y, uJ := VJP(vec, x, u)
		var want mat.VecDense
		want.MulVec(jac.T(), mat.NewVecDense(3, u))
		if i := closeVec(uJ, want.RawVector().Data, 1e-12); i >= 0 || !near(y[2], fv*gv, 1e-15) {
			t.Errorf("trial %d: VJP = %v, uᵀJ = %v; y = %v", trial, uJ, want.RawVector().Data, y)
		}
		dir := randPoint(r, n)
		_, jv := JVP(func(x []Dual) []Dual {
			fx, gx := eval(e1, x), eval(e2, x)
			return []Dual{fx, gx, fx.Mul(gx)}
		}, x, dir)
		want.MulVec(jac, mat.NewVecDense(n, dir))
		if i := closeVec(jv, want.RawVector().Data, 1e-12); i >= 0 {
			t.Errorf("trial %d: JVP = %v, J·v = %v", trial, jv, want.RawVector().Data)
		}
	}
}
