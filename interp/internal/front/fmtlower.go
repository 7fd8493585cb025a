package front

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Replacement is a lowering: the expression spanning Line:Col to
// EndLine:EndCol of the cell is to be replaced by Src, a Go expression.
// When Operand is set, ArgName in Src stands for the operand of the
// replaced type assertion or selector (x in x.(T) or x.M), or the
// argument of the replaced call (x in new(x)), not for the whole
// expression.
type Replacement struct {
	Line, Col, EndLine, EndCol int
	Src                        string
	Operand                    bool
}

// ArgName stands in a replacement's Src for the expression it replaces,
// which keeps its own positions.
const ArgName = "_gocalc_arg"

// FmtName is the package of the interpreter's formatting helpers in
// lowered code.
const FmtName = "_gocalc"

// fmtFuncs are the functions that format their variadic arguments as fmt
// does, by package path.
var fmtFuncs = map[string]map[string]bool{
	"fmt": {"Print": true, "Println": true, "Printf": true, "Sprint": true, "Sprintln": true, "Sprintf": true,
		"Fprint": true, "Fprintln": true, "Fprintf": true, "Errorf": true, "Append": true, "Appendln": true, "Appendf": true},
	"log": {"Print": true, "Println": true, "Printf": true, "Fatal": true, "Fatalln": true, "Fatalf": true,
		"Panic": true, "Panicln": true, "Panicf": true},
}

// FmtLowering lists the replacements that make fmt see the cell's values
// as Go does. The interpreter hands fmt a value of a type declared in a
// cell without its methods and with its own field names once the value
// sits inside a slice, a map, a struct or an interface; %T names its own
// representation. So the arguments of fmt's and log's printing functions
// (and the cell's shown value) whose static type involves a type declared
// in the session are lowered into a description built where the types
// are known, that the interpreter's formatter prints as fmt prints the
// original; a constant format's %T becomes %s of the static type's name.
func (r *Result) FmtLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil || r.Pkg == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	ast.Inspect(r.file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		out = append(out, l.call(call)...)
		return true
	})
	if x := lastExpr(r.file); x != nil && isValue(r.Info, x) {
		t := r.Info.Types[x].Type
		if _, tuple := t.(*types.Tuple); !tuple && !hasMethod(t, "Render") && l.needs(t, 0) {
			if src, ok := l.wrap(t, x); ok {
				out = append(out, l.span(x, src))
			}
		}
	}
	return out, l.imports
}

type lowerer struct {
	res     *Result
	pkg     *types.Package
	names   int
	imports map[string]string // alias -> path, of the packages lowered code names
}

func (l *lowerer) span(e ast.Expr, src string) Replacement {
	p, q := l.res.Fset.Position(e.Pos()), l.res.Fset.Position(e.End())
	return Replacement{Line: p.Line, Col: p.Column, EndLine: q.Line, EndCol: q.Column, Src: src}
}

// call lowers the arguments of one call of a formatting function.
func (l *lowerer) call(call *ast.CallExpr) []Replacement {
	if call.Ellipsis.IsValid() {
		return nil
	}
	fn := calledFunc(l.res.Info, call)
	if fn == nil || fn.Pkg() == nil || !fmtFuncs[fn.Pkg().Path()][fn.Name()] {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	first := sig.Params().Len() - 1 // the variadic arguments
	if first < 0 || len(call.Args) <= first {
		return nil
	}
	var out []Replacement
	typeArgs := map[int]bool{}
	if strings.HasSuffix(fn.Name(), "f") && first > 0 {
		if rep, ok := l.typeVerbs(call, call.Args[first-1], call.Args[first:], typeArgs); ok {
			out = append(out, rep...)
		}
	}
	for i, a := range call.Args[first:] {
		if typeArgs[i] {
			continue
		}
		tv, ok := l.res.Info.Types[a]
		if !ok || !tv.IsValue() || tv.Type == nil {
			continue
		}
		if !l.needs(tv.Type, 0) {
			continue
		}
		if src, ok := l.wrap(tv.Type, a); ok {
			out = append(out, l.span(a, src))
		}
	}
	return out
}

// calledFunc is the function or method a call calls, if it is one.
func calledFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	id := calleeIdent(call.Fun)
	if id == nil {
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// typeVerbs rewrites the %T verbs of a constant format into %s of the
// static type's name (or, for an interface value, of its dynamic type's).
func (l *lowerer) typeVerbs(call *ast.CallExpr, format ast.Expr, args []ast.Expr, typeArgs map[int]bool) ([]Replacement, bool) {
	tv := l.res.Info.Types[format]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	f := constant.StringVal(tv.Value)
	if !strings.Contains(f, "%") || strings.Contains(f, "%[") {
		return nil, false
	}
	var b strings.Builder
	var out []Replacement
	arg := 0
	changed := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		b.WriteByte(c)
		if c != '%' {
			continue
		}
		// flags, width, precision; * takes an argument
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0123456789.*", f[j]) >= 0 {
			if f[j] == '*' {
				arg++
			}
			j++
		}
		if j >= len(f) {
			b.WriteString(f[i+1:])
			break
		}
		verb := f[j]
		b.WriteString(f[i+1 : j])
		if verb == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		if (verb == 'p' || verb == 'w') && arg < len(args) {
			// %p prints the argument's address before fmt looks for a
			// Formatter, and %w keeps the error itself (errors.Unwrap):
			// the argument is not described. An error of a cell type is
			// held as an error, so that the interpreter hands fmt a value
			// with its Error method.
			typeArgs[arg] = true
			if tv, ok := l.res.Info.Types[args[arg]]; verb == 'w' && ok && tv.Type != nil && !types.IsInterface(tv.Type) {
				// (The conversion error(x) leaves yaegi's value as it is; a
				// variable of type error holds it in yaegi's wrapper.)
				e := l.fresh()
				out = append(out, l.span(args[arg], "func() error { var "+e+" error = "+ArgName+"; return "+e+" }()"))
				changed = true
			}
		}
		if verb == 'T' && arg < len(args) {
			if src, ok := l.typeName(args[arg]); ok {
				verb = 's'
				changed = true
				typeArgs[arg] = true
				out = append(out, l.span(args[arg], src))
			}
		}
		b.WriteByte(verb)
		arg++
		i = j
	}
	if !changed {
		return nil, true
	}
	return append(out, l.span(format, strconv.Quote(b.String()))), true
}

// typeName is an expression of the name %T prints for e: its static
// type's, when that is not an interface; for an interface, its dynamic
// type's (see dynamicTypeName).
func (l *lowerer) typeName(e ast.Expr) (string, bool) {
	tv, ok := l.res.Info.Types[e]
	if !ok || !tv.IsValue() || tv.Type == nil || hasTypeParam(tv.Type) {
		return "", false
	}
	if types.IsInterface(tv.Type) {
		return l.dynamicTypeName()
	}
	return strconv.Quote(l.typeString(tv.Type)), true
}

// maxTypeCases bounds the session types a dynamic %T tells apart.
const maxTypeCases = 400

// sessionTypes lists the concrete, non-generic named types the session
// declares at package level, by name.
func sessionTypes(pkg *types.Package) []*types.Named {
	var out []*types.Named
	sc := pkg.Scope()
	for _, name := range sc.Names() {
		tn, ok := sc.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || name == "_" || strings.HasPrefix(name, "_gocalc_") {
			continue
		}
		if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() == 0 && !types.IsInterface(n) {
			out = append(out, n)
		}
	}
	return out
}

// dynamicTypeName is an expression of the name %T prints for an interface
// value: the interpreter hands fmt a value of a cell's type inside an
// interface in a wrapper of its own (%T printed stdlib._fmt_Stringer),
// so a type switch over the session's types (T and *T for each concrete
// named type) names them, and fmt names the others. Nothing to do when
// the session declares no such type.
func (l *lowerer) dynamicTypeName() (string, bool) {
	var cases []string
	for _, n := range sessionTypes(l.pkg) {
		name := n.Obj().Name()
		cases = append(cases, fmt.Sprintf("case %s: return %q; case *%s: return %q", name, "main."+name, name, "*main."+name))
	}
	// The copies of the cells' generic types, by Go's names.
	insts := l.res.monoTypes()
	names := make([]string, 0, len(insts))
	for name := range insts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		cases = append(cases, fmt.Sprintf("case %s: return %q; case *%s: return %q", name, insts[name], name, "*"+insts[name]))
	}
	if len(cases) == 0 || 2*len(cases) > maxTypeCases {
		return "", false
	}
	v := l.fresh()
	l.imports[Alias("fmt")] = "fmt"
	return fmt.Sprintf("func(%s any) string { switch %s.(type) { %s }; return %s.Sprintf(\"%%T\", %s) }(%s)",
		v, v, strings.Join(cases, "; "), Alias("fmt"), v, ArgName), true
}

// typeString is a type as %T prints it.
func (l *lowerer) typeString(t types.Type) string {
	return l.res.goTypeString(t)
}

// localType is a type as lowered code writes it: imported packages by
// their aliases.
func (l *lowerer) localType(t types.Type) string {
	return types.TypeString(l.res.concreteType(t), func(p *types.Package) string {
		if IsSession(p) {
			return ""
		}
		l.imports[Alias(p.Path())] = p.Path()
		return Alias(p.Path())
	})
}

func (l *lowerer) fresh() string {
	l.names++
	return "_gocalc_v" + strconv.Itoa(l.names)
}

// wrap is the lowered form of an expression of type t.
func (l *lowerer) wrap(t types.Type, _ ast.Expr) (string, bool) {
	if hasTypeParam(t) || !l.expressible(t) {
		return "", false
	}
	v := l.fresh()
	body, ok := l.gen(t, v, 0)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("func(%s %s) any { return %s }(%s)", v, l.localType(t), body, ArgName), true
}

// expressible tells whether t can be written in the cell: no local types
// of other scopes, no unnamed struct types with embedded fields.
func (l *lowerer) expressible(t types.Type) bool {
	ok := true
	visit(t, func(t types.Type) {
		if n, isNamed := t.(*types.Named); isNamed && IsSession(n.Obj().Pkg()) && (n.Obj().Parent() == nil || n.Obj().Parent().Parent() != types.Universe) {
			ok = false
		}
	})
	return ok
}

// maxDepth bounds the nesting that lowering follows.
const maxDepth = 5

// needs tells whether values of t print differently in the interpreter.
func (l *lowerer) needs(t types.Type, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch t := t.(type) {
	case *types.Named:
		if !IsSession(t.Obj().Pkg()) {
			return false
		}
		return l.needsNamed(t, depth)
	case *types.Alias:
		return l.needs(types.Unalias(t), depth)
	case *types.Pointer:
		if hasMethod(t, "String") || hasMethod(t, "Error") {
			return true
		}
		return depth == 0 && l.needs(t.Elem(), depth+1)
	case *types.Slice:
		return l.needs(t.Elem(), depth+1)
	case *types.Array:
		return l.needs(t.Elem(), depth+1)
	case *types.Map:
		return l.needs(t.Key(), depth+1) || l.needs(t.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if !t.Field(i).Exported() || l.needs(t.Field(i).Type(), depth+1) {
				return true
			}
		}
	}
	// Values in interfaces are not lowered: yaegi's type switches do not
	// match every cell type reliably, and an interface element of an
	// interpreted slice reaches compiled code as yaegi's own
	// representation whatever is done with it.
	return false
}

func (l *lowerer) needsNamed(t *types.Named, depth int) bool {
	if hasMethod(t, "Format") || hasMethod(t, "GoString") || t.TypeParams().Len() > 0 && !l.res.hasCopy(t) {
		return false
	}
	if hasMethod(t, "String") || hasMethod(t, "Error") {
		return true
	}
	if stringMethod(types.NewPointer(t)) != "" {
		// Only *T has the method: fmt prints a T as its underlying
		// value, but the interpreter hands fmt a T with the method.
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		return true
	case *types.Interface:
		return false
	default:
		return l.needs(u, depth)
	}
}

// gen is an expression of type any describing v, of type t, for the
// interpreter's formatter.
func (l *lowerer) gen(t types.Type, v string, depth int) (string, bool) {
	if depth > maxDepth || !l.needs(t, depth) {
		return v, true
	}
	switch t := t.(type) {
	case *types.Alias:
		return l.gen(types.Unalias(t), v, depth)
	case *types.Named:
		if m := stringMethod(t); m != "" {
			under, ok := l.genUnder(t, v, depth)
			if !ok {
				return "", false
			}
			return fmt.Sprintf("%s.FmtMethod(%q, %q, func() string { return %s.%s() }, %s)", FmtName, m, l.typeString(t), v, m, under), true
		}
		return l.genUnder(t, v, depth)
	case *types.Pointer:
		if m := stringMethod(t); m != "" {
			return fmt.Sprintf("%s.FmtPtrMethod(%s == nil, func() string { return %s.%s() }, %s)", FmtName, v, v, m, v), true
		}
		if depth == 0 {
			inner, ok := l.gen(t.Elem(), "(*"+v+")", depth+1)
			if !ok {
				return "", false
			}
			return fmt.Sprintf("%s.FmtPtr(%s == nil, func() any { return %s }, %s)", FmtName, v, inner, v), true
		}
		return v, true
	case *types.Slice, *types.Array:
		var elem types.Type
		isNil := v + " == nil"
		if s, ok := t.(*types.Slice); ok {
			elem = s.Elem()
		} else {
			elem = t.(*types.Array).Elem()
			isNil = "false"
		}
		i, b := l.fresh(), l.fresh()
		inner, ok := l.gen(elem, v+"["+i+"]", depth+1)
		if !ok {
			return "", false
		}
		return fmt.Sprintf("func() any { %s := %s.FmtSeq(%q, %s); for %s := 0; %s < len(%s); %s++ { %s.Add(%s) }; return %s }()",
			b, FmtName, l.typeString(t), isNil, i, i, v, i, b, inner, b), true
	case *types.Map:
		k, x, b := l.fresh(), l.fresh(), l.fresh()
		kin, ok1 := l.gen(t.Key(), k, depth+1)
		xin, ok2 := l.gen(t.Elem(), x, depth+1)
		if !ok1 || !ok2 {
			return "", false
		}
		rawKey := k
		if bt, ok := t.Key().Underlying().(*types.Basic); ok {
			rawKey = bt.Name() + "(" + k + ")"
		}
		return fmt.Sprintf("func() any { %s := %s.FmtMap(%q, %s == nil); for %s, %s := range %s { %s.Add(%s, %s, %s) }; return %s }()",
			b, FmtName, l.typeString(t), v, k, x, v, b, rawKey, kin, xin, b), true
	case *types.Struct:
		return l.genStruct(t, "", v, depth)
	}
	return v, true
}

// genUnder describes a value of a named type by its underlying type.
func (l *lowerer) genUnder(t *types.Named, v string, depth int) (string, bool) {
	switch u := t.Underlying().(type) {
	case *types.Struct:
		return l.genStruct(u, l.typeString(t), v, depth)
	case *types.Basic:
		return u.Name() + "(" + v + ")", true
	case *types.Interface, *types.Signature, *types.Chan:
		return v, true
	default:
		return l.gen(u, v, depth)
	}
}

func (l *lowerer) genStruct(s *types.Struct, name, v string, depth int) (string, bool) {
	if name == "" {
		name = l.typeString(s)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s.FmtStruct(%q)", FmtName, name)
	for i := 0; i < s.NumFields(); i++ {
		f := s.Field(i)
		if f.Name() == "_" {
			return "", false // a blank field cannot be read
		}
		inner, ok := l.gen(f.Type(), v+"."+l.res.FieldName(f), depth+1)
		if !ok {
			return "", false
		}
		fmt.Fprintf(&b, ".Field(%q, %s)", f.Name(), inner)
	}
	return b.String(), true
}

// stringMethod names the method fmt calls on a value of t for %v: Error
// before String, when t's method set has it with the right signature.
func stringMethod(t types.Type) string {
	for _, m := range []string{"Error", "String"} {
		if hasMethod(t, m) {
			return m
		}
	}
	return ""
}

// hasMethod tells whether t's method set has a method name() string (or,
// for Format, GoString and Render, a method of that name).
func hasMethod(t types.Type, name string) bool {
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		f := ms.At(i).Obj()
		if f.Name() != name {
			continue
		}
		switch name {
		case "String", "Error":
			sig := f.Type().(*types.Signature)
			return sig.Params().Len() == 0 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.String])
		}
		return true
	}
	return false
}

// hasTypeParam tells whether t mentions a type parameter.
func hasTypeParam(t types.Type) bool { return typeParamIn(t, false) }

func typeParamIn(t types.Type, deep bool) bool {
	found := false
	walkTypes(t, deep, func(t types.Type) {
		if _, ok := t.(*types.TypeParam); ok {
			found = true
		}
	})
	return found
}

// visit calls f on t and the types it is made of (not through named
// types' underlying types).
func visit(t types.Type, f func(types.Type)) { walkTypes(t, false, f) }

// visitDeep is visit also through aliases, function signatures and
// interfaces' methods and embedded types.
func visitDeep(t types.Type, f func(types.Type)) { walkTypes(t, true, f) }

func walkTypes(t types.Type, deep bool, f func(types.Type)) {
	seen := map[types.Type]bool{}
	var walk func(types.Type)
	walk = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		f(t)
		switch t := t.(type) {
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type())
			}
		case *types.Named:
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i))
			}
		}
		if !deep {
			return
		}
		switch t := t.(type) {
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Signature:
			for i := 0; i < t.Params().Len(); i++ {
				walk(t.Params().At(i).Type())
			}
			for i := 0; i < t.Results().Len(); i++ {
				walk(t.Results().At(i).Type())
			}
		case *types.Interface:
			for i := 0; i < t.NumExplicitMethods(); i++ {
				walk(t.ExplicitMethod(i).Type())
			}
			for i := 0; i < t.NumEmbeddeds(); i++ {
				walk(t.EmbeddedType(i))
			}
		}
	}
	walk(t)
}

// PkgRef is a use of an imported package's name in a cell, to be
// written as Alias: the interpreter imports every package under one
// alias per import path, so that what a name means is settled per cell
// (each cell's own imports) and a cell's own cmp or rand never meets a
// package of that name.
type PkgRef struct {
	Line, Col int
	Name      string // as written
	Alias     string
}

// Alias is the name under which the interpreter imports path.
func Alias(path string) string {
	var b strings.Builder
	b.WriteString("_gocalc_pkg_")
	for _, r := range path {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// PkgRefs lists the uses of package names in the cell, and the packages
// (alias -> import path) that the cell and its lowering refer to.
func (r *Result) PkgRefs() ([]PkgRef, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	var refs []PkgRef
	imports := map[string]string{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		pn, ok := r.Info.Uses[id].(*types.PkgName)
		if !ok {
			return true
		}
		path := pn.Imported().Path()
		if path == "unsafe" {
			return true // a builtin package for the interpreter too
		}
		p := r.Fset.Position(id.Pos())
		a := Alias(path)
		imports[a] = path
		refs = append(refs, PkgRef{Line: p.Line, Col: p.Column, Name: id.Name, Alias: a})
		return true
	})
	return refs, imports
}

// IsSession tells whether p is the session's package (the package of a
// cell, or of an earlier check of the session).
func IsSession(p *types.Package) bool { return p != nil && p.Path() == "main" }
