package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/dejavu/dejavusansoblique"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// fonts holds DejaVu Sans and DejaVu Sans Oblique, matplotlib's default
// text face and the face of its default mathtext italic, so that labels
// take the room they take in matplotlib.
var fonts = font.NewCache(dejavuSans())

func dejavuSans() font.Collection {
	parse := func(b []byte) *opentype.Font {
		f, err := opentype.Parse(b)
		if err != nil {
			panic("plotting: embedded DejaVu font: " + err.Error())
		}
		return f
	}
	return font.Collection{
		{Font: font.Font{Typeface: "DejaVu", Variant: "Sans"}, Face: parse(dejavusans.TTF)},
		{Font: font.Font{Typeface: "DejaVu", Variant: "Sans", Style: xfont.StyleItalic}, Face: parse(dejavusansoblique.TTF)},
	}
}

// Font sizes in points: matplotlib's rcParams defaults.
const (
	fontSize      = 10
	titleFontSize = 12
)

var black = color.RGBA{0, 0, 0, 0xff}

// textStyle returns the sans-serif style of plain text.
func textStyle(size float64) draw.TextStyle {
	return draw.TextStyle{
		Color:   black,
		Font:    font.Font{Typeface: "DejaVu", Variant: "Sans", Size: vg.Points(size)},
		Handler: text.Plain{Fonts: fonts},
	}
}

// checkLabel reports a label whose formula cannot be set (an unknown
// command, unbalanced braces) as an error naming the label.
func checkLabel(what, s string) error {
	if !hasMath(s) {
		return nil
	}
	if _, err := layoutLabel(s, fontSize); err != nil {
		return fmt.Errorf("plotting: %s \"%s\" cannot be rendered: %v", what, s, err)
	}
	return nil
}

// DejaVu Sans' height of "l" and depth of "p" in ems: matplotlib
// aligns text by the box of "lp", not by the font's ascent and descent.
const (
	lAscent  = 0.7598
	pDescent = 0.2080
)

// vAlign is matplotlib's vertical alignment of text.
type vAlign int

const (
	vaTop vAlign = iota
	vaCenter
	vaBottom
	vaBaseline
	vaCenterBaseline // halfway up the "l" of the first line, as y tick labels
)

// textHeight is the height of one line of s, matplotlib's "lp" box.
func textHeight(s string, size float64) vg.Length {
	if s == "" {
		return 0
	}
	if hasMath(s) {
		if l, err := layoutLabel(s, size); err == nil {
			return vg.Length(l.ascent + l.depth)
		}
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
	if hasMath(s) {
		if l, err := layoutLabel(s, size); err == nil {
			return vg.Length(l.width)
		}
	}
	return textStyle(size).Width(s)
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
	if hasMath(s) {
		if l, err := layoutLabel(s, size); err == nil {
			drawMath(c, l, pt, xa, va, rot)
			return
		}
	}
	sty := textStyle(size)
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
	case vaCenterBaseline:
		base = -lAscent / 2 * size
	}
	// gonum puts the baseline of bottom-aligned text at size - ascent.
	asc := float64(sty.Handler.Extents(sty.Font).Ascent)
	shift := base - (size - asc)
	sin, cos := math.Sincos(rot)
	pt.X -= vg.Length(shift * sin)
	pt.Y += vg.Length(shift * cos)
	c.FillText(sty, pt, s)
}

// drawMath draws a laid-out label at pt, aligned as drawText aligns
// text, the box of the label taking the place of the "lp" box.
func drawMath(c *draw.Canvas, l mathLabel, pt vg.Point, xa text.XAlignment, va vAlign, rot float64) {
	dx := float64(xa) * l.width
	var base float64
	switch va {
	case vaTop:
		base = -l.ascent
	case vaCenter:
		base = -(l.ascent - l.depth) / 2
	case vaBottom:
		base = l.depth
	case vaCenterBaseline:
		base = -(l.ascent) / 2
	}
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Rotate(rot)
	c.SetColor(black)
	for _, r := range l.runs {
		c.FillString(mathFace(r.italic, r.size), vg.Point{X: vg.Length(r.x + dx), Y: vg.Length(r.y + base)}, r.s)
	}
}
