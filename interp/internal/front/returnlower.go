package front

import (
	"go/ast"
	"go/token"
)

// returnRecv puts in parentheses each result of a return statement that
// is a receive (return <-c, or return <-c, nil): yaegi stored the value
// received straight into the function's result, which it cannot set
// ("reflect: reflect.Value.Set using unaddressable value"). In
// parentheses, the value is received first.
func (l *lowerer) returnRecv(ret *ast.ReturnStmt) []Replacement {
	var out []Replacement
	for _, x := range ret.Results {
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			out = append(out, l.span(u, "("+ArgName+")"))
		}
	}
	return out
}
