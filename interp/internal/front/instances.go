package front

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

// Instance is a generic function of an imported package, instantiated in
// a cell with type arguments that all exist outside the cells (basic
// types, and types of importable packages), so that it can be compiled.
type Instance struct {
	Key     string            // a digest of the instantiation, naming it
	Expr    string            // Go source of the instantiated function: "p0.Map[int, string]"
	Imports map[string]string // package names Expr uses -> import paths
	Name    string            // for people: "lo.Map[int, string]"
}

// InstancePath is the import path under which the interpreter knows the
// compiled instance named key.
func InstancePath(key string) string { return "gocalc.inst/i" + key }

// InstanceAlias is the name under which a cell imports it.
func InstanceAlias(key string) string { return "_gocalc_inst_" + key }

// InstanceFunc is the name of the function in an instance's package.
const InstanceFunc = "F"

// Instances finds the uses of generic functions of the packages for which
// generic reports true, and returns for each one whose type arguments all
// exist outside the cells a replacement of the function expression (with
// its explicit type arguments, if any) by its compiled instance, and the
// instances. Uses with a type declared in a cell, or a type parameter of a
// cell's generic function, are left as they are.
func (r *Result) Instances(generic func(path string) bool) ([]Replacement, []Instance) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg}
	// The expression that names the function, explicit type arguments
	// included.
	outer := map[ast.Expr]ast.Expr{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			outer[ast.Unparen(n.X)] = n
		case *ast.IndexListExpr:
			outer[ast.Unparen(n.X)] = n
		}
		return true
	})
	var reps []Replacement
	var out []Instance
	seen := map[string]bool{}
	sels := map[*ast.Ident]bool{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		var id *ast.Ident
		var e ast.Expr
		switch n := n.(type) {
		case *ast.SelectorExpr:
			sels[n.Sel] = true
			if x, ok := n.X.(*ast.Ident); !ok || r.Info.Uses[x] == nil {
				return true
			} else if _, ok := r.Info.Uses[x].(*types.PkgName); !ok {
				return true
			}
			id, e = n.Sel, n
		case *ast.Ident:
			if sels[n] {
				return true
			}
			id, e = n, n // a dot-imported name
		default:
			return true
		}
		fn, ok := r.Info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == r.Pkg || !generic(fn.Pkg().Path()) {
			return true
		}
		if sig := fn.Type().(*types.Signature); sig.TypeParams().Len() == 0 || sig.Recv() != nil {
			return true
		}
		inst, ok := r.Info.Instances[id]
		if !ok {
			return true
		}
		in, ok := instance(fn, inst.TypeArgs)
		if !ok {
			return true
		}
		if o := outer[e]; o != nil {
			e = o
		}
		reps = append(reps, l.span(e, InstanceAlias(in.Key)+"."+InstanceFunc))
		if !seen[in.Key] {
			seen[in.Key] = true
			out = append(out, in)
		}
		return false
	})
	return reps, out
}

// instance writes fn[args] as Go source for a package of its own, if every
// type argument exists outside the cells.
func instance(fn *types.Func, args *types.TypeList) (Instance, bool) {
	for i := 0; i < args.Len(); i++ {
		if !outside(args.At(i)) {
			return Instance{}, false
		}
	}
	in := Instance{Imports: map[string]string{}}
	names := map[string]string{} // path -> name
	qual := func(p *types.Package) string {
		if n, ok := names[p.Path()]; ok {
			return n
		}
		n := fmt.Sprintf("p%d", len(names))
		names[p.Path()] = n
		in.Imports[n] = p.Path()
		return n
	}
	full := func(p *types.Package) string { return p.Path() }
	var src, key, human []string
	for i := 0; i < args.Len(); i++ {
		src = append(src, types.TypeString(args.At(i), qual))
		key = append(key, types.TypeString(args.At(i), full))
		human = append(human, types.TypeString(args.At(i), func(p *types.Package) string { return p.Name() }))
	}
	in.Expr = qual(fn.Pkg()) + "." + fn.Name() + "[" + strings.Join(src, ", ") + "]"
	in.Name = fn.Pkg().Name() + "." + fn.Name() + "[" + strings.Join(human, ", ") + "]"
	d := sha256.Sum256([]byte(fn.Pkg().Path() + "." + fn.Name() + "[" + strings.Join(key, ", ") + "]"))
	in.Key = hex.EncodeToString(d[:])[:16]
	return in, true
}

// outside tells whether t can be written in a package other than the
// session's: no type declared in a cell, no type parameter, nothing
// unexported.
func outside(t types.Type) bool {
	ok := true
	visitDeep(t, func(t types.Type) {
		switch t := t.(type) {
		case *types.Basic:
			ok = ok && t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
		case *types.Named:
			o := t.Obj()
			if o.Pkg() != nil && (!o.Exported() || o.Pkg().Path() == "main" || isInternal(o.Pkg().Path()) || o.Parent() != nil && o.Parent() != o.Pkg().Scope()) {
				ok = false // a cell's, unexported, internal, or local to a function
			}
		case *types.TypeParam:
			ok = false
		case *types.Signature:
			ok = ok && t.TypeParams().Len() == 0
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				ok = ok && t.Field(i).Exported()
			}
		case *types.Interface:
			ok = ok && t.IsMethodSet()
			for i := 0; i < t.NumMethods(); i++ {
				ok = ok && t.Method(i).Exported()
			}
		}
	})
	return ok
}

func isInternal(path string) bool {
	return strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal") || strings.HasPrefix(path, "internal/")
}

// InstanceSource is the Go source of a package main that registers the
// instances' functions in a yaegi symbol table named Symbols.
func InstanceSource(insts []Instance) string {
	var b strings.Builder
	b.WriteString("// Code generated by gocalc. DO NOT EDIT.\n\npackage main\n\nimport (\n\t\"reflect\"\n")
	type imp struct{ name, path string }
	var imps []imp
	for i, in := range insts {
		for n, p := range in.Imports {
			imps = append(imps, imp{fmt.Sprintf("i%d%s", i, n), p})
		}
	}
	sort.Slice(imps, func(i, j int) bool { return imps[i].name < imps[j].name })
	for _, m := range imps {
		fmt.Fprintf(&b, "\t%s %q\n", m.name, m.path)
	}
	b.WriteString(")\n\nfunc init() {\n")
	for i, in := range insts {
		expr := in.Expr
		// Rename the expression's packages to this file's names.
		for n := range in.Imports {
			expr = renamePkg(expr, n, fmt.Sprintf("i%d%s", i, n))
		}
		fmt.Fprintf(&b, "\t// %s\n\tSymbols[%q] = map[string]reflect.Value{%q: reflect.ValueOf(%s)}\n", in.Name, InstancePath(in.Key)+"/inst", InstanceFunc, expr)
	}
	b.WriteString("}\n")
	return b.String()
}

// renamePkg renames the package qualifier old to new in a type expression
// written by types.TypeString (qualifiers are "pN." preceded by no
// identifier character).
func renamePkg(expr, old, new string) string {
	var b strings.Builder
	for i := 0; i < len(expr); {
		if strings.HasPrefix(expr[i:], old+".") && (i == 0 || !identChar(expr[i-1])) {
			b.WriteString(new + ".")
			i += len(old) + 1
			continue
		}
		b.WriteByte(expr[i])
		i++
	}
	return b.String()
}

func identChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
