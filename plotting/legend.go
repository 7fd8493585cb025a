package plotting

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Legend geometry in font sizes, matplotlib's rcParams defaults.
const (
	legendBorderPad   = 0.4
	legendLabelSpace  = 0.5
	legendHandleLen   = 2.0
	legendHandlePad   = 0.8
	legendBorderAxPad = 0.5
)

var (
	legendFill = color.NRGBA{0xff, 0xff, 0xff, 0xcc} // white at alpha 0.8
	legendEdge = color.RGBA{0xcc, 0xcc, 0xcc, 0xff}
)

// legendAnchors gives the fraction of the free space left of and below
// the legend box for each location.
var legendAnchors = map[string][2]float64{
	"upper right": {1, 1}, "upper left": {0, 1}, "lower left": {0, 0}, "lower right": {1, 0},
	"center right": {1, 0.5}, "center left": {0, 0.5}, "lower center": {0.5, 0}, "upper center": {0.5, 1},
	"center": {0.5, 0.5},
}

// bestOrder is the order in which matplotlib's "best" tries locations.
var bestOrder = []string{"upper right", "upper left", "lower left", "lower right", "center right",
	"center left", "lower center", "upper center", "center"}

// drawLegend draws the labelled series' legend inside the frame.
func drawLegend(c *draw.Canvas, t *transform, lines []*series, loc string) {
	var items []*series
	var textW vg.Length
	for _, s := range lines {
		if s.label != "" {
			items = append(items, s)
			textW = max(textW, textWidth(s.label, fontSize))
		}
	}
	if len(items) == 0 {
		return
	}
	em := vg.Length(fontSize)
	// Each row is as tall as its label, at least one line of text: a
	// formula with scripts takes more room, as in matplotlib.
	rows := make([]vg.Length, len(items))
	var rowsH vg.Length
	for i, s := range items {
		rows[i] = max(textHeight("lp", fontSize), textHeight(s.label, fontSize))
		rowsH += rows[i]
	}
	w := 2*legendBorderPad*em + legendHandleLen*em + legendHandlePad*em + textW
	h := 2*legendBorderPad*em + rowsH + vg.Length(len(items)-1)*legendLabelSpace*em
	fr := t.frame
	pad := legendBorderAxPad * em
	place := func(name string) vg.Rectangle {
		a := legendAnchors[name]
		x := fr.Min.X + pad + vg.Length(a[0])*(fr.Max.X-fr.Min.X-2*pad-w)
		y := fr.Min.Y + pad + vg.Length(a[1])*(fr.Max.Y-fr.Min.Y-2*pad-h)
		return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
	}
	var box vg.Rectangle
	if loc == "best" {
		best := math.MaxInt
		for _, name := range bestOrder {
			r := place(name)
			if n := hidden(r, t, lines); n < best {
				best, box = n, r
			}
		}
	} else {
		box = place(loc)
	}
	path := roundedRect(box, 0.2*em)
	c.SetColor(legendFill)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: legendEdge, Width: 1})
	c.Stroke(path)

	x0 := box.Min.X + legendBorderPad*em
	y := box.Max.Y - legendBorderPad*em
	for i, s := range items {
		rowH := rows[i]
		mid := y - rowH/2
		if s.st.line {
			ls := draw.LineStyle{Color: s.st.color, Width: lineWidth, Dashes: dashLengths(s.st.dashes, lineWidth)}
			c.StrokeLine2(ls, x0, mid, x0+legendHandleLen*em, mid)
		}
		if s.st.marker != 0 {
			drawMarker(c, s.st.marker, s.st.color, vg.Point{X: x0 + legendHandleLen*em/2, Y: mid}, markerSize)
		}
		drawText(c, s.label, fontSize, vg.Point{X: x0 + (legendHandleLen+legendHandlePad)*em, Y: mid}, text.XLeft, vaCenter, 0)
		y -= rowH + legendLabelSpace*em
	}
}

// hidden counts the data points and line vertices inside r.
func hidden(r vg.Rectangle, t *transform, lines []*series) int {
	n := 0
	for _, s := range lines {
		for i := range s.xs {
			if math.IsNaN(s.ys[i]) || math.IsInf(s.ys[i], 0) {
				continue
			}
			p := t.pt(s.xs[i], s.ys[i])
			if p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y {
				n++
			}
		}
	}
	return n
}

// roundedRect returns the outline of r with corners of radius rad.
func roundedRect(r vg.Rectangle, rad vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: r.Min.X + rad, Y: r.Min.Y})
	p.Line(vg.Point{X: r.Max.X - rad, Y: r.Min.Y})
	p.Arc(vg.Point{X: r.Max.X - rad, Y: r.Min.Y + rad}, rad, -math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: r.Max.X, Y: r.Max.Y - rad})
	p.Arc(vg.Point{X: r.Max.X - rad, Y: r.Max.Y - rad}, rad, 0, math.Pi/2)
	p.Line(vg.Point{X: r.Min.X + rad, Y: r.Max.Y})
	p.Arc(vg.Point{X: r.Min.X + rad, Y: r.Max.Y - rad}, rad, math.Pi/2, math.Pi/2)
	p.Line(vg.Point{X: r.Min.X, Y: r.Min.Y + rad})
	p.Arc(vg.Point{X: r.Min.X + rad, Y: r.Min.Y + rad}, rad, math.Pi, math.Pi/2)
	p.Close()
	return p
}

// drawMarker draws one marker of the given kind and size (in points,
// matplotlib's markersize) centred at p.
func drawMarker(c *draw.Canvas, kind byte, clr color.Color, p vg.Point, size vg.Length) {
	r := size / 2
	poly := func(angles []float64, rad vg.Length) vg.Path {
		var path vg.Path
		for i, a := range angles {
			q := vg.Point{X: p.X + rad*vg.Length(math.Cos(a)), Y: p.Y + rad*vg.Length(math.Sin(a))}
			if i == 0 {
				path.Move(q)
			} else {
				path.Line(q)
			}
		}
		path.Close()
		return path
	}
	c.SetColor(clr)
	switch kind {
	case '.', 'o':
		if kind == '.' {
			r /= 2
		}
		var path vg.Path
		path.Move(vg.Point{X: p.X + r, Y: p.Y})
		path.Arc(p, r, 0, 2*math.Pi)
		path.Close()
		c.Fill(path)
	case '^', 'v', '<', '>':
		base := map[byte]float64{'^': math.Pi / 2, 'v': -math.Pi / 2, '<': math.Pi, '>': 0}[kind]
		c.Fill(poly([]float64{base, base + 2*math.Pi/3, base + 4*math.Pi/3}, r))
	case 's':
		c.Fill(poly([]float64{math.Pi / 4, 3 * math.Pi / 4, 5 * math.Pi / 4, 7 * math.Pi / 4}, r*1.2))
	case 'd', 'D':
		c.Fill(poly([]float64{0, math.Pi / 2, math.Pi, 3 * math.Pi / 2}, r))
	case '*':
		var a []float64
		var path vg.Path
		for i := 0; i < 10; i++ {
			a = append(a, math.Pi/2+float64(i)*math.Pi/5)
			rad := r * 1.2
			if i%2 == 1 {
				rad *= 0.4
			}
			q := vg.Point{X: p.X + rad*vg.Length(math.Cos(a[i])), Y: p.Y + rad*vg.Length(math.Sin(a[i]))}
			if i == 0 {
				path.Move(q)
			} else {
				path.Line(q)
			}
		}
		path.Close()
		c.Fill(path)
	case '+', 'x':
		ls := draw.LineStyle{Color: clr, Width: 1}
		if kind == '+' {
			c.StrokeLine2(ls, p.X-r, p.Y, p.X+r, p.Y)
			c.StrokeLine2(ls, p.X, p.Y-r, p.X, p.Y+r)
		} else {
			d := r * 0.7071
			c.StrokeLine2(ls, p.X-d, p.Y-d, p.X+d, p.Y+d)
			c.StrokeLine2(ls, p.X-d, p.Y+d, p.X+d, p.Y-d)
		}
	}
}
