package ad

import (
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Problem returns a gonum optimize.Problem for minimizing f, with the
// gradient and the Hessian computed exactly by reverse mode, ready for
// optimize.Minimize with any method (GradientDescent, BFGS, Newton, ...).
// The functions of the Problem share one tape behind a mutex.
func Problem(f func([]*Var) *Var) optimize.Problem {
	var mu sync.Mutex
	t := NewTape()
	return optimize.Problem{
		Func: func(x []float64) float64 {
			mu.Lock()
			defer mu.Unlock()
			y := f(t.leavesFor(x))
			t.check("f", y)
			return y.v
		},
		Grad: func(grad, x []float64) {
			mu.Lock()
			defer mu.Unlock()
			t.Grad(grad, f, x)
		},
		Hess: func(hess *mat.SymDense, x []float64) {
			mu.Lock()
			defer mu.Unlock()
			hessianInto(hess, t, f, x)
		},
	}
}
