package front

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
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

// arrayPtrLen lowers len(p) or cap(p), with p a pointer to an array that
// is not constant (it calls a function or receives), to func(interface{})
// int { return N }(p): Go evaluates p and gives the array's length N, nil
// p or not; yaegi read the array through p (a nil dereference).
func (l *lowerer) arrayPtrLen(call *ast.CallExpr) (Replacement, bool) {
	if len(call.Args) != 1 {
		return Replacement{}, false
	}
	if tv, ok := l.res.Info.Types[call]; !ok || tv.Value != nil {
		return Replacement{}, false
	}
	at := l.res.Info.Types[call.Args[0]].Type
	if at == nil || hasTypeParam(at) {
		return Replacement{}, false
	}
	p, ok := at.Underlying().(*types.Pointer)
	if !ok {
		return Replacement{}, false
	}
	a, ok := p.Elem().Underlying().(*types.Array)
	if !ok || !l.universal("int", call.Pos()) {
		return Replacement{}, false
	}
	rep := l.span(call, "func(interface{}) int { return "+strconv.FormatInt(a.Len(), 10)+" }("+ArgName+")")
	rep.Operand = true
	return rep, true
}
