package plotting

import (
	"fmt"
	"image/color"
	"math"
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
			hint := ""
			if m := fmt.Sprint(r); strings.Contains(m, "ast.Sup") || strings.Contains(m, "ast.Sub") {
				hint = " (the LaTeX renderer sets no superscripts or subscripts: write x² or x₁ in Unicode)"
			}
			err = fmt.Errorf("plotting: %s %q cannot be rendered: %v%s", what, s, r, hint)
		}
	}()
	sty := textStyle(s, fontSize)
	sty.Width(s)
	sty.Height(s)
	return nil
}

// Liberation Sans' height of "l" and depth of "p" in ems: matplotlib
// aligns text by the box of "lp", not by the font's ascent and descent.
const (
	lAscent  = 0.716
	pDescent = 0.210
)

// vAlign is matplotlib's vertical alignment of text.
type vAlign int

const (
	vaTop vAlign = iota
	vaCenter
	vaBottom
	vaBaseline
)

// textHeight is the height of one line of s, matplotlib's "lp" box.
func textHeight(s string, size float64) vg.Length {
	if s == "" {
		return 0
	}
	sty := textStyle(s, size)
	if _, ok := sty.Handler.(text.Latex); ok {
		return sty.Height(s)
	}
	return vg.Length((lAscent + pDescent) * size)
}

// Exponents of "10^n" tick labels: their size and rise, in ems. The
// embedded fonts lack superscript 0 and minus, so powers are set by hand.
const (
	expScale = 0.7
	expRise  = 0.4
)

// power splits a log tick label "10^n" into its base and exponent.
func power(s string) (base, exp string, ok bool) {
	base, exp, ok = strings.Cut(s, "^")
	return base, exp, ok && !strings.Contains(s, "$")
}

// textWidth is the advance width of s.
func textWidth(s string, size float64) vg.Length {
	if s == "" {
		return 0
	}
	if base, exp, ok := power(s); ok {
		return textWidth(base, size) + textWidth(exp, size*expScale)
	}
	return textStyle(s, size).Width(s)
}

// drawText draws s at pt aligned as matplotlib aligns text: xa along the
// text, va across it by the "lp" box, after rotating by rot radians.
func drawText(c *draw.Canvas, s string, size float64, pt vg.Point, xa text.XAlignment, va vAlign, rot float64) {
	if s == "" {
		return
	}
	if base, exp, ok := power(s); ok && rot == 0 {
		// Set the power as two left-aligned pieces.
		bw := textWidth(base, size)
		pt.X += vg.Length(xa) * textWidth(s, size)
		drawText(c, base, size, pt, text.XLeft, va, 0)
		pt.X += bw
		pt.Y += vg.Length(expRise * size)
		drawText(c, exp, size*expScale, pt, text.XLeft, va, 0)
		return
	}
	sty := textStyle(s, size)
	sty.XAlign, sty.YAlign, sty.Rotation = xa, text.YBottom, rot
	// Where the baseline should be, relative to pt across the text.
	var base float64
	switch va {
	case vaTop:
		base = -lAscent * size
	case vaCenter:
		base = -(lAscent - pDescent) / 2 * size
	case vaBottom:
		base = pDescent * size
	}
	// gonum puts the baseline of bottom-aligned text at size - ascent.
	asc := float64(sty.Handler.Extents(sty.Font).Ascent)
	shift := base - (size - asc)
	sin, cos := math.Sincos(rot)
	pt.X -= vg.Length(shift * sin)
	pt.Y += vg.Length(shift * cos)
	c.FillText(sty, pt, s)
}
