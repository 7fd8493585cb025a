package cells

import (
	"go/ast"
	"go/token"
)

// RuntimeName is the package the interpreter's runtime helpers are imported
// under in cells.
const RuntimeName = "_gocalc"

// goStmt turns `go f(a, b)` into `_gocalc.Go(f, a, b)`: the arguments are
// still evaluated before the goroutine starts, and the host runs f with
// a recover that reports a panic instead of killing the kernel. A builtin
// (go println(x)) runs inside a function literal instead.
func (r *rewriter) goStmt(s *ast.GoStmt) ast.Stmt {
	at := s.Go
	call := s.Call
	if id, ok := call.Fun.(*ast.Ident); ok && goBuiltins[id.Name] {
		lit := &ast.FuncLit{Type: &ast.FuncType{Func: at, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{&ast.ExprStmt{X: call}}, Rbrace: call.Rparen}}
		return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: r.ident(RuntimeName, at), Sel: r.ident("Go", at)}, Lparen: at, Args: []ast.Expr{lit}, Rparen: call.Rparen}}
	}
	name := "Go"
	if call.Ellipsis.IsValid() {
		name = "GoSlice"
	}
	args := append([]ast.Expr{call.Fun}, call.Args...)
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: r.ident(RuntimeName, at), Sel: r.ident(name, at)}, Lparen: call.Lparen, Args: args, Rparen: call.Rparen}}
}

var goBuiltins = map[string]bool{"print": true, "println": true, "close": true, "panic": true, "copy": true, "delete": true, "clear": true}

// constant tells whether e is a literal, which keeps its untyped constant
// meaning only where it is written.
func constant(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return e.Name == "nil" || e.Name == "true" || e.Name == "false"
	case *ast.UnaryExpr:
		return constant(e.X)
	case *ast.ParenExpr:
		return constant(e.X)
	case *ast.BinaryExpr:
		return constant(e.X) && constant(e.Y)
	}
	return false
}

// slicesExtra are the functions of package slices that yaegi's generic
// slices package lacks; the prelude defines them.
var slicesExtra = map[string]bool{"Sort": true, "SortFunc": true, "SortStableFunc": true, "IsSorted": true,
	"Max": true, "Min": true, "MaxFunc": true, "MinFunc": true, "BinarySearch": true}

// builtin rewrites calls of the min, max and clear builtins and of the
// slices functions yaegi lacks.
func (r *rewriter) builtin(c *ast.CallExpr) {
	if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == "slices" && slicesExtra[sel.Sel.Name] {
			c.Fun = r.ident("_gocalc_slices_"+sel.Sel.Name, x.Pos())
		}
		return
	}
	id, ok := c.Fun.(*ast.Ident)
	if !ok || r.shadow[id.Name] {
		return
	}
	switch id.Name {
	case "min", "max":
		if len(c.Args) == 0 {
			return
		}
		// The helper is generic: put a typed argument first (or a float
		// constant among constants) so that the type parameter is
		// inferred from it and the other constants convert.
		first, float := -1, -1
		for i, a := range c.Args {
			if !constant(a) {
				first = i
				break
			}
			if l, ok := a.(*ast.BasicLit); ok && l.Kind == token.FLOAT && float < 0 {
				float = i
			}
		}
		if first < 0 && float >= 0 {
			first = float
			a := c.Args[float]
			c.Args[float] = &ast.CallExpr{Fun: r.ident("float64", a.Pos()), Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
		}
		if first > 0 {
			c.Args[0], c.Args[first] = c.Args[first], c.Args[0]
		}
		c.Fun = r.ident("_gocalc_"+id.Name, id.Pos())
	case "clear":
		c.Fun = &ast.SelectorExpr{X: r.ident(RuntimeName, id.Pos()), Sel: r.ident("Clear", id.Pos())}
	}
}
