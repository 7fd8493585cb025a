package plotting

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// mplot3d's geometry (matplotlib 3.6): the data box is scaled to the box
// aspect (4, 4, 3) normalised to length 1.8294640721620434, seen from an
// eye at distance dist with focal length 1, and the projected points fill
// the 2D view limits below, which matplotlib fixed for dist 10: a larger
// distance shrinks the box.
const (
	boxScale  = 1.8294640721620434
	viewLo    = -0.095
	viewHi    = 0.09
	elevation = 30
	azimuth   = -60
	distance  = 10
)

// The axes of a 3D figure occupy a square centred in matplotlib's default
// subplot box, given as fractions of the figure.
const (
	subplotLeft, subplotRight = 0.125, 0.9
	subplotBottom, subplotTop = 0.11, 0.88
)

// camera projects data coordinates onto the figure.
type camera struct {
	m      [4][4]float64
	square vg.Rectangle // the axes, in points
}

// newCamera returns the projection of the box lim (x, y and z limits)
// seen from elev and azim degrees at distance dist, drawn into square.
func newCamera(lim [3][2]float64, elev, azim, dist float64, square vg.Rectangle) *camera {
	aspect := [3]float64{4, 4, 3}
	n := math.Sqrt(16 + 16 + 9)
	for i := range aspect {
		aspect[i] *= boxScale / n
	}
	// World: each axis from its limits onto [0, aspect].
	var world [4][4]float64
	for i := 0; i < 3; i++ {
		d := (lim[i][1] - lim[i][0]) / aspect[i]
		world[i][i] = 1 / d
		world[i][3] = -lim[i][0] / d
	}
	world[3][3] = 1

	e, a := elev*math.Pi/180, azim*math.Pi/180
	var center, eye [3]float64
	ps := [3]float64{math.Cos(e) * math.Cos(a), math.Cos(e) * math.Sin(a), math.Sin(e)}
	for i := range center {
		center[i] = aspect[i] / 2
		eye[i] = center[i] + dist*ps[i]
	}
	// View axes: w out of the screen, u to the right, v up.
	w := unit(sub(eye, center))
	up := [3]float64{0, 0, 1}
	if math.Abs(e) > math.Pi/2 {
		up[2] = -1
	}
	u := unit(cross(up, w))
	v := cross(w, u)
	var view [4][4]float64
	for j := 0; j < 3; j++ {
		view[0][j], view[1][j], view[2][j] = u[j], v[j], w[j]
	}
	view[0][3], view[1][3], view[2][3] = -dot(u, eye), -dot(v, eye), -dot(w, eye)
	view[3][3] = 1

	// Perspective with focal length 1, near and far planes at -dist, dist.
	zf, zb := -dist, dist
	proj := [4][4]float64{
		{1, 0, 0, 0},
		{0, 1, 0, 0},
		{0, 0, (zf + zb) / (zf - zb), -2 * zf * zb / (zf - zb)},
		{0, 0, -1, 0},
	}
	return &camera{m: mul(proj, mul(view, world)), square: square}
}

// project returns the figure point of (x, y, z) and its depth: a smaller
// depth is nearer the eye.
func (c *camera) project(x, y, z float64) (vg.Point, float64) {
	m := &c.m
	tx := m[0][0]*x + m[0][1]*y + m[0][2]*z + m[0][3]
	ty := m[1][0]*x + m[1][1]*y + m[1][2]*z + m[1][3]
	tz := m[2][0]*x + m[2][1]*y + m[2][2]*z + m[2][3]
	tw := m[3][0]*x + m[3][1]*y + m[3][2]*z + m[3][3]
	tx, ty, tz = tx/tw, ty/tw, tz/tw
	s := c.square
	return vg.Point{
		X: s.Min.X + vg.Length((tx-viewLo)/(viewHi-viewLo))*(s.Max.X-s.Min.X),
		Y: s.Min.Y + vg.Length((ty-viewLo)/(viewHi-viewLo))*(s.Max.Y-s.Min.Y),
	}, tz
}

func (c *camera) pt(p [3]float64) vg.Point {
	q, _ := c.project(p[0], p[1], p[2])
	return q
}

// axesSquare returns the square of a 3D axes in a figure of w x h points.
func axesSquare(w, h vg.Length) vg.Rectangle {
	l, r := subplotLeft*w, subplotRight*w
	b, t := subplotBottom*h, subplotTop*h
	side := min(r-l, t-b)
	x0 := l + (r-l-side)/2
	y0 := b + (t-b-side)/2
	return vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + side, Y: y0 + side}}
}

func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func dot(a, b [3]float64) float64    { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

func unit(a [3]float64) [3]float64 {
	n := math.Sqrt(dot(a, a))
	return [3]float64{a[0] / n, a[1] / n, a[2] / n}
}

func mul(a, b [4][4]float64) [4][4]float64 {
	var c [4][4]float64
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			for k := 0; k < 4; k++ {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}
