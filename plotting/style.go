package plotting

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
)

// tab10 is matplotlib's default colour cycle.
var tab10 = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff},
}

// letterColors are matplotlib's single-letter colours as format strings use them.
var letterColors = map[byte]color.RGBA{
	'b': {0, 0, 0xff, 0xff}, 'g': {0, 0x80, 0, 0xff}, 'r': {0xff, 0, 0, 0xff},
	'c': {0, 0xbf, 0xbf, 0xff}, 'm': {0xbf, 0, 0xbf, 0xff}, 'y': {0xbf, 0xbf, 0, 0xff},
	'k': {0, 0, 0, 0xff}, 'w': {0xff, 0xff, 0xff, 0xff},
}

// namedColors holds the CSS colour names most used in notebooks.
var namedColors = map[string]color.RGBA{
	"black": {0, 0, 0, 0xff}, "white": {0xff, 0xff, 0xff, 0xff}, "red": {0xff, 0, 0, 0xff},
	"green": {0, 0x80, 0, 0xff}, "blue": {0, 0, 0xff, 0xff}, "purple": {0x80, 0, 0x80, 0xff},
	"orange": {0xff, 0xa5, 0, 0xff}, "gray": {0x80, 0x80, 0x80, 0xff}, "grey": {0x80, 0x80, 0x80, 0xff},
	"magenta": {0xff, 0, 0xff, 0xff}, "cyan": {0, 0xff, 0xff, 0xff}, "yellow": {0xff, 0xff, 0, 0xff},
	"brown": {0xa5, 0x2a, 0x2a, 0xff}, "pink": {0xff, 0xc0, 0xcb, 0xff}, "olive": {0x80, 0x80, 0, 0xff},
	"navy": {0, 0, 0x80, 0xff}, "teal": {0, 0x80, 0x80, 0xff}, "gold": {0xff, 0xd7, 0, 0xff},
	"darkgreen": {0, 0x64, 0, 0xff}, "darkblue": {0, 0, 0x8b, 0xff}, "darkred": {0x8b, 0, 0, 0xff},
	"lightgray": {0xd3, 0xd3, 0xd3, 0xff}, "violet": {0xee, 0x82, 0xee, 0xff},
}

// parseColor reads a colour as matplotlib accepts it: a single letter, a
// CSS name, "tab:blue" style names, "C0".."C9" or "#rrggbb". It reports
// false for anything else.
func parseColor(s string) (color.RGBA, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 1 {
		c, ok := letterColors[s[0]]
		return c, ok
	}
	if c, ok := namedColors[s]; ok {
		return c, true
	}
	tabNames := []string{"blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"}
	for i, n := range tabNames {
		if s == "tab:"+n {
			return tab10[i], true
		}
	}
	if len(s) == 2 && s[0] == 'c' && s[1] >= '0' && s[1] <= '9' {
		return tab10[s[1]-'0'], true
	}
	if len(s) == 7 && s[0] == '#' {
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err == nil {
			return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
		}
	}
	return color.RGBA{}, false
}

// Dash patterns in units of the line width, as matplotlib scales them.
var dashPatterns = map[string][]float64{
	"-":  nil,
	"--": {3.7, 1.6},
	"-.": {6.4, 1.6, 1, 1.6},
	":":  {1, 1.65},
}

// style is a parsed format string such as "m--" or "o-".
type style struct {
	color    color.RGBA
	hasColor bool
	dashes   []float64 // in line widths; nil for solid
	line     bool      // draw the connecting line
	marker   byte      // 0 for none
}

const markerChars = ".o^v<>sd*+xD"

// parseStyle parses a matplotlib format string: an optional colour letter
// (or a colour name/hex code on its own), an optional marker and an
// optional line style. An empty string means a solid line in the next
// cycle colour.
func parseStyle(f string) (style, error) {
	var st style
	if f == "" {
		st.line = true
		return st, nil
	}
	if c, ok := parseColor(f); ok && (len(f) > 1 || strings.IndexByte(markerChars+"-:", f[0]) < 0) {
		st.color, st.hasColor, st.line = c, true, true
		return st, nil
	}
	rest := f
	lineSet := false
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "--") || strings.HasPrefix(rest, "-."):
			st.dashes, lineSet = dashPatterns[rest[:2]], true
			rest = rest[2:]
		case rest[0] == '-' || rest[0] == ':':
			st.dashes, lineSet = dashPatterns[rest[:1]], true
			rest = rest[1:]
		case strings.IndexByte(markerChars, rest[0]) >= 0:
			if st.marker != 0 {
				return st, fmt.Errorf("format %q has two markers", f)
			}
			st.marker = rest[0]
			rest = rest[1:]
		case isColorLetter(rest[0]):
			if st.hasColor {
				return st, fmt.Errorf("format %q has two colours", f)
			}
			st.color, st.hasColor = letterColors[rest[0]], true
			rest = rest[1:]
		default:
			return st, fmt.Errorf("format %q: unknown character %q (want a colour letter bgrcmykw, a marker %s and a line style - -- -. :)", f, rest[0], markerChars)
		}
	}
	// As in matplotlib, a marker without a line style draws markers only.
	st.line = lineSet || st.marker == 0
	return st, nil
}

func isColorLetter(b byte) bool {
	_, ok := letterColors[b]
	return ok
}

// dashLengths converts a pattern in line widths to lengths.
func dashLengths(p []float64, width vg.Length) []vg.Length {
	if p == nil {
		return nil
	}
	d := make([]vg.Length, len(p))
	for i, v := range p {
		d[i] = vg.Length(v) * width
	}
	return d
}
