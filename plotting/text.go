package plotting

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// fonts holds the embedded Liberation faces; Liberation Sans has the
// metrics of Arial, close to matplotlib's DejaVu Sans default look.
var fonts = font.NewCache(liberation.Collection())

// Font sizes in points: matplotlib's rcParams defaults.
const (
	fontSize      = 10
	titleFontSize = 12
)

var black = color.RGBA{0, 0, 0, 0xff}

// textStyle returns a sans-serif style; labels holding a $...$ formula go
// through gonum's LaTeX handler.
func textStyle(s string, size float64) draw.TextStyle {
	var h text.Handler = text.Plain{Fonts: fonts}
	if strings.Count(s, "$") >= 2 {
		h = text.Latex{Fonts: fonts}
	}
	return draw.TextStyle{
		Color:   black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)},
		Handler: h,
	}
}

// checkLabel measures s and reports the failure of a LaTeX label (the
// go-latex renderer panics on some input) as an error.
func checkLabel(what, s string) (err error) {
	if s == "" {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plotting: %s %q cannot be rendered: %v", what, s, r)
		}
	}()
	sty := textStyle(s, fontSize)
	sty.Width(s)
	sty.Height(s)
	return nil
}

// textHeight is the height of one line of s: ascent plus descent.
func textHeight(s string, size float64) vg.Length {
	if s == "" {
		return 0
	}
	return textStyle(s, size).Height(s)
}

// textWidth is the advance width of s.
func textWidth(s string, size float64) vg.Length {
	if s == "" {
		return 0
	}
	return textStyle(s, size).Width(s)
}

// drawText draws s at pt with the given alignment and rotation.
func drawText(c *draw.Canvas, s string, size float64, pt vg.Point, xa text.XAlignment, ya text.YAlignment, rot float64) {
	if s == "" {
		return
	}
	sty := textStyle(s, size)
	sty.XAlign, sty.YAlign, sty.Rotation = xa, ya, rot
	c.FillText(sty, pt, s)
}
