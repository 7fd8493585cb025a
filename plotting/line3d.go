package plotting

import (
	"fmt"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// path3d is a line through points in space.
type path3d struct {
	xs, ys, zs []float64
	st         style
}

// Line adds the path through the points (xs[i], ys[i], zs[i]), such as
// the iterates of gradient descent on a surface, drawn in a matplotlib
// format string as Figure.Line takes it ("r-o", "k--", "purple"). Lines
// are drawn over the surfaces, where matplotlib would often hide them. It
// panics on an invalid format; Render reports mismatched lengths and NaN
// or infinite values.
func (f *Figure3D) Line(xs, ys, zs []float64, format string) *Figure3D {
	st, err := parseStyle(format)
	if err != nil {
		panic("plotting: " + err.Error())
	}
	err = checkXY("xs", "ys", xs, ys)
	if err == nil {
		err = checkXY("xs", "zs", xs, zs)
	}
	if err != nil {
		f.errs = append(f.errs, fmt.Errorf("plotting: series %d (Line): %w", len(f.surfaces)+len(f.paths)+1, err))
		return f
	}
	if !st.hasColor {
		st.color = tab10[f.ncolor%len(tab10)]
		f.ncolor++
	}
	f.paths = append(f.paths, &path3d{clone(xs), clone(ys), clone(zs), st})
	return f
}

func drawPath3d(c *draw.Canvas, cam *camera, p *path3d) {
	pts := make([]vg.Point, len(p.xs))
	for i := range p.xs {
		pts[i] = cam.pt([3]float64{p.xs[i], p.ys[i], p.zs[i]})
	}
	if p.st.line {
		ls := draw.LineStyle{Color: p.st.color, Width: lineWidth, Dashes: dashLengths(p.st.dashes, lineWidth)}
		c.StrokeLines(ls, c.ClipLinesXY(pts)...)
	}
	if p.st.marker != 0 {
		for _, q := range pts {
			if c.Contains(q) {
				drawMarker(c, p.st.marker, p.st.color, q, markerSize)
			}
		}
	}
}
