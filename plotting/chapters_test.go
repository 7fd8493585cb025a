package plotting

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// The figures of the single-variable and integral calculus chapters, as
// testdata/mpl/refs.py draws them with matplotlib.

// d2lFormats are d2l.plot's default line formats.
var d2lFormats = []string{"-", "m--", "g-.", "r:"}

func mapf(xs []float64, f func(float64) float64) []float64 {
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = f(x)
	}
	return ys
}

func refSinXX() *Figure {
	xs := Arange(0.01, 3.01, 0.01)
	return Plot(xs, mapf(xs, func(x float64) float64 { return math.Sin(math.Pow(x, x)) }), "x", "f(x)")
}

func refLinear() *Figure {
	xs := Arange(-math.Pi, math.Pi, 0.01)
	ys := [][]float64{mapf(xs, math.Sin)}
	for _, x0 := range []float64{-1.5, 0, 2} {
		ys = append(ys, mapf(xs, func(x float64) float64 { return math.Sin(x0) + (x-x0)*math.Cos(x0) }))
	}
	return PlotMany(xs, ys, "x", "f(x)", nil).YLim(-1.5, 1.5)
}

func refTaylor() *Figure {
	xs := Arange(0, 3, 0.01)
	p1 := func(x float64) float64 { return 1 + x }
	p2 := func(x float64) float64 { return p1(x) + x*x/2 }
	p5 := func(x float64) float64 { return p2(x) + x*x*x/6 + math.Pow(x, 4)/24 + math.Pow(x, 5)/120 }
	ys := [][]float64{mapf(xs, math.Exp), mapf(xs, p1), mapf(xs, p2), mapf(xs, p5)}
	return PlotMany(xs, ys, "$x$", "$f(x)$", []string{"$e^x$", "$P_1(x)$", "$P_2(x)$", "$P_5(x)$"})
}

func refFill(partial bool) *Figure {
	xs := Arange(-2, 2, 0.01)
	ys := mapf(xs, func(x float64) float64 { return math.Exp(-x * x) })
	f := New().Grid(false).Line(xs, ys, "black", "").XLabel("$x$").YLabel("$e^{-x^2}$")
	if partial {
		return f.FillBetween(xs[50:250], ys[50:250], nil, "")
	}
	return f.FillBetween(xs, ys, nil, "")
}

func refRiemann() *Figure {
	xs := Arange(0, 2, 0.05)
	ys := mapf(xs, func(x float64) float64 { return x / (1 + x*x) })
	return New().Grid(false).Bar(xs, ys, 0.05, "edge", "").Line(xs, ys, "black", "").YLim(0, 1)
}

func refGauss3D() *Figure3D {
	X, Y := Meshgrid(Linspace(-2, 2, 101), Linspace(-2, 2, 101))
	Z := Eval(func(x, y float64) float64 { return math.Exp(-x*x - y*y) }, X, Y)
	return New3D().Wireframe(X, Y, Z, 3, "").XLabel("x").YLabel("y").
		XTicks(-2, -1, 0, 1, 2).YTicks(-2, -1, 0, 1, 2).XLim(-2, 2).YLim(-2, 2).ZLim(0, 1).Dist(12)
}

var refFigures2D = map[string]func() *Figure{
	"sinxx": refSinXX, "linear": refLinear, "taylor": refTaylor,
	"fill": func() *Figure { return refFill(false) }, "fillpart": func() *Figure { return refFill(true) },
	"riemann": refRiemann,
}

func TestGoldenChapters(t *testing.T) {
	for name, fig := range refFigures2D {
		t.Run(name, func(t *testing.T) { checkGolden(t, "chapters_"+name+".png", fig(), RetinaDPI) })
	}
	t.Run("gauss3d", func(t *testing.T) { checkGolden(t, "chapters_gauss3d.png", refGauss3D(), RetinaDPI) })
}

// mplRef is one figure of testdata/mpl/boxes.txt.
type mplRef struct {
	box    [4]float64
	xticks map[float64]float64
	yticks map[float64]float64
	ticks3 map[string][4]float64 // "x -2" -> segment
}

func readMplRefs(t *testing.T) map[string]*mplRef {
	f, err := os.Open("testdata/mpl/boxes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs := map[string]*mplRef{}
	var cur *mplRef
	nums := func(fs []string) []float64 {
		v := make([]float64, len(fs))
		for i, s := range fs {
			if v[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("boxes.txt: %v", err)
			}
		}
		return v
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		switch fs[0] {
		case "figure":
			cur = &mplRef{xticks: map[float64]float64{}, yticks: map[float64]float64{}, ticks3: map[string][4]float64{}}
			refs[fs[1]] = cur
		case "box":
			copy(cur.box[:], nums(fs[1:]))
		case "xtick", "ytick":
			v := nums(fs[1:])
			if fs[0] == "xtick" {
				cur.xticks[v[0]] = v[1]
			} else {
				cur.yticks[v[0]] = v[1]
			}
		case "tick3d":
			var seg [4]float64
			copy(seg[:], nums(fs[3:]))
			cur.ticks3[fs[1]+" "+fs[2]] = seg
		}
	}
	return refs
}

// TestMatplotlibBoxes lays out each figure of the chapters and compares
// the axes box and the tick positions with matplotlib's (within 2 px at
// 192 dpi), read from testdata/mpl/boxes.txt, which refs.py writes.
func TestMatplotlibBoxes(t *testing.T) {
	const dpi, tol = RetinaDPI, 2.0
	refs := readMplRefs(t)
	w, h := DefaultWidth*vg.Inch, DefaultHeight*vg.Inch
	px := func(l vg.Length) float64 { return float64(l) * dpi / 72 }
	pyFromTop := func(l vg.Length) float64 { return float64(h-l) * dpi / 72 }
	worst := 0.0
	defer func() { t.Logf("largest difference from matplotlib: %.2f px", worst) }()
	near := func(t *testing.T, what string, got, want float64) {
		t.Helper()
		worst = math.Max(worst, math.Abs(got-want))
		if math.Abs(got-want) > tol {
			t.Errorf("%s at %.2f px, matplotlib %.2f px", what, got, want)
		}
	}
	for name, fig := range refFigures2D {
		t.Run(name, func(t *testing.T) {
			ref := refs[name]
			if ref == nil {
				t.Fatalf("no reference for %s", name)
			}
			tr, xt, yt, err := fig().setup(vg.Rectangle{Max: vg.Point{X: w, Y: h}})
			if err != nil {
				t.Fatal(err)
			}
			fr := tr.frame
			near(t, "left edge", px(fr.Min.X), ref.box[0])
			near(t, "top edge", pyFromTop(fr.Max.Y), ref.box[1])
			near(t, "right edge", px(fr.Max.X), ref.box[2])
			near(t, "bottom edge", pyFromTop(fr.Min.Y), ref.box[3])
			if len(xt.at) != len(ref.xticks) || len(yt.at) != len(ref.yticks) {
				t.Errorf("ticks x %v y %v, matplotlib %v %v", xt.at, yt.at, ref.xticks, ref.yticks)
			}
			for _, v := range xt.at {
				if want, ok := ref.xticks[v]; ok {
					near(t, "x tick "+strconv.FormatFloat(v, 'g', -1, 64), px(tr.pt(v, 1).X), want)
				}
			}
			for _, v := range yt.at {
				if want, ok := ref.yticks[v]; ok {
					near(t, "y tick "+strconv.FormatFloat(v, 'g', -1, 64), pyFromTop(tr.pt(1, v).Y), want)
				}
			}
		})
	}
	t.Run("gauss3d", func(t *testing.T) {
		ref := refs["gauss3d"]
		f := refGauss3D()
		lim, err := f.limits()
		if err != nil {
			t.Fatal(err)
		}
		sq := axesSquare(w, h)
		near(t, "left edge", px(sq.Min.X), ref.box[0])
		near(t, "top edge", pyFromTop(sq.Max.Y), ref.box[1])
		near(t, "right edge", px(sq.Max.X), ref.box[2])
		near(t, "bottom edge", pyFromTop(sq.Min.Y), ref.box[3])
		b := newBox3d(newCamera(lim, f.elev, f.azim, f.dist, sq), lim)
		n := 0
		for i, axis := range []string{"x", "y", "z"} {
			for _, v := range b.axisTicks(i, f.ticks[i], f.hasTicks[i]) {
				key := axis + " " + strconv.FormatFloat(v, 'g', -1, 64)
				want, ok := ref.ticks3[key]
				if !ok {
					t.Errorf("tick %s: matplotlib has none", key)
					continue
				}
				n++
				a, z := b.tickSegment(i, v)
				near(t, key+" inner end x", px(a.X), want[0])
				near(t, key+" inner end y", pyFromTop(a.Y), want[1])
				near(t, key+" outer end x", px(z.X), want[2])
				near(t, key+" outer end y", pyFromTop(z.Y), want[3])
			}
		}
		if n != len(ref.ticks3) {
			t.Errorf("%d ticks compared, matplotlib has %d", n, len(ref.ticks3))
		}
	})
}
