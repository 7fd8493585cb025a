package ad

import "fmt"

// Derivative returns f'(x), computed in one forward pass of f on the dual
// number x+ε.
func Derivative(f func(Dual) Dual, x float64) float64 {
	return f(Dual{V: x, D: 1}).D
}

// JVP returns y = f(x) and the Jacobian-vector product J(x)·v, the
// derivative of f at x along the direction v, in one forward pass.
// It panics unless len(v) == len(x).
func JVP(f func([]Dual) []Dual, x, v []float64) (y, jv []float64) {
	if len(v) != len(x) {
		panic(fmt.Sprintf("ad: JVP: len(v) = %d, want len(x) = %d", len(v), len(x)))
	}
	xs := make([]Dual, len(x))
	for i := range x {
		xs[i] = Dual{V: x[i], D: v[i]}
	}
	ys := f(xs)
	y = make([]float64, len(ys))
	jv = make([]float64, len(ys))
	for i, yi := range ys {
		y[i], jv[i] = yi.V, yi.D
	}
	return y, jv
}

// DirectionalDerivative returns f(x) and the derivative of the scalar
// function f at x along v, ∇f(x)·v, in one forward pass. It panics unless
// len(v) == len(x).
func DirectionalDerivative(f func([]Dual) Dual, x, v []float64) (y, dv float64) {
	if len(v) != len(x) {
		panic(fmt.Sprintf("ad: DirectionalDerivative: len(v) = %d, want len(x) = %d", len(v), len(x)))
	}
	xs := make([]Dual, len(x))
	for i := range x {
		xs[i] = Dual{V: x[i], D: v[i]}
	}
	r := f(xs)
	return r.V, r.D
}
