package ad

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestHessianQuadraticForm checks ∇²(xᵀAx) = A + Aᵀ through matrix operations.
func TestHessianQuadraticForm(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	const n = 4
	a := randDense(r, n, n)
	f := func(x []*Var) *Var {
		v := Column(x)
		return v.T().Mul(v.Tape().Mat(a)).Mul(v).At(0, 0)
	}
	h := Hessian(f, mat.Col(nil, 0, randDense(r, n, 1)))
	var want mat.Dense
	want.Add(a, a.T())
	equalDense(t, "∇²(xᵀAx)", h, &want, 1e-14)
}

// TestHessianFactorization checks the Hessian of ‖X−UV‖² in the entries of
// V (row-major): ∂²/∂V_pj∂V_ql = 2(UᵀU)_pq δ_jl.
func TestHessianFactorization(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	const m, k, n = 5, 2, 3
	x, u := randDense(r, m, n), randDense(r, m, k)
	f := func(v []*Var) *Var {
		tp := v[0].Tape()
		return tp.Mat(x).Sub(tp.Mat(u).Mul(Matrix(k, n, v))).NormSq()
	}
	h := Hessian(f, mat.NewDense(k, n, nil).RawMatrix().Data)
	var utu mat.Dense
	utu.Mul(u.T(), u)
	for p := range k {
		for j := range n {
			for q := range k {
				for l := range n {
					want := 0.0
					if j == l {
						want = 2 * utu.At(p, q)
					}
					if got := h.At(p*n+j, q*n+l); !near(got, want, 1e-13) {
						t.Errorf("H[V%d%d][V%d%d] = %g, want %g", p, j, q, l, got, want)
					}
				}
			}
		}
	}
}

// TestHessianMatrixOpsAgainstFD checks second derivatives through every
// differentiable matrix operation against central differences of the
// exact gradient.
func TestHessianMatrixOpsAgainstFD(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	b := randDense(r, 2, 3)
	f := func(p []*Var) *Var {
		tp := p[0].Tape()
		m := Matrix(2, 3, p[:6])
		s := p[6]
		g := m.Mul(m.T()).ScaleBy(s).Add(tp.Mat(mat.NewDense(2, 2, []float64{1, 0, 0, 1}))) // 2×2
		e := m.MulElem(tp.Mat(b)).Sub(m.Scale(0.5)).MapVar((*Var).Tanh)
		return g.NormSq().Add(e.Dot(m)).Add(e.T().Sum().Mul(g.At(1, 0))).Add(m.At(0, 2).Sin())
	}
	p := []float64{0.3, -0.2, 0.5, 0.1, 0.7, -0.4, 0.9}
	h := Hessian(f, p)
	const step = 1e-5
	for j := range p {
		pp, pm := append([]float64(nil), p...), append([]float64(nil), p...)
		pp[j] += step
		pm[j] -= step
		gp, gm := Grad(f, pp), Grad(f, pm)
		for i := range p {
			if want := (gp[i] - gm[i]) / (2 * step); !near(h.At(i, j), want, 1e-7) {
				t.Errorf("H[%d][%d] = %g, fd of gradient %g", i, j, h.At(i, j), want)
			}
		}
	}
	// HVP through the same operations agrees with H·v exactly.
	v := []float64{1, -1, 0.5, 2, 0, 0.3, -0.7}
	hv := HVP(f, p, v)
	var want mat.VecDense
	want.MulVec(h, mat.NewVecDense(len(v), v))
	if i := closeVec(hv, want.RawVector().Data, 1e-12); i >= 0 {
		t.Errorf("HVP[%d] = %g, H·v = %g", i, hv[i], want.AtVec(i))
	}
	// A third derivative through matrices: d³/ds³ of ‖s·M‖² = 0, d²/ds² = 2‖M‖².
	tp := NewTape()
	s := []*Var{tp.Var(1.5)}
	mm := tp.Mat(b)
	d2 := Diff(Diff(mm.ScaleBy(s[0]).NormSq(), s)[0], s)[0]
	d3 := Diff(d2, s)[0]
	n := mat.Norm(b, 2)
	if !near(d2.Value(), 2*n*n, 1e-14) || math.Abs(d3.Value()) > 1e-14 {
		t.Errorf("d²/ds² = %g (want %g), d³/ds³ = %g (want 0)", d2.Value(), 2*n*n, d3.Value())
	}
}
