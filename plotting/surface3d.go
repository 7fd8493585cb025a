package plotting

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// projected is a grid point on the figure, with its depth.
type projected struct {
	p     vg.Point
	depth float64
}

// projectGrid projects every point of s and returns the smallest depth.
func projectGrid(cam *camera, s *surface) ([][]projected, float64) {
	near := math.Inf(1)
	out := make([][]projected, len(s.x))
	for i := range s.x {
		out[i] = make([]projected, len(s.x[i]))
		for j := range s.x[i] {
			p, d := cam.project(s.x[i][j], s.y[i][j], s.z[i][j])
			out[i][j] = projected{p, d}
			near = math.Min(near, d)
		}
	}
	return out, near
}

// strided returns 0, stride, 2*stride, ... and n-1.
func strided(n, stride int) []int {
	var v []int
	for i := 0; i < n; i += stride {
		v = append(v, i)
	}
	if v[len(v)-1] != n-1 {
		v = append(v, n-1)
	}
	return v
}

// drawWireframe draws the rows and columns of the grid at the stride, each
// through all its points, as plot_wireframe does (no hidden-line removal).
func drawWireframe(c *draw.Canvas, s *surface, g [][]projected) {
	var lines [][]vg.Point
	for _, i := range strided(len(g), s.stride) {
		line := make([]vg.Point, len(g[i]))
		for j := range g[i] {
			line[j] = g[i][j].p
		}
		lines = append(lines, line)
	}
	for _, j := range strided(len(g[0]), s.stride) {
		line := make([]vg.Point, len(g))
		for i := range g {
			line[i] = g[i][j].p
		}
		lines = append(lines, line)
	}
	c.StrokeLines(draw.LineStyle{Color: s.color, Width: lineWidth}, c.ClipLinesXY(lines...)...)
}

// cell is one quadrilateral of a surface.
type cell struct {
	pts   []vg.Point
	depth float64
	color color.RGBA
}

// drawSurface fills the stride x stride cells of the grid, farthest first
// (Poly3DCollection's "average" depth sort), shaded or colour-mapped.
func drawSurface(c *draw.Canvas, s *surface, g [][]projected) {
	rows, cols := strided(len(g), s.stride), strided(len(g[0]), s.stride)
	var cells []cell
	var zs []float64
	for a := 0; a+1 < len(rows); a++ {
		for b := 0; b+1 < len(cols); b++ {
			i0, i1, j0, j1 := rows[a], rows[a+1], cols[b], cols[b+1]
			// The perimeter of the cell through every grid point on it.
			var idx [][2]int
			for j := j0; j < j1; j++ {
				idx = append(idx, [2]int{i0, j})
			}
			for i := i0; i < i1; i++ {
				idx = append(idx, [2]int{i, j1})
			}
			for j := j1; j > j0; j-- {
				idx = append(idx, [2]int{i1, j})
			}
			for i := i1; i > i0; i-- {
				idx = append(idx, [2]int{i, j0})
			}
			cl := cell{pts: make([]vg.Point, len(idx))}
			var z float64
			for k, ij := range idx {
				cl.pts[k] = g[ij[0]][ij[1]].p
				cl.depth += g[ij[0]][ij[1]].depth
				z += s.z[ij[0]][ij[1]]
			}
			cl.depth /= float64(len(idx))
			zs = append(zs, z/float64(len(idx)))
			if s.cmap == "" {
				n := len(idx)
				p := func(k int) [3]float64 {
					ij := idx[k]
					return [3]float64{s.x[ij[0]][ij[1]], s.y[ij[0]][ij[1]], s.z[ij[0]][ij[1]]}
				}
				v1 := sub(p(0), p(n/3))
				v2 := sub(p(n/3), p(2*n/3))
				cl.color = shade(s.color, cross(v1, v2))
			}
			cells = append(cells, cl)
		}
	}
	if s.cmap != "" {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, z := range zs {
			lo, hi = math.Min(lo, z), math.Max(hi, z)
		}
		cm := colormaps[s.cmap]
		for k := range cells {
			t := 0.5
			if hi > lo {
				t = (zs[k] - lo) / (hi - lo)
			}
			cells[k].color = cm(t)
		}
	}
	sort.SliceStable(cells, func(a, b int) bool { return cells[a].depth > cells[b].depth })
	for _, cl := range cells {
		pts := c.ClipPolygonXY(cl.pts)
		if len(pts) < 3 {
			continue
		}
		c.FillPolygon(cl.color, pts)
		// A hairline of the same colour hides the anti-aliasing seams.
		c.StrokeLines(draw.LineStyle{Color: cl.color, Width: 0.3}, append(pts, pts[0]))
	}
}
