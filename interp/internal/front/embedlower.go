package front

import (
	"go/ast"
	"go/types"
	"strings"
)

// EmbeddedLowering lists the replacements that write a method promoted
// from an embedded interface field by its full path: with type Named
// struct{ Shape; Name string }, n.Area() becomes n.Shape.Area(). yaegi
// panicked on the promoted call ("invalid interface value").
func (r *Result) EmbeddedLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	ast.Inspect(r.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		s := r.Info.Selections[sel]
		if s == nil || s.Kind() != types.MethodVal || len(s.Index()) < 2 {
			return true
		}
		path, ok := embeddedPath(r, s.Recv(), s.Index())
		if !ok {
			return true
		}
		rep := l.span(sel, ArgName+"."+strings.Join(path, ".")+"."+sel.Sel.Name)
		rep.Operand = true
		out = append(out, rep)
		return true
	})
	return out, l.imports
}

// embeddedPath names the embedded fields that lead, from a value of type
// recv, to the method at index path, when one of them is of an interface
// type (and none is reached through a pointer to a struct defined
// elsewhere than the session, which yaegi handles).
func embeddedPath(r *Result, recv types.Type, index []int) ([]string, bool) {
	t := recv
	var names []string
	viaIface := false
	for _, i := range index[:len(index)-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil, false
		}
		f := st.Field(i)
		if !f.Embedded() {
			return nil, false
		}
		names = append(names, r.FieldName(f))
		t = f.Type()
		if types.IsInterface(t) {
			viaIface = true
			break
		}
	}
	return names, viaIface
}
