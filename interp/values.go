package interp

import (
	"fmt"
	"strconv"

	"gonum.org/v1/gonum/mat"
)

// formatValue is the text/plain form of one value of a cell's last
// expression. text is the value as the interpreter's fmt.Sprint printed
// it, which honours String and Error methods of cell-declared types.
// Strings are quoted, so that "" and " " are visible; gonum matrices are
// laid out in rows.
func formatValue(v any, text string) string {
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
