package front

import (
	"go/ast"
	"go/token"
)

// returnResults puts in parentheses each result of a return statement
// that is a receive (return <-c), and, when it returns several, each that
// calls a builtin function (return s, len(s)): yaegi stored such values
// straight into the function's results, which it failed to do ("reflect:
// reflect.Value.Set using unaddressable value", "reflect: call of
// reflect.Value.SetInt on string Value"). In parentheses, the value is
// computed first.
func (l *lowerer) returnResults(ret *ast.ReturnStmt) []Replacement {
	var out []Replacement
	for _, x := range ret.Results {
		switch x := x.(type) {
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				out = append(out, l.span(x, "("+ArgName+")"))
			}
		case *ast.CallExpr:
			if len(ret.Results) > 1 && l.builtin(x) != "" {
				out = append(out, l.span(x, "("+ArgName+")"))
			}
		}
	}
	return out
}
