package plotting_test

import (
	"fmt"
	"image/color"
	"math"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/plotting"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// describe prints what a notebook frontend receives for a figure.
func describe(r display.Renderer) {
	d, err := r.Render()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(d.Data["text/plain"], d.Metadata["image/png"])
}

func ExamplePlot() {
	xs := plotting.Arange(-2, 3, 0.01)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 3*math.Pow(x, 4) - 4*math.Pow(x, 3) - 12*x*x
	}
	describe(plotting.Plot(xs, ys, "x", "f(x)"))
	// Output: <Figure 3.5x2.5 in with 1 plot> map[height:240 width:336]
}

func ExamplePlotMany() {
	xs := plotting.Arange(0.1, 3, 0.1)
	f := make([]float64, len(xs))
	tangent := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = x*x*x - 1/x
		tangent[i] = 4*x - 4
	}
	describe(plotting.PlotMany(xs, [][]float64{f, tangent}, "x", "f(x)", []string{"f(x)", "Tangent line (x=1)"}))
	// Output: <Figure 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFigure_Func() {
	fig := plotting.New().
		Func(math.Sin, 0, 2*math.Pi, "", "sin").
		Func(math.Cos, 0, 2*math.Pi, "r--", "cos").
		XLabel("x").Title("Two functions").Legend("lower left")
	describe(fig)
	// Output: <Figure 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFigure_GradientField() {
	f := func(x, y float64) float64 { return x*x + 2*y*y }
	grad := func(x, y float64) (float64, float64) { return 2 * x, 4 * y }
	// Ten steps of gradient descent from (-2.5, 1.5).
	xs, ys := []float64{-2.5}, []float64{1.5}
	for k := 0; k < 10; k++ {
		gx, gy := grad(xs[k], ys[k])
		xs, ys = append(xs, xs[k]-0.1*gx), append(ys, ys[k]-0.1*gy)
	}
	fig := plotting.New().Contour(f, -3, 3, -2, 2, 8).GradientField(grad, -3, 3, -2, 2, 13).
		Line(xs, ys, "r-o", "descent").XLabel("x1").YLabel("x2").Equal()
	describe(fig)
	// Output: <Figure 3.5x2.5 in with 3 plots> map[height:240 width:336]
}

func ExampleNew3D() {
	f := func(x, y float64) float64 { return x * math.Exp(-x*x-y*y) }
	q := func(x, y float64) float64 { return math.Exp(-1) * (-1 - (x + 1) + (x+1)*(x+1) + y*y) }
	X, Y := plotting.Meshgrid(plotting.Linspace(-2, 2, 101), plotting.Linspace(-2, 2, 101))
	fig := plotting.New3D().
		Wireframe(X, Y, plotting.Eval(f, X, Y), 10, "").
		Wireframe(X, Y, plotting.Eval(q, X, Y), 10, "purple").
		XLabel("x").YLabel("y").XLim(-2, 2).YLim(-2, 2).ZLim(-1, 1).Dist(12)
	describe(fig)
	// Output: <Figure3D 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFigure3D_SurfaceFunc() {
	fig := plotting.New3D().SurfaceFunc(func(x, y float64) float64 { return x*x - y*y }, -1, 1, -1, 1, 31, 3, "coolwarm")
	describe(fig)
	// Output: <Figure3D 3.5x2.5 in with 1 plot> map[height:240 width:336]
}

func ExampleFigure_Render_badData() {
	fig := plotting.Plot([]float64{1, 2, 3}, []float64{1, 4}, "x", "y")
	describe(fig)
	// Output: error: plotting: series 1 (Line): len(xs) = 3 but len(ys) = 2
}

func ExampleMeshgrid() {
	X, Y := plotting.Meshgrid([]float64{0, 1, 2}, []float64{10, 20})
	fmt.Println(X)
	fmt.Println(Y)
	fmt.Println(plotting.Eval(func(x, y float64) float64 { return x + y }, X, Y))
	// Output:
	// [[0 1 2] [0 1 2]]
	// [[10 10 10] [20 20 20]]
	// [[10 11 12] [20 21 22]]
}

func ExampleLinspace() {
	fmt.Println(plotting.Linspace(0, 1, 5))
	fmt.Println(plotting.Arange(0, 1, 0.25))
	// Output:
	// [0 0.25 0.5 0.75 1]
	// [0 0.25 0.5 0.75]
}

func ExampleFigure3D_Line() {
	f := func(x, y float64) float64 { return x*x + 2*y*y }
	xs, ys, zs := []float64{-1.8}, []float64{1.2}, []float64{f(-1.8, 1.2)}
	for k := 0; k < 8; k++ {
		x, y := xs[k]-0.2*2*xs[k], ys[k]-0.2*4*ys[k]
		xs, ys, zs = append(xs, x), append(ys, y), append(zs, f(x, y))
	}
	fig := plotting.New3D().WireframeFunc(f, -2, 2, -2, 2, 41, 4, "").Line(xs, ys, zs, "r-o")
	describe(fig)
	// Output: <Figure3D 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFunc() {
	describe(plotting.Func(func(x float64) float64 { return x * math.Log(x) }, 0, 1.5, "x", `$x\,\log x$`))
	// Output: <Figure 3.5x2.5 in with 1 plot> map[height:240 width:336]
}

func ExampleFigure_Lines() {
	// eˣ and its Taylor polynomials of degrees 1 and 2, in the colour cycle,
	// with legends set as matplotlib's mathtext sets them.
	xs := plotting.Arange(0, 3, 0.01)
	exp, p1, p2 := make([]float64, len(xs)), make([]float64, len(xs)), make([]float64, len(xs))
	for i, x := range xs {
		exp[i], p1[i], p2[i] = math.Exp(x), 1+x, 1+x+x*x/2
	}
	describe(plotting.New().Lines(xs, [][]float64{exp, p1, p2}, "$e^x$", "$P_1(x)$", "$P_2(x)$").XLabel("$x$"))
	// Output: <Figure 3.5x2.5 in with 3 plots> map[height:240 width:336]
}

func ExampleFigure_FillBetween() {
	xs := plotting.Arange(-2, 2, 0.01)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = math.Exp(-x * x)
	}
	// The curve, and the area under it from x = -1.5 to 0.49 only.
	fig := plotting.New().Line(xs, ys, "black", "").FillBetween(xs[50:250], ys[50:250], nil, "").
		YLabel("$e^{-x^2}$").Grid(false)
	describe(fig)
	// Output: <Figure 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFigure_Bar() {
	// A left Riemann sum of x/(1+x²) on [0, 2]: bars whose left edge is at x.
	const eps = 0.05
	xs := plotting.Arange(0, 2, eps)
	ys := make([]float64, len(xs))
	sum := 0.0
	for i, x := range xs {
		ys[i] = x / (1 + x*x)
		sum += eps * ys[i]
	}
	fmt.Printf("%.6f against log(5)/2 = %.6f\n", sum, math.Log(5)/2)
	describe(plotting.New().Bar(xs, ys, eps, "edge", "").Line(xs, ys, "black", "").YLim(0, 1))
	// Output:
	// 0.794486 against log(5)/2 = 0.804719
	// <Figure 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleFigure_Add() {
	// Any gonum plotter draws in a figure's axes.
	erf := plotter.NewFunction(math.Erf)
	erf.Color = color.RGBA{R: 0xff, A: 0xff}
	describe(plotting.New().Func(math.Tanh, -2, 2, "", "tanh").Add(erf))
	// Output: <Figure 3.5x2.5 in with 2 plots> map[height:240 width:336]
}

func ExampleGonum() {
	p := plot.New()
	p.Title.Text = "cos"
	p.Add(plotter.NewFunction(math.Cos))
	p.X.Min, p.X.Max = 0, 2*math.Pi
	// A *plot.Plot that is a cell's value is shown this way by itself.
	describe(plotting.Gonum(p))
	// Output: <plot.Plot "cos" 3.5x2.5 in> map[height:240 width:336]
}

func ExampleFigure3D_XTicks() {
	X, Y := plotting.Meshgrid(plotting.Linspace(-2, 2, 101), plotting.Linspace(-2, 2, 101))
	Z := plotting.Eval(func(x, y float64) float64 { return math.Exp(-x*x - y*y) }, X, Y)
	fig := plotting.New3D().Wireframe(X, Y, Z, 3, "").
		XTicks(-2, -1, 0, 1, 2).YTicks(-2, -1, 0, 1, 2).ZLim(0, 1).Dist(12)
	describe(fig)
	// Output: <Figure3D 3.5x2.5 in with 1 plot> map[height:240 width:336]
}
