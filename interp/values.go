package interp

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"
)

// formatValue is the text/plain form of one value of a cell's last
// expression. text is the value as the interpreter's fmt.Sprint printed
// it, which honours String and Error methods of cell-declared types.
// Strings are quoted, so that "" and " " are visible; gonum matrices are
// laid out in rows.
func formatValue(v any, text string) (s string) {
	defer func() {
		if recover() != nil {
			// A nil *mat.Dense, say, panics in Dims: keep fmt's text.
			s = truncate(text)
		}
	}()
	return truncate(layout(v, text))
}

// maxText bounds the text of one value: a cell ending in a slice of a
// million numbers should not send megabytes to the frontend.
const maxText = 20000

func truncate(s string) string {
	if len(s) <= maxText {
		return s
	}
	cut := maxText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf(" … (%d more bytes)", len(s)-cut)
}

func layout(v any, text string) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case mat.Matrix:
		if v == nil {
			return text
		}
		r, c := v.Dims()
		if r*c > 400 {
			return fmt.Sprintf("%v", mat.Formatted(v, mat.Excerpt(5)))
		}
		return fmt.Sprintf("%v", mat.Formatted(v))
	}
	return text
}
