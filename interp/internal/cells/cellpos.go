package cells

import (
	"errors"
	"go/scanner"
)

// ParseErrors collects the syntax errors of a cell's items.
type ParseErrors []*scanner.Error

func (p *ParseErrors) add(err error) {
	var list scanner.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			*p = append(*p, e)
		}
		return
	}
	*p = append(*p, &scanner.Error{Msg: err.Error()})
}

func (p ParseErrors) Error() string { return p[0].Error() }

// DecodeLine splits a generated line number into cell and line.
func DecodeLine(l int) (cell, line int) { return l / LineBase, l % LineBase }
