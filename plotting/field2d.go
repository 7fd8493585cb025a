package plotting

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridSamples is the number of points per side at which Contour and
// HeatMap evaluate their function.
const GridSamples = 100

// grid2d is a structured grid of values: X[i][j], Y[i][j], Z[i][j].
type grid2d struct {
	x, y, z [][]float64
}

func (g *grid2d) bounds() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for i := range g.x {
		for j := range g.x[i] {
			xmin, xmax = math.Min(xmin, g.x[i][j]), math.Max(xmax, g.x[i][j])
			ymin, ymax = math.Min(ymin, g.y[i][j]), math.Max(ymax, g.y[i][j])
		}
	}
	return
}

func (g *grid2d) zrange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, row := range g.z {
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return
}

func sampleGrid(fn func(x, y float64) float64, x0, x1, y0, y1 float64, n int) (X, Y, Z [][]float64) {
	if !(x0 < x1 && y0 < y1) {
		panic(fmt.Sprintf("plotting: empty region [%v, %v] x [%v, %v]", x0, x1, y0, y1))
	}
	X, Y = Meshgrid(Linspace(x0, x1, n), Linspace(y0, y1, n))
	return X, Y, Eval(fn, X, Y)
}

// addGrid validates a grid and returns it, or records the error.
func (f *Figure) addGrid(what string, X, Y, Z [][]float64) *grid2d {
	if err := checkGrid(X, Y, Z); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: %w", what, err))
		return nil
	}
	return &grid2d{cloneGrid(X), cloneGrid(Y), cloneGrid(Z)}
}

// contour is a set of level curves coloured by level.
type contour struct {
	grid2d
	levels int
}

// Contour adds the level curves of fn over [x0, x1] x [y0, y1], sampled on
// a GridSamples x GridSamples grid, at about levels values chosen as
// matplotlib's contour chooses them, coloured from dark to light with
// the viridis colour map. It panics on an empty region or levels < 1.
func (f *Figure) Contour(fn func(x, y float64) float64, x0, x1, y0, y1 float64, levels int) *Figure {
	X, Y, Z := sampleGrid(fn, x0, x1, y0, y1, GridSamples)
	return f.ContourGrid(X, Y, Z, levels)
}

// ContourGrid adds the level curves of the values Z[i][j] at the points
// (X[i][j], Y[i][j]), as Meshgrid and Eval make them.
func (f *Figure) ContourGrid(X, Y, Z [][]float64, levels int) *Figure {
	if levels < 1 {
		panic(fmt.Sprintf("plotting: %d contour levels, want at least 1", levels))
	}
	if g := f.addGrid("contour", X, Y, Z); g != nil {
		f.layers = append(f.layers, &contour{*g, levels})
	}
	return f
}

func (c *contour) under() bool { return false }

// values returns the contour levels strictly inside the range of z.
func (c *contour) values() []float64 {
	lo, hi := c.zrange()
	var v []float64
	for _, l := range linearTicks(lo, hi, c.levels+1) {
		if l > lo && l < hi {
			v = append(v, l)
		}
	}
	return v
}

func (c *contour) drawLayer(cv *draw.Canvas, t *transform) {
	levels := c.values()
	for k, lv := range levels {
		tt := 0.0
		if len(levels) > 1 {
			tt = float64(k) / float64(len(levels)-1)
		}
		segs := marchingSquares(&c.grid2d, lv, t)
		ls := draw.LineStyle{Color: viridis(tt), Width: lineWidth}
		cv.StrokeLines(ls, cv.ClipLinesXY(segs...)...)
	}
}

// marchingSquares returns the level curve z = lv as polylines in figure
// coordinates. Each crossed cell gives a segment between two grid edges;
// segments sharing an edge are chained so that the curves are stroked
// whole. Saddle cells are resolved by the value at the cell centre.
func marchingSquares(g *grid2d, lv float64, t *transform) [][]vg.Point {
	rows, cols := len(g.z), len(g.z[0])
	// Edge ids: 2*(i*cols+j) is the edge from (i,j) to (i,j+1), plus 1 the
	// edge from (i,j) to (i+1,j).
	edgeID := func(a, b [2]int) int {
		if a[0] > b[0] || a[1] > b[1] {
			a, b = b, a
		}
		id := 2 * (a[0]*cols + a[1])
		if b[0] != a[0] {
			id++
		}
		return id
	}
	point := func(id int) vg.Point {
		i, j := id/2/cols, id/2%cols
		i1, j1 := i, j+1
		if id%2 == 1 {
			i1, j1 = i+1, j
		}
		a, b := g.z[i][j], g.z[i1][j1]
		s := (lv - a) / (b - a)
		return t.pt(g.x[i][j]+s*(g.x[i1][j1]-g.x[i][j]), g.y[i][j]+s*(g.y[i1][j1]-g.y[i][j]))
	}
	links := map[int][]int{}
	link := func(a, b int) {
		links[a] = append(links[a], b)
		links[b] = append(links[b], a)
	}
	for i := 0; i+1 < rows; i++ {
		for j := 0; j+1 < cols; j++ {
			// Corners counter-clockwise; edge k joins corners k and k+1.
			ci := [4][2]int{{i, j}, {i, j + 1}, {i + 1, j + 1}, {i + 1, j}}
			code := 0
			for k, c := range ci {
				if g.z[c[0]][c[1]] > lv {
					code |= 1 << k
				}
			}
			if code == 0 || code == 15 {
				continue
			}
			var cross []int
			for k := 0; k < 4; k++ {
				if (code>>k)&1 != (code>>((k+1)%4))&1 {
					cross = append(cross, edgeID(ci[k], ci[(k+1)%4]))
				}
			}
			if len(cross) == 2 {
				link(cross[0], cross[1])
				continue
			}
			// Saddle: corners 0 and 2 on one side, 1 and 3 on the other.
			centre := (g.z[i][j] + g.z[i][j+1] + g.z[i+1][j+1] + g.z[i+1][j]) / 4
			if (centre > lv) == (code&1 != 0) {
				link(cross[0], cross[1])
				link(cross[2], cross[3])
			} else {
				link(cross[3], cross[0])
				link(cross[1], cross[2])
			}
		}
	}
	// Walk the chains, open ones (from an end with one link) first.
	seen := map[int]bool{}
	var lines [][]vg.Point
	walk := func(start int) {
		line := []vg.Point{point(start)}
		seen[start] = true
		prev, cur := -1, start
		for {
			next := -1
			for _, n := range links[cur] {
				if n != prev && !seen[n] {
					next = n
					break
				}
			}
			if next < 0 {
				// Close a loop back to its start.
				for _, n := range links[cur] {
					if n == start && prev != start && len(line) > 2 {
						line = append(line, line[0])
					}
				}
				break
			}
			seen[next] = true
			line = append(line, point(next))
			prev, cur = cur, next
		}
		lines = append(lines, line)
	}
	ids := make([]int, 0, len(links))
	for id := range links {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		if !seen[id] && len(links[id]) == 1 {
			walk(id)
		}
	}
	for _, id := range ids {
		if !seen[id] {
			walk(id)
		}
	}
	return lines
}

// heatMap shows values as colours of an evenly spaced grid.
type heatMap struct {
	grid2d
	cmap string
}

// HeatMap adds fn over [x0, x1] x [y0, y1], sampled on a GridSamples x
// GridSamples grid, as an image coloured with the viridis map. The grid
// is drawn under the image's grid lines, as matplotlib's imshow is.
func (f *Figure) HeatMap(fn func(x, y float64) float64, x0, x1, y0, y1 float64) *Figure {
	X, Y, Z := sampleGrid(fn, x0, x1, y0, y1, GridSamples)
	return f.HeatMapGrid(X, Y, Z, "viridis")
}

// HeatMapGrid adds the values Z[i][j] at the points (X[i][j], Y[i][j]) of
// an evenly spaced grid (as Meshgrid makes it) as an image, each value
// filling the cell around its point, coloured with the colour map cmap,
// "viridis" or "coolwarm". It panics on another colour map; Render
// reports a grid that is not evenly spaced.
func (f *Figure) HeatMapGrid(X, Y, Z [][]float64, cmap string) *Figure {
	if colormaps[cmap] == nil {
		panic(fmt.Sprintf("plotting: unknown colour map %q (want viridis or coolwarm)", cmap))
	}
	g := f.addGrid("heat map", X, Y, Z)
	if g == nil {
		return f
	}
	if err := checkEven(g); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: heat map: %w", err))
		return f
	}
	f.layers = append(f.layers, &heatMap{*g, cmap})
	return f
}

// checkEven reports a grid whose rows do not share x values, whose
// columns do not share y values, or whose spacing is uneven.
func checkEven(g *grid2d) error {
	n, m := len(g.x), len(g.x[0])
	dx := (g.x[0][m-1] - g.x[0][0]) / float64(m-1)
	dy := (g.y[n-1][0] - g.y[0][0]) / float64(n-1)
	if dx == 0 || dy == 0 {
		return fmt.Errorf("the grid has zero width or height")
	}
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			if math.Abs(g.x[i][j]-(g.x[0][0]+float64(j)*dx)) > 1e-6*math.Abs(dx) ||
				math.Abs(g.y[i][j]-(g.y[0][0]+float64(i)*dy)) > 1e-6*math.Abs(dy) {
				return fmt.Errorf("the grid is not evenly spaced at [%d][%d] (make it with Meshgrid over Linspace)", i, j)
			}
		}
	}
	return nil
}

func (h *heatMap) bounds() (xmin, xmax, ymin, ymax float64) {
	n, m := len(h.x), len(h.x[0])
	dx := (h.x[0][m-1] - h.x[0][0]) / float64(m-1) / 2
	dy := (h.y[n-1][0] - h.y[0][0]) / float64(n-1) / 2
	xmin, xmax = math.Min(h.x[0][0], h.x[0][m-1])-math.Abs(dx), math.Max(h.x[0][0], h.x[0][m-1])+math.Abs(dx)
	ymin, ymax = math.Min(h.y[0][0], h.y[n-1][0])-math.Abs(dy), math.Max(h.y[0][0], h.y[n-1][0])+math.Abs(dy)
	return
}

func (h *heatMap) under() bool { return true }

func (h *heatMap) drawLayer(c *draw.Canvas, t *transform) {
	n, m := len(h.z), len(h.z[0])
	lo, hi := h.zrange()
	img := image.NewRGBA(image.Rect(0, 0, m, n))
	cm := colormaps[h.cmap]
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			v := 0.5
			if hi > lo {
				v = (h.z[i][j] - lo) / (hi - lo)
			}
			// Image rows run downwards; grid rows run up in y.
			img.SetRGBA(j, n-1-i, cm(v))
		}
	}
	if h.y[n-1][0] < h.y[0][0] {
		img = flipRows(img)
	}
	if h.x[0][m-1] < h.x[0][0] {
		img = flipCols(img)
	}
	xmin, xmax, ymin, ymax := h.bounds()
	r := vg.Rectangle{Min: t.pt(xmin, ymin), Max: t.pt(xmax, ymax)}
	c.DrawImage(r, img)
}

func flipRows(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			out.Set(x, b.Dy()-1-y, img.At(x, y))
		}
	}
	return out
}

func flipCols(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			out.Set(b.Dx()-1-x, y, img.At(x, y))
		}
	}
	return out
}

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
