package install

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Logo returns a size x size PNG of the gocalc logo: a white integral sign on
// a Go-blue rounded square, drawn here so that no binary asset is needed.
func Logo(size int) []byte {
	if size < 8 {
		panic("install: logo size too small")
	}
	stroke := integralStroke()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const sub = 4 // subsamples per axis, for anti-aliasing
	blue := [3]float64{0x00, 0xAD, 0xD8}
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var inBox, inGlyph int
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/sub) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/sub) / float64(size)
					if !inRoundedSquare(x, y, 0.02, 0.2) {
						continue
					}
					inBox++
					if distToPolyline(x, y, stroke) < 0.055 {
						inGlyph++
					}
				}
			}
			if inBox == 0 {
				continue
			}
			// Mix white over blue by glyph coverage; alpha by box coverage.
			g := float64(inGlyph) / float64(inBox)
			var c [3]uint8
			for i := range c {
				c[i] = uint8(math.Round(blue[i]*(1-g) + 255*g))
			}
			a := uint8(math.Round(255 * float64(inBox) / sub / sub))
			img.SetNRGBA(px, py, color.NRGBA{c[0], c[1], c[2], a})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("install: encoding logo: " + err.Error())
	}
	return buf.Bytes()
}

// inRoundedSquare reports whether (x, y) lies in the unit square inset by
// margin, with corners of radius r.
func inRoundedSquare(x, y, margin, r float64) bool {
	lo, hi := margin, 1-margin
	if x < lo || x > hi || y < lo || y > hi {
		return false
	}
	cx := math.Max(lo+r, math.Min(x, hi-r))
	cy := math.Max(lo+r, math.Min(y, hi-r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

type point struct{ x, y float64 }

// integralStroke returns the centre line of an integral sign in unit
// coordinates (y down): a top hook, a slanted stem and a bottom hook.
func integralStroke() []point {
	var pts []point
	pts = appendBezier(pts, point{0.72, 0.26}, point{0.68, 0.10}, point{0.53, 0.12}, point{0.52, 0.32})
	pts = append(pts, point{0.48, 0.68})
	pts = appendBezier(pts, point{0.48, 0.68}, point{0.47, 0.90}, point{0.32, 0.88}, point{0.28, 0.74})
	return pts
}

func appendBezier(pts []point, p0, p1, p2, p3 point) []point {
	const n = 24
	for i := 0; i <= n; i++ {
		t := float64(i) / n
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		pts = append(pts, point{
			a*p0.x + b*p1.x + c*p2.x + d*p3.x,
			a*p0.y + b*p1.y + c*p2.y + d*p3.y,
		})
	}
	return pts
}

func distToPolyline(x, y float64, pts []point) float64 {
	best := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b.x-a.x, b.y-a.y
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = math.Max(0, math.Min(1, ((x-a.x)*dx+(y-a.y)*dy)/l2))
		}
		ex, ey := a.x+t*dx-x, a.y+t*dy-y
		best = math.Min(best, math.Hypot(ex, ey))
	}
	return best
}
