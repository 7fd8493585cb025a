package front

import (
	"go/ast"
	"go/token"
	"go/types"
)

// emptyAssert lowers x.(I), with x of an empty interface type (any,
// interface{} or a named one) and I an interface with methods that the
// interpreter declares itself (a cell's, or an interface literal), to a
// function literal whose type switch answers:
//
//	func(v interface{}) I { switch r := v.(type) { case I: return r }; return v.(I) }(x)
//
// and its comma-ok form to one that returns (r, 0 == 0) or its named
// results' zero values.
// yaegi failed on every such assertion that held: it stored the
// interface{} it was given where the interface's own value was to go
// ("reflect.Set: value of type interface {} is not assignable to type
// interp.valueInterface"), or answered false. Its type switch is right.
// An assertion that fails still runs as written, and panics as before.
func (l *lowerer) emptyAssert(x *ast.TypeAssertExpr) (Replacement, bool) {
	if x.Type == nil {
		return Replacement{}, false
	}
	tv, ok := l.res.Info.Types[x]
	if !ok || tv.Type == nil {
		return Replacement{}, false
	}
	t, commaOk := tv.Type, false
	if tuple, isTuple := t.(*types.Tuple); isTuple {
		if tuple.Len() != 2 {
			return Replacement{}, false
		}
		t, commaOk = tuple.At(0).Type(), true
	}
	it, isIface := t.Underlying().(*types.Interface)
	if !isIface || it.NumMethods() == 0 || hasTypeParam(t) {
		return Replacement{}, false
	}
	if n, isNamed := t.(*types.Named); isNamed && !IsSession(n.Obj().Pkg()) {
		return Replacement{}, false // a compiled interface: yaegi asserts it right
	}
	xt := l.res.Info.Types[x.X].Type
	if xt == nil || hasTypeParam(xt) {
		return Replacement{}, false
	}
	if xi, ok := xt.Underlying().(*types.Interface); !ok || xi.NumMethods() != 0 || !xi.IsMethodSet() {
		return Replacement{}, false
	}
	var typ string
	switch {
	case isIdent(x.Type):
		typ = x.Type.(*ast.Ident).Name // in scope where x.(I) is, local or not
	case l.expressible(t):
		typ = l.localType(t)
	default:
		return Replacement{}, false
	}
	if commaOk && !l.universal("bool", x.Pos()) {
		return Replacement{}, false
	}
	v, r, okv := l.fresh(), l.fresh(), l.fresh()
	define := " := "
	if commaOk {
		define = " = " // the named result
	}
	check := "if _, " + okv + define + v + ".(" + typ + "); " + okv + " { switch " + r + " := " + v + ".(type) { case " + typ + ": "
	var src string
	if commaOk {
		// true, false, nil and bool may be the program's own names:
		// the literal uses none of them.
		z := l.fresh()
		src = "func(" + v + " interface{}) (" + z + " " + typ + ", " + okv + " bool) { " + check + z + " = " + r + " } }; return }(" + ArgName + ")"
	} else {
		src = "func(" + v + " interface{}) " + typ + " { " + check + "return " + r + " } }; return " + v + ".(" + typ + ") }(" + ArgName + ")"
	}
	rep := l.span(x, src)
	rep.Operand = true
	return rep, true
}

// universal tells whether name means the predeclared object at pos.
func (l *lowerer) universal(name string, pos token.Pos) bool {
	sc := l.res.Pkg.Scope().Innermost(pos)
	if sc == nil {
		sc = l.res.Pkg.Scope()
	}
	_, obj := sc.LookupParent(name, pos)
	return obj != nil && obj.Parent() == types.Universe
}

func isIdent(e ast.Expr) bool {
	_, ok := e.(*ast.Ident)
	return ok
}

// concreteAssert lowers v, ok := x.(T), with T a type of the session
// that has methods and x of an interface type the interpreter declares
// itself (not error or fmt.Stringer), to a function literal that asks a type switch
// whether x holds a T:
//
//	func(v interface{}) (r T, ok bool) { switch v.(type) { case T: r, ok = v.(T), 0 == 0 }; return }(x)
//
// yaegi's comma-ok assertion compared the value's Go type only: x.(U)
// held for a T when both were defined as string, say. Its type switch
// without a variable compares the interpreter's own types.
func (l *lowerer) concreteAssert(x *ast.TypeAssertExpr) (Replacement, bool) {
	if x.Type == nil {
		return Replacement{}, false
	}
	tuple, ok := l.res.Info.Types[x].Type.(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return Replacement{}, false
	}
	t := tuple.At(0).Type()
	n, isNamed := t.(*types.Named)
	if !isNamed || !IsSession(n.Obj().Pkg()) || types.IsInterface(t) || hasTypeParam(t) || n.NumMethods() == 0 {
		return Replacement{}, false
	}
	xt := l.res.Info.Types[x.X].Type
	if xt == nil || hasTypeParam(xt) {
		return Replacement{}, false
	}
	if xn, isNamed := xt.(*types.Named); isNamed && (xn.Obj().Pkg() == nil || !IsSession(xn.Obj().Pkg())) {
		return Replacement{}, false // error, fmt.Stringer: compiled interfaces hold values otherwise
	}
	if !l.universal("bool", x.Pos()) {
		return Replacement{}, false
	}
	var typ string
	switch {
	case isIdent(x.Type):
		typ = x.Type.(*ast.Ident).Name
	case l.expressible(t):
		typ = l.localType(t)
	default:
		return Replacement{}, false
	}
	v, r, okv := l.fresh(), l.fresh(), l.fresh()
	src := "func(" + v + " interface{}) (" + r + " " + typ + ", " + okv + " bool) { switch " + v + ".(type) { case " + typ + ": " +
		r + ", " + okv + " = " + v + ".(" + typ + "), 0 == 0 }; return }(" + ArgName + ")"
	rep := l.span(x, src)
	rep.Operand = true
	return rep, true
}
