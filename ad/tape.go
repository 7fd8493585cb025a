package ad

import (
	"fmt"
	"strconv"
)

// op says how a node of the tape was computed; Diff needs it to rebuild the
// local partial derivatives as variables.
type op uint8

const (
	opLeaf op = iota
	opConst
	opExt // matrix node or scalar reduction of one; see Mat
	opAdd
	opSub
	opMul
	opDiv
	opNeg
	opScale
	opAddConst
	opPow
	opSquare
	opSqrt
	opExp
	opExpm1
	opLog
	opLog1p
	opSin
	opCos
	opTan
	opAsin
	opAcos
	opAtan
	opSinh
	opCosh
	opTanh
	opSigmoid
	opAbs
)

// Var is a real variable recorded on a Tape, for reverse-mode
// differentiation. Variables are made by (*Tape).Var (leaves), (*Tape).Const
// and the methods of Var; each result is a new variable on the same tape.
// A Var prints as its value followed by its gradient, e.g. 3 (grad 6).
type Var struct {
	t      *Tape
	p0, p1 *Var    // parents (nil if absent)
	v, g   float64 // value and adjoint
	d0, d1 float64 // ∂v/∂p0 and ∂v/∂p1; a unary op keeps its constant (Scale, Pow) in d1, opExt its Tape.ext index in d0
	idx    int32   // position on the tape
	op     op
}

// Tape records operations on variables for reverse-mode differentiation.
// The zero Tape is ready to use. Reset empties it for reuse without freeing
// memory.
type Tape struct {
	chunks [][]Var    // recorded nodes; a chunk never moves, so *Var stay valid
	starts []int      // index of the first node of each chunk
	ck     int        // current chunk
	cur    []Var      // chunks[ck], or nil before the first node
	off    int        // nodes used in cur
	n      int        // nodes in use
	ext    []*extNode // matrix operations, see Mat
	leaves []*Var     // reused by (*Tape).Grad
	dirty  bool       // some adjoint may be nonzero (a sweep ran since Reset)
}

const (
	firstChunk = 64
	maxChunk   = 8192
)

// NewTape returns an empty tape.
func NewTape() *Tape { return new(Tape) }

// Len returns the number of variables recorded on t, constants and
// intermediate results included.
func (t *Tape) Len() int { return t.n }

// Reset empties t, keeping its memory for reuse. Every *Var and *Mat made on
// t before the call becomes invalid and must not be used again.
func (t *Tape) Reset() {
	clear(t.ext)
	t.ext = t.ext[:0]
	t.ck, t.off, t.n = 0, 0, 0
	t.cur = nil
	if len(t.chunks) > 0 {
		t.cur = t.chunks[0]
	}
	t.dirty = false
}

// push returns a fresh node at the end of the tape.
func (t *Tape) push() *Var {
	if t.off == len(t.cur) {
		t.grow()
	}
	v := &t.cur[t.off]
	t.off++
	t.n++
	return v
}

// grow makes cur the next chunk, allocating it if needed.
func (t *Tape) grow() {
	if t.cur != nil {
		t.ck++
	}
	t.off = 0
	if t.ck == len(t.chunks) {
		size := min(firstChunk<<min(len(t.chunks), 7), maxChunk)
		t.chunks = append(t.chunks, make([]Var, size))
		t.starts = append(t.starts, t.n)
	}
	t.cur = t.chunks[t.ck]
}

// node records a result with up to two parents and their partials.
func (t *Tape) node(o op, v float64, p0 *Var, d0 float64, p1 *Var, d1 float64) *Var {
	n := t.push()
	// Field by field: a composite literal is built on the stack and copied.
	n.t, n.p0, n.p1 = t, p0, p1
	n.v, n.g, n.d0, n.d1 = v, 0, d0, d1
	n.idx, n.op = int32(t.n-1), o
	return n
}

// Var returns a new leaf variable with value x.
func (t *Tape) Var(x float64) *Var { return t.node(opLeaf, x, nil, 0, nil, 0) }

// Vars returns new leaf variables with the values x.
func (t *Tape) Vars(x []float64) []*Var {
	vs := make([]*Var, len(x))
	for i, xi := range x {
		vs[i] = t.Var(xi)
	}
	return vs
}

// Const returns a constant c on t. It is a variable whose gradient is
// computed but never propagated further.
func (t *Tape) Const(c float64) *Var { return t.node(opConst, c, nil, 0, nil, 0) }

// Tape returns the tape x is recorded on.
func (x *Var) Tape() *Tape { return x.t }

// Value returns the value of x.
func (x *Var) Value() float64 { return x.v }

// Grad returns ∂y/∂x for the y of the last Backward on x's tape.
func (x *Var) Grad() float64 { return x.g }

// Backward computes the derivative of x with respect to every variable on
// its tape: afterwards v.Grad() is ∂x/∂v for every v on the tape (0 if x does
// not depend on v). Each call starts from zero.
func (x *Var) Backward() {
	x.val() // nil check
	t := x.t
	t.zeroAll()
	x.g = 1
	t.sweep(int(x.idx))
}

// chunkOf returns the chunk holding node i.
func (t *Tape) chunkOf(i int) int {
	k := len(t.starts) - 1
	for k > 0 && t.starts[k] > i {
		k--
	}
	return k
}

// zeroAll clears the adjoints of every node, so that no variable, even one
// recorded after the output, keeps a gradient from an earlier pass.
func (t *Tape) zeroAll() {
	if !t.dirty {
		return // every node was recorded with a zero adjoint
	}
	for k, c := range t.chunks[:min(t.ck+1, len(t.chunks))] {
		if k == t.ck {
			c = c[:t.off]
		}
		for i := range c {
			c[i].g = 0
		}
	}
}

// sweep propagates adjoints from node top down to the leaves.
func (t *Tape) sweep(top int) {
	t.dirty = true
	last := t.chunkOf(top)
	for k := last; k >= 0; k-- {
		c := t.chunks[k]
		if k == last {
			c = c[:top-t.starts[k]+1]
		}
		for i := len(c) - 1; i >= 0; i-- {
			n := &c[i]
			g := n.g
			if g == 0 || n.op <= opConst {
				continue
			}
			if n.op == opExt {
				t.ext[int(n.d0)].backward(g)
				continue
			}
			n.p0.g += g * n.d0
			if n.p1 != nil {
				n.p1.g += g * n.d1
			}
		}
	}
}

// String returns x's value and gradient, e.g. 3 (grad 6).
func (x *Var) String() string {
	if x == nil {
		return "<nil>"
	}
	return formatVar(x, 'g', -1)
}

// Format implements fmt.Formatter: the verbs %v, %e, %f and %g with an
// optional precision apply to the value and the gradient.
func (x *Var) Format(s fmt.State, verb rune) {
	v, prec, ok := floatVerb(s, verb)
	switch {
	case !ok:
		fmt.Fprintf(s, "%%!%c(*ad.Var=%s)", verb, x.String())
	case x == nil:
		fmt.Fprint(s, "<nil>")
	default:
		fmt.Fprint(s, formatVar(x, v, prec))
	}
}

func formatVar(x *Var, verb byte, prec int) string {
	return strconv.FormatFloat(x.v, verb, prec, 64) + " (grad " + strconv.FormatFloat(x.g, verb, prec, 64) + ")"
}
