package cells

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
)

// perIteration gives a three-clause loop's variables a per-iteration copy
// when the body captures them and never assigns them.
func perIteration(hoister *rewriter, s *ast.ForStmt) {
	init, ok := s.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	names := idents(init.Lhs...)
	if !captures(s.Body, names) {
		return
	}
	if assigns(s.Body, names) {
		carryOver(hoister, s, names)
		return
	}
	s.Body.List = append(copies(names), hoister.hoistLits(s.Body.List, names)...)
}

// carryOver gives a three-clause loop whose body captures and assigns its
// variables a copy of them per iteration, carried over to the next as Go
// 1.22 does: `for i := 0; i < n; i++ { body }` becomes `for t := 0; t <
// n; t++ { i := t; { body }; t = i }`, with `t = i` also before each
// continue of the loop. A body that declares a variable of the same name
// again, or continues a label of its own it does not declare, keeps
// one variable for all iterations.
func carryOver(r *rewriter, s *ast.ForStmt, ids []*ast.Ident) {
	names := nameSet(ids)
	if redeclares(s.Body, names) || continuesOuter(s.Body) {
		return
	}
	tmps := map[string]string{}
	vars := make([]string, len(ids)) // the names, before the header's are renamed
	var enter, leave []ast.Stmt
	for i, id := range ids {
		t := r.temp("lv", id.Pos())
		tmps[id.Name], vars[i] = t.Name, id.Name
		enter = append(enter, &ast.AssignStmt{Lhs: []ast.Expr{r.ident(id.Name, id.Pos())}, TokPos: id.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{r.ident(t.Name, id.Pos())}})
	}
	back := func(at token.Pos) []ast.Stmt {
		var out []ast.Stmt
		for _, v := range vars {
			out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{r.ident(tmps[v], at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{r.ident(v, at)}})
		}
		return out
	}
	rename := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.Ident:
				if t, ok := tmps[n.Name]; ok {
					n.Name = t
				}
			}
			return true
		})
	}
	for _, n := range []ast.Node{s.Init, s.Cond, s.Post} {
		if n != nil {
			rename(n)
		}
	}
	named := make([]*ast.Ident, len(vars))
	for i, v := range vars {
		named[i] = r.ident(v, ids[i].Pos())
	}
	body := &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: r.hoistLits(s.Body.List, named), Rbrace: s.Body.Rbrace}
	continues(body, func(c *ast.BranchStmt) ast.Stmt {
		return &ast.BlockStmt{Lbrace: c.Pos(), List: append(back(c.Pos()), c), Rbrace: c.End()}
	})
	leave = back(s.Body.Rbrace)
	s.Body.List = append(append(enter, body), leave...)
}

// redeclares tells whether body declares one of the names again.
func redeclares(body *ast.BlockStmt, names map[string]bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, id := range idents(n.Lhs...) {
					found = found || names[id.Name]
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, id := range idents(n.Key, n.Value) {
					found = found || names[id.Name]
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				found = found || names[id.Name]
			}
		case *ast.Field:
			for _, id := range n.Names {
				found = found || names[id.Name]
			}
		case *ast.TypeSwitchStmt:
			if a, ok := n.Assign.(*ast.AssignStmt); ok {
				for _, id := range idents(a.Lhs...) {
					found = found || names[id.Name]
				}
			}
		}
		return !found
	})
	return found
}

// continuesOuter tells whether body continues a label it does not
// declare (possibly the loop's own).
func continuesOuter(body *ast.BlockStmt) bool {
	declared := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok {
			declared[l.Label.Name] = true
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.CONTINUE && b.Label != nil && !declared[b.Label.Name] {
			found = true
		}
		return !found
	})
	return found
}

// continues replaces each unlabeled continue of the loop whose body is
// body (not those of loops inside it, nor of function literals) by f's
// statement.
func continues(body *ast.BlockStmt, f func(*ast.BranchStmt) ast.Stmt) {
	astutil.Apply(body, func(c *astutil.Cursor) bool {
		switch x := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if x.Tok == token.CONTINUE && x.Label == nil {
				c.Replace(f(x))
			}
			return false
		}
		return true
	}, nil)
}

// hoistLits gives each function literal that a loop body passes to a
// call, and that uses a loop variable, a variable of its own first:
// `f(func() { use(i) })` becomes `_f := func() { use(i) }; f(_f)`. yaegi
// hands a literal passed straight to a compiled function a live view of
// the loop's frame, so that it would see later iterations' values; a
// literal stored in a variable keeps its iteration's copy.
func (r *rewriter) hoistLits(list []ast.Stmt, ids []*ast.Ident) []ast.Stmt {
	names := nameSet(ids)
	var out []ast.Stmt
	for _, s := range list {
		// (Not a defer statement: yaegi hangs on a deferred call of a
		// literal stored in a variable, in a function with named
		// results, and it would not call a compiled function anyway.)
		switch s.(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.GoStmt, *ast.ReturnStmt, *ast.SendStmt:
		default:
			out = append(out, s)
			continue
		}
		var hoisted []ast.Stmt
		hoist := func(e ast.Expr) ast.Expr {
			lit, ok := e.(*ast.FuncLit)
			if !ok || !mentions(lit, names) {
				return e
			}
			t := r.temp("f", lit.Pos())
			hoisted = append(hoisted, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: lit.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{lit}})
			return r.ident(t.Name, lit.Pos())
		}
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				// (Not a literal called where it stands, which makes no
				// closure: front.ClosureLowering's.)
				for i, a := range n.Args {
					n.Args[i] = hoist(a)
				}
			case *ast.GoStmt:
				n.Call.Fun = hoist(n.Call.Fun)
			}
			return true
		})
		out = append(append(out, hoisted...), s)
	}
	return out
}

// mentions tells whether n uses one of the names.
func mentions(n ast.Node, names map[string]bool) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && names[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

func idents(es ...ast.Expr) []*ast.Ident {
	var out []*ast.Ident
	for _, e := range es {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			out = append(out, id)
		}
	}
	return out
}

func nameSet(ids []*ast.Ident) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id.Name] = true
	}
	return m
}

// captures tells whether body can keep a loop variable beyond its
// iteration: a function literal or go statement naming it, or &v.
func captures(body *ast.BlockStmt, ids []*ast.Ident) bool {
	if len(ids) == 0 {
		return false
	}
	names := nameSet(ids)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			ast.Inspect(n, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && names[id.Name] {
					found = true
				}
				return !found
			})
			return false
		case *ast.UnaryExpr:
			if id, ok := n.X.(*ast.Ident); ok && n.Op == token.AND && names[id.Name] {
				found = true
			}
		}
		return true
	})
	return found
}

// assigns tells whether body assigns one of the names.
func assigns(body *ast.BlockStmt, ids []*ast.Ident) bool {
	names := nameSet(ids)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && names[id.Name] {
						found = true
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := n.X.(*ast.Ident); ok && names[id.Name] {
				found = true
			}
		}
		return !found
	})
	return found
}

// copies is `v := v` for each name.
func copies(ids []*ast.Ident) []ast.Stmt {
	var out []ast.Stmt
	for _, id := range ids {
		out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{NamePos: id.Pos(), Name: id.Name}}, TokPos: id.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{&ast.Ident{NamePos: id.Pos(), Name: id.Name}}})
	}
	return out
}
