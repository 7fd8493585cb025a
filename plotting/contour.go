package plotting

import (
	"fmt"
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
