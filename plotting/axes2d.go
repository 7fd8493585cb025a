package plotting

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// matplotlib's rcParams defaults, in points.
const (
	padEdge     = 7.2 // savefig.pad_inches 0.1 with a tight bounding box
	tickLen     = 3.5
	tickPad     = 3.5
	labelPad    = 4.0
	titlePad    = 6.0
	axesWidth   = 0.8
	gridWidth   = 0.8
	lineWidth   = 1.5
	markerSize  = 6.0
	autoMargin  = 0.05
	maxTickBins = 9
)

var gridColor = color.RGBA{0xb0, 0xb0, 0xb0, 0xff}

// A layer is a plot drawn under the lines: a contour, heat map or field.
type layer interface {
	// bounds returns the data range the layer covers.
	bounds() (xmin, xmax, ymin, ymax float64)
	// under reports whether the layer is drawn under the grid.
	under() bool
	drawLayer(c *draw.Canvas, t *transform)
}

// transform maps data coordinates into the frame of the axes.
type transform struct {
	frame          vg.Rectangle
	x0, x1, y0, y1 float64 // view limits, log10 of them on a log axis
	logx, logy     bool
}

func (t *transform) fx(x float64) float64 {
	if t.logx {
		x = math.Log10(x)
	}
	return (x - t.x0) / (t.x1 - t.x0)
}

func (t *transform) fy(y float64) float64 {
	if t.logy {
		y = math.Log10(y)
	}
	return (y - t.y0) / (t.y1 - t.y0)
}

func (t *transform) pt(x, y float64) vg.Point {
	r := t.frame
	return vg.Point{
		X: r.Min.X + vg.Length(t.fx(x))*(r.Max.X-r.Min.X),
		Y: r.Min.Y + vg.Length(t.fy(y))*(r.Max.Y-r.Min.Y),
	}
}

// viewLimits returns the view interval of one axis: the fixed limits if
// set, else the data range with matplotlib's 5% margins (in log10 units
// on a log axis). The result is in axis units (log10 on a log axis).
func viewLimits(lo, hi float64, fixed bool, lim [2]float64, log bool) (float64, float64) {
	if fixed {
		lo, hi = lim[0], lim[1]
		if log {
			return math.Log10(lo), math.Log10(hi)
		}
		return lo, hi
	}
	if log {
		lo, hi = math.Log10(lo), math.Log10(hi)
	}
	if hi-lo < 1e-12*math.Max(math.Abs(lo), math.Abs(hi)) || hi == lo {
		// matplotlib's nonsingular: widen a single value by 5%, or 0.05 around zero.
		d := 0.05 * math.Abs(lo)
		if d == 0 {
			d = 0.05
		}
		lo, hi = lo-d, hi+d
	}
	m := autoMargin * (hi - lo)
	return lo - m, hi + m
}

// sticky moves a lower view limit lo up to the sticky value s when s lies
// between lo and the data minimum dmin.
func sticky(lo, dmin, s float64) float64 {
	if s > lo && s <= dmin {
		return s
	}
	return lo
}

// sticky2 is sticky for an upper limit.
func sticky2(hi, dmax, s float64) float64 {
	if s < hi && s >= dmax {
		return s
	}
	return hi
}

// axisTicks holds the positions (in data units) and labels of one axis.
type axisTicks struct {
	at     []float64
	labels []string
}

func makeTicks(lo, hi float64, log bool, length vg.Length, perBin float64) axisTicks {
	nbins := int(math.Floor(float64(length) / perBin))
	nbins = max(1, min(nbins, maxTickBins))
	if log {
		at, labels := logTicks(math.Pow(10, lo), math.Pow(10, hi), nbins)
		return axisTicks{at, labels}
	}
	at := linearTicks(lo, hi, nbins)
	return axisTicks{at, tickLabels(at)}
}

// dataRange returns the extent of all plotted data.
func (f *Figure) dataRange() (xmin, xmax, ymin, ymax float64, err error) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for i, s := range f.lines {
		for j := range s.xs {
			x, y := s.xs[j], s.ys[j]
			if math.IsNaN(y) || math.IsInf(y, 0) {
				continue
			}
			if (f.logx && x <= 0) || (f.logy && y <= 0) {
				return 0, 0, 0, 0, fmt.Errorf("plotting: series %d: point (%v, %v) cannot be shown on a log axis", i+1, x, y)
			}
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		}
	}
	for _, l := range f.layers {
		a, b, c, d := l.bounds()
		xmin, xmax = math.Min(xmin, a), math.Max(xmax, b)
		ymin, ymax = math.Min(ymin, c), math.Max(ymax, d)
	}
	if math.IsInf(xmin, 1) {
		if f.hasXlim && f.hasYlim {
			return f.xlim[0], f.xlim[1], f.ylim[0], f.ylim[1], nil
		}
		return 0, 0, 0, 0, errors.New("plotting: the figure has nothing to plot")
	}
	return xmin, xmax, ymin, ymax, nil
}

// draw lays the figure out as matplotlib's tight bounding box would and
// draws it.
func (f *Figure) draw(c draw.Canvas) error {
	t, xt, yt, err := f.setup(c.Rectangle)
	if err != nil {
		return err
	}
	f.drawAxes(&c, t, xt, yt)
	return nil
}

// setup checks the figure and computes its view limits, ticks and frame
// inside full.
func (f *Figure) setup(full vg.Rectangle) (*transform, axisTicks, axisTicks, error) {
	var xt, yt axisTicks
	if len(f.errs) > 0 {
		return nil, xt, yt, errors.Join(f.errs...)
	}
	for _, l := range [][2]string{{"title", f.title}, {"x label", f.xlabel}, {"y label", f.ylabel}} {
		if err := checkLabel(l[0], l[1]); err != nil {
			return nil, xt, yt, err
		}
	}
	for _, s := range f.lines {
		if err := checkLabel("legend label", s.label); err != nil {
			return nil, xt, yt, err
		}
	}
	if f.logx && f.hasXlim && f.xlim[0] <= 0 || f.logy && f.hasYlim && f.ylim[0] <= 0 {
		return nil, xt, yt, errors.New("plotting: limits of a log axis must be positive")
	}
	if f.logx || f.logy {
		for _, l := range f.layers {
			if _, ok := l.(*heatMap); ok {
				return nil, xt, yt, errors.New("plotting: a heat map cannot be drawn on a log axis")
			}
		}
	}
	xmin, xmax, ymin, ymax, err := f.dataRange()
	if err != nil {
		return nil, xt, yt, err
	}
	t := &transform{logx: f.logx, logy: f.logy}
	t.x0, t.x1 = viewLimits(xmin, xmax, f.hasXlim, f.xlim, f.logx)
	t.y0, t.y1 = viewLimits(ymin, ymax, f.hasYlim, f.ylim, f.logy)
	// Contours and heat maps have sticky edges, as in matplotlib: the
	// margins do not reach past their grids; bars say theirs.
	for _, l := range f.layers {
		if sl, ok := l.(stickyLayer); ok {
			xs, ys := sl.sticky()
			for _, s := range xs {
				if !f.hasXlim && !f.logx {
					t.x0, t.x1 = sticky(t.x0, xmin, s), sticky2(t.x1, xmax, s)
				}
			}
			for _, s := range ys {
				if !f.hasYlim && !f.logy {
					t.y0, t.y1 = sticky(t.y0, ymin, s), sticky2(t.y1, ymax, s)
				}
			}
		}
		switch l.(type) {
		case *contour, *heatMap:
			a, b, c, d := l.bounds()
			if !f.hasXlim && !f.logx {
				t.x0, t.x1 = sticky(t.x0, xmin, a), sticky2(t.x1, xmax, b)
			}
			if !f.hasYlim && !f.logy {
				t.y0, t.y1 = sticky(t.y0, ymin, c), sticky2(t.y1, ymax, d)
			}
		}
	}

	// Two passes: the tick count depends on the axes size, and the margins
	// on the tick labels.
	frame := vg.Rectangle{
		Min: vg.Point{X: full.Min.X + 50, Y: full.Min.Y + 40},
		Max: vg.Point{X: full.Max.X - 10, Y: full.Max.Y - 10},
	}
	for pass := 0; pass < 2; pass++ {
		xt = makeTicks(t.x0, t.x1, f.logx, frame.Max.X-frame.Min.X, 3*fontSize)
		yt = makeTicks(t.y0, t.y1, f.logy, frame.Max.Y-frame.Min.Y, 2*fontSize)
		if f.hasXticks && !f.logx {
			xt = ticksIn(f.xticks, t.x0, t.x1)
		}
		if f.hasYticks && !f.logy {
			yt = ticksIn(f.yticks, t.y0, t.y1)
		}
		frame = f.layout(full, t, xt, yt)
	}
	if frame.Max.X-frame.Min.X < 10 || frame.Max.Y-frame.Min.Y < 10 {
		return nil, xt, yt, fmt.Errorf("plotting: figure %gx%g in is too small for its labels", f.width, f.height)
	}
	if f.equal {
		frame = equalAspect(frame, t)
	}
	t.frame = frame
	return t, xt, yt, nil
}

// equalAspect shrinks the frame, keeping it centred, so that one unit has
// the same length on both axes.
func equalAspect(fr vg.Rectangle, t *transform) vg.Rectangle {
	w, h := float64(fr.Max.X-fr.Min.X), float64(fr.Max.Y-fr.Min.Y)
	sx, sy := w/(t.x1-t.x0), h/(t.y1-t.y0)
	if sx > sy {
		d := vg.Length(w-sy*(t.x1-t.x0)) / 2
		fr.Min.X += d
		fr.Max.X -= d
	} else {
		d := vg.Length(h-sx*(t.y1-t.y0)) / 2
		fr.Min.Y += d
		fr.Max.Y -= d
	}
	return fr
}

// layout returns the frame of the axes inside full, leaving room for the
// tick labels, axis labels and title.
func (f *Figure) layout(full vg.Rectangle, t *transform, xt, yt axisTicks) vg.Rectangle {
	tickH := textHeight("0", fontSize)
	var yTickW vg.Length
	for _, l := range yt.labels {
		yTickW = max(yTickW, textWidth(l, fontSize))
	}
	left := padEdge + tickLen + tickPad + yTickW
	if f.ylabel != "" {
		left += labelPad + textHeight(f.ylabel, fontSize)
	}
	bottom := padEdge + tickLen + tickPad + tickH
	if f.xlabel != "" {
		bottom += labelPad + textHeight(f.xlabel, fontSize)
	}
	top := vg.Length(padEdge)
	if f.title != "" {
		top += titlePad + textHeight(f.title, titleFontSize)
	} else if n := len(yt.at); n > 0 {
		// The top y tick label may stick out above the frame: it rises
		// half the height of an "l" above its tick.
		h := full.Max.Y - full.Min.Y - top - bottom
		over := textHeight(yt.labels[n-1], fontSize) - vg.Length(pDescent*fontSize)
		top += max(0, over/2-vg.Length(1-t.fy(yt.at[n-1]))*h)
	}
	right := vg.Length(padEdge)
	if n := len(xt.at); n > 0 {
		// The last x tick label may stick out past the frame.
		w := full.Max.X - full.Min.X - left - right
		over := vg.Length(t.fx(xt.at[n-1])-1)*w + textWidth(xt.labels[n-1], fontSize)/2
		right += max(0, over)
		if n0 := t.fx(xt.at[0]) * float64(w); vg.Length(n0) < textWidth(xt.labels[0], fontSize)/2-left+padEdge {
			left = textWidth(xt.labels[0], fontSize)/2 - vg.Length(n0) + padEdge
		}
	}
	return vg.Rectangle{
		Min: vg.Point{X: full.Min.X + left, Y: full.Min.Y + bottom},
		Max: vg.Point{X: full.Max.X - right, Y: full.Max.Y - top},
	}
}

func (f *Figure) drawAxes(c *draw.Canvas, t *transform, xt, yt axisTicks) {
	fr := t.frame
	inner := draw.Canvas{Canvas: c.Canvas, Rectangle: fr}
	for _, l := range f.layers {
		if l.under() {
			l.drawLayer(&inner, t)
		}
	}
	if f.grid {
		gs := draw.LineStyle{Color: gridColor, Width: gridWidth}
		for _, x := range xt.at {
			p := t.pt(x, 1).X
			c.StrokeLine2(gs, p, fr.Min.Y, p, fr.Max.Y)
		}
		for _, y := range yt.at {
			p := t.pt(1, y).Y
			c.StrokeLine2(gs, fr.Min.X, p, fr.Max.X, p)
		}
	}
	for _, l := range f.layers {
		if !l.under() {
			l.drawLayer(&inner, t)
		}
	}
	for _, s := range f.lines {
		drawSeries(&inner, t, s)
	}

	// Spines on all four sides, ticks outside, labels.
	ax := draw.LineStyle{Color: black, Width: axesWidth}
	c.StrokeLines(ax, []vg.Point{fr.Min, {X: fr.Max.X, Y: fr.Min.Y}, fr.Max, {X: fr.Min.X, Y: fr.Max.Y}, fr.Min})
	for i, x := range xt.at {
		p := t.pt(x, 1).X
		c.StrokeLine2(ax, p, fr.Min.Y, p, fr.Min.Y-tickLen)
		drawText(c, xt.labels[i], fontSize, vg.Point{X: p, Y: fr.Min.Y - tickLen - tickPad}, text.XCenter, vaTop, 0)
	}
	var yTickW vg.Length
	for i, y := range yt.at {
		p := t.pt(1, y).Y
		c.StrokeLine2(ax, fr.Min.X, p, fr.Min.X-tickLen, p)
		drawText(c, yt.labels[i], fontSize, vg.Point{X: fr.Min.X - tickLen - tickPad, Y: p}, text.XRight, vaCenterBaseline, 0)
		yTickW = max(yTickW, textWidth(yt.labels[i], fontSize))
	}
	midX, midY := (fr.Min.X+fr.Max.X)/2, (fr.Min.Y+fr.Max.Y)/2
	xlY := fr.Min.Y - tickLen - tickPad - textHeight("0", fontSize) - labelPad
	drawText(c, f.xlabel, fontSize, vg.Point{X: midX, Y: xlY}, text.XCenter, vaTop, 0)
	ylX := fr.Min.X - tickLen - tickPad - yTickW - labelPad
	drawText(c, f.ylabel, fontSize, vg.Point{X: ylX, Y: midY}, text.XCenter, vaBottom, math.Pi/2)
	drawText(c, f.title, titleFontSize, vg.Point{X: midX, Y: fr.Max.Y + titlePad}, text.XCenter, vaBaseline, 0)
	if f.legendLoc != "none" {
		drawLegend(c, t, f.lines, f.legendLoc)
	}
}

// drawSeries draws one line and its markers, clipped to the frame and
// broken where y is not finite.
func drawSeries(c *draw.Canvas, t *transform, s *series) {
	var runs [][]vg.Point
	var cur []vg.Point
	for i := range s.xs {
		y := s.ys[i]
		if math.IsNaN(y) || math.IsInf(y, 0) {
			if len(cur) > 0 {
				runs = append(runs, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, t.pt(s.xs[i], y))
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	if s.st.line {
		ls := draw.LineStyle{Color: s.st.color, Width: lineWidth, Dashes: dashLengths(s.st.dashes, lineWidth)}
		c.StrokeLines(ls, c.ClipLinesXY(runs...)...)
	}
	if s.st.marker != 0 {
		for _, run := range runs {
			for _, p := range run {
				if c.Contains(p) {
					drawMarker(c, s.st.marker, s.st.color, p, markerSize)
				}
			}
		}
	}
}
