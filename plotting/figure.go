package plotting

import (
	"fmt"
	"image/color"
	"math"

	"github.com/gocalc/gocalc/display"
)

// Default figure size in inches: d2l's set_figsize.
const (
	DefaultWidth  = 3.5
	DefaultHeight = 2.5
)

// FuncSamples is the number of points at which Func evaluates its function.
const FuncSamples = 500

// A Figure is a two-dimensional plot: lines, markers, contours, heat maps
// and vector fields on one pair of axes. Build it with New or Plot and
// the chainable methods; it draws itself when it is a cell's value or is
// passed to display.Show. Methods panic on caller mistakes (an unknown
// format string, an empty range); bad data (mismatched lengths, NaN or
// infinite values, a formula that cannot be set) is reported as an
// error by Render and the Save methods.
type Figure struct {
	width, height         float64
	title, xlabel, ylabel string
	xlim, ylim            [2]float64
	hasXlim, hasYlim      bool
	logx, logy            bool
	equal                 bool
	grid                  bool
	legendLoc             string
	lines                 []*series
	layers                []layer
	xticks, yticks        []float64
	hasXticks, hasYticks  bool
	errs                  []error
	ncolor                int // next colour of the line cycle
	npatch                int // next colour of the patch cycle (fills, bars)
}

// series is one line or set of markers.
type series struct {
	xs, ys []float64
	st     style
	label  string
}

// New returns an empty figure of the default size, with grid lines.
func New() *Figure {
	return &Figure{width: DefaultWidth, height: DefaultHeight, grid: true, legendLoc: "best"}
}

// Plot returns a figure with one line through the points (xs[i], ys[i])
// and the given axis labels, like d2l.plot(x, y, xlabel, ylabel).
func Plot(xs, ys []float64, xlabel, ylabel string) *Figure {
	return New().Line(xs, ys, "", "").XLabel(xlabel).YLabel(ylabel)
}

// PlotMany returns a figure with one line per element of ys, all over xs,
// in the formats "-", "m--", "g-.", "r:" as d2l.plot draws them, and a
// legend when legend is not empty.
func PlotMany(xs []float64, ys [][]float64, xlabel, ylabel string, legend []string) *Figure {
	f := New().XLabel(xlabel).YLabel(ylabel)
	formats := []string{"-", "m--", "g-.", "r:"}
	for i, y := range ys {
		label := ""
		if i < len(legend) {
			label = legend[i]
		}
		f.Line(xs, y, formats[i%len(formats)], label)
	}
	return f
}

// Lines adds one solid line per element of ys, all over xs, in the
// colours of matplotlib's default cycle (C0, C1, ...), with the labels
// given (fewer labels than lines leave the last lines out of the legend).
// It is matplotlib's plot(x, [y1, y2, ...]) in one call. Bad data is
// reported by Render naming the series and the argument, as in
// `series 3 (Lines "P2"): len(xs) = 300 but len(ys[2]) = 299`.
func (f *Figure) Lines(xs []float64, ys [][]float64, labels ...string) *Figure {
	if len(ys) == 0 {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: ys holds no series", f.seriesName("Lines", "")))
		return f
	}
	for i, y := range ys {
		label := ""
		if i < len(labels) {
			label = labels[i]
		}
		if err := checkXY("xs", fmt.Sprintf("ys[%d]", i), xs, y); err != nil {
			f.errs = append(f.errs, fmt.Errorf("plotting: %s: %w", f.seriesName("Lines", label), err))
			continue
		}
		st := style{line: true, color: f.nextColor()}
		f.lines = append(f.lines, &series{xs: clone(xs), ys: clone(y), st: st, label: label})
	}
	return f
}

// Func returns a figure with the graph of fn over [a, b] and the given
// axis labels: plotting.Func(math.Sin, 0, 2*math.Pi, "x", "sin x") is the
// one-call form of New().Func(...). It panics unless a < b.
func Func(fn func(float64) float64, a, b float64, xlabel, ylabel string) *Figure {
	return New().Func(fn, a, b, "", "").XLabel(xlabel).YLabel(ylabel)
}

// Line adds the points (xs[i], ys[i]) drawn in format, a matplotlib format
// string: an optional colour letter (bgrcmykw), marker (.o^v<>sd*+xD) and
// line style (- -- -. :), as in "m--" or "o-", or a colour on its own
// ("purple", "#1f77b4", "C2"). An empty format draws a solid line in the
// next colour of matplotlib's cycle. A non-empty label puts the line in
// the legend. Line panics on an invalid format.
func (f *Figure) Line(xs, ys []float64, format, label string) *Figure {
	st, err := parseStyle(format)
	if err != nil {
		panic("plotting: " + err.Error())
	}
	if err := checkXY("xs", "ys", xs, ys); err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: %w", f.seriesName("Line", label), err))
		return f
	}
	if !st.hasColor {
		st.color = f.nextColor()
	}
	f.lines = append(f.lines, &series{xs: clone(xs), ys: clone(ys), st: st, label: label})
	return f
}

// Func adds the graph of fn over [a, b], sampled at FuncSamples points,
// with format and label as in Line. Points where fn is NaN or infinite are
// left out, breaking the line, so that 1/x can be drawn across 0. It panics
// unless a < b.
func (f *Figure) Func(fn func(float64) float64, a, b float64, format, label string) *Figure {
	if !(a < b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		panic(fmt.Sprintf("plotting: Func range [%v, %v] is empty or infinite", a, b))
	}
	xs := Linspace(a, b, FuncSamples)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = fn(x)
	}
	st, err := parseStyle(format)
	if err != nil {
		panic("plotting: " + err.Error())
	}
	finite := 0
	for _, y := range ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			finite++
		}
	}
	if finite == 0 {
		f.errs = append(f.errs, fmt.Errorf("plotting: %s: the function is NaN or infinite everywhere on [%v, %v]", f.seriesName("Func", label), a, b))
		return f
	}
	if !st.hasColor {
		st.color = f.nextColor()
	}
	f.lines = append(f.lines, &series{xs: xs, ys: ys, st: st, label: label})
	return f
}

// Title sets the title drawn above the axes.
func (f *Figure) Title(s string) *Figure { f.title = s; return f }

// XLabel sets the label of the x axis. Text between two $ signs is set as
// matplotlib's mathtext sets it: sub- and superscripts (x_0, e^{-x^2},
// f^{(2)}), Greek letters and symbols by their TeX names (\epsilon, \pi,
// \infty, \cdot, \leq), upright functions (\sin, \log) and
// \mathrm{...}. The same holds for every label, title and legend entry;
// an unknown command is reported as an error by Render.
func (f *Figure) XLabel(s string) *Figure { f.xlabel = s; return f }

// YLabel sets the label of the y axis.
func (f *Figure) YLabel(s string) *Figure { f.ylabel = s; return f }

// XLim fixes the x range shown; by default it is the data's range plus 5%
// on each side, as in matplotlib. It panics unless lo < hi.
func (f *Figure) XLim(lo, hi float64) *Figure {
	f.xlim, f.hasXlim = checkLim("XLim", lo, hi), true
	return f
}

// YLim fixes the y range shown. It panics unless lo < hi.
func (f *Figure) YLim(lo, hi float64) *Figure {
	f.ylim, f.hasYlim = checkLim("YLim", lo, hi), true
	return f
}

// XTicks puts the x ticks at the given values instead of matplotlib's
// automatic positions, as plt.xticks does; values outside the view are
// left out.
func (f *Figure) XTicks(at ...float64) *Figure {
	f.xticks, f.hasXticks = checkTicks("XTicks", at), true
	return f
}

// YTicks puts the y ticks at the given values.
func (f *Figure) YTicks(at ...float64) *Figure {
	f.yticks, f.hasYticks = checkTicks("YTicks", at), true
	return f
}

// LogX makes the x axis logarithmic; Render reports an error if some x is
// not positive.
func (f *Figure) LogX() *Figure { f.logx = true; return f }

// LogY makes the y axis logarithmic; Render reports an error if some y is
// not positive.
func (f *Figure) LogY() *Figure { f.logy = true; return f }

// Equal gives both axes the same scale, shrinking the frame as needed, so
// that circles look round and gradients look perpendicular to level curves.
func (f *Figure) Equal() *Figure { f.equal = true; return f }

// Grid turns the grid lines at the ticks on or off; they are on by default.
func (f *Figure) Grid(on bool) *Figure { f.grid = on; return f }

// Size sets the figure size in inches (default 3.5 x 2.5). It panics on
// sizes outside (0, 50].
func (f *Figure) Size(width, height float64) *Figure {
	f.width, f.height = checkSize(width, height)
	return f
}

// Legend places the legend of the labelled lines: "best" (the default, the
// place that hides the fewest points), "upper right", "upper left",
// "lower left", "lower right", "center right", "center left",
// "upper center", "lower center", "center", or "none". It panics on
// another location.
func (f *Figure) Legend(loc string) *Figure {
	if _, ok := legendAnchors[loc]; !ok && loc != "best" && loc != "none" {
		panic(fmt.Sprintf("plotting: unknown legend location %q", loc))
	}
	f.legendLoc = loc
	return f
}

// String describes the figure; it is the text/plain form of its bundle.
func (f *Figure) String() string {
	n := len(f.lines) + len(f.layers)
	s := fmt.Sprintf("<Figure %gx%g in with %d plot", f.width, f.height, n)
	if n != 1 {
		s += "s"
	}
	return s + ">"
}

// Render returns the figure as text/plain and a PNG at RetinaDPI (672x480
// pixels at the default size) with width and height metadata at half that,
// as matplotlib's retina inline backend sends it. It implements
// display.Renderer.
func (f *Figure) Render() (display.Data, error) { return pngBundle(f, f.String()) }

// SVG returns a display.Renderer that shows the figure as SVG. JupyterLab
// shows SVG from trusted notebooks only, hence PNG by default.
func (f *Figure) SVG() display.Renderer { return svgRenderer{f, f.String()} }

// PNG returns the figure encoded as PNG at dpi dots per inch.
func (f *Figure) PNG(dpi float64) ([]byte, error) { return encodePNG(f, dpi) }

// SavePNG writes the figure to path as a PNG at RetinaDPI.
func (f *Figure) SavePNG(path string) error {
	b, err := encodePNG(f, RetinaDPI)
	return writeFile(path, b, err)
}

// SaveSVG writes the figure to path as an SVG document.
func (f *Figure) SaveSVG(path string) error {
	b, err := encodeSVG(f)
	return writeFile(path, b, err)
}

func (f *Figure) inches() (float64, float64) { return f.width, f.height }

func (f *Figure) nextColor() color.RGBA {
	c := tab10[f.ncolor%len(tab10)]
	f.ncolor++
	return c
}

// seriesName names the next series of the figure in an error message:
// its rank among the figure's plots, the call that adds it and its label,
// as in `series 2 (Line "sin")`.
func (f *Figure) seriesName(call, label string) string {
	n := len(f.lines) + len(f.layers) + 1
	if label != "" {
		return fmt.Sprintf("series %d (%s %q)", n, call, label)
	}
	return fmt.Sprintf("series %d (%s)", n, call)
}

// checkXY reports mismatched, empty or non-finite coordinates, naming
// the arguments xname and yname.
func checkXY(xname, yname string, xs, ys []float64) error {
	if len(xs) != len(ys) {
		return fmt.Errorf("len(%s) = %d but len(%s) = %d", xname, len(xs), yname, len(ys))
	}
	if len(xs) == 0 {
		return fmt.Errorf("%s and %s are empty: no points", xname, yname)
	}
	if err := checkFinite(xname, xs); err != nil {
		return err
	}
	return checkFinite(yname, ys)
}

func checkFinite(name string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s[%d] is %v", name, i, x)
		}
	}
	return nil
}

func checkLim(name string, lo, hi float64) [2]float64 {
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		panic(fmt.Sprintf("plotting: %s(%v, %v): want finite lo < hi", name, lo, hi))
	}
	return [2]float64{lo, hi}
}

func checkTicks(name string, at []float64) []float64 {
	for _, v := range at {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("plotting: %s: tick %v is not finite", name, v))
		}
	}
	return clone(at)
}

// ticksIn returns the ticks at inside [lo, hi] with their labels.
func ticksIn(at []float64, lo, hi float64) axisTicks {
	var in []float64
	eps := 1e-10 * (hi - lo)
	for _, v := range at {
		if v >= lo-eps && v <= hi+eps {
			in = append(in, v)
		}
	}
	return axisTicks{in, tickLabels(in)}
}

func checkSize(w, h float64) (float64, float64) {
	if !(w > 0 && w <= 50 && h > 0 && h <= 50) {
		panic(fmt.Sprintf("plotting: figure size %vx%v in out of range (0, 50]", w, h))
	}
	return w, h
}

func clone(v []float64) []float64 { return append([]float64(nil), v...) }
