package plotting

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"github.com/gocalc/gocalc/display"
)

// A Figure3D draws surfaces z = f(x, y) as wireframes or shaded surfaces
// in a box, the way matplotlib's mplot3d does: perspective projection,
// grey panes on the three far sides, grid lines, ticks and axis labels.
// The default view is elevation 30°, azimuth -60° and distance 10. As
// with Figure, building methods panic on caller mistakes and Render
// reports bad data as an error.
type Figure3D struct {
	width, height    float64
	title            string
	labels           [3]string
	lim              [3][2]float64
	hasLim           [3]bool
	ticks            [3][]float64
	hasTicks         [3]bool
	elev, azim, dist float64
	surfaces         []*surface
	paths            []*path3d
	errs             []error
	ncolor           int
}

// surface is one grid of points drawn as a wireframe or a surface.
type surface struct {
	x, y, z [][]float64
	stride  int
	color   color.RGBA
	cmap    string // colour map of a surface, or ""
	filled  bool
}

// New3D returns an empty 3D figure of the default size.
func New3D() *Figure3D {
	return &Figure3D{width: DefaultWidth, height: DefaultHeight, elev: elevation, azim: azimuth, dist: distance}
}

// Wireframe adds the grid of points (X[i][j], Y[i][j], Z[i][j]), as
// Meshgrid and Eval make them, drawn as lines along every stride-th row
// and column (and the last ones), like matplotlib's plot_wireframe with
// rstride = cstride = stride. An empty color takes the next colour of the
// cycle; otherwise it is a colour name, "#rrggbb" or "C0".."C9". It panics
// on a stride below 1 or an unknown colour.
func (f *Figure3D) Wireframe(X, Y, Z [][]float64, stride int, color string) *Figure3D {
	return f.add(X, Y, Z, stride, color, false)
}

// WireframeFunc adds the wireframe of fn over [x0, x1] x [y0, y1] sampled
// on an n x n grid, with lines every stride points.
func (f *Figure3D) WireframeFunc(fn func(x, y float64) float64, x0, x1, y0, y1 float64, n, stride int, color string) *Figure3D {
	X, Y := Meshgrid(Linspace(x0, x1, n), Linspace(y0, y1, n))
	return f.add(X, Y, Eval(fn, X, Y), stride, color, false)
}

// Surface adds the grid of points as a surface of quadrilaterals, one per
// stride x stride cell, sorted by depth. color is a colour, shaded by a
// light from the upper left as matplotlib shades plot_surface, or one of
// the colour maps "viridis" and "coolwarm", which colour each cell by its
// height.
func (f *Figure3D) Surface(X, Y, Z [][]float64, stride int, color string) *Figure3D {
	return f.add(X, Y, Z, stride, color, true)
}

// SurfaceFunc adds the surface of fn over [x0, x1] x [y0, y1] sampled on
// an n x n grid, with cells of stride x stride points.
func (f *Figure3D) SurfaceFunc(fn func(x, y float64) float64, x0, x1, y0, y1 float64, n, stride int, color string) *Figure3D {
	X, Y := Meshgrid(Linspace(x0, x1, n), Linspace(y0, y1, n))
	return f.add(X, Y, Eval(fn, X, Y), stride, color, true)
}

func (f *Figure3D) add(X, Y, Z [][]float64, stride int, clr string, filled bool) *Figure3D {
	if stride < 1 {
		panic(fmt.Sprintf("plotting: stride %d, want at least 1", stride))
	}
	s := &surface{stride: stride, filled: filled}
	switch {
	case clr == "":
		s.color = tab10[f.ncolor%len(tab10)]
		f.ncolor++
	case filled && colormaps[clr] != nil:
		s.cmap = clr
	default:
		c, ok := parseColor(clr)
		if !ok {
			panic(fmt.Sprintf("plotting: unknown colour %q", clr))
		}
		s.color = c
	}
	if err := checkGrid(X, Y, Z); err != nil {
		call := "Wireframe"
		if filled {
			call = "Surface"
		}
		f.errs = append(f.errs, fmt.Errorf("plotting: series %d (%s): %w", len(f.surfaces)+len(f.paths)+1, call, err))
		return f
	}
	s.x, s.y, s.z = cloneGrid(X), cloneGrid(Y), cloneGrid(Z)
	f.surfaces = append(f.surfaces, s)
	return f
}

// XLim fixes the x range of the box; by default it is the data's range.
// It panics unless lo < hi.
func (f *Figure3D) XLim(lo, hi float64) *Figure3D { return f.setLim(0, "XLim", lo, hi) }

// YLim fixes the y range of the box. It panics unless lo < hi.
func (f *Figure3D) YLim(lo, hi float64) *Figure3D { return f.setLim(1, "YLim", lo, hi) }

// ZLim fixes the z range of the box. Lines leaving the box are drawn
// anyway, as matplotlib draws them. It panics unless lo < hi.
func (f *Figure3D) ZLim(lo, hi float64) *Figure3D { return f.setLim(2, "ZLim", lo, hi) }

func (f *Figure3D) setLim(i int, name string, lo, hi float64) *Figure3D {
	f.lim[i], f.hasLim[i] = checkLim(name, lo, hi), true
	return f
}

// XTicks puts the x ticks at the given values instead of the automatic
// ones, as plt.xticks does on a 3D axes; values outside the box are left
// out.
func (f *Figure3D) XTicks(at ...float64) *Figure3D { return f.setTicks(0, "XTicks", at) }

// YTicks puts the y ticks at the given values.
func (f *Figure3D) YTicks(at ...float64) *Figure3D { return f.setTicks(1, "YTicks", at) }

// ZTicks puts the z ticks at the given values.
func (f *Figure3D) ZTicks(at ...float64) *Figure3D { return f.setTicks(2, "ZTicks", at) }

func (f *Figure3D) setTicks(i int, name string, at []float64) *Figure3D {
	f.ticks[i], f.hasTicks[i] = checkTicks(name, at), true
	return f
}

// XLabel sets the label of the x axis.
func (f *Figure3D) XLabel(s string) *Figure3D { f.labels[0] = s; return f }

// YLabel sets the label of the y axis.
func (f *Figure3D) YLabel(s string) *Figure3D { f.labels[1] = s; return f }

// ZLabel sets the label of the z axis.
func (f *Figure3D) ZLabel(s string) *Figure3D { f.labels[2] = s; return f }

// Title sets the title drawn above the box.
func (f *Figure3D) Title(s string) *Figure3D { f.title = s; return f }

// View sets the elevation and azimuth of the eye in degrees (matplotlib's
// view_init; defaults 30 and -60).
func (f *Figure3D) View(elev, azim float64) *Figure3D {
	if math.IsNaN(elev) || math.IsInf(elev, 0) || math.IsNaN(azim) || math.IsInf(azim, 0) {
		panic("plotting: View angles must be finite")
	}
	f.elev, f.azim = elev, azim
	return f
}

// Dist sets the distance of the eye (matplotlib's ax.dist, default 10);
// larger distances show a smaller box. It panics unless d >= 2.
func (f *Figure3D) Dist(d float64) *Figure3D {
	if !(d >= 2 && d < 1e6) {
		panic(fmt.Sprintf("plotting: Dist(%v): want a distance of at least 2", d))
	}
	f.dist = d
	return f
}

// Size sets the figure size in inches (default 3.5 x 2.5).
func (f *Figure3D) Size(width, height float64) *Figure3D {
	f.width, f.height = checkSize(width, height)
	return f
}

// String describes the figure; it is the text/plain form of its bundle.
func (f *Figure3D) String() string {
	n := len(f.surfaces) + len(f.paths)
	s := fmt.Sprintf("<Figure3D %gx%g in with %d plot", f.width, f.height, n)
	if n != 1 {
		s += "s"
	}
	return s + ">"
}

// Render returns the figure as text/plain and a PNG at RetinaDPI with
// width and height metadata at half its pixel size. It implements
// display.Renderer.
func (f *Figure3D) Render() (display.Data, error) { return pngBundle(f, f.String()) }

// SVG returns a display.Renderer that shows the figure as SVG.
func (f *Figure3D) SVG() display.Renderer { return svgRenderer{f, f.String()} }

// PNG returns the figure encoded as PNG at dpi dots per inch.
func (f *Figure3D) PNG(dpi float64) ([]byte, error) { return encodePNG(f, dpi) }

// SavePNG writes the figure to path as a PNG at RetinaDPI.
func (f *Figure3D) SavePNG(path string) error {
	b, err := encodePNG(f, RetinaDPI)
	return writeFile(path, b, err)
}

// SaveSVG writes the figure to path as an SVG document.
func (f *Figure3D) SaveSVG(path string) error {
	b, err := encodeSVG(f)
	return writeFile(path, b, err)
}

func (f *Figure3D) inches() (float64, float64) { return f.width, f.height }

// limits returns the box: the fixed limits, or the data's range.
func (f *Figure3D) limits() ([3][2]float64, error) {
	var lim [3][2]float64
	for i := range lim {
		lim[i] = [2]float64{math.Inf(1), math.Inf(-1)}
	}
	for _, s := range f.surfaces {
		for k, g := range [][][]float64{s.x, s.y, s.z} {
			for _, row := range g {
				for _, v := range row {
					lim[k][0], lim[k][1] = math.Min(lim[k][0], v), math.Max(lim[k][1], v)
				}
			}
		}
	}
	for _, p := range f.paths {
		for k, v := range [][]float64{p.xs, p.ys, p.zs} {
			for _, x := range v {
				lim[k][0], lim[k][1] = math.Min(lim[k][0], x), math.Max(lim[k][1], x)
			}
		}
	}
	for i := range lim {
		if f.hasLim[i] {
			lim[i] = f.lim[i]
			continue
		}
		if math.IsInf(lim[i][0], 1) {
			return lim, errors.New("plotting: the 3D figure has nothing to plot")
		}
		if lim[i][0] == lim[i][1] {
			d := math.Max(0.05*math.Abs(lim[i][0]), 0.05)
			lim[i][0], lim[i][1] = lim[i][0]-d, lim[i][1]+d
		}
	}
	return lim, nil
}

// checkGrid reports grids of different or ragged shapes, too small to
// draw, or holding NaN or infinite values.
func checkGrid(X, Y, Z [][]float64) error {
	if len(X) != len(Y) || len(X) != len(Z) {
		return fmt.Errorf("X, Y and Z have %d, %d and %d rows", len(X), len(Y), len(Z))
	}
	if len(X) < 2 {
		return fmt.Errorf("%d rows: need at least 2", len(X))
	}
	n := len(X[0])
	if n < 2 {
		return fmt.Errorf("%d columns: need at least 2", n)
	}
	for i := range X {
		if len(X[i]) != n || len(Y[i]) != n || len(Z[i]) != n {
			return fmt.Errorf("row %d of X, Y, Z has %d, %d, %d values, want %d", i, len(X[i]), len(Y[i]), len(Z[i]), n)
		}
		for j := 0; j < n; j++ {
			for k, v := range [3]float64{X[i][j], Y[i][j], Z[i][j]} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("%c[%d][%d] is %v", "XYZ"[k], i, j, v)
				}
			}
		}
	}
	return nil
}

func cloneGrid(g [][]float64) [][]float64 {
	c := make([][]float64, len(g))
	for i := range g {
		c[i] = clone(g[i])
	}
	return c
}
