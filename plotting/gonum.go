package plotting

import (
	"fmt"
	"math"

	"github.com/gocalc/gocalc/display"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

func init() {
	// A *plot.Plot that is a cell's value, or is passed to display.Show,
	// shows as a PNG like a Figure.
	display.Register(func(v any) display.Renderer {
		if p, ok := v.(*plot.Plot); ok && p != nil {
			return Gonum(p)
		}
		return nil
	})
}

// Add draws any gonum plotter (plotter.Line, plotter.Scatter,
// plotter.Histogram, plotter.Function, a type of one's own) on the
// figure's axes, over the fills and under the lines of Line and Func.
// Plotters implementing plot.DataRanger widen the axes to their data; the
// others are drawn in the range the rest of the figure sets. It panics on
// a nil plotter.
func (f *Figure) Add(p plot.Plotter) *Figure {
	if p == nil {
		panic("plotting: Add(nil)")
	}
	f.layers = append(f.layers, &gonumLayer{p: p})
	return f
}

// gonumLayer is a gonum plotter drawn in the figure's axes.
type gonumLayer struct{ p plot.Plotter }

func (l *gonumLayer) bounds() (xmin, xmax, ymin, ymax float64) {
	if r, ok := l.p.(plot.DataRanger); ok {
		xmin, xmax, ymin, ymax = r.DataRange()
		if !math.IsInf(xmin, 0) && !math.IsNaN(xmin) && !math.IsInf(ymin, 0) && !math.IsNaN(ymin) {
			return xmin, xmax, ymin, ymax
		}
	}
	return math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
}

func (l *gonumLayer) under() bool { return false }

// drawLayer hands the plotter a gonum plot whose axes span the figure's
// view, so that its Transforms map data onto the frame.
func (l *gonumLayer) drawLayer(c *draw.Canvas, t *transform) {
	p := plot.New()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = t.x0, t.x1, t.y0, t.y1
	if t.logx {
		p.X.Scale = plot.LogScale{}
		p.X.Min, p.X.Max = math.Pow(10, t.x0), math.Pow(10, t.x1)
	}
	if t.logy {
		p.Y.Scale = plot.LogScale{}
		p.Y.Min, p.Y.Max = math.Pow(10, t.y0), math.Pow(10, t.y1)
	}
	l.p.Plot(*c, p)
}

// Gonum returns a display.Renderer for a gonum plot, drawn at the default
// figure size (3.5 x 2.5 in) through the same PNG path as a Figure. A
// *plot.Plot that is a cell's value is shown this way without the call.
func Gonum(p *plot.Plot) display.Renderer { return gonumPlot{p} }

// gonumPlot is a gonum plot as a scene.
type gonumPlot struct{ p *plot.Plot }

func (g gonumPlot) inches() (float64, float64) { return DefaultWidth, DefaultHeight }

func (g gonumPlot) draw(c draw.Canvas) error {
	g.p.Draw(c)
	return nil
}

func (g gonumPlot) Render() (display.Data, error) {
	title := g.p.Title.Text
	if title != "" {
		title = fmt.Sprintf(" %q", title)
	}
	return pngBundle(g, fmt.Sprintf("<plot.Plot%s %gx%g in>", title, float64(DefaultWidth), float64(DefaultHeight)))
}
