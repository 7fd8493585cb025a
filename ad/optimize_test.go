package ad

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/optimize"
)

func TestProblemChapterPolynomial(t *testing.T) {
	f := func(x []*Var) *Var { return poly(x[0]) }
	p := Problem(f)
	tests := []struct {
		name   string
		method optimize.Method
		x0     float64
		wantX  float64
		wantF  float64
	}{
		{"GradientDescent from 3", &optimize.GradientDescent{}, 3, 2, -32},
		{"GradientDescent from -2", &optimize.GradientDescent{}, -2, -1, -5},
		{"Newton from 3", &optimize.Newton{}, 3, 2, -32},
		{"Newton from -2", &optimize.Newton{}, -2, -1, -5},
	}
	for _, tt := range tests {
		res, err := optimize.Minimize(p, []float64{tt.x0}, nil, tt.method)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if math.Abs(res.X[0]-tt.wantX) > 1e-6 || math.Abs(res.F-tt.wantF) > 1e-9 {
			t.Errorf("%s: x = %g, f = %g; want %g, %g", tt.name, res.X[0], res.F, tt.wantX, tt.wantF)
		}
	}
}

func TestProblemRosenbrock(t *testing.T) {
	rosen := func(x []*Var) *Var {
		a := x[0].Neg().AddConst(1)
		b := x[1].Sub(x[0].Square())
		return a.Square().Add(b.Square().Scale(100))
	}
	p := Problem(rosen)
	// The exact Hessian at (1, 1) is [[802, -400], [-400, 200]].
	h := Hessian(rosen, []float64{1, 1})
	if h.At(0, 0) != 802 || h.At(0, 1) != -400 || h.At(1, 1) != 200 {
		t.Errorf("Hessian at (1, 1) = %v", h)
	}
	res, err := optimize.Minimize(p, []float64{-1.2, 1}, nil, &optimize.Newton{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.X[0]-1) > 1e-8 || math.Abs(res.X[1]-1) > 1e-8 {
		t.Errorf("Newton: minimum at %v, want (1, 1)", res.X)
	}
	// Newton with the exact Hessian needs few steps.
	if res.Stats.MajorIterations > 40 {
		t.Errorf("Newton took %d iterations", res.Stats.MajorIterations)
	}
}
