package plotting

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestFigure3DErrors(t *testing.T) {
	X, Y := Meshgrid(Linspace(0, 1, 3), Linspace(0, 1, 3))
	Z := Eval(func(x, y float64) float64 { return x + y }, X, Y)
	bad := cloneGrid(Z)
	bad[2][1] = math.Inf(-1)
	tests := []struct {
		name string
		fig  *Figure3D
		want string
	}{
		{"rows", New3D().Wireframe(X, Y, Z[:2], 1, ""), "X, Y and Z have 3, 3 and 2 rows"},
		{"ragged", New3D().Surface(X, Y, [][]float64{{1, 2, 3}, {1, 2}, {1, 2, 3}}, 1, ""), "row 1"},
		{"inf", New3D().Wireframe(X, Y, bad, 1, ""), "Z[2][1] is -Inf"},
		{"tiny", New3D().Wireframe([][]float64{{1}}, [][]float64{{1}}, [][]float64{{1}}, 1, ""), "need at least 2"},
		{"empty", New3D(), "nothing to plot"},
		{"math", New3D().Wireframe(X, Y, Z, 1, "").ZLabel("$z^{2$"), "z label"},
	}
	for _, tt := range tests {
		_, err := tt.fig.Render()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if err := tt.fig.SaveSVG(t.TempDir() + "/f.svg"); err == nil {
			t.Errorf("%s: SaveSVG succeeded", tt.name)
		}
	}
}

// TestPanesFaceAway checks that the panes are drawn on the far sides for
// the default view and move when the view turns half around.
func TestPanesFaceAway(t *testing.T) {
	lim := [3][2]float64{{-2, 2}, {-2, 2}, {-1, 1}}
	sq := axesSquare(252, 180)
	b := newBox3d(newCamera(lim, 30, -60, 10, sq), lim)
	// From azimuth -60 (in front of +x, -y) and above, the far panes are
	// x = min, y = max and z = min.
	if b.highs != [3]bool{false, true, false} {
		t.Errorf("highs = %v, want [false true false]", b.highs)
	}
	b = newBox3d(newCamera(lim, -30, 120, 10, sq), lim)
	if b.highs != [3]bool{true, false, true} {
		t.Errorf("opposite view: highs = %v, want [true false true]", b.highs)
	}
}

// TestDistShrinksBox checks that a larger distance draws a smaller box
// around the same centre, as ax.dist does.
func TestDistShrinksBox(t *testing.T) {
	lim := [3][2]float64{{0, 1}, {0, 1}, {0, 1}}
	sq := axesSquare(252, 180)
	span := func(dist float64) vg.Length {
		c := newCamera(lim, 30, -60, dist, sq)
		a, b := c.pt([3]float64{1, 0, 0}), c.pt([3]float64{0, 1, 0})
		return vg.Length(math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)))
	}
	if s10, s12 := span(10), span(12); !(s12 < s10 && s12 > s10*0.75) {
		t.Errorf("box diagonal %v at dist 10, %v at 12: want about 10/12 of it", s10, s12)
	}
}

func TestSurfaceShading(t *testing.T) {
	c := tab10[0]
	up := shade(c, [3]float64{0, 0, 1})
	// matplotlib: 0.3 + 0.7 * (sin(19.4712°) + 1) / 2 = 0.7667 of the colour.
	if want := uint8(math.Round(float64(c.B) * 0.76667)); up.B != want {
		t.Errorf("flat face blue %d, want %d", up.B, want)
	}
	if down := shade(c, [3]float64{0, 0, -1}); down.B >= up.B {
		t.Errorf("a face turned from the light (%d) is not darker than one facing up (%d)", down.B, up.B)
	}
}

func Test3DSVG(t *testing.T) {
	d, err := chapterWireframe().SVG().Render()
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Data["image/svg+xml"].(string); !strings.Contains(s, "<svg") {
		t.Errorf("no SVG in %v", d.Data)
	}
}

func TestLine3D(t *testing.T) {
	fig := New3D().Line([]float64{0, 1}, []float64{0, 1}, []float64{0}, "r-o")
	if _, err := fig.Render(); err == nil || !strings.Contains(err.Error(), "series 1 (Line): len(xs) = 2 but len(zs) = 1") {
		t.Errorf("err = %v", err)
	}
	fig = New3D().Line([]float64{0, 1}, []float64{0, 2}, []float64{-1, 3}, "k--")
	lim, err := fig.limits()
	if err != nil {
		t.Fatal(err)
	}
	if lim != [3][2]float64{{0, 1}, {0, 2}, {-1, 3}} {
		t.Errorf("limits %v", lim)
	}
	if _, err := fig.Render(); err != nil {
		t.Fatal(err)
	}
}
