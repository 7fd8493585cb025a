package ad

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

func randDense(r *rand.Rand, rows, cols int) *mat.Dense {
	d := mat.NewDense(rows, cols, nil)
	for i := range rows {
		for j := range cols {
			d.Set(i, j, r.NormFloat64())
		}
	}
	return d
}

func equalDense(t *testing.T, what string, got, want mat.Matrix, tol float64) {
	t.Helper()
	if !mat.EqualApprox(got, want, tol) {
		t.Errorf("%s =\n%v\nwant\n%v", what, mat.Formatted(got), mat.Formatted(want))
	}
}

// TestQuadraticForm checks d/dx xᵀAx = (A+Aᵀ)x and d/dA xᵀAx = xxᵀ.
func TestQuadraticForm(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const n = 4
	a := randDense(r, n, n)
	x := randDense(r, n, 1)

	tp := NewTape()
	X, A := tp.Mat(x), tp.Mat(a)
	y := X.T().Mul(A.Mul(X)).At(0, 0)
	y.Backward()

	var sum mat.Dense
	sum.Add(a, a.T())
	var want mat.Dense
	want.Mul(&sum, x)
	equalDense(t, "d/dx xᵀAx", X.Grad(), &want, 1e-13)
	var outer mat.Dense
	outer.Mul(x, x.T())
	equalDense(t, "d/dA xᵀAx", A.Grad(), &outer, 1e-13)
	if v := mat.Inner(x.ColView(0), a, x.ColView(0)); !near(y.Value(), v, 1e-14) {
		t.Errorf("xᵀAx = %g, want %g", y.Value(), v)
	}

	// The same gradient through Grad, with x as scalar variables.
	g := Grad(func(xs []*Var) *Var {
		c := Column(xs)
		return c.Dot(c.Tape().Mat(a).Mul(c))
	}, mat.Col(nil, 0, x))
	equalDense(t, "Grad of xᵀAx", mat.NewDense(n, 1, g), &want, 1e-13)
}

// TestFactorization checks d/dV ‖X−UV‖² = −2Uᵀ(X−UV) and its companions
// d/dU = −2(X−UV)Vᵀ and d/dX = 2(X−UV).
func TestFactorization(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	x, u, v := randDense(r, 5, 3), randDense(r, 5, 2), randDense(r, 2, 3)
	tp := NewTape()
	X, U, V := tp.Mat(x), tp.Mat(u), tp.Mat(v)
	y := X.Sub(U.Mul(V)).NormSq()
	y.Backward()

	var res mat.Dense
	res.Mul(u, v)
	res.Sub(x, &res)
	var gv, gu, gx mat.Dense
	gv.Mul(u.T(), &res)
	gv.Scale(-2, &gv)
	gu.Mul(&res, v.T())
	gu.Scale(-2, &gu)
	gx.Scale(2, &res)
	equalDense(t, "d/dV", V.Grad(), &gv, 1e-13)
	equalDense(t, "d/dU", U.Grad(), &gu, 1e-13)
	equalDense(t, "d/dX", X.Grad(), &gx, 1e-13)
	if n := mat.Norm(&res, 2); !near(y.Value(), n*n, 1e-13) {
		t.Errorf("‖X−UV‖² = %g, want %g", y.Value(), n*n)
	}
	// Backward again from another output: no stale matrix gradient.
	z := V.Sum()
	z.Backward()
	equalDense(t, "d/dU of Sum(V)", U.Grad(), mat.NewDense(5, 2, nil), 0)
	equalDense(t, "d/dV of Sum(V)", V.Grad(), onesLike(v), 0)
}

func onesLike(a mat.Matrix) *mat.Dense {
	r, c := a.Dims()
	d := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			d.Set(i, j, 1)
		}
	}
	return d
}

// TestMatOpsAgainstFD checks every matrix operation against central finite
// differences of the same formula written with plain gonum calls.
func TestMatOpsAgainstFD(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	m0 := randDense(r, 3, 2)
	b := randDense(r, 3, 2)
	const s0 = 0.7
	cases := []struct {
		name  string
		ad    func(m *Mat, s *Var) *Var
		plain func(m *mat.Dense, s float64) float64
	}{
		{"Map Sin Sum", func(m *Mat, s *Var) *Var { return m.Map(Dual.Sin).Sum() },
			func(m *mat.Dense, s float64) float64 {
				var sum float64
				for _, e := range m.RawMatrix().Data {
					sum += math.Sin(e)
				}
				return sum
			}},
		{"MulElem Dot Scale", func(m *Mat, s *Var) *Var { return m.Dot(m.Scale(2).MulElem(m)) },
			func(m *mat.Dense, s float64) float64 {
				var sum float64
				for _, e := range m.RawMatrix().Data {
					sum += 2 * e * e * e
				}
				return sum
			}},
		{"T Mul NormSq", func(m *Mat, s *Var) *Var { return m.T().Mul(m).NormSq() },
			func(m *mat.Dense, s float64) float64 {
				var g mat.Dense
				g.Mul(m.T(), m)
				n := mat.Norm(&g, 2)
				return n * n
			}},
		{"ScaleBy Add Sub", func(m *Mat, s *Var) *Var {
			c := m.Tape().Mat(b)
			return m.ScaleBy(s).Add(c).Sub(m.Map(Dual.Exp)).Map(Dual.Square).Sum()
		},
			func(m *mat.Dense, s float64) float64 {
				var sum float64
				for i := range 3 {
					for j := range 2 {
						e := s*m.At(i, j) + b.At(i, j) - math.Exp(m.At(i, j))
						sum += e * e
					}
				}
				return sum
			}},
		{"MapVar Sum", func(m *Mat, s *Var) *Var { return m.MapVar(func(x *Var) *Var { return x.Mul(s).Exp() }).Sum() },
			func(m *mat.Dense, s float64) float64 {
				var sum float64
				for _, e := range m.RawMatrix().Data {
					sum += math.Exp(e * s)
				}
				return sum
			}},
		{"At mixes scalars", func(m *Mat, s *Var) *Var { return m.At(2, 1).Mul(s).Sin().Add(m.At(0, 0).Square()) },
			func(m *mat.Dense, s float64) float64 { return math.Sin(m.At(2, 1)*s) + m.At(0, 0)*m.At(0, 0) }},
	}
	for _, c := range cases {
		tp := NewTape()
		m, s := tp.Mat(m0), tp.Var(s0)
		y := c.ad(m, s)
		y.Backward()
		p := append(append([]float64(nil), m0.RawMatrix().Data...), s0)
		plain := func(p []float64) float64 {
			return c.plain(mat.NewDense(3, 2, append([]float64(nil), p[:6]...)), p[6])
		}
		if v := plain(p); !near(y.Value(), v, 1e-13) {
			t.Errorf("%s: value %g, want %g", c.name, y.Value(), v)
		}
		want := fd.Gradient(nil, plain, p, &fd.Settings{Formula: fd.Central, Step: 1e-6})
		got := append(append([]float64(nil), m.Grad().RawMatrix().Data...), s.Grad())
		if i := closeVec(got, want, 1e-7); i >= 0 {
			t.Errorf("%s: gradient[%d] = %g, central fd %g", c.name, i, got[i], want[i])
		}
	}
}

func TestMatFormat(t *testing.T) {
	tp := NewTape()
	m := tp.Mat(mat.NewDense(2, 2, []float64{1, 2, 3, 4}))
	if got, want := m.String(), "⎡1  2⎤\n⎣3  4⎦"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if r, c := m.T().Dims(); r != 2 || c != 2 || m.Tape() != tp {
		t.Errorf("Dims %d×%d", r, c)
	}
}
