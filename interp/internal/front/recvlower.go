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

// assignRecv puts in parentheses a receive assigned to a variable (v :=
// <-c, v = <-c, var v = <-c), but for the comma-ok form and a select's
// case: yaegi stored the value received as the variable itself, which
// could not be set afterwards (v = 7 failed with "reflect.Value.Set using
// unaddressable value").
func (l *lowerer) assignRecv(lhs int, rhs []ast.Expr) []Replacement {
	if lhs != len(rhs) {
		return nil
	}
	var out []Replacement
	for _, x := range rhs {
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			out = append(out, l.span(u, "("+ArgName+")"))
		}
	}
	return out
}
