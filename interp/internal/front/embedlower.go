package front

import (
	"go/ast"
	"go/types"
	"strings"
)

// EmbeddedLowering lists the replacements that write a method promoted
// from an embedded interface field by its full path: with type Named
// struct{ Shape; Name string }, n.Area() becomes n.Shape.Area(). yaegi
// panicked on the promoted call ("invalid interface value"). A promoted
// method whose name the embedded fields declare more than once is
// written by its path too: yaegi took the first one a depth-first search
// found, not the shallowest (with type B struct{ A; E } and A embedding
// E too, b.M() called b.A.E.M, bug485).
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
			path, ok = shadowedPath(r, s.Recv(), s.Index(), sel.Sel.Name)
		}
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

// shadowedPath names the embedded fields that lead, from a value of type
// recv, to the method name at index path, when the embedded fields
// declare the name more than once (as a method or a field) and every
// field on the path can be named in the session.
func shadowedPath(r *Result, recv types.Type, index []int, name string) ([]string, bool) {
	if declaredNames(recv, name, map[types.Type]bool{}) < 2 {
		return nil, false
	}
	t := recv
	var names []string
	for _, i := range index[:len(index)-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil, false
		}
		f := st.Field(i)
		if !f.Embedded() || !f.Exported() && !IsSession(f.Pkg()) {
			return nil, false
		}
		names = append(names, r.FieldName(f))
		t = f.Type()
	}
	return names, true
}

// declaredNames counts the fields and the methods named name that the
// struct t (or the struct t points to) and its embedded fields declare,
// at any depth (seen holds the types on the way, against cycles).
func declaredNames(t types.Type, name string, seen map[types.Type]bool) int {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if seen[t] {
		return 0 // a cycle through pointers
	}
	seen[t] = true
	defer delete(seen, t)
	n := 0
	if named, ok := t.(*types.Named); ok {
		for i := 0; i < named.NumMethods(); i++ {
			if named.Method(i).Name() == name {
				n++
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		for i := 0; i < u.NumMethods(); i++ {
			if u.Method(i).Name() == name {
				n++
			}
		}
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if f.Name() == name {
				n++
			}
			if f.Embedded() {
				n += declaredNames(f.Type(), name, seen)
			}
		}
	}
	return n
}
