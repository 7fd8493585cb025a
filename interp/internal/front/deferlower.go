package front

import (
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

// DeferLowering lists the replacements that hand a deferred function
// literal the loop variables it uses as arguments: in a loop,
// `defer func() { use(i) }()` becomes `defer func(i int) { func() {
// use(i) }() }(i)`. Go gives each iteration its own loop variables (Go
// 1.22), and a deferred call's arguments are evaluated at the defer
// statement; yaegi gives a loop no frame per iteration and evaluates a
// deferred function value only when it runs, so that every deferred
// literal saw the last iteration's values ([2 2 2] for [2 1 0]). The
// parameters shadow the loop variables inside the literal. A literal that
// takes arguments itself, or a variable whose type cannot be written in
// the cell, is left as it is. (A go statement's literal in a loop is
// ClosureLowering's: it takes the loop's variables when it is made.)
func (r *Result) DeferLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	loopVars := map[types.Object]bool{} // of the loops enclosing the node visited
	var visit func(n ast.Node) bool
	enter := func(ids []ast.Expr, body ast.Node) {
		var added []types.Object
		for _, e := range ids {
			if id, ok := e.(*ast.Ident); ok {
				if obj := r.Info.Defs[id]; obj != nil && !loopVars[obj] {
					loopVars[obj] = true
					added = append(added, obj)
				}
			}
		}
		ast.Inspect(body, visit)
		for _, obj := range added {
			delete(loopVars, obj)
		}
	}
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt:
			var ids []ast.Expr
			if a, ok := n.Init.(*ast.AssignStmt); ok && a.Tok.String() == ":=" {
				ids = a.Lhs
			}
			if n.Cond != nil {
				ast.Inspect(n.Cond, visit)
			}
			enter(ids, n.Body)
			return false
		case *ast.RangeStmt:
			var ids []ast.Expr
			if n.Tok.String() == ":=" {
				ids = []ast.Expr{n.Key, n.Value}
			}
			ast.Inspect(n.X, visit)
			enter(ids, n.Body)
			return false
		case *ast.FuncLit:
			// A literal's own body starts without the loops around it
			// (its defers run when it returns).
			saved := loopVars
			loopVars = map[types.Object]bool{}
			ast.Inspect(n.Body, visit)
			loopVars = saved
			return false
		case *ast.DeferStmt:
			if rep, ok := l.deferLoopVars(n.Call, loopVars); ok {
				out = append(out, rep)
			}
		}
		return true
	}
	ast.Inspect(r.file, visit)
	return out, l.imports
}

// deferLoopVars is the replacement of a deferred literal call that uses
// loop variables.
func (l *lowerer) deferLoopVars(call *ast.CallExpr, loopVars map[types.Object]bool) (Replacement, bool) {
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok || len(loopVars) == 0 || len(call.Args) > 0 || lit.Type.Params.NumFields() > 0 {
		return Replacement{}, false
	}
	used := map[types.Object]string{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := l.res.Info.Uses[id]; obj != nil && loopVars[obj] {
				used[obj] = id.Name
			}
		}
		return true
	})
	if len(used) == 0 {
		return Replacement{}, false
	}
	var names []string
	types := map[string]string{}
	for obj, name := range used {
		if hasTypeParam(obj.Type()) || !l.expressible(obj.Type()) {
			return Replacement{}, false
		}
		names = append(names, name)
		types[name] = l.localType(obj.Type())
	}
	sort.Strings(names)
	params := make([]string, len(names))
	for i, n := range names {
		params[i] = n + " " + types[n]
	}
	return l.span(call, fmt.Sprintf("func(%s) { %s }(%s)", strings.Join(params, ", "), ArgName, strings.Join(names, ", "))), true
}
