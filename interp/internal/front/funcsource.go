package front

import (
	"go/ast"
	"go/printer"
	"go/types"
	"strings"
)

// FuncSource is the declaration of the cell's function name, as Go
// source another interpreter can declare, when the function stands on
// its own: it names no variable, constant or type of the session (only
// its own parameters and locals, the universe's names and those of
// compiled packages), is neither generic nor a method, and calls no
// function of the session but those in calls (which must stand on their
// own too, for the caller to declare them with it). imports are the
// packages it names, by name (name -> path). Such a function computes
// the same from the same arguments wherever it is declared.
func (r *Result) FuncSource(name string) (src string, calls []string, imports map[string]string, ok bool) {
	if r == nil || r.Info == nil || r.file == nil {
		return "", nil, nil, false
	}
	var decl *ast.FuncDecl
	for _, d := range r.file.Decls {
		if fd, isFunc := d.(*ast.FuncDecl); isFunc && fd.Recv == nil && fd.Name.Name == name && fd.Body != nil {
			decl = fd
		}
	}
	if decl == nil || decl.Type.TypeParams != nil {
		return "", nil, nil, false
	}
	inside := func(o types.Object) bool { return o.Pos() >= decl.Pos() && o.Pos() < decl.End() }
	// sessionType tells whether t involves a type declared in the
	// session outside the function.
	sessionType := func(t types.Type) bool {
		found := false
		visitDeep(t, func(t types.Type) {
			switch t := t.(type) {
			case *types.Named:
				found = found || IsSession(t.Obj().Pkg()) && !inside(t.Obj())
			case *types.Alias:
				found = found || IsSession(t.Obj().Pkg()) && !inside(t.Obj())
			case *types.TypeParam:
				found = true
			}
		})
		return found
	}
	ok = true
	imports = map[string]string{}
	seen := map[string]bool{}
	ast.Inspect(decl, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if e, isExpr := n.(ast.Expr); isExpr {
			if tv, found := r.Info.Types[e]; found && tv.Type != nil && sessionType(tv.Type) {
				ok = false
				return false
			}
		}
		id, isIdent := n.(*ast.Ident)
		if !isIdent {
			return true
		}
		obj := r.Info.Uses[id]
		if obj == nil {
			if d := r.Info.Defs[id]; d != nil && d != r.Info.Defs[decl.Name] && sessionType(d.Type()) {
				ok = false
			}
			return true
		}
		switch o := obj.(type) {
		case *types.PkgName:
			imports[id.Name] = o.Imported().Path()
			return true
		case *types.Func:
			if IsSession(o.Pkg()) && !inside(o) {
				if sig, isSig := o.Type().(*types.Signature); !isSig || sig.Recv() != nil || sig.TypeParams() != nil {
					ok = false
				} else if !seen[o.Name()] && o.Name() != name {
					seen[o.Name()] = true
					calls = append(calls, o.Name())
				}
				return true
			}
		}
		if obj.Pkg() == nil || !IsSession(obj.Pkg()) || inside(obj) {
			return true
		}
		if v, isVar := obj.(*types.Var); isVar && v.IsField() {
			return true // a field of a type the checks above allowed
		}
		ok = false // a variable, constant or type of the session
		return false
	})
	if !ok {
		return "", nil, nil, false
	}
	var b strings.Builder
	bare := *decl
	bare.Doc = nil
	if err := printer.Fprint(&b, r.Fset, &bare); err != nil {
		return "", nil, nil, false
	}
	return b.String(), calls, imports, true
}
