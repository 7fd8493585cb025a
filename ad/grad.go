package ad

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Grad returns the gradient of f at x, computed by reverse mode on a new
// tape. To differentiate the same function many times without allocating,
// use (*Tape).Grad.
func Grad(f func([]*Var) *Var, x []float64) []float64 {
	return NewTape().Grad(nil, f, x)
}

// ValueAndGrad returns f(x) and the gradient of f at x, from one
// evaluation of f.
func ValueAndGrad(f func([]*Var) *Var, x []float64) (float64, []float64) {
	return NewTape().ValueAndGrad(nil, f, x)
}

// Grad resets t, evaluates f at x on t and stores the gradient in dst,
// which it returns. If dst is nil a new slice is allocated; otherwise it
// must have len(x) elements. Once t has grown to the size of f, Grad does
// not allocate.
func (t *Tape) Grad(dst []float64, f func([]*Var) *Var, x []float64) []float64 {
	_, dst = t.ValueAndGrad(dst, f, x)
	return dst
}

// ValueAndGrad is like Grad and also returns f(x).
func (t *Tape) ValueAndGrad(dst []float64, f func([]*Var) *Var, x []float64) (float64, []float64) {
	dst = checkDst("Grad", dst, len(x))
	xs := t.leavesFor(x)
	y := f(xs)
	t.check("f", y)
	t.zeroAll()
	y.g = 1
	t.sweep(int(y.idx))
	for i, xi := range xs {
		dst[i] = xi.g
	}
	return y.v, dst
}

// leavesFor resets t and returns leaves with values x in a reused slice.
func (t *Tape) leavesFor(x []float64) []*Var {
	t.Reset()
	if cap(t.leaves) < len(x) {
		t.leaves = make([]*Var, len(x))
	}
	xs := t.leaves[:len(x)]
	for i, xi := range x {
		xs[i] = t.Var(xi)
	}
	return xs
}

// check panics unless y is a variable on t.
func (t *Tape) check(what string, y *Var) {
	if y == nil {
		panic("ad: " + what + " returned a nil *Var")
	}
	if y.t != t {
		panic("ad: " + what + " returned a variable of another tape; build the result from the variables it was given (use x[0].Const(c) for constants)")
	}
}

func checkDst(who string, dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("ad: %s: len(dst) = %d, want len(x) = %d", who, len(dst), n))
	}
	return dst
}

// Jacobian returns the m×n Jacobian matrix of f: ℝⁿ→ℝᵐ at x, with element
// (i, j) = ∂fᵢ/∂xⱼ, from one evaluation of f and m backward passes.
func Jacobian(f func([]*Var) []*Var, x []float64) *mat.Dense {
	t := NewTape()
	xs := t.Vars(x)
	ys := f(xs)
	if len(ys) == 0 || len(x) == 0 {
		panic("ad: Jacobian of a function with no inputs or no outputs")
	}
	jac := mat.NewDense(len(ys), len(x), nil)
	for i, y := range ys {
		t.check("f", y)
		t.zeroAll()
		y.g = 1
		t.sweep(int(y.idx))
		for j, xj := range xs {
			jac.Set(i, j, xj.g)
		}
	}
	return jac
}

// VJP returns y = f(x) and the vector-Jacobian product uᵀJ(x), with one
// evaluation of f and one backward pass. It panics unless len(u) equals
// the number of outputs of f.
func VJP(f func([]*Var) []*Var, x, u []float64) (y, uJ []float64) {
	t := NewTape()
	xs := t.Vars(x)
	ys := f(xs)
	if len(u) != len(ys) {
		panic(fmt.Sprintf("ad: VJP: len(u) = %d, want the number of outputs of f, %d", len(u), len(ys)))
	}
	y = make([]float64, len(ys))
	for i, yi := range ys {
		t.check("f", yi)
		y[i] = yi.v
	}
	t.seedSweep(ys, u)
	uJ = make([]float64, len(x))
	for j, xj := range xs {
		uJ[j] = xj.g
	}
	return y, uJ
}

// seedSweep sets the adjoint of each ys[i] to w[i] (summing repeats) and
// propagates them to the leaves.
func (t *Tape) seedSweep(ys []*Var, w []float64) {
	top := -1
	for _, y := range ys {
		top = max(top, int(y.idx))
	}
	t.zeroAll()
	for i, y := range ys {
		y.g += w[i]
	}
	t.sweep(top)
}

// HVP returns the Hessian-vector product ∇²f(x)·v, exactly, by reverse mode
// over the reverse-mode gradient. It panics unless len(v) == len(x).
func HVP(f func([]*Var) *Var, x, v []float64) []float64 {
	if len(v) != len(x) {
		panic(fmt.Sprintf("ad: HVP: len(v) = %d, want len(x) = %d", len(v), len(x)))
	}
	t := NewTape()
	xs := t.Vars(x)
	y := f(xs)
	t.check("f", y)
	g := Diff(y, xs)
	t.seedSweep(g, v)
	hv := make([]float64, len(x))
	for j, xj := range xs {
		hv[j] = xj.g
	}
	return hv
}

// Hessian returns the exact Hessian matrix of f at x, by reverse mode over
// the reverse-mode gradient: one evaluation of f, one Diff and n backward
// passes. The result is symmetric by construction; where rounding makes
// ∂²f/∂xᵢ∂xⱼ and ∂²f/∂xⱼ∂xᵢ differ, their mean is stored.
func Hessian(f func([]*Var) *Var, x []float64) *mat.SymDense {
	h := mat.NewSymDense(len(x), nil)
	hessianInto(h, NewTape(), f, x)
	return h
}

// hessianInto stores the Hessian of f at x in h, using t.
func hessianInto(h *mat.SymDense, t *Tape, f func([]*Var) *Var, x []float64) {
	n := len(x)
	if h.SymmetricDim() != n {
		panic(fmt.Sprintf("ad: Hessian: matrix is %d×%d, want %d×%d", h.SymmetricDim(), h.SymmetricDim(), n, n))
	}
	xs := t.leavesFor(x)
	y := f(xs)
	t.check("f", y)
	g := Diff(y, xs)
	for i, gi := range g {
		t.zeroAll()
		gi.g = 1
		t.sweep(int(gi.idx))
		for j, xj := range xs {
			switch {
			case j < i: // (j, i) holds ∂²f/∂xⱼ∂xᵢ from row j
				h.SetSym(j, i, (h.At(j, i)+xj.g)/2)
			default:
				h.SetSym(i, j, xj.g)
			}
		}
	}
}
