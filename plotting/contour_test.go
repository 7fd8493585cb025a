package plotting

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// identity maps data [0, 1]² onto figure points [0, 1]².
func identity(x0, x1, y0, y1 float64) *transform {
	return &transform{frame: vg.Rectangle{Max: vg.Point{X: 1, Y: 1}}, x0: x0, x1: x1, y0: y0, y1: y1}
}

func TestMarchingSquaresCircle(t *testing.T) {
	X, Y := Meshgrid(Linspace(-2, 2, 41), Linspace(-2, 2, 41))
	g := &grid2d{X, Y, Eval(func(x, y float64) float64 { return x*x + y*y }, X, Y)}
	tr := identity(-2, 2, -2, 2)
	lines := marchingSquares(g, 1, tr)
	if len(lines) != 1 {
		t.Fatalf("%d curves for one circle, want 1", len(lines))
	}
	c := lines[0]
	if c[0] != c[len(c)-1] {
		t.Errorf("the circle is not closed: %v .. %v", c[0], c[len(c)-1])
	}
	for _, p := range c {
		x, y := float64(p.X)*4-2, float64(p.Y)*4-2
		if r := math.Hypot(x, y); math.Abs(r-1) > 0.01 {
			t.Errorf("point (%.3f, %.3f) at radius %.4f, want 1", x, y, r)
		}
	}
	// A saddle x·y = 0.5 has two branches, both open.
	h := &grid2d{X, Y, Eval(func(x, y float64) float64 { return x * y }, X, Y)}
	br := marchingSquares(h, 0.5, tr)
	if len(br) != 2 || br[0][0] == br[0][len(br[0])-1] {
		t.Errorf("x·y = 0.5: %d curves, want 2 open ones", len(br))
	}
}

func TestContourLevels(t *testing.T) {
	X, Y := Meshgrid(Linspace(-1, 1, 5), Linspace(-1, 1, 5))
	c := &contour{grid2d{X, Y, Eval(func(x, y float64) float64 { return x + y }, X, Y)}, 4}
	got := c.values()
	want := []float64{-1, 0, 1}
	if len(got) != len(want) {
		t.Fatalf("levels %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("levels %v, want %v", got, want)
		}
	}
}

func TestGradientFieldPointsDownhill(t *testing.T) {
	f := New().GradientField(func(x, y float64) (float64, float64) { return 2 * x, 4 * y }, -1, 1, -1, 1, 3)
	q := f.layers[0].(*quiver)
	// At (1, -1) the gradient is (2, -4); the arrow is (-2, 4).
	if q.x[0][2] != 1 || q.y[0][2] != -1 || q.u[0][2] != -2 || q.v[0][2] != 4 {
		t.Errorf("arrow at (%v, %v) is (%v, %v), want (-2, 4) at (1, -1)", q.x[0][2], q.y[0][2], q.u[0][2], q.v[0][2])
	}
	if _, err := f.Contour(func(x, y float64) float64 { return x*x + 2*y*y }, -1, 1, -1, 1, 5).Render(); err != nil {
		t.Fatal(err)
	}
}

func TestStickyLimits(t *testing.T) {
	f := New().Contour(func(x, y float64) float64 { return x * y }, -3, 3, -2, 2, 5)
	tr, _, _, err := f.setup(vg.Rectangle{Max: vg.Point{X: 252, Y: 180}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.x0 != -3 || tr.x1 != 3 || tr.y0 != -2 || tr.y1 != 2 {
		t.Errorf("view limits %v %v %v %v, want the grid's -3 3 -2 2", tr.x0, tr.x1, tr.y0, tr.y1)
	}
	// Lines get matplotlib's 5% margins.
	g := New().Line([]float64{0, 10}, []float64{0, 1}, "", "")
	tr, _, _, err = g.setup(vg.Rectangle{Max: vg.Point{X: 252, Y: 180}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.x0 != -0.5 || tr.x1 != 10.5 {
		t.Errorf("x view %v..%v, want -0.5..10.5", tr.x0, tr.x1)
	}
}

func TestFieldErrors(t *testing.T) {
	X, Y := Meshgrid([]float64{0, 1, 3}, []float64{0, 1})
	Z := [][]float64{{1, 2, 3}, {4, 5, 6}}
	tests := []struct {
		name string
		fig  *Figure
		want string
	}{
		{"uneven", New().HeatMapGrid(X, Y, Z, "viridis"), "not evenly spaced"},
		{"ragged", New().ContourGrid(X, Y, [][]float64{{1, 2, 3}, {4, 5}}, 3), "row 1"},
		{"nan", New().ContourGrid(X, Y, [][]float64{{1, 2, 3}, {4, math.NaN(), 6}}, 3), "Z[1][1] is NaN"},
		{"log heat", New().HeatMap(func(x, y float64) float64 { return x }, 1, 2, 1, 2).LogX(), "log axis"},
		{"quiver shapes", New().Quiver(X, Y, Z, Z[:1], ""), "quiver"},
	}
	for _, tt := range tests {
		_, err := tt.fig.Render()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
