package ad_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"github.com/gocalc/gocalc/ad"
)

func ExampleDerivative() {
	// d/dx x·sin x = sin x + x cos x
	d := ad.Derivative(func(x ad.Dual) ad.Dual { return x.Mul(x.Sin()) }, math.Pi/2)
	fmt.Printf("%.4f\n", d)
	// Output: 1.0000
}

func ExampleDual() {
	x := ad.Dual{V: 3, D: 1} // the variable x at 3
	y := x.Log()
	fmt.Printf("%.4f\n", y)
	fmt.Println(x.Square().Scale(0.5).AddConst(1))
	// Output:
	// 1.0986+0.3333ε
	// 5.5+3ε
}

func ExampleGrad() {
	lse := func(x []*ad.Var) *ad.Var { return x[0].Exp().Add(x[1].Exp()).Log() }
	g := ad.Grad(lse, []float64{0, math.Log(2)})
	fmt.Printf("%.4f\n", g)
	// Output: [0.3333 0.6667]
}

func ExampleValueAndGrad() {
	// The chapter's chain-rule example.
	f := func(x []*ad.Var) *ad.Var {
		w, xx, y, z := x[0], x[1], x[2], x[3]
		a := w.Add(xx).Add(y).Add(z).Square()
		b := w.Add(xx).Sub(y).Sub(z).Square()
		u, v := a.Add(b).Square(), a.Sub(b).Square()
		return u.Add(v).Square()
	}
	v, g := ad.ValueAndGrad(f, []float64{-1, 0, -2, 1})
	fmt.Println(v, g)
	// Output: 1024 [-4096 -4096 -4096 -4096]
}

func ExampleVar_Backward() {
	t := ad.NewTape()
	x, y := t.Var(3), t.Var(4)
	r := x.Square().Add(y.Square()).Sqrt()
	r.Backward()
	fmt.Println(r)
	fmt.Printf("%.4g, %.4g\n", x, y)
	// Output:
	// 5 (grad 1)
	// 3 (grad 0.6), 4 (grad 0.8)
}

func ExampleTape_Grad() {
	// Reuse one tape and one gradient slice: no allocation per call.
	f := func(x []*ad.Var) *ad.Var { return x[0].Mul(x[1]).Sin() }
	t := ad.NewTape()
	g := make([]float64, 2)
	for _, x := range [][]float64{{0, 1}, {1, 0}} {
		t.Grad(g, f, x)
		fmt.Println(g)
	}
	// Output:
	// [1 0]
	// [0 1]
}

func ExampleHessian() {
	f := func(x []*ad.Var) *ad.Var { // x·exp(-x²-y²)
		return x[0].Mul(x[0].Square().Add(x[1].Square()).Neg().Exp())
	}
	h := ad.Hessian(f, []float64{-1, 0})
	fmt.Printf("%.6f\n", mat.Formatted(h))
	fmt.Printf("2/e = %.6f\n", 2/math.E)
	// Output:
	// ⎡0.735759  0.000000⎤
	// ⎣0.000000  0.735759⎦
	// 2/e = 0.735759
}

func ExampleDiff() {
	// Derivatives of any order by composition: f = 3x⁴ - 4x³ - 12x².
	t := ad.NewTape()
	x := []*ad.Var{t.Var(2)}
	f := x[0].Pow(4).Scale(3).Sub(x[0].Pow(3).Scale(4)).Sub(x[0].Square().Scale(12))
	d1 := ad.Diff(f, x)[0]
	d2 := ad.Diff(d1, x)[0]
	d3 := ad.Diff(d2, x)[0]
	fmt.Println(f.Value(), d1.Value(), d2.Value(), d3.Value())
	// Output: -32 0 72 120
}

func ExampleJacobian() {
	polar := func(p []*ad.Var) []*ad.Var { // (r, θ) -> (r cos θ, r sin θ)
		return []*ad.Var{p[0].Mul(p[1].Cos()), p[0].Mul(p[1].Sin())}
	}
	j := ad.Jacobian(polar, []float64{2, math.Pi / 2})
	fmt.Printf("%.3f\n", mat.Formatted(j))
	// Output:
	// ⎡ 0.000  -2.000⎤
	// ⎣ 1.000   0.000⎦
}

func ExampleJVP() {
	f := func(x []ad.Dual) []ad.Dual { return []ad.Dual{x[0].Mul(x[1]), x[0].Exp()} }
	y, jv := ad.JVP(f, []float64{1, 2}, []float64{1, 0})
	fmt.Printf("%.4f %.4f\n", y, jv)
	// Output: [2.0000 2.7183] [2.0000 2.7183]
}

func ExampleDirectionalDerivative() {
	f := func(x []ad.Dual) ad.Dual { return x[0].Square().Add(x[1].Square()) }
	y, d := ad.DirectionalDerivative(f, []float64{1, 2}, []float64{1, 1})
	fmt.Println(y, d)
	// Output: 5 6
}

func ExampleVJP() {
	f := func(x []*ad.Var) []*ad.Var { return []*ad.Var{x[0].Mul(x[1]), x[0].Add(x[1])} }
	y, uJ := ad.VJP(f, []float64{3, 4}, []float64{1, 10})
	fmt.Println(y, uJ)
	// Output: [12 7] [14 13]
}

func ExampleHVP() {
	f := func(x []*ad.Var) *ad.Var { return x[0].Square().Mul(x[1]) } // Hessian [[2y, 2x], [2x, 0]]
	fmt.Println(ad.HVP(f, []float64{1, 3}, []float64{1, 1}))
	// Output: [8 2]
}

func ExampleMat() {
	// d/dV ‖X − UV‖² = −2Uᵀ(X − UV)
	t := ad.NewTape()
	X := t.Mat(mat.NewDense(2, 2, []float64{1, 2, 3, 4}))
	U := t.Mat(mat.NewDense(2, 1, []float64{1, 1}))
	V := t.Mat(mat.NewDense(1, 2, []float64{1, 1}))
	loss := X.Sub(U.Mul(V)).NormSq()
	loss.Backward()
	fmt.Println(loss.Value())
	fmt.Println(mat.Formatted(V.Grad()))
	// Output:
	// 14
	// [-4  -8]
}

func ExampleColumn() {
	// d/dx xᵀAx = (A + Aᵀ)x, with x as scalar variables.
	a := mat.NewDense(2, 2, []float64{1, 2, 0, 3})
	g := ad.Grad(func(x []*ad.Var) *ad.Var {
		v := ad.Column(x)
		return v.Dot(v.Tape().Mat(a).Mul(v))
	}, []float64{1, 1})
	fmt.Println(g)
	// Output: [4 8]
}

func ExampleProblem() {
	// Minimize 3x⁴ - 4x³ - 12x² with Newton's method and the exact Hessian.
	f := func(x []*ad.Var) *ad.Var {
		return x[0].Pow(4).Scale(3).Sub(x[0].Pow(3).Scale(4)).Sub(x[0].Square().Scale(12))
	}
	res, err := optimize.Minimize(ad.Problem(f), []float64{3}, nil, &optimize.Newton{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = %.4f, f = %.4f\n", res.X[0], res.F)
	// Output: x = 2.0000, f = -32.0000
}

// softplus is written once against the Scalar constraint and runs on all
// three types.
func softplus[T ad.Scalar[T]](x T) T { return x.Exp().Log1p() }

func ExampleScalar() {
	fmt.Printf("%.4f\n", softplus(ad.Float(0)))
	fmt.Printf("%.4f\n", softplus(ad.Dual{V: 0, D: 1}))
	t := ad.NewTape()
	x := t.Var(0)
	y := softplus(x)
	y.Backward()
	fmt.Printf("%.4f\n", x)
	// Output:
	// 0.6931
	// 0.6931+0.5000ε
	// 0.0000 (grad 0.5000)
}

func ExampleFloat() {
	x := ad.Float(2)
	fmt.Println(x.Square().Add(x.Const(1)).Value())
	// Output: 5
}

func ExampleMatrix() {
	// The Hessian of ‖Av − b‖² in v is 2AᵀA, through matrix operations.
	a := mat.NewDense(2, 2, []float64{1, 2, 0, 1})
	b := mat.NewDense(2, 1, []float64{1, 1})
	f := func(v []*ad.Var) *ad.Var {
		t := v[0].Tape()
		return t.Mat(a).Mul(ad.Matrix(2, 1, v)).Sub(t.Mat(b)).NormSq()
	}
	fmt.Println(mat.Formatted(ad.Hessian(f, []float64{0, 0})))
	// Output:
	// ⎡ 2   4⎤
	// ⎣ 4  10⎦
}

func ExampleMat_Map() {
	t := ad.NewTape()
	m := t.Mat(mat.NewDense(1, 2, []float64{0, 1}))
	s := m.Map(func(x ad.Dual) ad.Dual { return x.Tanh() }).Sum() // first order only
	s.Backward()
	fmt.Printf("%.4f\n", mat.Formatted(m.Grad()))
	// Output: [1.0000  0.4200]
}

func ExampleMat_MapVar() {
	t := ad.NewTape()
	x := []*ad.Var{t.Var(0.5)}
	s := ad.Column(x).MapVar(func(v *ad.Var) *ad.Var { return v.Sin() }).Sum()
	d2 := ad.Diff(ad.Diff(s, x)[0], x)[0] // -sin x
	fmt.Printf("%.4f %.4f\n", d2.Value(), -math.Sin(0.5))
	// Output: -0.4794 -0.4794
}

func ExampleTape_Const() {
	t := ad.NewTape()
	x := t.Var(2)
	y := x.Mul(t.Const(3)).Add(x.Const(1)) // the same as x.Scale(3).AddConst(1)
	y.Backward()
	fmt.Println(y, x)
	// Output: 7 (grad 1) 2 (grad 3)
}
