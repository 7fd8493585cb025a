package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Mat is a matrix-valued variable on a Tape: a value (a gonum *mat.Dense)
// and, after Backward on a scalar result, the gradient of that result with
// respect to every element. Its operations record themselves on the tape
// like those of Var, and mix with scalar variables through Matrix, Column,
// At, Sum, Dot, NormSq and ScaleBy. Diff (and so Hessian and HVP) works
// through every operation except Map; use MapVar there.
type Mat struct {
	slot *Var // placeholder on the tape; slot.g != 0 marks grad as current
	val  *mat.Dense
	grad *mat.Dense
}

// matOp says how an extension node (a matrix, or a scalar computed from
// matrices) was computed.
type matOp uint8

const (
	mLeaf matOp = iota
	mVars       // Matrix, Column: elements are scalar variables
	mT
	mMul
	mAdd
	mSub
	mMulElem
	mScale
	mScaleBy
	mMap
	sAt // scalar-valued from here on
	sSum
	sDot
	sNormSq
)

// extNode records one matrix operation: its result (out for a matrix, the
// tape slot for a scalar) and its operands.
type extNode struct {
	op   matOp
	out  *Mat
	a, b *Mat
	s    *Var   // ScaleBy
	xs   []*Var // mVars, row-major
	c    float64
	i, j int
	d    *mat.Dense // Map: element-wise derivative
}

// Mat returns a new leaf matrix variable holding a copy of a.
func (t *Tape) Mat(a mat.Matrix) *Mat {
	return t.newMat(mat.DenseCopyOf(a), &extNode{op: mLeaf})
}

// newMat records the matrix node n with value v.
func (t *Tape) newMat(v *mat.Dense, n *extNode) *Mat {
	m := &Mat{val: v}
	n.out = m
	m.slot = t.newExt(0, n)
	return m
}

// newExt records n on the tape in a slot with value v.
func (t *Tape) newExt(v float64, n *extNode) *Var {
	s := t.node(opExt, v, nil, 0, nil, 0)
	s.d0 = float64(len(t.ext)) // no parents: d0 holds the index
	t.ext = append(t.ext, n)
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

// addGrad adds c·a to m's gradient.
func (m *Mat) addGrad(c float64, a mat.Matrix) {
	g := m.touch()
	r, cols := g.Dims()
	for i := range r {
		for j := range cols {
			g.Set(i, j, g.At(i, j)+c*a.At(i, j))
		}
	}
}

// backward propagates the adjoint g of a scalar node, or the gradient of a
// matrix node, to the operands.
func (n *extNode) backward(g float64) {
	var G *mat.Dense
	if n.out != nil {
		G = n.out.grad
	}
	switch n.op {
	case mVars:
		_, c := G.Dims()
		for k, x := range n.xs {
			x.g += G.At(k/c, k%c)
		}
	case mT:
		n.a.addGrad(1, G.T())
	case mMul:
		var ga, gb mat.Dense
		ga.Mul(G, n.b.val.T())
		gb.Mul(n.a.val.T(), G)
		n.a.addGrad(1, &ga)
		n.b.addGrad(1, &gb)
	case mAdd, mSub:
		n.a.addGrad(1, G)
		n.b.addGrad(n.c, G)
	case mMulElem:
		n.a.addGrad(1, mulElem(G, n.b.val))
		n.b.addGrad(1, mulElem(G, n.a.val))
	case mScale:
		n.a.addGrad(n.c, G)
	case mScaleBy:
		n.a.addGrad(n.s.v, G)
		n.s.g += mat.Sum(mulElem(G, n.a.val))
	case mMap:
		n.a.addGrad(1, mulElem(G, n.d))
	case sAt:
		gm := n.a.touch()
		gm.Set(n.i, n.j, gm.At(n.i, n.j)+g)
	case sSum:
		n.a.addGrad(g, ones(n.a.val.Dims()))
	case sDot:
		n.a.addGrad(g, n.b.val)
		n.b.addGrad(g, n.a.val)
	case sNormSq:
		n.a.addGrad(2*g, n.a.val)
	}
}

// same panics unless b is a matrix on m's tape with the shape r×c
// (a negative r or c is not checked).
func (m *Mat) same(who string, b *Mat, r, c int) {
	if m == nil || b == nil {
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

// Matrix returns the r×c matrix whose elements, in row-major order, are the
// variables x, which must be on one tape.
func Matrix(r, c int, x []*Var) *Mat {
	if r <= 0 || c <= 0 || len(x) != r*c {
		panic(fmt.Sprintf("ad: Matrix(%d, %d) needs %d > 0 variables, got %d", r, c, r*c, len(x)))
	}
	v := mat.NewDense(r, c, nil)
	for k, xk := range x {
		x[0].same(xk)
		v.Set(k/c, k%c, xk.v)
	}
	return x[0].t.newMat(v, &extNode{op: mVars, xs: append([]*Var(nil), x...)})
}

// Column returns the n×1 column vector of the variables x, which must be on
// one tape.
func Column(x []*Var) *Mat {
	if len(x) == 0 {
		panic("ad: Column of no variables")
	}
	return Matrix(len(x), 1, x)
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
	if m.slot.g == 0 {
		r, c := m.val.Dims()
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
	return m.slot.t.newExt(m.val.At(i, j), &extNode{op: sAt, a: m, i: i, j: j})
}

// T returns the transpose of m.
func (m *Mat) T() *Mat {
	return m.slot.t.newMat(mat.DenseCopyOf(m.val.T()), &extNode{op: mT, a: m})
}

// Mul returns the matrix product m·b.
func (m *Mat) Mul(b *Mat) *Mat {
	_, c := m.val.Dims()
	m.same("Mul", b, c, -1)
	var v mat.Dense
	v.Mul(m.val, b.val)
	return m.slot.t.newMat(&v, &extNode{op: mMul, a: m, b: b})
}

// Add returns m+b.
func (m *Mat) Add(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("Add", b, r, c)
	var v mat.Dense
	v.Add(m.val, b.val)
	return m.slot.t.newMat(&v, &extNode{op: mAdd, a: m, b: b, c: 1})
}

// Sub returns m-b.
func (m *Mat) Sub(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("Sub", b, r, c)
	var v mat.Dense
	v.Sub(m.val, b.val)
	return m.slot.t.newMat(&v, &extNode{op: mSub, a: m, b: b, c: -1})
}

// MulElem returns the element-wise (Hadamard) product of m and b.
func (m *Mat) MulElem(b *Mat) *Mat {
	r, c := m.val.Dims()
	m.same("MulElem", b, r, c)
	return m.slot.t.newMat(mulElem(m.val, b.val), &extNode{op: mMulElem, a: m, b: b})
}

// Scale returns c·m.
func (m *Mat) Scale(c float64) *Mat {
	var v mat.Dense
	v.Scale(c, m.val)
	return m.slot.t.newMat(&v, &extNode{op: mScale, a: m, c: c})
}

// ScaleBy returns s·m for a scalar variable s on m's tape.
func (m *Mat) ScaleBy(s *Var) *Mat {
	m.slot.same(s)
	var v mat.Dense
	v.Scale(s.v, m.val)
	return m.slot.t.newMat(&v, &extNode{op: mScaleBy, a: m, s: s})
}

// Map returns the matrix f(mᵢⱼ), applying f element by element. The
// derivative of f comes from one evaluation on dual numbers, so it is fast
// but first order only: Diff, Hessian and HVP panic on it. MapVar is the
// variant for higher derivatives. Any function written with Dual methods
// works, e.g. m.Map(func(x ad.Dual) ad.Dual { return x.Tanh() }). (Compiled
// code may pass the method expression ad.Dual.Tanh; yaegi v0.16.1 mis-calls
// method expressions of compiled types, so notebook cells need the literal.)
func (m *Mat) Map(f func(Dual) Dual) *Mat {
	r, c := m.val.Dims()
	v := mat.NewDense(r, c, nil)
	d := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			y := f(Dual{V: m.val.At(i, j), D: 1})
			v.Set(i, j, y.V)
			d.Set(i, j, y.D)
		}
	}
	return m.slot.t.newMat(v, &extNode{op: mMap, a: m, d: d})
}

// MapVar returns the matrix f(mᵢⱼ), applying f element by element on
// scalar variables, so derivatives of every order exist (at the price of
// recording f once per element), e.g.
// m.MapVar(func(x *ad.Var) *ad.Var { return x.Tanh() }).
func (m *Mat) MapVar(f func(*Var) *Var) *Mat {
	r, c := m.val.Dims()
	xs := make([]*Var, 0, r*c)
	for i := range r {
		for j := range c {
			xs = append(xs, f(m.At(i, j)))
		}
	}
	return Matrix(r, c, xs)
}

// Sum returns the sum of the elements of m.
func (m *Mat) Sum() *Var {
	return m.slot.t.newExt(mat.Sum(m.val), &extNode{op: sSum, a: m})
}

// Dot returns the Frobenius inner product Σᵢⱼ mᵢⱼbᵢⱼ (for vectors, the dot
// product).
func (m *Mat) Dot(b *Mat) *Var {
	r, c := m.val.Dims()
	m.same("Dot", b, r, c)
	return m.slot.t.newExt(mat.Sum(mulElem(m.val, b.val)), &extNode{op: sDot, a: m, b: b})
}

// NormSq returns the squared Frobenius norm Σᵢⱼ mᵢⱼ² of m.
func (m *Mat) NormSq() *Var {
	return m.slot.t.newExt(mat.Sum(mulElem(m.val, m.val)), &extNode{op: sNormSq, a: m})
}

func mulElem(a, b mat.Matrix) *mat.Dense {
	var p mat.Dense
	p.MulElem(a, b)
	return &p
}

func ones(r, c int) *mat.Dense {
	d := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			d.Set(i, j, 1)
		}
	}
	return d
}
