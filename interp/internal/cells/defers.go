package cells

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// nestDefers runs each deferred call of a function after its first in a
// frame of its own: from that defer statement on, the function's body
// becomes a function literal called at once,
//
//	defer recovering(); defer g(); return v
//
// becomes
//
//	defer recovering(); func() { defer g(); r0 = v; return }(); return
//
// (the results named r0... when they have no names). yaegi runs the
// deferred calls of a frame in one loop that a panicking call ends, so
// that the calls deferred before it never ran: the recover of Go's
// `defer func() { recover() }(); defer g()` idiom missed g's panic. With
// one frame per deferred call, the panic leaves the literal and the calls
// deferred before it run as Go runs them, recover included. Only
// functions whose defer statements all stand in the body itself (not in
// a loop or a block) are changed, and not those with goto or with a
// result named _.
func (r *rewriter) nestDefers(root ast.Node) {
	var funcs []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if _, body, ok := funcParts(n); ok && body != nil {
			funcs = append(funcs, n)
		}
		return true
	})
	for _, f := range funcs {
		ft, body, _ := funcParts(f)
		if !nestable(body) {
			continue
		}
		results, types := r.resultNames(ft)
		if results == nil {
			continue
		}
		body.List = r.nest(body.List, false, results, types)
	}
}

// nestable tells whether body has two defer statements or more, all in
// the body itself, and no goto (in the function, not in its literals).
func nestable(body *ast.BlockStmt) bool {
	top := 0
	for _, s := range body.List {
		if _, ok := s.(*ast.DeferStmt); ok {
			top++
		}
	}
	if top < 2 {
		return false
	}
	all, jumps := 0, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			all++
		case *ast.BranchStmt:
			jumps = jumps || n.Tok == token.GOTO
		}
		return true
	})
	return all == top && !jumps
}

// resultNames are the names and types of ft's results, naming them
// _gocalc_res0, ... when they have none; nil when one is named _. A
// function without results has empty lists.
func (r *rewriter) resultNames(ft *ast.FuncType) ([]string, []ast.Expr) {
	names, types := []string{}, []ast.Expr{}
	if ft.Results == nil {
		return names, types
	}
	for i, f := range ft.Results.List {
		if len(f.Names) == 0 {
			f.Names = []*ast.Ident{r.ident("_gocalc_res"+strconv.Itoa(i), f.Pos())}
		}
		for _, id := range f.Names {
			if id.Name == "_" {
				return nil, nil
			}
			names = append(names, id.Name)
			types = append(types, f.Type)
		}
	}
	return names, types
}

// nest moves the statements from the second defer statement of list on
// into a function literal called at once (seen: list follows a defer
// statement already).
func (r *rewriter) nest(list []ast.Stmt, seen bool, results []string, types []ast.Expr) []ast.Stmt {
	for i, s := range list {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			continue
		}
		if !seen {
			seen = true
			continue
		}
		at := d.Defer
		tail := append([]ast.Stmt{d}, r.nest(list[i+1:], true, results, types)...)
		inner := &ast.BlockStmt{Lbrace: at, List: tail, Rbrace: at}
		r.assignResults(inner, results, types)
		lit := &ast.FuncLit{Type: &ast.FuncType{Func: at, Params: &ast.FieldList{Opening: at, Closing: at}}, Body: inner}
		out := append(list[:i:i], &ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: at, Rparen: at}})
		if len(results) > 0 {
			out = append(out, &ast.ReturnStmt{Return: at})
		}
		return out
	}
	return list
}

// assignResults makes the returns of block (not those of its literals,
// nor those an inner nesting rewrote already) assign the function's
// results and return from the literal: `return a, b` becomes
// `{ var t1 T1 = a; var t2 T2 = b; r0 = t1; r1 = t2; return }` (yaegi
// failed on `r0, r1 = a, b` with a nil, or with an interface result),
// and `return f()` becomes `{ r0, r1 = f(); return }`.
func (r *rewriter) assignResults(block *ast.BlockStmt, results []string, types []ast.Expr) {
	if len(results) == 0 {
		return
	}
	astutil.Apply(block, func(c *astutil.Cursor) bool {
		_, lit := c.Node().(*ast.FuncLit)
		return !lit
	}, func(c *astutil.Cursor) bool {
		ret, ok := c.Node().(*ast.ReturnStmt)
		if !ok || len(ret.Results) == 0 {
			return true
		}
		at := ret.Return
		var list []ast.Stmt
		if len(ret.Results) != len(results) {
			lhs := make([]ast.Expr, len(results))
			for i, name := range results {
				lhs[i] = r.ident(name, at)
			}
			list = append(list, &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: token.ASSIGN, Rhs: ret.Results})
		} else {
			var sets []ast.Stmt
			for i, e := range ret.Results {
				t := r.temp("rv", at)
				list = append(list, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: at, Tok: token.VAR, Specs: []ast.Spec{
					&ast.ValueSpec{Names: []*ast.Ident{t}, Type: types[i], Values: []ast.Expr{e}}}}})
				sets = append(sets, &ast.AssignStmt{Lhs: []ast.Expr{r.ident(results[i], at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{r.ident(t.Name, at)}})
			}
			list = append(list, sets...)
		}
		list = append(list, &ast.ReturnStmt{Return: at})
		c.Replace(&ast.BlockStmt{Lbrace: at, List: list, Rbrace: ret.End()})
		return true
	})
}
