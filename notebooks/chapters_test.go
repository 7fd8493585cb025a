package notebooks

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/interp"
	"github.com/gocalc/gocalc/notebook"
)

// contains reports, as test errors, each wanted fragment missing from a
// cell's text output.
func contains(t *testing.T, what, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s: missing %q in\n%s", what, w, out)
		}
	}
}

// TestSingleVariableValues checks calcul-une-variable.ipynb against values
// worked out by hand (typed here, not taken from gocalc's output).
func TestSingleVariableValues(t *testing.T) {
	nb := execute(t, "calcul-une-variable.ipynb")

	// (L(4+ε) − L(4))/ε = 8 + 5103ε + 1701ε² for L(x) = x² + 1701(x−4)³.
	var quot []string
	for _, eps := range []float64{0.1, 0.01, 0.001, 0.0001, 0.00001} {
		quot = append(quot, fmt.Sprintf("ε = %.5f -> %.5f\n", eps, 8+eps+1701*eps*eps))
	}
	contains(t, "difference quotients", text(cellWith(t, nb, "(L(4+eps)-L(4))/eps")), quot...)
	contains(t, "exact derivative", text(cellWith(t, nb, "ad.Derivative(Ldual, 4)")), "dL/dx(4) = 8\n")

	// d/dx log(1+(x−1)¹⁰) = 10(x−1)⁹/(1+(x−1)¹⁰): −5 at 0, 5 at 2.
	contains(t, "chain rule example", text(cellWith(t, nb, "gMain(x)")),
		"x = 0    ad : -5 ", "x = 2    ad : 5 ")

	// L, L', L'', L''' at 4 and 5: 16, 8, 2, 10206 and 1726, 5113, 10208, 10206.
	contains(t, "higher derivatives", text(cellWith(t, nb, "derivees(Lvar, 4, 3)")),
		"L(4), L'(4), L''(4), L'''(4) : [16 8 2 10206]\n", "L(5), L'(5), L''(5), L'''(5) : [1726 5113 10208 10206]\n")
	contains(t, "quadratic", text(cellWith(t, nb, "derivees(gq, 0.7, 3)")), "[-0.12 -0.2 4 0]")

	// Taylor polynomials of eˣ at 1: 2, 2.5, 163/60.
	contains(t, "Taylor", text(cellWith(t, nb, "derivees(expVar, 0, 5)")),
		"[1 1 1 1 1 1]",
		fmt.Sprintf("P5(1) = %.6f, e − P5(1) = %.2e\n", 163.0/60, math.E-163.0/60))

	// Exercises: 3x² − 4; −1/x; x³ at 0; minimum of x log x at 1/e.
	contains(t, "exercise 1", text(cellWith(t, nb, "3*x*x-4")), "x =  2 : ad 8, 3x² − 4 = 8\n")
	contains(t, "exercise 2", text(cellWith(t, nb, "x.Const(1).Div(x).Log()")), "x = 4   : ad -0.25, −1/x = -0.25\n")
	contains(t, "exercise 3", text(cellWith(t, nb, "derivees(cube, 0, 3)")), "[0 0 0 6]")
	contains(t, "exercise 4", text(cellWith(t, nb, "derivees(xlogx, xn, 2)")),
		fmt.Sprintf("minimum en x = %.10f (1/e = %.10f), f = %.10f\n", 1/math.E, 1/math.E, -1/math.E))

	// Every figure is there: three zooms, tangents, three curvature cases,
	// parabolas, Taylor, x log x, and the figures of the two widget cells
	// (the tangent at a movable x₀, Taylor of a chosen degree) drawn for
	// their sliders' initial values.
	if n := countImages(nb); n != 12 {
		t.Errorf("%d figures, want 12", n)
	}
	tangent := cellWith(t, nb, "x0Tangente := widgets.NewFloatSlider")
	if len(tangent.Outputs) != 1 {
		t.Fatalf("the tangent cell has %d outputs, want 1", len(tangent.Outputs))
	}
	if d, _ := tangent.Outputs[0]["data"].(map[string]any); d["application/vnd.jupyter.widget-view+json"] == nil {
		t.Errorf("the tangent cell shows no widget view: %v", tangent.Outputs[0])
	}
}

// TestIntegralValues checks calcul-integral.ipynb against closed forms.
func TestIntegralValues(t *testing.T) {
	nb := execute(t, "calcul-integral.ipynb")

	contains(t, "Riemann sum", text(cellWith(t, nb, "approx += epsilon * v")),
		fmt.Sprintf("valeur exacte : %.6f\n", math.Log(5)/2), "approximation : 0.7944")
	contains(t, "antiderivatives", text(cellWith(t, nb, "3 * y * y")),
		"= 3.375000000, 1.5³ = 3.375000000", fmt.Sprintf("e^1.5 − 1 = %.9f", math.Exp(1.5)-1))
	contains(t, "change of variables", text(cellWith(t, nb, "y * math.Exp(-y*y)")), fmt.Sprintf("(1 − e⁻¹)/2 = %.10f", (1-math.Exp(-1))/2))
	contains(t, "signs", text(cellWith(t, nb, "moinsUn, 0, -1")), "∫₀¹ (−1) dx = -1\n", "∫₀⁻¹ 1 dx   = -1\n", "∫₀⁻¹ (−1) dx = 1\n")

	gaussian := text(cellWith(t, nb, "ad.Jacobian(phi"))
	contains(t, "Jacobian", gaussian, "det = 2.000000000000 (r = 2)")
	pi := fmt.Sprintf("%.8f", math.Pi) // both agree with π to 1e-9
	contains(t, "Gaussian integral", gaussian, "en polaires     : "+pi, "en cartésiennes : "+pi)

	contains(t, "exercise 1", text(cellWith(t, nb, "1 / x }, 1, 2")), fmt.Sprintf("= %.10f, log 2 = %.10f", math.Log(2), math.Log(2)))
	contains(t, "exercise 2", text(cellWith(t, nb, "x * math.Sin(x*x)")), "= 1.00000000")
	contains(t, "exercise 3", text(cellWith(t, nb, "xv * yv")), "∫∫ xy = 0.2500000000\n")
	fub := text(cellWith(t, nb, "fub := "))
	contains(t, "exercise 4", fub, "dy puis dx : 0.200000000 (1/5)\n", "dx puis dy : -0.050000000 (−1/20)\n",
		fmt.Sprintf("∫₀¹ f dy = %.9f", 0.5/(2*1.25*1.25)), fmt.Sprintf("∫₀² f dx = %.9f", -1/math.Pow(4.25, 2)))

	// Two fills, the Riemann bars, F beside f, the 3D wireframe.
	if n := countImages(nb); n != 5 {
		t.Errorf("%d figures, want 5", n)
	}
	if w, h := pngSize(t, cellWith(t, nb, "plotting.New3D()")); w != 672 || h != 480 {
		t.Errorf("3D figure is %dx%d px, want 672x480", w, h)
	}
}

// TestGonumPlotIsShown runs a cell whose last value is a gonum *plot.Plot
// through the interpreter and the runner: it shows as a PNG, not as a
// printed struct.
func TestGonumPlotIsShown(t *testing.T) {
	x, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nb := &notebook.Notebook{Cells: []*notebook.Cell{{Type: "code", Source: `p := plot.New()
p.Title.Text = "cos"
p.Add(plotter.NewFunction(math.Cos))
p.X.Min, p.X.Max = 0, 6
p`}}}
	res, err := notebook.Run(context.Background(), nb, x, notebook.Options{})
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("run: %v %v", err, res.Errors)
	}
	if w, h := pngSize(t, nb.Cells[0]); w != 672 || h != 480 {
		t.Errorf("plot is %dx%d px, want 672x480", w, h)
	}
	if got := text(nb.Cells[0]); got != "<plot.Plot \"cos\" 3.5x2.5 in>\n" {
		t.Errorf("text/plain = %q", got)
	}
}
