package plotting

import (
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// heatMap shows values as colours of an evenly spaced grid.
type heatMap struct {
	grid2d
	cmap string
}

// HeatMap adds fn over [x0, x1] x [y0, y1], sampled on a GridSamples x
// GridSamples grid, as an image coloured with the viridis map. The image
// is drawn under the grid lines, which Grid(false) removes.
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
