package front

import (
	"go/ast"
	"go/token"
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
	ast.Inspect(r.file, func(n ast.Node) bool {
		out = append(out, l.embeddedIfaces(n)...)
		return true
	})
	return out, l.imports
}

// embeddedIfaces lowers the values that n converts to an interface type
// whose methods a struct of the session has only through one embedded
// field of a type compiled elsewhere (type rw struct{ bytes.Buffer }
// given as an io.Writer): the value becomes that field, &(&w).Buffer for
// &w. yaegi, which does not see those promoted methods, refused the
// conversion ("cannot use type *main.rw as type io.Writer"). The
// interface value then holds the field: an assertion back to the
// session's type fails. Call arguments, assignments and declarations
// with a type are lowered.
func (l *lowerer) embeddedIfaces(n ast.Node) []Replacement {
	var out []Replacement
	conv := func(target types.Type, e ast.Expr) {
		if target == nil {
			return
		}
		if src, ok := l.embeddedIface(target, e); ok {
			out = append(out, l.span(e, src))
		}
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		tv, ok := l.res.Info.Types[n.Fun]
		if !ok || tv.IsType() {
			if ok && len(n.Args) == 1 {
				conv(tv.Type, n.Args[0]) // a conversion, io.Writer(&w)
			}
			return out
		}
		sig, ok := tv.Type.Underlying().(*types.Signature)
		if !ok || n.Ellipsis.IsValid() {
			return out
		}
		for i, a := range n.Args {
			switch {
			case sig.Variadic() && i >= sig.Params().Len()-1:
				if s, ok := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice); ok {
					conv(s.Elem(), a)
				}
			case i < sig.Params().Len():
				conv(sig.Params().At(i).Type(), a)
			}
		}
	case *ast.AssignStmt:
		if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
			for i, e := range n.Rhs {
				conv(l.res.Info.TypeOf(n.Lhs[i]), e)
			}
		}
	case *ast.ValueSpec:
		if n.Type != nil && len(n.Names) == len(n.Values) {
			for _, e := range n.Values {
				conv(l.res.Info.TypeOf(n.Type), e)
			}
		}
	}
	return out
}

// embeddedIface is e written as the embedded field that gives its value
// every method of the interface target (see embeddedIfaces).
func (l *lowerer) embeddedIface(target types.Type, e ast.Expr) (string, bool) {
	it, ok := target.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return "", false
	}
	src := l.res.Info.TypeOf(e)
	if src == nil || types.IsInterface(src) {
		return "", false
	}
	base, ptr := src, false
	if p, ok := src.Underlying().(*types.Pointer); ok {
		base, ptr = p.Elem(), true
	}
	named, ok := base.(*types.Named)
	if !ok || !IsSession(named.Obj().Pkg()) {
		return "", false
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	field := -1
	for i := 0; i < it.NumMethods(); i++ {
		obj, index, _ := types.LookupFieldOrMethod(src, true, l.pkg, it.Method(i).Name())
		if _, isFunc := obj.(*types.Func); !isFunc || len(index) < 2 || (field >= 0 && index[0] != field) {
			return "", false
		}
		field = index[0]
	}
	f := st.Field(field)
	ft := f.Type()
	if fp, ok := ft.(*types.Pointer); ok {
		ft = fp.Elem()
	}
	fn, ok := ft.(*types.Named)
	if !f.Embedded() || !ok || fn.Obj().Pkg() == nil || IsSession(fn.Obj().Pkg()) {
		return "", false
	}
	name := l.res.FieldName(f)
	_, fieldPtr := f.Type().(*types.Pointer)
	if !types.AssignableTo(f.Type(), target) {
		if fieldPtr || !ptr || !types.AssignableTo(types.NewPointer(f.Type()), target) {
			return "", false
		}
		return "&(" + ArgName + ")." + name, true // &w: the field's address
	}
	return "(" + ArgName + ")." + name, true
}

// embeddedPath names the embedded fields that lead, from a value of type
// recv, to the method at index path, when one of them is of an interface
// type (and none is reached through a pointer to a struct defined
// elsewhere than the session, which yaegi handles).
func embeddedPath(r *Result, recv types.Type, index []int) ([]string, bool) {
	fields, ok := pathFields(recv, index)
	if !ok || len(fields) == 0 || !types.IsInterface(fields[len(fields)-1].Type()) {
		return nil, false
	}
	return fieldNames(r, fields), true
}

// shadowedPath names the embedded fields that lead, from a value of type
// recv, to the method name at index path, when the embedded fields
// declare the name more than once (as a method or a field) and every
// field on the path can be named in the session.
func shadowedPath(r *Result, recv types.Type, index []int, name string) ([]string, bool) {
	if declaredNames(recv, name, map[types.Type]bool{}) < 2 {
		return nil, false
	}
	fields, ok := pathFields(recv, index)
	if !ok {
		return nil, false
	}
	for _, f := range fields {
		if !f.Exported() && !IsSession(f.Pkg()) {
			return nil, false
		}
	}
	return fieldNames(r, fields), true
}

// pathFields are the embedded fields that lead, from a value of type
// recv, to the method at index path (a selection's Index); false when
// one on the way is not an embedded field of a struct. An interface
// field can only be the last: its methods have no fields.
func pathFields(recv types.Type, index []int) ([]*types.Var, bool) {
	t := recv
	var out []*types.Var
	for _, i := range index[:len(index)-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() || !st.Field(i).Embedded() {
			return nil, false
		}
		out = append(out, st.Field(i))
		t = st.Field(i).Type()
	}
	return out, true
}

func fieldNames(r *Result, fields []*types.Var) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = r.FieldName(f)
	}
	return names
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
