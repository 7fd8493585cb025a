package front

import (
	"go/ast"
	"go/token"
	"go/types"
)

// BoolLowering lists the replacements that write a comparison as the
// bool it is, bool(a < b), where the interpreter stores its result
// straight into a destination of another type: a function's result of
// interface type (return x > y, with the result an any) and the blank
// identifier (_ = f() == f()). yaegi failed there in reflect ("SetBool on
// interface Value").
//
// The operands of a comparison whose types Go finds comparable but that
// are written differently (a chan int and a <-chan int, a named array
// type and its underlying type, *any and *interface{}) are given the same
// type, by converting one to the other's: yaegi refused them as
// "mismatched types".
func (r *Result) BoolLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	var results []*types.Tuple // of the enclosing functions, innermost last
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				return false
			}
			var res *types.Tuple
			if obj, ok := r.Info.Defs[n.Name].(*types.Func); ok {
				res = obj.Type().(*types.Signature).Results()
			}
			results = append(results, res)
			ast.Inspect(n.Body, visit)
			results = results[:len(results)-1]
			return false
		case *ast.FuncLit:
			var res *types.Tuple
			if sig, ok := r.Info.Types[n].Type.(*types.Signature); ok {
				res = sig.Results()
			}
			results = append(results, res)
			ast.Inspect(n.Body, visit)
			results = results[:len(results)-1]
			return false
		case *ast.ReturnStmt:
			if len(results) == 0 || results[len(results)-1] == nil {
				return true
			}
			res := results[len(results)-1]
			if res.Len() != len(n.Results) {
				return true
			}
			for i, e := range n.Results {
				if types.IsInterface(res.At(i).Type()) && l.isComparison(e) {
					out = append(out, l.boolConv(e))
				}
			}
		case *ast.BinaryExpr:
			if rep, ok := l.mixedComparison(n); ok {
				out = append(out, rep)
			}
		case *ast.SwitchStmt:
			out = append(out, l.mixedSwitch(n)...)
			out = append(out, l.ifaceSwitch(n)...)
		case *ast.ValueSpec:
			if len(n.Names) != len(n.Values) {
				return true
			}
			for i, e := range n.Values {
				if n.Names[i].Name == "_" && l.isComparison(e) {
					out = append(out, l.boolConv(e))
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, e := range n.Rhs {
				if id, ok := n.Lhs[i].(*ast.Ident); ok && id.Name == "_" && l.isComparison(e) {
					out = append(out, l.boolConv(e))
				}
			}
		}
		return true
	}
	ast.Inspect(r.file, visit)
	return out, l.imports
}

// boolConv writes e, a comparison, as a conversion to its type (bool, or
// a named boolean type of its operands).
func (l *lowerer) boolConv(e ast.Expr) Replacement {
	t := l.res.Info.Types[e].Type
	name := "bool"
	if b, isBasic := t.(*types.Basic); !isBasic || b.Info()&types.IsUntyped == 0 {
		name = l.localType(t)
	}
	return l.span(e, name+"("+ArgName+")")
}

// isComparison tells whether e is a comparison, a logical operation or a
// negation, of a non-constant boolean value.
func (l *lowerer) isComparison(e ast.Expr) bool {
	tv, ok := l.res.Info.Types[e]
	if !ok || tv.Value != nil || tv.Type == nil {
		return false
	}
	if b, isBasic := tv.Type.Underlying().(*types.Basic); !isBasic || b.Info()&types.IsBoolean == 0 {
		return false
	}
	if hasTypeParam(tv.Type) || !l.expressible(tv.Type) {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return true
		}
	case *ast.UnaryExpr:
		return e.Op == token.NOT
	}
	return false
}

// mixedComparison converts one operand of x == y or x != y to the other's
// type when they are not written the same.
func (l *lowerer) mixedComparison(b *ast.BinaryExpr) (Replacement, bool) {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return Replacement{}, false
	}
	tx, okx := l.res.Info.Types[b.X]
	ty, oky := l.res.Info.Types[b.Y]
	if !okx || !oky || tx.Type == nil || ty.Type == nil || tx.Value != nil || ty.Value != nil || tx.IsNil() || ty.IsNil() {
		return Replacement{}, false
	}
	x, y := tx.Type, ty.Type
	for _, t := range []types.Type{x, y} {
		if types.IsInterface(t) || hasTypeParam(t) || !l.expressible(t) {
			return Replacement{}, false
		}
		if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
			return Replacement{}, false
		}
	}
	if l.typeString(x) == l.typeString(y) {
		return Replacement{}, false
	}
	// Convert the operand that is assignable to the other's type; of
	// two, the one whose type is not named.
	_, namedX := types.Unalias(x).(*types.Named)
	toY := types.AssignableTo(x, y) && (!types.AssignableTo(y, x) || !namedX)
	switch {
	case toY:
		return l.span(b.X, "("+l.localType(y)+")("+ArgName+")"), true
	case types.AssignableTo(y, x):
		return l.span(b.Y, "("+l.localType(x)+")("+ArgName+")"), true
	}
	return Replacement{}, false
}

// mixedSwitch does for the comparisons of a switch's tag with its cases
// what mixedComparison does for ==: cases written with another type than
// the tag's are converted to it, or the tag to theirs when all of them
// have that one type.
func (l *lowerer) mixedSwitch(sw *ast.SwitchStmt) []Replacement {
	if sw.Tag == nil {
		return nil
	}
	tt, ok := l.res.Info.Types[sw.Tag]
	if !ok || tt.Type == nil || !l.plainOperand(tt) {
		return nil
	}
	tag := l.typeString(tt.Type)
	var cases []Replacement // cases converted to the tag's type
	var other types.Type    // the type of the cases the tag is converted to
	for _, st := range sw.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			tv, ok := l.res.Info.Types[e]
			if !ok || tv.Type == nil || !l.plainOperand(tv) || l.typeString(tv.Type) == tag {
				continue
			}
			switch {
			case types.AssignableTo(tv.Type, tt.Type):
				cases = append(cases, l.span(e, "("+l.localType(tt.Type)+")("+ArgName+")"))
			case types.AssignableTo(tt.Type, tv.Type) && (other == nil || types.Identical(other, tv.Type)):
				other = tv.Type
			default:
				return nil
			}
		}
	}
	switch {
	case other == nil:
		return cases
	case len(cases) == 0:
		return []Replacement{l.span(sw.Tag, "("+l.localType(other)+")("+ArgName+")")}
	}
	return nil
}

// ifaceSwitch lowers each case of a switch on a value of an interface
// type that is not an interface, nil or a constant of another type, to a
// call of a function literal that gives it as the tag's type:
// switch x { case "a": } becomes switch x { case func() any { return "a"
// }(): }. yaegi converted the tag to the case's type and failed
// ("reflect.Value.Convert: value of type interface {} cannot be converted
// to type string"). A switch with a case that lists several such values
// is left as it is.
func (l *lowerer) ifaceSwitch(sw *ast.SwitchStmt) []Replacement {
	if sw.Tag == nil {
		return l.ifaceCases(sw)
	}
	tt, ok := l.res.Info.Types[sw.Tag]
	if !ok || tt.Type == nil || !types.IsInterface(tt.Type) || hasTypeParam(tt.Type) || !l.expressible(tt.Type) {
		return nil
	}
	var out []Replacement
	for _, st := range sw.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			tv, ok := l.res.Info.Types[e]
			if !ok || tv.Type == nil || tv.IsNil() || types.IsInterface(tv.Type) || hasTypeParam(tv.Type) {
				continue
			}
			if len(cc.List) > 1 {
				// yaegi compares the tag with the first call only of a
				// case that lists several.
				return nil
			}
			out = append(out, l.span(e, "func() "+l.localType(tt.Type)+" { return "+ArgName+" }()"))
		}
	}
	return out
}

// ifaceCases lowers a case of interface type of a switch without tag,
// which Go compares with true, to a function literal that tells whether
// it holds the bool true: yaegi took the case for a bool ("call of
// reflect.Value.Bool on interface Value").
func (l *lowerer) ifaceCases(sw *ast.SwitchStmt) []Replacement {
	var out []Replacement
	for _, st := range sw.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			tv, ok := l.res.Info.Types[e]
			if !ok || tv.Type == nil || !types.IsInterface(tv.Type) || hasTypeParam(tv.Type) {
				continue
			}
			v, b, isBool := l.fresh(), l.fresh(), l.fresh()
			out = append(out, l.span(e, "func("+v+" any) bool { "+b+", "+isBool+" := "+v+".(bool); return "+isBool+" && "+b+" }("+ArgName+")"))
		}
	}
	return out
}

// plainOperand tells whether an operand of a comparison is a non-constant
// value of a type that lowered code can write, not an interface.
func (l *lowerer) plainOperand(tv types.TypeAndValue) bool {
	if tv.Value != nil || tv.IsNil() || types.IsInterface(tv.Type) || hasTypeParam(tv.Type) || !l.expressible(tv.Type) {
		return false
	}
	b, isBasic := tv.Type.(*types.Basic)
	return !isBasic || b.Info()&types.IsUntyped == 0
}
