package plotting

import (
	"fmt"
	"math"
)

// Linspace returns n evenly spaced numbers from a to b inclusive, like
// numpy.linspace. It panics if n < 2.
func Linspace(a, b float64, n int) []float64 {
	if n < 2 {
		panic(fmt.Sprintf("plotting: Linspace needs n >= 2, got %d", n))
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	v[n-1] = b
	return v
}

// Arange returns a, a+step, ... up to but excluding b, like numpy.arange.
// It panics unless step moves from a towards b.
func Arange(a, b, step float64) []float64 {
	if step == 0 || math.IsNaN(step) || (b-a)/step < 0 || math.IsInf((b-a)/step, 0) {
		panic(fmt.Sprintf("plotting: Arange(%v, %v, %v) never reaches its end", a, b, step))
	}
	n := int(math.Ceil((b - a) / step))
	v := make([]float64, n)
	for i := range v {
		v[i] = a + float64(i)*step
	}
	return v
}

// Meshgrid returns the coordinate matrices of the grid over xs and ys, as
// numpy.meshgrid(xs, ys) does: X[i][j] = xs[j] and Y[i][j] = ys[i], so
// that row i holds the points at height ys[i].
func Meshgrid(xs, ys []float64) (X, Y [][]float64) {
	X = make([][]float64, len(ys))
	Y = make([][]float64, len(ys))
	for i, y := range ys {
		X[i] = clone(xs)
		Y[i] = make([]float64, len(xs))
		for j := range xs {
			Y[i][j] = y
		}
	}
	return X, Y
}

// Eval returns Z[i][j] = f(X[i][j], Y[i][j]) for coordinate matrices of the
// same shape. It panics if their shapes differ.
func Eval(f func(x, y float64) float64, X, Y [][]float64) [][]float64 {
	if len(X) != len(Y) {
		panic(fmt.Sprintf("plotting: Eval: X has %d rows, Y has %d", len(X), len(Y)))
	}
	Z := make([][]float64, len(X))
	for i := range X {
		if len(X[i]) != len(Y[i]) {
			panic(fmt.Sprintf("plotting: Eval: row %d of X has %d values, of Y %d", i, len(X[i]), len(Y[i])))
		}
		Z[i] = make([]float64, len(X[i]))
		for j := range X[i] {
			Z[i][j] = f(X[i][j], Y[i][j])
		}
	}
	return Z
}
