package plotting

import (
	"math"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/display"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func TestLinesUseTheColourCycle(t *testing.T) {
	xs := []float64{0, 1, 2}
	f := New().Lines(xs, [][]float64{{0, 1, 2}, {2, 1, 0}, {1, 1, 1}}, "a", "b")
	if len(f.lines) != 3 {
		t.Fatalf("%d lines, want 3", len(f.lines))
	}
	for i, s := range f.lines {
		if s.st.color != tab10[i] || s.st.dashes != nil || !s.st.line {
			t.Errorf("line %d: colour %v dashes %v, want C%d solid", i, s.st.color, s.st.dashes, i)
		}
	}
	if f.lines[1].label != "b" || f.lines[2].label != "" {
		t.Errorf("labels %q %q, want b and none", f.lines[1].label, f.lines[2].label)
	}
}

func TestErrorsNameSeriesAndArgument(t *testing.T) {
	xs := Linspace(0, 1, 200)
	tests := []struct {
		name string
		fig  display.Renderer
		want string
	}{
		{"Line", New().Func(math.Sin, 0, 1, "", "sin").Line(xs, nil, "", "data"),
			`series 2 (Line "data"): len(xs) = 200 but len(ys) = 0`},
		{"Lines", New().Lines(xs, [][]float64{xs, xs[1:]}, "P1", "P2"),
			`series 2 (Lines "P2"): len(xs) = 200 but len(ys[1]) = 199`},
		{"Lines nan", New().Lines([]float64{1, 2}, [][]float64{{1, math.NaN()}}),
			`series 1 (Lines): ys[0][1] is NaN`},
		{"Lines empty", New().Lines(xs, nil), `series 1 (Lines): ys holds no series`},
		{"FillBetween", New().FillBetween(xs, xs, xs[:3], ""), `series 1 (FillBetween): len(xs) = 200 but len(y2) = 3`},
		{"Bar", New().Bar(xs, nil, 0.1, "edge", ""), `series 1 (Bar): len(xs) = 200 but len(heights) = 0`},
		{"Func", New().Func(func(float64) float64 { return math.NaN() }, 0, 1, "", "g"), `series 1 (Func "g"): the function is NaN`},
		{"3D", New3D().WireframeFunc(func(x, y float64) float64 { return x }, 0, 1, 0, 1, 5, 1, "").Line(xs, xs, nil, ""),
			`series 2 (Line): len(xs) = 200 but len(zs) = 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.fig.Render()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestFillAndBarPanics(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{"align", func() { New().Bar([]float64{1}, []float64{1}, 1, "left", "") }},
		{"width", func() { New().Bar([]float64{1}, []float64{1}, 0, "edge", "") }},
		{"colour", func() { New().FillBetween([]float64{1}, []float64{1}, nil, "nocolour") }},
		{"ticks", func() { New().XTicks(1, math.Inf(1)) }},
		{"3D ticks", func() { New3D().ZTicks(math.NaN()) }},
		{"Add nil", func() { New().Add(nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if s, _ := recover().(string); !strings.HasPrefix(s, "plotting: ") {
					t.Errorf("recovered %q, want a \"plotting: \" panic", s)
				}
			}()
			tt.fn()
		})
	}
}

func TestBarGeometry(t *testing.T) {
	f := New().Bar([]float64{0, 1}, []float64{2, -1}, 0.5, "edge", "").Bar([]float64{0}, []float64{1}, 0.5, "center", "")
	a := f.layers[0].(*bars)
	if a.rects[0] != [4]float64{0, 0.5, 0, 2} || a.rects[1] != [4]float64{1, 1.5, -1, 0} {
		t.Errorf("edge bars %v", a.rects)
	}
	if b := f.layers[1].(*bars); b.rects[0] != [4]float64{-0.25, 0.25, 0, 1} {
		t.Errorf("centred bar %v", b.rects[0])
	}
	if a.color != tab10[0] || f.layers[1].(*bars).color != tab10[1] {
		t.Error("bars do not follow the patch cycle")
	}
	// The bars rise from 0, a sticky edge: no margin below it.
	tr, _, _, err := New().Bar([]float64{0, 1}, []float64{1, 2}, 1, "edge", "").setup(vg.Rectangle{Max: vg.Point{X: 252, Y: 180}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.y0 != 0 || tr.x0 >= 0 {
		t.Errorf("view x from %v, y from %v; want a margin left of 0 and y from 0", tr.x0, tr.y0)
	}
}

func TestExplicitTicks(t *testing.T) {
	tr, xt, yt, err := New().Line([]float64{-2, 2}, []float64{0, 1}, "", "").XTicks(-2, -1, 0, 1, 2, 5).YTicks(0.5).
		setup(vg.Rectangle{Max: vg.Point{X: 252, Y: 180}})
	if err != nil {
		t.Fatal(err)
	}
	if len(xt.at) != 5 || xt.labels[0] != "−2" || len(yt.at) != 1 || yt.labels[0] != "0.5" {
		t.Errorf("ticks x %v %v y %v; want -2..2 (5 outside the view) and 0.5", xt.at, xt.labels, yt.at)
	}
	_ = tr
}

func TestAddGonumPlotter(t *testing.T) {
	fn := plotter.NewFunction(math.Cos)
	fn.XMin, fn.XMax = 0, 2*math.Pi
	pts := plotter.XYs{{X: -1, Y: -2}, {X: 7, Y: 3}}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		t.Fatal(err)
	}
	f := New().Add(fn).Add(sc)
	tr, _, _, err := f.setup(vg.Rectangle{Max: vg.Point{X: 252, Y: 180}})
	if err != nil {
		t.Fatal(err)
	}
	// The scatter is a DataRanger: it sets the view; the function is not.
	if tr.x0 > -1 || tr.x1 < 7 || tr.y0 > -2 || tr.y1 < 3 {
		t.Errorf("view [%v, %v] x [%v, %v] does not hold the scatter", tr.x0, tr.x1, tr.y0, tr.y1)
	}
	if _, err := f.Render(); err != nil {
		t.Fatal(err)
	}
}

func TestGonumPlotShowsAsPNG(t *testing.T) {
	p := plot.New()
	p.Title.Text = "cos"
	fn := plotter.NewFunction(math.Cos)
	p.Add(fn)
	p.X.Min, p.X.Max = 0, 6
	r, ok := display.RendererFor(p)
	if !ok {
		t.Fatal("no renderer registered for *plot.Plot")
	}
	d, err := r.Render()
	if err != nil {
		t.Fatal(err)
	}
	if d.Data["image/png"] == nil || d.Data["text/plain"] != `<plot.Plot "cos" 3.5x2.5 in>` {
		t.Errorf("bundle %v", d.Data["text/plain"])
	}
}

// TestLines3DLeaveTheBox checks that a 3D line above the z limits is
// drawn past the top of the box, up to the axes, as matplotlib draws it.
func TestLines3DLeaveTheBox(t *testing.T) {
	f := New3D().Line([]float64{0, 0}, []float64{0, 0}, []float64{0, 5}, "k").XLim(-1, 1).YLim(-1, 1).ZLim(-1, 1)
	img, err := rasterize(f, 72)
	if err != nil {
		t.Fatal(err)
	}
	lim, _ := f.limits()
	w, h := DefaultWidth*vg.Inch, DefaultHeight*vg.Inch
	sq := axesSquare(w, h)
	cam := newCamera(lim, f.elev, f.azim, f.dist, sq)
	top := cam.pt([3]float64{0, 0, 1.25}) // above the padded box
	x, y := int(top.X), int(h-top.Y)
	dark := false
	for dx := -1; dx <= 1; dx++ {
		if r, _, _, _ := img.At(x+dx, y).RGBA(); r < 0x4000 {
			dark = true
		}
	}
	if !dark {
		t.Errorf("no line at (%d, %d), above the box", x, y)
	}
}
