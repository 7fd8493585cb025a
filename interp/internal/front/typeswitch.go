package front

import (
	"go/ast"
	"go/types"
)

// Values of IfaceSwitches.
const (
	// SwitchChain marks a type switch that the interpreter runs as a chain
	// of comma-ok assertions.
	SwitchChain = "typeswitch"
	// SwitchChainUnwrap is SwitchChain for a switch whose operand, as
	// written, is no conversion: an any(x) that a concrete copy of a
	// generic function wraps it in is taken off again.
	SwitchChainUnwrap = "typeswitch unwrap"
	// SwitchBind marks a type switch on a value of an empty interface
	// type with a case of an interface type, of a type parameter or of an
	// unnamed struct type: the rewriter binds its value (yaegi matched
	// such a case only then) and makes a case of the empty interface its
	// default clause.
	SwitchBind = "typeswitch bind"
)

// IfaceSwitches lists, by the line and column of their switch keyword,
// the type switches the interpreter's rewriter changes (SwitchBind), and
// those on a value of an interface type with methods that
// have a case of an interface type (or of a type parameter, which a
// concrete copy may make one). The interpreter's rewriter runs them as a
// chain of comma-ok assertions: yaegi's type switch compares a value's
// type with a case's by identity, so a value held in an interface with
// methods (a parameter of type I, or any(i)) matched no case of an
// interface type, not even one of its own static type. Its comma-ok
// assertions on such a value are right (not on an any holding a value
// of a type with a basic underlying type: x.(int) held for a named int).
func (r *Result) IfaceSwitches() map[[2]int]string {
	if r == nil || r.Info == nil || r.file == nil {
		return nil
	}
	out := map[[2]int]string{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		sw, ok := n.(*ast.TypeSwitchStmt)
		if !ok || sw.Body == nil {
			return true
		}
		x := switchOperand(sw)
		if x == nil {
			return true
		}
		xt, ok := r.Info.Types[x]
		if !ok || xt.Type == nil {
			return true
		}
		it, ok := xt.Type.Underlying().(*types.Interface)
		if !ok {
			return true
		}
		p := r.Fset.Position(sw.Switch)
		if it.NumMethods() == 0 {
			if bindCases(r.Info, sw) {
				out[[2]int{p.Line, p.Column}] = SwitchBind
			}
			return true
		}
		iface := false
		for _, st := range sw.Body.List {
			cc, ok := st.(*ast.CaseClause)
			if !ok {
				return true
			}
			for _, e := range cc.List {
				tv, ok := r.Info.Types[e]
				if !ok || tv.Type == nil || tv.IsNil() {
					continue
				}
				if _, ok := tv.Type.Underlying().(*types.Interface); ok {
					iface = true
				}
			}
		}
		if !iface {
			return true
		}
		kind := SwitchChainUnwrap
		if _, ok := ast.Unparen(x).(*ast.CallExpr); ok {
			kind = SwitchChain
		}
		out[[2]int{p.Line, p.Column}] = kind
		return true
	})
	return out
}

// bindCases tells whether a case of sw is of an interface type, a type
// parameter or an unnamed struct type, and none of a named concrete type:
// bound, yaegi matched a case of a named type to a value of its
// underlying type, and not to one of the named type.
func bindCases(info *types.Info, sw *ast.TypeSwitchStmt) bool {
	bind := false
	for _, st := range sw.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			return false
		}
		for _, e := range cc.List {
			tv, ok := info.Types[e]
			if !ok || tv.Type == nil || tv.IsNil() {
				continue
			}
			switch tv.Type.(type) {
			case *types.Interface, *types.TypeParam, *types.Struct:
				bind = true
				continue
			}
			if _, ok := tv.Type.Underlying().(*types.Interface); ok {
				bind = true
			} else if _, ok := types.Unalias(tv.Type).(*types.Named); ok {
				return false
			}
		}
	}
	return bind
}
