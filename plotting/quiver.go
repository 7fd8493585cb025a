package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// quiver is a field of arrows.
type quiver struct {
	x, y, u, v [][]float64
	color      color.RGBA
}

// Quiver adds an arrow (U[i][j], V[i][j]) at every point (X[i][j],
// Y[i][j]). Arrows point along (u, v) in data coordinates and are scaled
// as matplotlib's quiver scales them: the mean arrow is the axes width
// divided by 1.8·max(10, √N). An empty color is the next cycle colour.
func (f *Figure) Quiver(X, Y, U, V [][]float64, color string) *Figure {
	q := &quiver{}
	if color == "" {
		q.color = f.nextColor()
	} else {
		c, ok := parseColor(color)
		if !ok {
			panic(fmt.Sprintf("plotting: unknown colour %q", color))
		}
		q.color = c
	}
	if err := checkGrid(X, Y, U); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: quiver: %w", err))
		return f
	}
	if err := checkGrid(X, Y, V); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: quiver: %w", err))
		return f
	}
	q.x, q.y, q.u, q.v = cloneGrid(X), cloneGrid(Y), cloneGrid(U), cloneGrid(V)
	f.layers = append(f.layers, q)
	return f
}

// GradientField adds the arrows of -∇f, the direction of steepest
// descent, on an n x n grid over [x0, x1] x [y0, y1]; grad returns the two
// partial derivatives of f at (x, y). It panics on an empty region or
// n < 2.
func (f *Figure) GradientField(grad func(x, y float64) (float64, float64), x0, x1, y0, y1 float64, n int) *Figure {
	if !(x0 < x1 && y0 < y1) {
		panic(fmt.Sprintf("plotting: empty region [%v, %v] x [%v, %v]", x0, x1, y0, y1))
	}
	X, Y := Meshgrid(Linspace(x0, x1, n), Linspace(y0, y1, n))
	U := make([][]float64, n)
	V := make([][]float64, n)
	for i := range X {
		U[i] = make([]float64, n)
		V[i] = make([]float64, n)
		for j := range X[i] {
			gx, gy := grad(X[i][j], Y[i][j])
			U[i][j], V[i][j] = -gx, -gy
		}
	}
	return f.Quiver(X, Y, U, V, "")
}

func (q *quiver) bounds() (xmin, xmax, ymin, ymax float64) {
	return (&grid2d{x: q.x, y: q.y}).bounds()
}

func (q *quiver) under() bool { return false }

func (q *quiver) drawLayer(c *draw.Canvas, t *transform) {
	var sum float64
	n := 0
	for i := range q.u {
		for j := range q.u[i] {
			sum += math.Hypot(q.u[i][j], q.v[i][j])
			n++
		}
	}
	if sum == 0 {
		return
	}
	mean := sum / float64(n)
	sn := math.Max(10, math.Sqrt(float64(n)))
	width := float64(t.frame.Max.X - t.frame.Min.X)
	perUnit := width / (1.8 * sn) / mean // points per unit of |(u, v)|
	shaft := 0.03 * width / sn           // half the shaft width
	c.SetColor(q.color)
	for i := range q.u {
		for j := range q.u[i] {
			mag := math.Hypot(q.u[i][j], q.v[i][j])
			if mag == 0 {
				continue
			}
			p := t.pt(q.x[i][j], q.y[i][j])
			// Direction on the figure of a small step along (u, v).
			e := 1e-6 * math.Max(math.Abs(t.x1-t.x0), math.Abs(t.y1-t.y0)) / mag
			d := t.pt(q.x[i][j]+e*q.u[i][j], q.y[i][j]+e*q.v[i][j])
			dx, dy := float64(d.X-p.X), float64(d.Y-p.Y)
			l := math.Hypot(dx, dy)
			if l == 0 || !c.Contains(p) {
				continue
			}
			c.Fill(arrow(p, dx/l, dy/l, mag*perUnit, shaft))
		}
	}
}

// arrow returns a filled arrow from p along the unit vector (ux, uy) of the
// given length, with matplotlib's head proportions (width 3, length 5 and
// axis length 4.5 shaft widths), shrunk with short arrows.
func arrow(p vg.Point, ux, uy, length, half float64) vg.Path {
	w := 2 * half
	headLen, headAxis, headHalf := 5*w, 4.5*w, 1.5*w
	if length < headLen {
		k := length / headLen
		headLen, headAxis, headHalf, half = headLen*k, headAxis*k, headHalf*k, half*k
	}
	at := func(along, across float64) vg.Point {
		return vg.Point{X: p.X + vg.Length(along*ux-across*uy), Y: p.Y + vg.Length(along*uy+across*ux)}
	}
	var path vg.Path
	path.Move(at(0, -half))
	path.Line(at(length-headAxis, -half))
	path.Line(at(length-headLen, -headHalf))
	path.Line(at(length, 0))
	path.Line(at(length-headLen, headHalf))
	path.Line(at(length-headAxis, half))
	path.Line(at(0, half))
	path.Close()
	return path
}
