package front

import (
	"go/ast"
	"go/token"
	"go/types"
)

// ifaceCompare lowers a == b and a != b, where a or b is of an empty
// interface type or of an interface type with methods that the
// interpreter declares itself (a cell's, or an interface literal), and
// neither is nil, to a comparison of the values
// the interfaces hold: each operand x becomes _gocalc.IfaceKey(x), the
// dynamic value as an interface{}. yaegi compared the wrappers it keeps
// such interface values in, so that two interfaces holding equal values
// differed (var i I = T(0); i == T(0) was false, typeparam/issue51522a;
// an interface{} holding a value of a cell's type with methods too,
// convT2X).
func (l *lowerer) ifaceCompare(b *ast.BinaryExpr) []Replacement {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return nil
	}
	wrapped, methods := false, false
	for _, x := range []ast.Expr{b.X, b.Y} {
		tv, ok := l.res.Info.Types[x]
		if !ok || tv.Type == nil || tv.IsNil() {
			return nil
		}
		if sessionIface(tv.Type) {
			wrapped = true
			methods = methods || !tv.Type.Underlying().(*types.Interface).Empty()
		}
	}
	if !wrapped {
		return nil
	}
	if !methods && (!l.simpleOperand(b.X) || !l.simpleOperand(b.Y)) {
		// Between empty interfaces, only names, literals and
		// conversions of them: an operand that panics (x.(T), s[i],
		// *p) reached the helper as no value at all in yaegi, which
		// then panicked in words of its own (fixedbugs/issue32187).
		return nil
	}
	return []Replacement{
		l.span(b.X, FmtName+".IfaceKey("+ArgName+")"),
		l.span(b.Y, FmtName+".IfaceKey("+ArgName+")"),
	}
}

// sessionIface tells whether t is an empty interface type, or one with
// methods that the interpreter declares: a named one of the session, or a
// literal.
func sessionIface(t types.Type) bool {
	if _, ok := t.(*types.TypeParam); ok {
		return false
	}
	it, ok := t.Underlying().(*types.Interface)
	if !ok || !it.IsMethodSet() {
		return false
	}
	if it.NumMethods() == 0 {
		return true // any: it holds a cell's value with methods wrapped
	}
	switch t := t.(type) {
	case *types.Named:
		return IsSession(t.Obj().Pkg())
	case *types.Alias:
		return sessionIface(types.Unalias(t))
	}
	return true
}

// simpleOperand tells whether e is a name, a field of one, a literal, or a
// conversion of one of them.
func (l *lowerer) simpleOperand(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit, *ast.CompositeLit:
		return true
	case *ast.SelectorExpr:
		return l.simpleOperand(e.X)
	case *ast.CallExpr:
		tv, ok := l.res.Info.Types[e.Fun]
		return ok && tv.IsType() && len(e.Args) == 1 && l.simpleOperand(e.Args[0])
	}
	return false
}
