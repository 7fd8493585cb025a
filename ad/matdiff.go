package ad

import "gonum.org/v1/gonum/mat"

// ext adds to the adjoints of the operands of the matrix operation n,
// recorded in the tape slot s, its contributions as new variables (the
// rules of extNode.backward, written with Mat and Var operations so that
// they can be differentiated again).
func (d *differ) ext(n *extNode, s *Var) {
	var A *Mat // adjoint of a matrix result
	var a *Var // adjoint of a scalar result
	if n.out != nil {
		if A = d.adjM[s.idx]; A == nil {
			return
		}
	} else if a = d.adj[s.idx]; a == nil {
		return
	}
	t := s.t
	switch n.op {
	case mLeaf:
	case mVars:
		_, c := A.Dims()
		for k, x := range n.xs {
			d.addV(x, A.At(k/c, k%c))
		}
	case mT:
		d.addM(n.a, A.T())
	case mMul:
		d.addM(n.a, A.Mul(n.b.T()))
		d.addM(n.b, n.a.T().Mul(A))
	case mAdd:
		d.addM(n.a, A)
		d.addM(n.b, A)
	case mSub:
		d.addM(n.a, A)
		d.addM(n.b, A.Scale(-1))
	case mMulElem:
		d.addM(n.a, A.MulElem(n.b))
		d.addM(n.b, A.MulElem(n.a))
	case mScale:
		d.addM(n.a, A.Scale(n.c))
	case mScaleBy:
		d.addM(n.a, A.ScaleBy(n.s))
		d.addV(n.s, A.Dot(n.a))
	case mMap:
		panic("ad: Diff (and Hessian, HVP) cannot differentiate Mat.Map twice; use Mat.MapVar, which records f on scalar variables")
	case sAt:
		r, c := n.a.Dims()
		e := mat.NewDense(r, c, nil)
		e.Set(n.i, n.j, 1)
		d.addM(n.a, t.Mat(e).ScaleBy(a))
	case sSum:
		d.addM(n.a, t.Mat(ones(n.a.Dims())).ScaleBy(a))
	case sDot:
		d.addM(n.a, n.b.ScaleBy(a))
		d.addM(n.b, n.a.ScaleBy(a))
	case sNormSq:
		d.addM(n.a, n.a.ScaleBy(a).Scale(2))
	}
}
