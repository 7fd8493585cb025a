// Package plotting draws the figures of calculus notebooks: graphs of
// functions, several series with matplotlib format strings, contours,
// heat maps, gradient fields and 3D wireframes and surfaces. Figures are
// drawn in memory with gonum.org/v1/plot's vector graphics and fonts and
// implement display.Renderer, so a figure that is a cell's value shows
// up as a PNG.
//
// The look follows matplotlib's defaults, so that a figure can be set
// beside the one a Python notebook draws: sans-serif text, axes framed on
// four sides with outward ticks, grey grid lines, the tab10 colour cycle,
// the Unicode minus sign in tick labels, and d2l's 3.5x2.5 inch size.
// The 3D figures use mplot3d's projection (elevation 30°, azimuth -60°).
//
// A one-liner in the manner of d2l.plot:
//
//	plotting.Plot(xs, ys, "x", "f(x)")
//
// Several series, a function and a legend:
//
//	plotting.New().Func(math.Sin, 0, 6, "", "sin").Line(xs, ys, "r:", "data")
//
// Building methods panic with "plotting: ..." on caller mistakes, such as
// an unknown format string or an empty range. Bad data (slices of
// different lengths, NaN or infinite values, nothing to plot, a label the
// LaTeX renderer cannot set) never panics: Render and the Save methods
// return an error saying what is wrong.
package plotting
