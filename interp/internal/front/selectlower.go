package front

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// SelectMark starts the entries of RangeKinds' table that SelectTypes
// adds: the select statement at that position runs through the
// interpreter's helper, and the rest lists, one per clause separated by
// SelectSep, the type of the value the clause receives into variables
// ("" for the others).
const (
	SelectMark = "select:"
	SelectSep  = "\x1f"
)

// SelectTypes tells, by the line and column of a select statement's
// keyword, the types of the values its clauses receive into variables
// (case v := <-c, case v, ok = <-c), as lowered code writes them. The
// interpreter runs such a select with a helper built on reflect.Select
// (rewriter.selectSwitch): yaegi kept a select's cases in its node, shared
// by the goroutines that ran the statement at once, which then selected
// on each other's channels. A select whose channels carry interfaces or
// types of the session with methods (which yaegi wraps when they leave
// it), or type parameters, is left to yaegi, as is select {}.
func (r *Result) SelectTypes() (map[[2]int]string, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	out := map[[2]int]string{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		s, ok := n.(*ast.SelectStmt)
		if !ok || len(s.Body.List) == 0 {
			return true
		}
		var ts []string
		for _, st := range s.Body.List {
			cc, ok := st.(*ast.CommClause)
			if !ok {
				return true
			}
			t, ok := l.selectClause(cc)
			if !ok {
				return true
			}
			ts = append(ts, t)
		}
		p := r.Fset.Position(s.Select)
		out[[2]int{p.Line, p.Column}] = SelectMark + strings.Join(ts, SelectSep)
		return true
	})
	return out, l.imports
}

// selectClause is the type of the value a clause receives into
// variables, or "", and whether the clause can run through the helper.
func (l *lowerer) selectClause(cc *ast.CommClause) (string, bool) {
	var ch ast.Expr
	bind := false
	switch c := cc.Comm.(type) {
	case nil:
		return "", true
	case *ast.SendStmt:
		ch = c.Chan
	case *ast.ExprStmt:
		u, ok := ast.Unparen(c.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return "", false
		}
		ch = u.X
	case *ast.AssignStmt:
		if len(c.Rhs) != 1 || len(c.Lhs) > 2 {
			return "", false
		}
		u, ok := ast.Unparen(c.Rhs[0]).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return "", false
		}
		ch, bind = u.X, true
	default:
		return "", false
	}
	t := l.res.Info.Types[ch].Type
	if t == nil {
		return "", false
	}
	c, ok := t.Underlying().(*types.Chan)
	if !ok || !plainElem(c.Elem(), map[types.Type]bool{}) || !l.expressible(c.Elem()) {
		return "", false
	}
	if !bind {
		return "", true
	}
	return l.localType(c.Elem()), true
}

// plainElem tells whether values of type t cross between the interpreter
// and compiled code as they are: no interfaces, type parameters, or
// session types with methods in them.
func plainElem(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if hasTypeParam(t) {
		return false
	}
	if n, ok := t.(*types.Named); ok {
		if IsSession(n.Obj().Pkg()) && (types.NewMethodSet(n).Len() > 0 || types.NewMethodSet(types.NewPointer(n)).Len() > 0) {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer
	case *types.Pointer:
		return plainElem(u.Elem(), seen)
	case *types.Slice:
		return plainElem(u.Elem(), seen)
	case *types.Array:
		return plainElem(u.Elem(), seen)
	case *types.Map:
		return plainElem(u.Key(), seen) && plainElem(u.Elem(), seen)
	case *types.Chan:
		return plainElem(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !plainElem(u.Field(i).Type(), seen) {
				return false
			}
		}
		return true
	}
	return false // interfaces, functions
}
