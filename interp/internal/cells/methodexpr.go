package cells

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// methodValue turns a method expression of a compiled type, which yaegi
// v0.16.1 calls wrongly ((*ad.Var).Sin panics, ad.Dual.Mul is "too many
// arguments"), into the equivalent function literal:
//
//	(*ad.Var).Sin  =>  func(x *ad.Var) *ad.Var { return x.Sin() }
//
// It returns e unchanged for anything else, or when a parameter type
// cannot be written in a cell.
func (r *rewriter) methodValue(e ast.Expr) ast.Expr {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return e
	}
	recv, ptr := sel.X, false
	if p, ok := recv.(*ast.ParenExpr); ok {
		star, ok := p.X.(*ast.StarExpr)
		if !ok {
			return e
		}
		recv, ptr = star.X, true
	}
	tsel, ok := recv.(*ast.SelectorExpr)
	if !ok {
		return e
	}
	pkg, ok := tsel.X.(*ast.Ident)
	if !ok || r.globals[pkg.Name] {
		return e
	}
	path, ok := r.imports[pkg.Name]
	if !ok && r.symbols != nil {
		path, ok = r.symbols.PathOf(pkg.Name)
	}
	if !ok || r.symbols == nil {
		return e
	}
	tv, ok := r.symbols.Table(path)[tsel.Sel.Name]
	if !ok || !tv.IsValid() || tv.Kind() != reflect.Pointer || !tv.IsNil() {
		return e
	}
	rt := tv.Type().Elem()
	if ptr {
		rt = reflect.PointerTo(rt)
	}
	m, ok := rt.MethodByName(sel.Sel.Name)
	if !ok {
		return e
	}
	return r.methodLit(m.Type, sel.Sel.Name, sel.Pos())
}

// methodLit writes func(x T, a1 A1, ...) (R...) { return x.M(a1, ...) }
// for the method type mt (receiver first), or returns nil.
func (r *rewriter) methodLit(mt reflect.Type, name string, at token.Pos) ast.Expr {
	var params, args []string
	for i := 0; i < mt.NumIn(); i++ {
		t := mt.In(i)
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			params = append(params, "a"+strconv.Itoa(i)+" ..."+typeName(t.Elem()))
			args = append(args, "a"+strconv.Itoa(i)+"...")
		} else {
			params = append(params, "a"+strconv.Itoa(i)+" "+typeName(t))
			if i > 0 {
				args = append(args, "a"+strconv.Itoa(i))
			}
		}
	}
	var results []string
	for i := 0; i < mt.NumOut(); i++ {
		results = append(results, typeName(mt.Out(i)))
	}
	call := "a0." + name + "(" + strings.Join(args, ", ") + ")"
	body := call
	if len(results) > 0 {
		body = "return " + call
	}
	src := "func(" + strings.Join(params, ", ") + ") (" + strings.Join(results, ", ") + ") { " + body + " }"
	lit, err := parser.ParseExpr(src)
	if err != nil {
		return nil
	}
	ast.Inspect(lit, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			n.NamePos = at
		case *ast.FuncType:
			n.Func = at
		case *ast.BlockStmt:
			n.Lbrace, n.Rbrace = at, at
		case *ast.CallExpr:
			n.Lparen, n.Rparen = at, at
		case *ast.ReturnStmt:
			n.Return = at
		}
		return true
	})
	return lit
}

// typeName writes a compiled type as a cell can name it, qualified by
// package names ("*ad.Var", "[]float64").
func typeName(t reflect.Type) string {
	s := t.String()
	if strings.Contains(s, "interface {") {
		s = strings.ReplaceAll(s, "interface {}", "any")
	}
	return s
}

// methodValues rewrites the method expressions among the expressions of
// n that a value can stand in (arguments, operands of assignments,
// initializers, results, elements).
func (r *rewriter) methodValues(n ast.Node) {
	fix := func(es []ast.Expr) {
		for i, e := range es {
			if lit := r.methodValue(e); lit != nil {
				es[i] = lit
			}
		}
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		if lit := r.methodValue(n.Fun); lit != nil {
			n.Fun = lit
		}
		fix(n.Args)
	case *ast.AssignStmt:
		fix(n.Rhs)
	case *ast.ValueSpec:
		fix(n.Values)
	case *ast.ReturnStmt:
		fix(n.Results)
	case *ast.CompositeLit:
		fix(n.Elts)
	case *ast.KeyValueExpr:
		if lit := r.methodValue(n.Value); lit != nil {
			n.Value = lit
		}
	}
}
