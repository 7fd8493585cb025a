package front

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

// Unsupported lists what the cell holds that the interpreter cannot
// take and that would take the process down rather than fail: generic
// types that refer to each other (type Elem[T any] struct{ list
// *List[T] } beside type List[T any] struct{ root *Elem[T] }), on which
// yaegi's compiler recurses until the stack overflows; so it does on a
// generic type with several type parameters that refers to itself
// (type node[K, V any] struct{ left *node[K, V] }). A generic type with
// one type parameter that refers to itself is fine.
func (r *Result) Unsupported() []Error {
	if r == nil || r.Info == nil || r.file == nil {
		return nil
	}
	generic := map[*types.TypeName]*ast.TypeSpec{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.TypeParams == nil {
			return true
		}
		if tn, ok := r.Info.Defs[ts.Name].(*types.TypeName); ok {
			generic[tn] = ts
		}
		return true
	})
	refs := map[*types.TypeName]map[*types.TypeName]bool{}
	for tn := range generic {
		refs[tn] = map[*types.TypeName]bool{}
		genericRefs(tn.Type().Underlying(), func(o *types.TypeName) {
			if _, ok := generic[o]; ok {
				refs[tn][o] = true
			}
		})
	}
	reach := func(from, to *types.TypeName) bool {
		seen := map[*types.TypeName]bool{}
		var walk func(*types.TypeName) bool
		walk = func(t *types.TypeName) bool {
			if t == to {
				return true
			}
			if seen[t] {
				return false
			}
			seen[t] = true
			for o := range refs[t] {
				if walk(o) {
					return true
				}
			}
			return false
		}
		return walk(from)
	}
	// yaegi recurses when it instantiates them: types only declared, or
	// instantiated with type parameters only, are fine. A type is
	// instantiated when the cell instantiates it, a generic type made of
	// it, or a generic function whose declaration names it.
	instantiated := map[*types.TypeName]bool{}
	var mark func(*types.TypeName)
	mark = func(tn *types.TypeName) {
		if instantiated[tn] {
			return
		}
		instantiated[tn] = true
		for o := range refs[tn] {
			mark(o)
		}
	}
	// Instances that run as concrete copies are no generics for the
	// interpreter; when all are, neither are the instances in generic
	// code.
	leftToYaegi := false
	for id, inst := range r.Info.Instances {
		if !hasTypeParam(inst.Type) && !anyTypeParam(typeList(inst.TypeArgs)) && !r.monomorphized(id) && IsSession(r.Info.Uses[id].Pkg()) {
			leftToYaegi = true
		}
	}
	concreteFuncs := map[types.Object]bool{}
	for id, inst := range r.Info.Instances {
		if hasTypeParam(inst.Type) || r.monomorphized(id) || !leftToYaegi && anyTypeParam(typeList(inst.TypeArgs)) {
			continue
		}
		switch t := inst.Type.(type) {
		case *types.Named:
			if _, ok := generic[t.Origin().Obj()]; ok {
				mark(t.Origin().Obj())
			}
		case *types.Signature:
			if obj := r.Info.Uses[id]; obj != nil {
				concreteFuncs[obj] = true
			}
		}
	}
	for _, d := range r.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Type.TypeParams == nil || !concreteFuncs[r.Info.Defs[fd.Name]] {
			continue
		}
		ast.Inspect(fd, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if tn, ok := r.Info.Uses[id].(*types.TypeName); ok {
					if _, ok := generic[tn]; ok {
						mark(tn)
					}
				}
			}
			return true
		})
	}
	var out []Error
	for tn, ts := range generic {
		if !instantiated[tn] {
			continue
		}
		var cycle []string
		for o := range refs[tn] {
			if o != tn && reach(o, tn) {
				cycle = append(cycle, o.Name())
			}
		}
		p := r.Fset.Position(ts.Name.Pos())
		switch {
		case len(cycle) > 0:
			sort.Strings(cycle)
			out = append(out, Error{Line: p.Line, Col: p.Column,
				Msg: "generic types " + tn.Name() + " and " + strings.Join(cycle, ", ") + " refer to each other: gocalc's interpreter cannot compile that (a generic type with one type parameter may refer to itself)"})
		case refs[tn][tn] && ts.TypeParams.NumFields() > 1:
			out = append(out, Error{Line: p.Line, Col: p.Column,
				Msg: "generic type " + tn.Name() + " refers to itself and has several type parameters: gocalc's interpreter cannot compile that (a generic type with one type parameter may refer to itself)"})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Line < out[j].Line || out[i].Line == out[j].Line && out[i].Col < out[j].Col
	})
	return out
}

// genericRefs calls f with the origin of every generic named type that t
// is made of, without entering named types.
func genericRefs(t types.Type, f func(*types.TypeName)) {
	visitDeep(t, func(t types.Type) {
		if n, ok := t.(*types.Named); ok && n.Origin().TypeParams().Len() > 0 {
			f(n.Origin().Obj())
		}
	})
}
