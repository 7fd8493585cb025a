package plotting

import (
	"errors"
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Pane colours of mplot3d (0.95, 0.90 and 0.925 grey at alpha 0.5),
// already blended over the white background.
var paneColors = [3]color.RGBA{
	{0xf9, 0xf9, 0xf9, 0xff}, {0xf2, 0xf2, 0xf2, 0xff}, {0xf6, 0xf6, 0xf6, 0xff},
}

// planes lists, per axis, the corners (in unitCube order) of the faces
// at its low and high end.
var planes = [6][4]int{
	{0, 3, 7, 4}, {1, 2, 6, 5}, // x
	{0, 1, 5, 4}, {3, 2, 6, 7}, // y
	{0, 1, 2, 3}, {4, 5, 6, 7}, // z
}

// juggled gives, per axis, the order in which the corner of its axis line
// is moved from the far corner (mplot3d's _AXINFO).
var juggled = [3][3]int{{1, 0, 2}, {0, 1, 2}, {0, 2, 1}}

// tickDirs gives the axis along which each axis' ticks point.
var tickDirs = [3]int{1, 0, 0}

// box3d is the geometry shared by the panes and axes of one drawing.
type box3d struct {
	cam                    *camera
	lim                    [3][2]float64
	mins, maxs, mid, delta [3]float64
	minmax, maxmin         [3]float64 // far and near sides
	highs                  [3]bool
	ptsPerDelta            float64 // mplot3d's deltas_per_point
}

func newBox3d(cam *camera, lim [3][2]float64) *box3d {
	b := &box3d{cam: cam, lim: lim}
	for i := 0; i < 3; i++ {
		b.delta[i] = (lim[i][1] - lim[i][0]) / 12
		b.mins[i] = lim[i][0] - 0.25*b.delta[i]
		b.maxs[i] = lim[i][1] + 0.25*b.delta[i]
		b.mid[i] = (lim[i][0] + lim[i][1]) / 2
	}
	corners := b.corners()
	var depth [8]float64
	for k, c := range corners {
		_, depth[k] = cam.project(c[0], c[1], c[2])
	}
	for i := 0; i < 3; i++ {
		var z0, z1 float64
		for k := 0; k < 4; k++ {
			z0 += depth[planes[2*i][k]]
			z1 += depth[planes[2*i+1][k]]
		}
		b.highs[i] = z0 < z1
		if b.highs[i] {
			b.minmax[i], b.maxmin[i] = b.maxs[i], b.mins[i]
		} else {
			b.minmax[i], b.maxmin[i] = b.mins[i], b.maxs[i]
		}
	}
	side := float64(cam.square.Max.X - cam.square.Min.X)
	b.ptsPerDelta = 48 / (2 * side)
	return b
}

// corners returns the corners of the padded box in mplot3d's unit cube order.
func (b *box3d) corners() [8][3]float64 {
	lo, hi := b.mins, b.maxs
	return [8][3]float64{
		{lo[0], lo[1], lo[2]}, {hi[0], lo[1], lo[2]}, {hi[0], hi[1], lo[2]}, {lo[0], hi[1], lo[2]},
		{lo[0], lo[1], hi[2]}, {hi[0], lo[1], hi[2]}, {hi[0], hi[1], hi[2]}, {lo[0], hi[1], hi[2]},
	}
}

// awayFromCenter moves p away from the box centre by pad points along
// every axis but skip.
func (b *box3d) awayFromCenter(p [3]float64, pad float64, skip int) [3]float64 {
	for k := 0; k < 3; k++ {
		if k != skip {
			p[k] += math.Copysign(1, p[k]-b.mid[k]) * pad * b.ptsPerDelta * b.delta[k]
		}
	}
	return p
}

func (b *box3d) drawPanes(c *draw.Canvas) {
	corners := b.corners()
	for i := 0; i < 3; i++ {
		pl := planes[2*i]
		if b.highs[i] {
			pl = planes[2*i+1]
		}
		pts := make([]vg.Point, 4)
		for k, idx := range pl {
			pts[k] = b.cam.pt(corners[idx])
		}
		c.FillPolygon(paneColors[i], pts)
		c.StrokeLines(draw.LineStyle{Color: paneColors[i], Width: 1}, append(pts, pts[0]))
	}
}

// drawAxis draws axis i: its line, label, grid lines and ticks, in
// mplot3d's order.
func (b *box3d) drawAxis(c *draw.Canvas, i int, label string, grid bool, fixed []float64, hasFixed bool) {
	j := juggled[i]
	e1 := b.minmax
	e1[j[0]] = b.maxmin[j[0]]
	e2 := e1
	e2[j[1]] = b.maxmin[j[1]]
	p1, p2 := b.cam.pt(e1), b.cam.pt(e2)
	ax := draw.LineStyle{Color: black, Width: axesWidth}
	c.StrokeLine2(ax, p1.X, p1.Y, p2.X, p2.Y)

	if label != "" {
		var mid [3]float64
		for k := range mid {
			mid[k] = (e1[k] + e2[k]) / 2
		}
		lp := b.cam.pt(b.awayFromCenter(mid, labelPad+21, i))
		rot := 0.0
		if len([]rune(label)) > 4 {
			rot = math.Atan2(float64(p2.Y-p1.Y), float64(p2.X-p1.X))
			if rot > math.Pi/2 {
				rot -= math.Pi
			} else if rot < -math.Pi/2 {
				rot += math.Pi
			}
		}
		drawText(c, label, fontSize, lp, text.XCenter, vaCenter, rot)
	}

	ticks := b.axisTicks(i, fixed, hasFixed)
	labels := tickLabels(ticks)
	if grid {
		gs := draw.LineStyle{Color: gridColor, Width: gridWidth}
		for _, t := range ticks {
			p := b.minmax
			p[i] = t
			q0, q2 := p, p
			q0[(i+1)%3] = b.maxmin[(i+1)%3]
			q2[(i+2)%3] = b.maxmin[(i+2)%3]
			c.StrokeLines(gs, []vg.Point{b.cam.pt(q0), b.cam.pt(p), b.cam.pt(q2)})
		}
	}
	for k, t := range ticks {
		a, z := b.tickSegment(i, t)
		c.StrokeLine2(ax, a.X, a.Y, z.X, z.Y)
		p := b.axisEnd(i)
		p[i] = t
		lp := b.cam.pt(b.awayFromCenter(p, tickPad+8, i))
		drawText(c, labels[k], fontSize, lp, text.XCenter, vaTop, 0)
	}
}

// axisTicks returns the tick values of axis i: the fixed ones inside the
// limits, or matplotlib's automatic ones.
func (b *box3d) axisTicks(i int, fixed []float64, hasFixed bool) []float64 {
	if hasFixed {
		return ticksIn(fixed, b.lim[i][0], b.lim[i][1]).at
	}
	side := b.cam.square.Max.X - b.cam.square.Min.X
	nbins := max(1, min(int(float64(side)/(3*fontSize)), maxTickBins))
	return linearTicks(b.lim[i][0], b.lim[i][1], nbins)
}

// axisEnd returns the end of axis i's line from which mplot3d measures
// its ticks.
func (b *box3d) axisEnd(i int) [3]float64 {
	e1 := b.minmax
	e1[juggled[i][0]] = b.maxmin[juggled[i][0]]
	return e1
}

// tickSegment returns the ends of the tick at v on axis i, as mplot3d
// draws it: from 0.1 inside to 0.2 outside the box, in units of delta.
func (b *box3d) tickSegment(i int, v float64) (vg.Point, vg.Point) {
	td := tickDirs[i]
	sign := -1.0
	if b.highs[td] {
		sign = 1
	}
	e1 := b.axisEnd(i)
	p := e1
	p[i] = v
	p[td] = e1[td] + 0.1*sign*b.delta[td]
	a := b.cam.pt(p)
	p[td] = e1[td] - 0.2*sign*b.delta[td]
	return a, b.cam.pt(p)
}

// draw draws the box, the axes and the surfaces, nearest surface last.
func (f *Figure3D) draw(c draw.Canvas) error {
	if len(f.errs) > 0 {
		return errors.Join(f.errs...)
	}
	for i, l := range []string{f.labels[0], f.labels[1], f.labels[2], f.title} {
		if err := checkLabel([]string{"x label", "y label", "z label", "title"}[i], l); err != nil {
			return err
		}
	}
	lim, err := f.limits()
	if err != nil {
		return err
	}
	r := c.Rectangle
	sq := axesSquare(r.Max.X-r.Min.X, r.Max.Y-r.Min.Y)
	sq.Min = sq.Min.Add(r.Min)
	sq.Max = sq.Max.Add(r.Min)
	cam := newCamera(lim, f.elev, f.azim, f.dist, sq)
	b := newBox3d(cam, lim)
	b.drawPanes(&c)
	for i := 0; i < 3; i++ {
		b.drawAxis(&c, i, f.labels[i], true, f.ticks[i], f.hasTicks[i])
	}
	clip := draw.Canvas{Canvas: c.Canvas, Rectangle: sq}
	order := make([]int, len(f.surfaces))
	near := make([]float64, len(f.surfaces))
	proj := make([][][]projected, len(f.surfaces))
	for k, s := range f.surfaces {
		order[k] = k
		proj[k], near[k] = projectGrid(cam, s)
	}
	// Farthest first, as mplot3d orders its collections by nearest point.
	for a := 1; a < len(order); a++ {
		for x := a; x > 0 && near[order[x]] > near[order[x-1]]; x-- {
			order[x], order[x-1] = order[x-1], order[x]
		}
	}
	for _, k := range order {
		s := f.surfaces[k]
		if s.filled {
			drawSurface(&clip, s, proj[k])
		} else {
			drawWireframe(&clip, s, proj[k])
		}
	}
	for _, p := range f.paths {
		drawPath3d(&clip, cam, p)
	}
	drawText(&c, f.title, titleFontSize, vg.Point{X: (sq.Min.X + sq.Max.X) / 2, Y: sq.Max.Y + titlePad}, text.XCenter, vaBaseline, 0)
	return nil
}
