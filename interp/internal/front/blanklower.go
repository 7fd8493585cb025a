package front

import (
	"go/ast"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// BlankFieldLowering lists the replacements that give the blank fields
// of struct types (struct{ x int; _ string; _ float64 }) names of their
// own, _gocalc_blank1, ... (by position): yaegi names every such field X_ and fails on
// a second one ("reflect.StructOf: duplicate field X_"). No Go code can
// name a blank field, and only unsafe code can make one nonzero, so the
// program runs as before; printed with %+v, the field shows its new name.
//
// It renames the types declared in functions that have the name of a
// package-level declaration (type T [2]int in a function, beside a
// package's type T struct{ V int }) T_gocalc_local1, ...: yaegi took
// the package's type for the function's ("too many values in struct
// literal", issue8947). A type embedded as a field keeps its name (the
// field's).
//
// It also writes runtime/cgo's Incomplete, wherever a cell names it, as
// struct{}: the interpreter has no runtime/cgo (yaegi crashed with a nil
// pointer dereference on the type that held the field). Incomplete is an
// empty struct whose only use is to keep values off the garbage collected
// heap, which the interpreter cannot do anyway.
func (r *Result) BlankFieldLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	out := l.shadowingTypes()
	ast.Inspect(r.file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if tn, ok := r.Info.Uses[sel.Sel].(*types.TypeName); ok && isCgoIncomplete(tn.Type()) {
				out = append(out, l.span(sel, "struct{}"))
				return false
			}
		}
		if lit, ok := n.(*ast.CompositeLit); ok {
			out = append(out, l.blankValues(lit)...)
			return true
		}
		st, ok := n.(*ast.StructType)
		if !ok || st.Fields == nil {
			return true
		}
		has := false
		for _, f := range st.Fields.List {
			for _, name := range f.Names {
				has = has || name.Name == "_"
			}
		}
		if !has {
			return true
		}
		tv, ok := r.Info.Types[st]
		if !ok || !tv.IsType() || hasTypeParam(tv.Type) || !l.expressible(tv.Type) {
			return true
		}
		s, ok := tv.Type.(*types.Struct)
		if !ok {
			return true
		}
		var fields []string
		for i := 0; i < s.NumFields(); i++ {
			f := s.Field(i)
			var b strings.Builder
			switch {
			case f.Embedded():
			case f.Name() == "_":
				// Named by position, so that two literals of one
				// struct type write one type.
				b.WriteString("_gocalc_blank" + strconv.Itoa(i) + " ")
			default:
				b.WriteString(f.Name() + " ")
			}
			if isCgoIncomplete(f.Type()) {
				b.WriteString("struct{}") // as wherever a cell names it (above)
			} else {
				b.WriteString(l.localType(f.Type()))
			}
			if tag := s.Tag(i); tag != "" {
				b.WriteString(" " + strconv.Quote(tag))
			}
			fields = append(fields, b.String())
		}
		out = append(out, l.span(st, "struct{ "+strings.Join(fields, "; ")+" }"))
		return false
	})
	return out, l.imports
}

// blankValues writes the values a struct literal without keys gives its
// blank fields (struct{ a, _, c int }{1, 2, 3}) as calls of a function
// literal that takes the value and returns the field's zero value: Go
// evaluates the value but leaves the field zero, and yaegi stored it
// (issue31546).
func (l *lowerer) blankValues(lit *ast.CompositeLit) []Replacement {
	tv, ok := l.res.Info.Types[lit]
	if !ok || len(lit.Elts) == 0 {
		return nil
	}
	s, ok := tv.Type.Underlying().(*types.Struct)
	if !ok || s.NumFields() != len(lit.Elts) {
		return nil
	}
	if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); keyed {
		return nil
	}
	var out []Replacement
	for i, e := range lit.Elts {
		f := s.Field(i)
		if f.Name() != "_" || hasTypeParam(f.Type()) || !l.expressible(f.Type()) {
			continue
		}
		t := l.localType(f.Type())
		out = append(out, l.span(e, "func(_ "+t+") (zero "+t+") { return }("+ArgName+")"))
	}
	return out
}

// shadowingTypes renames the function's types named as package-level
// declarations, where the cell declares and uses them.
func (l *lowerer) shadowingTypes() []Replacement {
	r := l.res
	if r.Pkg == nil {
		return nil
	}
	file := r.Fset.File(r.file.Pos())
	inCell := func(id *ast.Ident) bool { return r.Fset.File(id.Pos()) == file }
	renamed := map[*types.TypeName]string{}
	var defs []*ast.Ident
	for id, obj := range r.Info.Defs {
		tn, ok := obj.(*types.TypeName)
		if !ok || !inCell(id) || tn.Parent() == nil || tn.Parent() == r.Pkg.Scope() || tn.Parent() == types.Universe || r.Pkg.Scope().Lookup(tn.Name()) == nil {
			continue
		}
		renamed[tn] = ""
		defs = append(defs, id)
	}
	if len(renamed) == 0 {
		return nil
	}
	for _, obj := range r.Info.Defs {
		if v, ok := obj.(*types.Var); ok && v.Embedded() {
			t := v.Type()
			if p, isPtr := t.(*types.Pointer); isPtr {
				t = p.Elem()
			}
			if n, isNamed := t.(*types.Named); isNamed {
				delete(renamed, n.Obj())
			}
		}
	}
	sort.Slice(defs, func(i, j int) bool { return defs[i].Pos() < defs[j].Pos() })
	var out []Replacement
	for _, id := range defs {
		tn := r.Info.Defs[id].(*types.TypeName)
		if _, ok := renamed[tn]; !ok {
			continue
		}
		l.names++
		renamed[tn] = tn.Name() + "_gocalc_local" + strconv.Itoa(l.names)
		out = append(out, l.span(id, renamed[tn]))
	}
	for id, obj := range r.Info.Uses {
		if tn, ok := obj.(*types.TypeName); ok && renamed[tn] != "" && inCell(id) {
			out = append(out, l.span(id, renamed[tn]))
		}
	}
	return out
}

// isCgoIncomplete tells whether t is runtime/cgo's Incomplete, which
// lowered code writes struct{}.
func isCgoIncomplete(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "runtime/cgo" && n.Obj().Name() == "Incomplete"
}
