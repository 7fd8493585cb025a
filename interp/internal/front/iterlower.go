package front

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// iterFuncs are the iterator functions of the standard library (Go 1.23
// and later) that the interpreter's older standard library lacks; the
// interpreter's prelude defines each as _gocalc_<pkg>_<Name>.
var iterFuncs = map[string]map[string]bool{
	"maps":    {"Keys": true, "Values": true, "All": true, "Collect": true, "Insert": true},
	"slices":  {"All": true, "Values": true, "Backward": true, "Collect": true, "AppendSeq": true, "Sorted": true, "SortedFunc": true, "Chunk": true},
	"strings": {"Lines": true, "SplitSeq": true, "FieldsSeq": true},
}

// IterFunc is the name of the interpreter's definition of an iterator
// function of the standard library.
func IterFunc(pkg, name string) string { return "_gocalc_" + pkg + "_" + name }

// IterLowering lists the replacements that give the interpreter Go 1.23's
// iterators: calls of the standard library's iterator functions call the
// interpreter's own definitions, and iter.Seq[V] and iter.Seq2[K, V] are
// written as the function types they are.
func (r *Result) IterLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := calledFunc(r.Info, n)
			if fn == nil || fn.Pkg() == nil || !iterFuncs[fn.Pkg().Path()][fn.Name()] {
				return true
			}
			if sig := fn.Type().(*types.Signature); sig.Recv() != nil {
				return true
			}
			fun := ast.Unparen(n.Fun)
			if ix, ok := fun.(*ast.IndexExpr); ok { // explicit instantiation
				fun = ix.X
			} else if ix, ok := fun.(*ast.IndexListExpr); ok {
				fun = ix.X
			}
			out = append(out, l.span(fun, IterFunc(fn.Pkg().Path(), fn.Name())))
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.SelectorExpr:
			e := n.(ast.Expr)
			tv, ok := r.Info.Types[e]
			if !ok || !tv.IsType() {
				return true
			}
			named, ok := tv.Type.(*types.Named)
			if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "iter" {
				return true
			}
			if hasTypeParamFree(tv.Type) {
				out = append(out, l.span(e, l.localType(named.Underlying())))
			}
			return false
		}
		return true
	})
	return out, l.imports
}

// hasTypeParamFree tells whether an iter type is instantiated (iter.Seq
// alone, uninstantiated, cannot be written as a function type).
func hasTypeParamFree(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && (n.TypeParams().Len() == 0 || n.TypeArgs().Len() > 0)
}

// RangeKinds tells, for each range statement of the cell (by the line and
// column of its for keyword), what it ranges over when the interpreter
// needs telling: "int" for an integer, or the iterator's function type
// (as func(func(K, V) bool)) for a function. Statements ranging over
// anything else are not listed.
func (r *Result) RangeKinds() (map[[2]int]string, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	out := map[[2]int]string{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok || rs.X == nil {
			return true
		}
		tv, ok := r.Info.Types[rs.X]
		if !ok || tv.Type == nil {
			return true
		}
		p := r.Fset.Position(rs.For)
		switch u := tv.Type.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsInteger != 0 {
				out[[2]int{p.Line, p.Column}] = "int"
			}
		case *types.Signature:
			if u.Params().Len() != 1 {
				return true
			}
			yield, ok := u.Params().At(0).Type().Underlying().(*types.Signature)
			if !ok {
				return true
			}
			var ps []string
			for i := 0; i < yield.Params().Len(); i++ {
				ps = append(ps, l.localType(yield.Params().At(i).Type()))
			}
			out[[2]int{p.Line, p.Column}] = "func(func(" + strings.Join(ps, ", ") + ") bool)"
		}
		return true
	})
	return out, l.imports
}

// DeclUses tells, for each func, method, type and const declaration of
// the cell (by the line and column where it starts), the package-level
// names it refers to. A local variable that shares a name with a
// package-level one is not a reference to it.
func (r *Result) DeclUses() map[[2]int][]string {
	if r == nil || r.Info == nil || r.file == nil || r.Pkg == nil {
		return nil
	}
	out := map[[2]int][]string{}
	for _, d := range r.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFuncName {
			continue
		}
		if gd, ok := d.(*ast.GenDecl); ok && (gd.Tok == token.IMPORT || gd.Tok == token.VAR) {
			continue
		}
		seen := map[string]bool{}
		var names []string
		ast.Inspect(d, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := r.Info.Uses[id]
			if obj == nil || !IsSession(obj.Pkg()) || obj.Parent() == nil || obj.Parent().Parent() != types.Universe {
				return true
			}
			if !seen[obj.Name()] {
				seen[obj.Name()] = true
				names = append(names, obj.Name())
			}
			return true
		})
		p := r.Fset.Position(d.Pos())
		out[[2]int{p.Line, p.Column}] = names
	}
	return out
}
