package ad

import (
	"fmt"
	"math"
)

// same panics unless y is a variable on x's tape.
func (x *Var) same(y *Var) {
	if y == nil || x == nil {
		panic("ad: nil *Var operand; make variables with (*Tape).Var or x.Const")
	}
	if y.t != x.t {
		panic(fmt.Sprintf("ad: operands are on different tapes (%p and %p); make all variables of one computation on the same Tape, with x.Tape().Var or x.Const", x.t, y.t))
	}
}

// val returns the value of x, for the unary operations.
func (x *Var) val() float64 {
	if x == nil {
		panic("ad: method called on a nil *Var; make variables with (*Tape).Var or x.Const")
	}
	return x.v
}

// unary records a function of x with value v and derivative d.
func (x *Var) unary(o op, v, d float64) *Var { return x.t.node(o, v, x, d, nil, 0) }

// Const returns the constant c on x's tape.
func (x *Var) Const(c float64) *Var {
	x.val() // nil check
	return x.t.Const(c)
}

// Add returns x+y.
func (x *Var) Add(y *Var) *Var {
	x.same(y)
	return x.t.node(opAdd, x.v+y.v, x, 1, y, 1)
}

// Sub returns x-y.
func (x *Var) Sub(y *Var) *Var {
	x.same(y)
	return x.t.node(opSub, x.v-y.v, x, 1, y, -1)
}

// Mul returns x·y.
func (x *Var) Mul(y *Var) *Var {
	x.same(y)
	return x.t.node(opMul, x.v*y.v, x, y.v, y, x.v)
}

// Div returns x/y.
func (x *Var) Div(y *Var) *Var {
	x.same(y)
	q := x.v / y.v
	return x.t.node(opDiv, q, x, 1/y.v, y, -q/y.v)
}

// Neg returns -x.
func (x *Var) Neg() *Var { return x.unary(opNeg, -x.val(), -1) }

// Scale returns c·x.
func (x *Var) Scale(c float64) *Var {
	n := x.unary(opScale, c*x.val(), c)
	n.d1 = c // unary: d1 is free to hold the constant
	return n
}

// AddConst returns x+c.
func (x *Var) AddConst(c float64) *Var { return x.unary(opAddConst, x.val()+c, 1) }

// Pow returns x**p for a constant exponent p.
func (x *Var) Pow(p float64) *Var {
	n := x.unary(opPow, math.Pow(x.val(), p), powDeriv(x.val(), p))
	n.d1 = p
	return n
}

// Square returns x².
func (x *Var) Square() *Var { return x.unary(opSquare, x.val()*x.val(), 2*x.val()) }

// Sqrt returns √x.
func (x *Var) Sqrt() *Var {
	v := math.Sqrt(x.val())
	return x.unary(opSqrt, v, sqrtDeriv(v))
}

// Exp returns eˣ.
func (x *Var) Exp() *Var {
	v := math.Exp(x.val())
	return x.unary(opExp, v, v)
}

// Expm1 returns eˣ-1.
func (x *Var) Expm1() *Var { return x.unary(opExpm1, math.Expm1(x.val()), math.Exp(x.val())) }

// Log returns the natural logarithm of x.
func (x *Var) Log() *Var { return x.unary(opLog, math.Log(x.val()), logDeriv(x.val())) }

// Log1p returns log(1+x).
func (x *Var) Log1p() *Var { return x.unary(opLog1p, math.Log1p(x.val()), logDeriv(1+x.val())) }

// Sin returns sin x.
func (x *Var) Sin() *Var {
	s, c := math.Sincos(x.val())
	return x.unary(opSin, s, c)
}

// Cos returns cos x.
func (x *Var) Cos() *Var {
	s, c := math.Sincos(x.val())
	return x.unary(opCos, c, -s)
}

// Tan returns tan x.
func (x *Var) Tan() *Var {
	v := math.Tan(x.val())
	return x.unary(opTan, v, 1+v*v)
}

// Asin returns arcsin x.
func (x *Var) Asin() *Var { return x.unary(opAsin, math.Asin(x.val()), 1/math.Sqrt(1-x.val()*x.val())) }

// Acos returns arccos x.
func (x *Var) Acos() *Var {
	return x.unary(opAcos, math.Acos(x.val()), -1/math.Sqrt(1-x.val()*x.val()))
}

// Atan returns arctan x.
func (x *Var) Atan() *Var { return x.unary(opAtan, math.Atan(x.val()), 1/(1+x.val()*x.val())) }

// Sinh returns sinh x.
func (x *Var) Sinh() *Var { return x.unary(opSinh, math.Sinh(x.val()), math.Cosh(x.val())) }

// Cosh returns cosh x.
func (x *Var) Cosh() *Var { return x.unary(opCosh, math.Cosh(x.val()), math.Sinh(x.val())) }

// Tanh returns tanh x.
func (x *Var) Tanh() *Var {
	v := math.Tanh(x.val())
	return x.unary(opTanh, v, 1-v*v)
}

// Sigmoid returns the logistic function 1/(1+e⁻ˣ).
func (x *Var) Sigmoid() *Var {
	v := sigmoid(x.val())
	return x.unary(opSigmoid, v, v*(1-v))
}

// Abs returns |x|; its derivative at 0 is taken as 0.
func (x *Var) Abs() *Var { return x.unary(opAbs, math.Abs(x.val()), sign(x.val())) }
