package plotting

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/palette/moreland"
)

// colormap maps [0, 1] to a colour.
type colormap func(t float64) color.RGBA

// viridisAnchors are matplotlib's viridis at 0, 1/9, ..., 1.
var viridisAnchors = []color.RGBA{
	{0x44, 0x01, 0x54, 0xff}, {0x48, 0x28, 0x78, 0xff}, {0x3e, 0x49, 0x89, 0xff},
	{0x31, 0x68, 0x8e, 0xff}, {0x26, 0x82, 0x8e, 0xff}, {0x1f, 0x9e, 0x89, 0xff},
	{0x35, 0xb7, 0x79, 0xff}, {0x6e, 0xce, 0x58, 0xff}, {0xb5, 0xde, 0x2b, 0xff},
	{0xfd, 0xe7, 0x25, 0xff},
}

func viridis(t float64) color.RGBA {
	t = math.Min(math.Max(t, 0), 1) * float64(len(viridisAnchors)-1)
	i := min(int(t), len(viridisAnchors)-2)
	return lerpColor(viridisAnchors[i], viridisAnchors[i+1], t-float64(i))
}

// coolwarm is Moreland's smooth blue-red diverging map, which matplotlib
// calls coolwarm.
func coolwarm(t float64) color.RGBA {
	m := moreland.SmoothBlueRed()
	m.SetMin(0)
	m.SetMax(1)
	c, err := m.At(math.Min(math.Max(t, 0), 1))
	if err != nil {
		return color.RGBA{0x80, 0x80, 0x80, 0xff}
	}
	r, g, b, _ := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
}

var colormaps = map[string]colormap{"viridis": viridis, "coolwarm": coolwarm}

func lerpColor(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}

// shade scales the colour's RGB by the light falling on a face of normal
// n, as matplotlib's _shade_colors does: from 0.3 facing away from the
// light to 1 facing it.
func shade(c color.RGBA, n [3]float64) color.RGBA {
	l := math.Sqrt(dot(n, n))
	if l == 0 {
		return c
	}
	// LightSource(azdeg=225, altdeg=19.4712), matplotlib's default.
	az, alt := (90-225.0)*math.Pi/180, 19.4712*math.Pi/180
	light := [3]float64{math.Cos(az) * math.Cos(alt), math.Sin(az) * math.Cos(alt), math.Sin(alt)}
	k := 0.3 + 0.7*(dot(n, light)/l+1)/2
	s := func(v uint8) uint8 { return uint8(math.Round(float64(v) * k)) }
	return color.RGBA{s(c.R), s(c.G), s(c.B), c.A}
}
