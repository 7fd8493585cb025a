package ad

import (
	"fmt"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// mustPanic runs f and checks that it panics with a message starting
// "ad: " and containing want.
func mustPanic(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		msg := fmt.Sprint(r)
		if r == nil || !strings.HasPrefix(msg, "ad: ") || !strings.Contains(msg, want) {
			t.Errorf("%s: panic %q, want an \"ad: \" message containing %q", name, msg, want)
		}
	}()
	f()
}

func TestMisusePanics(t *testing.T) {
	t1, t2 := NewTape(), NewTape()
	a, b := t1.Var(1), t2.Var(2)
	sq := func(x []*Var) *Var { return x[0].Square() }
	mustPanic(t, "Add across tapes", "same Tape", func() { a.Add(b) })
	mustPanic(t, "Mul across tapes", "different tapes", func() { a.Mul(b) })
	mustPanic(t, "nil operand", "nil *Var", func() { a.Sub(nil) })
	mustPanic(t, "nil receiver", "nil *Var", func() { (*Var)(nil).Exp() })
	mustPanic(t, "nil receiver of Const", "nil *Var", func() { (*Var)(nil).Const(1) })
	mustPanic(t, "Diff across tapes", "different tapes", func() { Diff(a.Square(), []*Var{b}) })
	mustPanic(t, "f returns another tape's variable", "another tape", func() {
		Grad(func(x []*Var) *Var { return b }, []float64{1})
	})
	mustPanic(t, "f returns nil", "nil", func() { Grad(func(x []*Var) *Var { return nil }, []float64{1}) })
	mustPanic(t, "dst length", "len(dst) = 1, want len(x) = 2", func() {
		NewTape().Grad(make([]float64, 1), sq, []float64{1, 2})
	})
	mustPanic(t, "JVP length", "len(v) = 1, want len(x) = 2", func() {
		JVP(func(x []Dual) []Dual { return x }, []float64{1, 2}, []float64{1})
	})
	mustPanic(t, "DirectionalDerivative length", "len(v)", func() {
		DirectionalDerivative(func(x []Dual) Dual { return x[0] }, []float64{1, 2}, []float64{1})
	})
	mustPanic(t, "VJP length", "len(u) = 1", func() {
		VJP(func(x []*Var) []*Var { return x }, []float64{1, 2}, []float64{1})
	})
	mustPanic(t, "HVP length", "len(v) = 3", func() { HVP(sq, []float64{1, 2}, []float64{1, 2, 3}) })
	mustPanic(t, "Hessian matrix size", "want 2×2", func() {
		p := Problem(sq)
		p.Hess(mat.NewSymDense(3, nil), []float64{1, 2})
	})
	mustPanic(t, "Jacobian with no outputs", "no outputs", func() {
		Jacobian(func(x []*Var) []*Var { return nil }, []float64{1})
	})

	m1, m2 := t1.Mat(mat.NewDense(2, 3, nil)), t2.Mat(mat.NewDense(3, 2, nil))
	mustPanic(t, "Mat across tapes", "different tapes", func() { m1.Mul(m2) })
	mustPanic(t, "Mul shapes", "2×3 and 2×3", func() { m1.Mul(t1.Mat(mat.NewDense(2, 3, nil))) })
	mustPanic(t, "Add shapes", "2×3 and 3×2", func() { m1.Add(t1.Mat(mat.NewDense(3, 2, nil))) })
	mustPanic(t, "At range", "outside a 2×3", func() { m1.At(2, 0) })
	mustPanic(t, "ScaleBy across tapes", "different tapes", func() { m1.ScaleBy(b) })
	mustPanic(t, "Column of nothing", "Column", func() { Column(nil) })
	mustPanic(t, "Diff through Map", "use Mat.MapVar", func() {
		x := t1.Var(2)
		Diff(Column([]*Var{x}).Map(Dual.Sin).Sum(), []*Var{x})
	})
	mustPanic(t, "Matrix size", "Matrix(2, 2) needs 4", func() { Matrix(2, 2, []*Var{a}) })
}
