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

// unary records a function of x with value v and derivative d.
func (x *Var) unary(o op, v, d float64) *Var {
	if x == nil {
		panic("ad: nil *Var; make variables with (*Tape).Var")
	}
	return x.t.node(o, v, x, d, nil, 0)
}

// Const returns the constant c on x's tape.
func (x *Var) Const(c float64) *Var { return x.t.Const(c) }

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
func (x *Var) Neg() *Var { return x.unary(opNeg, -x.v, -1) }

// Scale returns c·x.
func (x *Var) Scale(c float64) *Var {
	n := x.unary(opScale, c*x.v, c)
	n.d1 = c // unary: d1 is free to hold the constant
	return n
}

// AddConst returns x+c.
func (x *Var) AddConst(c float64) *Var { return x.unary(opAddConst, x.v+c, 1) }

// Pow returns x**p for a constant exponent p.
func (x *Var) Pow(p float64) *Var {
	n := x.unary(opPow, math.Pow(x.v, p), powDeriv(x.v, p))
	n.d1 = p
	return n
}

// Square returns x².
func (x *Var) Square() *Var { return x.unary(opSquare, x.v*x.v, 2*x.v) }

// Sqrt returns √x.
func (x *Var) Sqrt() *Var {
	v := math.Sqrt(x.v)
	return x.unary(opSqrt, v, sqrtDeriv(v))
}

// Exp returns eˣ.
func (x *Var) Exp() *Var {
	v := math.Exp(x.v)
	return x.unary(opExp, v, v)
}

// Expm1 returns eˣ-1.
func (x *Var) Expm1() *Var { return x.unary(opExpm1, math.Expm1(x.v), math.Exp(x.v)) }

// Log returns the natural logarithm of x.
func (x *Var) Log() *Var { return x.unary(opLog, math.Log(x.v), logDeriv(x.v)) }

// Log1p returns log(1+x).
func (x *Var) Log1p() *Var { return x.unary(opLog1p, math.Log1p(x.v), logDeriv(1+x.v)) }

// Sin returns sin x.
func (x *Var) Sin() *Var {
	s, c := math.Sincos(x.v)
	return x.unary(opSin, s, c)
}

// Cos returns cos x.
func (x *Var) Cos() *Var {
	s, c := math.Sincos(x.v)
	return x.unary(opCos, c, -s)
}

// Tan returns tan x.
func (x *Var) Tan() *Var {
	v := math.Tan(x.v)
	return x.unary(opTan, v, 1+v*v)
}

// Asin returns arcsin x.
func (x *Var) Asin() *Var { return x.unary(opAsin, math.Asin(x.v), 1/math.Sqrt(1-x.v*x.v)) }

// Acos returns arccos x.
func (x *Var) Acos() *Var { return x.unary(opAcos, math.Acos(x.v), -1/math.Sqrt(1-x.v*x.v)) }

// Atan returns arctan x.
func (x *Var) Atan() *Var { return x.unary(opAtan, math.Atan(x.v), 1/(1+x.v*x.v)) }

// Sinh returns sinh x.
func (x *Var) Sinh() *Var { return x.unary(opSinh, math.Sinh(x.v), math.Cosh(x.v)) }

// Cosh returns cosh x.
func (x *Var) Cosh() *Var { return x.unary(opCosh, math.Cosh(x.v), math.Sinh(x.v)) }

// Tanh returns tanh x.
func (x *Var) Tanh() *Var {
	v := math.Tanh(x.v)
	return x.unary(opTanh, v, 1-v*v)
}

// Sigmoid returns the logistic function 1/(1+e⁻ˣ).
func (x *Var) Sigmoid() *Var {
	v := sigmoid(x.v)
	return x.unary(opSigmoid, v, v*(1-v))
}

// Abs returns |x|; its derivative at 0 is taken as 0.
func (x *Var) Abs() *Var { return x.unary(opAbs, math.Abs(x.v), sign(x.v)) }
