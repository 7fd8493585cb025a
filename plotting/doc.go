// Package plotting draws the figures of calculus notebooks: graphs of
// functions, several series at once, filled areas, bar charts,
// contours, heat maps, gradient fields and 3D wireframes and surfaces.
// Figures are drawn in memory with gonum.org/v1/plot's vector graphics
// and implement display.Renderer, so a figure that is a cell's value
// shows up as a PNG; so does a gonum *plot.Plot, and any gonum
// plot.Plotter can be added to a Figure.
//
// The look follows matplotlib's defaults, so that a figure can be set
// beside the one a Python notebook draws: DejaVu Sans text, axes framed
// on four sides with outward ticks, grey grid lines, the tab10 colour
// cycle, the Unicode minus sign in tick labels, and d2l's 3.5x2.5 inch
// size. Text between two $ signs in labels, titles and legends is set as
// matplotlib's mathtext sets it (x_0, f^{(2)}, e^{-x^2}, \epsilon). The 3D
// figures use mplot3d's projection (elevation 30°, azimuth -60°).
//
// One call in the manner of d2l.plot:
//
//	plotting.Plot(xs, ys, "x", "f(x)")
//	plotting.PlotMany(xs, [][]float64{y1, y2}, "x", "f(x)", []string{"f", "g"}).YLim(-1.5, 1.5)
//	plotting.Func(math.Sin, 0, 2*math.Pi, "x", `$\sin x$`)
//
// Several series, a filled area and a legend:
//
//	plotting.New().Lines(xs, [][]float64{y1, y2}, "$P_1$", "$P_2$").
//		FillBetween(xs[50:250], y1[50:250], nil, "").Line(xs, ys, "r:", "data")
//
// Building methods panic with "plotting: ..." on caller mistakes, such as
// an unknown format string or an empty range. Bad data (slices of
// different lengths, NaN or infinite values, nothing to plot, a formula
// that cannot be set) never panics: Render and the Save methods return an
// error naming the series and the argument, as in
// `series 2 (Line "sin"): len(xs) = 200 but len(ys) = 0`.
package plotting
