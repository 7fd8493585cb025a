package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FillBetween fills the area between the curves (xs[i], y1[i]) and
// (xs[i], y2[i]); a nil y2 means the x axis, as in matplotlib's
// fill_between(x, y1). To fill part of the range, pass slices of the
// points (xs[50:250], ys[50:250]). An empty color takes the next colour
// of matplotlib's patch cycle (C0 first, whatever lines were drawn
// before). Fills are drawn under the grid and the lines, and widen the
// axes with the usual 5% margins, as in matplotlib 3.6. It panics on an unknown colour; Render reports bad data
// naming the series and the argument.
func (f *Figure) FillBetween(xs, y1, y2 []float64, color string) *Figure {
	c := f.patchColor(color)
	name := f.seriesName("FillBetween", "")
	if y2 == nil {
		y2 = make([]float64, len(y1))
	}
	err := checkXY("xs", "y1", xs, y1)
	if err == nil {
		err = checkXY("xs", "y2", xs, y2)
	}
	if err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: %w", name, err))
		return f
	}
	f.layers = append(f.layers, &fill{xs: clone(xs), y1: clone(y1), y2: clone(y2), color: c})
	return f
}

// Bar adds one bar per x of the given heights and width, as matplotlib's
// bar(x, height, width, align) draws them: align "center" centres each
// bar on its x, "edge" puts its left edge there (a negative width puts
// the right edge there). The bars rise from 0, which is a sticky edge of
// the y axis. An empty color takes the next colour of the patch cycle. It
// panics on an unknown align or colour, or a width that is zero or not
// finite; Render reports bad data.
func (f *Figure) Bar(xs, heights []float64, width float64, align, color string) *Figure {
	if align != "center" && align != "edge" {
		panic(fmt.Sprintf("plotting: Bar: align %q, want \"center\" or \"edge\"", align))
	}
	if width == 0 || math.IsNaN(width) || math.IsInf(width, 0) {
		panic(fmt.Sprintf("plotting: Bar: width %v, want a finite non-zero width", width))
	}
	c := f.patchColor(color)
	if err := checkXY("xs", "heights", xs, heights); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: %w", f.seriesName("Bar", ""), err))
		return f
	}
	b := &bars{color: c}
	for i, x := range xs {
		left := x
		if align == "center" {
			left -= width / 2
		}
		b.rects = append(b.rects, [4]float64{math.Min(left, left+width), math.Max(left, left+width), math.Min(0, heights[i]), math.Max(0, heights[i])})
	}
	f.layers = append(f.layers, b)
	return f
}

// patchColor parses a fill colour, or takes the next of the patch cycle.
func (f *Figure) patchColor(s string) color.RGBA {
	if s == "" {
		c := tab10[f.npatch%len(tab10)]
		f.npatch++
		return c
	}
	c, ok := parseColor(s)
	if !ok {
		panic(fmt.Sprintf("plotting: unknown colour %q", s))
	}
	return c
}

// A stickyLayer has edges that the automatic margins do not go past, as
// matplotlib's sticky_edges.
type stickyLayer interface {
	sticky() (xs, ys []float64)
}

// fill is the area between two curves.
type fill struct {
	xs, y1, y2 []float64
	color      color.RGBA
}

func (l *fill) bounds() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, x := range l.xs {
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymin = math.Min(ymin, math.Min(l.y1[i], l.y2[i]))
		ymax = math.Max(ymax, math.Max(l.y1[i], l.y2[i]))
	}
	return
}

func (l *fill) under() bool { return true }

func (l *fill) drawLayer(c *draw.Canvas, t *transform) {
	pts := make([]vg.Point, 0, 2*len(l.xs))
	for i, x := range l.xs {
		pts = append(pts, t.pt(x, l.y1[i]))
	}
	for i := len(l.xs) - 1; i >= 0; i-- {
		pts = append(pts, t.pt(l.xs[i], l.y2[i]))
	}
	if p := c.ClipPolygonXY(pts); len(p) >= 3 {
		c.FillPolygon(l.color, p)
	}
}

// bars are rectangles [x0, x1] x [y0, y1].
type bars struct {
	rects [][4]float64
	color color.RGBA
}

func (l *bars) bounds() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, r := range l.rects {
		xmin, xmax = math.Min(xmin, r[0]), math.Max(xmax, r[1])
		ymin, ymax = math.Min(ymin, r[2]), math.Max(ymax, r[3])
	}
	return
}

func (l *bars) sticky() (xs, ys []float64) { return nil, []float64{0} }

func (l *bars) under() bool { return true }

// drawLayer fills all the bars as one path, so that adjacent bars show no
// anti-aliasing seam between them, as in matplotlib.
func (l *bars) drawLayer(c *draw.Canvas, t *transform) {
	var path vg.Path
	for _, r := range l.rects {
		a, b := t.pt(r[0], r[2]), t.pt(r[1], r[3])
		pts := c.ClipPolygonXY([]vg.Point{a, {X: b.X, Y: a.Y}, b, {X: a.X, Y: b.Y}})
		if len(pts) < 3 {
			continue
		}
		path.Move(pts[0])
		for _, p := range pts[1:] {
			path.Line(p)
		}
		path.Close()
	}
	c.SetColor(l.color)
	c.Fill(path)
}
