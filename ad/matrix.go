package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Mat is a matrix-valued variable on a Tape: a value (a gonum *mat.Dense)
// and, after Backward on a scalar result, the gradient of that result with
// respect to every element. Its operations record themselves on the tape
// like those of Var, and mix with scalar variables through At, Sum, Dot,
// NormSq, ScaleBy and Column. Diff, and so Hessian and HVP, do not support
// Mat operations yet.
type Mat struct {
	slot *Var // placeholder on the tape; slot.g != 0 marks grad as current
	val  *mat.Dense
	grad *mat.Dense
	back func(g *mat.Dense) // adds g's contribution to the parents
}

// Mat returns a new leaf matrix variable holding a copy of a.
func (t *Tape) Mat(a mat.Matrix) *Mat {
	return t.newMat(mat.DenseCopyOf(a), nil)
}

// newMat records a matrix node with value v whose backward step is back.
func (t *Tape) newMat(v *mat.Dense, back func(g *mat.Dense)) *Mat {
	m := &Mat{val: v, back: back}
	m.slot = t.node(opExt, 0, nil, 0, nil, 0)
	m.slot.d0 = float64(len(t.ext)) // no parents: d0 holds the index
	t.ext = append(t.ext, func(float64) {
		if m.back != nil {
			m.back(m.grad)
		}
	})
	return m
}

// newScalar records a scalar computed from matrices, whose backward step
// is back.
func (t *Tape) newScalar(v float64, back func(g float64)) *Var {
	s := t.node(opExt, v, nil, 0, nil, 0)
	s.d0 = float64(len(t.ext))
	t.ext = append(t.ext, back)
	return s
}

// touch returns m's gradient matrix, zeroed if this is the first
// contribution of the current backward pass.
func (m *Mat) touch() *mat.Dense {
	if m.slot.g == 0 {
		if m.grad == nil {
			r, c := m.val.Dims()
			m.grad = mat.NewDense(r, c, nil)
		} else {
			m.grad.Zero()
		}
		m.slot.g = 1
	}
	return m.grad
}

// addGrad adds a to m's gradient.
func (m *Mat) addGrad(a mat.Matrix) {
	g := m.touch()
	g.Add(g, a)
}

// same panics unless b is a matrix on m's tape with the shape r×c
// (a negative r or c is not checked).
func (m *Mat) same(who string, b *Mat, r, c int) {
	if b == nil {
		panic("ad: " + who + ": nil *Mat operand")
	}
	if b.slot.t != m.slot.t {
		panic("ad: " + who + ": matrices are on different tapes; make them with the same Tape")
	}
	br, bc := b.val.Dims()
	if (r >= 0 && br != r) || (c >= 0 && bc != c) {
		ar, ac := m.val.Dims()
		panic(fmt.Sprintf("ad: %s: shapes %d×%d and %d×%d do not match", who, ar, ac, br, bc))
	}
}

// Column returns the n×1 column vector of the variables x, which must be on
// one tape.
func Column(x []*Var) *Mat {
	if len(x) == 0 {
		panic("ad: Column of no variables")
	}
	v := mat.NewDense(len(x), 1, nil)
	for i, xi := range x {
		x[0].same(xi)
		v.Set(i, 0, xi.v)
	}
	return x[0].t.newMat(v, func(g *mat.Dense) {
		for i, xi := range x {
			xi.g += g.At(i, 0)
		}
	})
}

// Tape returns the tape m is recorded on.
func (m *Mat) Tape() *Tape { return m.slot.t }

// Dims returns the number of rows and columns of m.
func (m *Mat) Dims() (r, c int) { return m.val.Dims() }

// Value returns a copy of the value of m.
func (m *Mat) Value() *mat.Dense { return mat.DenseCopyOf(m.val) }

// Grad returns a copy of ∂y/∂m for the y of the last Backward on m's tape
// (zeros if y does not depend on m).
func (m *Mat) Grad() *mat.Dense {
	r, c := m.val.Dims()
	if m.slot.g == 0 {
		return mat.NewDense(r, c, nil)
	}
	return mat.DenseCopyOf(m.grad)
}

// String returns the value of m formatted by gonum's mat.Formatted.
func (m *Mat) String() string { return fmt.Sprintf("%v", mat.Formatted(m.val)) }

// At returns element (i, j) of m as a scalar variable.
func (m *Mat) At(i, j int) *Var {
	r, c := m.val.Dims()
	if i < 0 || i >= r || j < 0 || j >= c {
		panic(fmt.Sprintf("ad: At(%d, %d) outside a %d×%d matrix", i, j, r, c))
	}
	return m.slot.t.newScalar(m.val.At(i, j), func(g float64) {
		gm := m.touch()
		gm.Set(i, j, gm.At(i, j)+g)
	})
}

// T returns the transpose of m.
func (m *Mat) T() *Mat {
	return m.slot.t.newMat(mat.DenseCopyOf(m.val.T()), func(g *mat.Dense) {
		m.addGrad(g.T())
	})
}

// Mul returns the matrix product m·b.
func (m *Mat) Mul(b *Mat) *Mat {
	_, c := m.val.Dims()
	m.same("Mul", b, c, -1)
	var v mat.Dense
	v.Mul(m.val, b.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		var ga, gb mat.Dense
		ga.Mul(g, b.val.T())
		gb.Mul(m.val.T(), g)
		m.addGrad(&ga)
		b.addGrad(&gb)
	})
}

// Add returns m+b.
func (m *Mat) Add(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("Add", b, r, c)
	var v mat.Dense
	v.Add(m.val, b.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		m.addGrad(g)
		b.addGrad(g)
	})
}

// Sub returns m-b.
func (m *Mat) Sub(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("Sub", b, r, c)
	var v mat.Dense
	v.Sub(m.val, b.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		m.addGrad(g)
		var ng mat.Dense
		ng.Scale(-1, g)
		b.addGrad(&ng)
	})
}

// MulElem returns the element-wise (Hadamard) product of m and b.
func (m *Mat) MulElem(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("MulElem", b, r, c)
	var v mat.Dense
	v.MulElem(m.val, b.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		var ga, gb mat.Dense
		ga.MulElem(g, b.val)
		gb.MulElem(g, m.val)
		m.addGrad(&ga)
		b.addGrad(&gb)
	})
}

// Scale returns c·m.
func (m *Mat) Scale(c float64) *Mat {
	var v mat.Dense
	v.Scale(c, m.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		var gs mat.Dense
		gs.Scale(c, g)
		m.addGrad(&gs)
	})
}

// ScaleBy returns s·m for a scalar variable s on m's tape.
func (m *Mat) ScaleBy(s *Var) *Mat {
	m.slot.same(s)
	var v mat.Dense
	v.Scale(s.v, m.val)
	return m.slot.t.newMat(&v, func(g *mat.Dense) {
		var gs mat.Dense
		gs.Scale(s.v, g)
		m.addGrad(&gs)
		s.g += mat.Sum(mulElem(g, m.val))
	})
}

// Map returns the matrix f(mᵢⱼ), applying the scalar function f element by
// element; the derivative of f comes from evaluating it on dual numbers, so
// any function written with Dual methods works, e.g. m.Map(ad.Dual.Tanh).
func (m *Mat) Map(f func(Dual) Dual) *Mat {
	r, c := m.val.Dims()
	v := mat.NewDense(r, c, nil)
	d := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			y := f(Dual{V: m.val.At(i, j), D: 1})
			v.Set(i, j, y.V)
			d.Set(i, j, y.D)
		}
	}
	return m.slot.t.newMat(v, func(g *mat.Dense) {
		m.addGrad(mulElem(g, d))
	})
}

// Sum returns the sum of the elements of m.
func (m *Mat) Sum() *Var {
	return m.slot.t.newScalar(mat.Sum(m.val), func(g float64) {
		gm := m.touch()
		r, c := gm.Dims()
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				gm.Set(i, j, gm.At(i, j)+g)
			}
		}
	})
}

// Dot returns the Frobenius inner product Σᵢⱼ mᵢⱼbᵢⱼ (for vectors, the dot
// product).
func (m *Mat) Dot(b *Mat) *Var {
	r, c := m.val.Dims()
	m.same("Dot", b, r, c)
	return m.slot.t.newScalar(mat.Sum(mulElem(m.val, b.val)), func(g float64) {
		var ga, gb mat.Dense
		ga.Scale(g, b.val)
		gb.Scale(g, m.val)
		m.addGrad(&ga)
		b.addGrad(&gb)
	})
}

// NormSq returns the squared Frobenius norm Σᵢⱼ mᵢⱼ² of m.
func (m *Mat) NormSq() *Var {
	return m.slot.t.newScalar(mat.Sum(mulElem(m.val, m.val)), func(g float64) {
		var gm mat.Dense
		gm.Scale(2*g, m.val)
		m.addGrad(&gm)
	})
}

func mulElem(a, b mat.Matrix) *mat.Dense {
	var p mat.Dense
	p.MulElem(a, b)
	return &p
}
