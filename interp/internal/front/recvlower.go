package front

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
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
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			// (g) as a whole: yaegi fails on a function literal in
			// parentheses too.
			if rep, ok := l.funcResult(x, id); ok {
				out = append(out, rep)
			}
			continue
		}
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

// funcResult lowers a function of the session that a return statement
// returns (return g) to a function literal calling it, func(a T) R {
// return g(a) }: yaegi returned the function's node, not a function
// ("reflect.Set: value of type *interp.node is not assignable to type
// func()").
func (l *lowerer) funcResult(x ast.Expr, id *ast.Ident) (Replacement, bool) {
	fn, ok := l.res.Info.Uses[id].(*types.Func)
	if !ok || !IsSession(fn.Pkg()) || fn.Parent() == nil || fn.Parent() != fn.Pkg().Scope() {
		return Replacement{}, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.TypeParams().Len() > 0 || hasTypeParam(sig) || !l.expressible(sig) {
		return Replacement{}, false
	}
	return l.span(x, l.callingLit(sig, func(args []string) string { return id.Name + "(" + strings.Join(args, ", ") + ")" })), true
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

// nilMapKey converts the key nil of m[nil] to the map's key type, K(nil):
// yaegi failed to use the untyped nil as a key of a pointer, channel or
// function type ("reflect.Value.MapIndex: value of type interface {} is
// not assignable to type *struct { Xx int }").
func (l *lowerer) nilMapKey(x *ast.IndexExpr) (Replacement, bool) {
	if tv, ok := l.res.Info.Types[x.Index]; !ok || !tv.IsNil() {
		return Replacement{}, false
	}
	xt := l.res.Info.Types[x.X].Type
	if xt == nil || hasTypeParam(xt) {
		return Replacement{}, false
	}
	m, ok := xt.Underlying().(*types.Map)
	if !ok || types.IsInterface(m.Key()) {
		return Replacement{}, false
	}
	typ := l.typeAt(m.Key(), x.Index.Pos())
	if typ == "" || !l.universal("nil", x.Index.Pos()) {
		return Replacement{}, false
	}
	return l.span(x.Index, "("+typ+")(nil)"), true
}

// typeAt writes t as code at pos may: a named type by its name where the
// name means it (a local type included), else as lowered code writes
// types, or "" when it cannot.
func (l *lowerer) typeAt(t types.Type, pos token.Pos) string {
	if n, ok := t.(*types.Named); ok && IsSession(n.Obj().Pkg()) && n.TypeArgs().Len() == 0 {
		sc := l.res.Pkg.Scope().Innermost(pos)
		if sc == nil {
			sc = l.res.Pkg.Scope()
		}
		if _, obj := sc.LookupParent(n.Obj().Name(), pos); obj == n.Obj() {
			return n.Obj().Name()
		}
	}
	if hasTypeParam(t) || !l.expressible(t) {
		return ""
	}
	return l.localType(t)
}

// unhashableKey lowers the key of m[k] or delete(m, k), with m's key of
// an empty interface type and k of a type that is neither an interface
// nor comparable, to _gocalc.Unhashable(k, "T"), which panics as Go's
// runtime does ("hash of unhashable type []int"): yaegi looked the key
// up (or deleted it) without a panic (fixedbugs/issue23734).
func (l *lowerer) unhashableKey(m, k ast.Expr) (Replacement, bool) {
	mt := l.res.Info.Types[m].Type
	kt := l.res.Info.Types[k].Type
	if mt == nil || kt == nil || hasTypeParam(mt) || hasTypeParam(kt) {
		return Replacement{}, false
	}
	mm, ok := mt.Underlying().(*types.Map)
	if !ok {
		return Replacement{}, false
	}
	if it, ok := mm.Key().Underlying().(*types.Interface); !ok || !it.Empty() {
		return Replacement{}, false
	}
	if b, ok := kt.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return Replacement{}, false // nil, or a constant
	}
	if types.IsInterface(kt) || types.Comparable(kt) {
		return Replacement{}, false
	}
	name := types.TypeString(kt, func(p *types.Package) string { return p.Name() })
	return l.span(k, FmtName+".Unhashable("+ArgName+", "+strconv.Quote(name)+")"), true
}
