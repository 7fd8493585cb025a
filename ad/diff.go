package ad

import (
	"fmt"
	"math"
)

// Diff returns the gradient of y with respect to x as new variables on y's
// tape: Diff(y, x)[i] is ∂y/∂x[i], itself a function of the variables on
// the tape. Differentiating it again (with Backward or another Diff) gives
// second and higher derivatives (reverse over reverse). A variable that y
// does not depend on gets the constant 0.
//
// Diff panics if x holds a variable of another tape, or if y depends on
// Mat.Map (use Mat.MapVar instead).
func Diff(y *Var, x []*Var) []*Var {
	if y == nil {
		panic("ad: Diff of a nil *Var")
	}
	for _, xi := range x {
		y.same(xi)
	}
	t := y.t
	top := int(y.idx)
	d := &differ{adj: make([]*Var, top+1)}
	d.adj[top] = t.Const(1)
	last := t.chunkOf(top)
	for k := last; k >= 0; k-- {
		c := t.chunks[k]
		if k == last {
			c = c[:top-t.starts[k]+1]
		}
		for i := len(c) - 1; i >= 0; i-- {
			n := &c[i]
			switch {
			case n.op <= opConst:
			case n.op == opExt:
				d.ext(t.ext[int(n.d0)], n)
			case d.adj[n.idx] != nil:
				a0, a1 := n.adjoints(d.adj[n.idx])
				d.addV(n.p0, a0)
				if n.p1 != nil {
					d.addV(n.p1, a1)
				}
			}
		}
	}
	g := make([]*Var, len(x))
	for i, xi := range x {
		if int(xi.idx) <= top { // later variables cannot influence y
			g[i] = d.adj[xi.idx]
		}
		if g[i] == nil {
			g[i] = t.Const(0)
		}
	}
	return g
}

// differ holds the adjoints, as variables, of one Diff: adj for scalar
// nodes and adjM for matrix nodes, by tape position (nil means zero).
type differ struct {
	adj  []*Var
	adjM map[int32]*Mat
}

// addV adds the contribution a (nil means none) to the adjoint of p.
func (d *differ) addV(p, a *Var) {
	if a == nil {
		return
	}
	if q := d.adj[p.idx]; q != nil {
		a = q.Add(a)
	}
	d.adj[p.idx] = a
}

// addM adds the contribution a to the adjoint of the matrix m.
func (d *differ) addM(m, a *Mat) {
	if d.adjM == nil {
		d.adjM = make(map[int32]*Mat)
	}
	if q := d.adjM[m.slot.idx]; q != nil {
		a = q.Add(a)
	}
	d.adjM[m.slot.idx] = a
}

// adjoints returns a·∂n/∂p0 and a·∂n/∂p1 as variables, built from the
// operands of n so that they can be differentiated again.
func (n *Var) adjoints(a *Var) (a0, a1 *Var) {
	x, y := n.p0, n.p1
	switch n.op {
	case opAdd:
		return a, a
	case opSub:
		return a, a.Neg()
	case opMul:
		return a.Mul(y), a.Mul(x)
	case opDiv:
		return a.Div(y), a.Mul(n).Div(y).Neg()
	case opNeg:
		return a.Neg(), nil
	case opScale:
		return a.Scale(n.d1), nil
	case opAddConst:
		return a, nil
	case opPow:
		switch n.d1 {
		case 0:
			return nil, nil
		case 1:
			return a, nil
		}
		return a.Mul(x.Pow(n.d1 - 1)).Scale(n.d1), nil
	case opSquare:
		return a.Mul(x).Scale(2), nil
	case opSqrt:
		return a.Div(n).Scale(0.5), nil
	case opExp:
		return a.Mul(n), nil
	case opExpm1:
		return a.Mul(n.AddConst(1)), nil
	case opLog:
		if x.v < 0 {
			return a.Scale(math.NaN()), nil
		}
		return a.Div(x), nil
	case opLog1p:
		if x.v < -1 {
			return a.Scale(math.NaN()), nil
		}
		return a.Div(x.AddConst(1)), nil
	case opSin:
		return a.Mul(x.Cos()), nil
	case opCos:
		return a.Mul(x.Sin()).Neg(), nil
	case opTan:
		return a.Mul(n.Square().AddConst(1)), nil
	case opAsin:
		return a.Div(x.Square().Neg().AddConst(1).Sqrt()), nil
	case opAcos:
		return a.Div(x.Square().Neg().AddConst(1).Sqrt()).Neg(), nil
	case opAtan:
		return a.Div(x.Square().AddConst(1)), nil
	case opSinh:
		return a.Mul(x.Cosh()), nil
	case opCosh:
		return a.Mul(x.Sinh()), nil
	case opTanh:
		return a.Mul(n.Square().Neg().AddConst(1)), nil
	case opSigmoid:
		return a.Mul(n.Mul(n.Neg().AddConst(1))), nil
	case opAbs:
		return a.Scale(sign(x.v)), nil
	}
	panic(fmt.Sprintf("ad: internal error: Diff meets unknown operation %d", n.op))
}
