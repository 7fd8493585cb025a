package front

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// iterFuncs are the iterator functions of the standard library (Go 1.23
// and later) that the interpreter's older standard library lacks, and
// maps.Clone, whose source calls into the runtime and failed in the
// interpreter ("interface {} is nil, not map[string]int"), and the
// generic functions yaegi lacks (slices.Repeat, sync.OnceValue and
// OnceValues) or failed on (slices.Compact, CompactFunc, Delete, Concat
// and Replace: "CFG post-order panic"; cmp.Or: "undefined type for T");
// the interpreter's prelude defines each as _gocalc_<pkg>_<Name>.
var iterFuncs = map[string]map[string]bool{
	"maps": {"Keys": true, "Values": true, "All": true, "Collect": true, "Insert": true, "Clone": true},
	"slices": {"All": true, "Values": true, "Backward": true, "Collect": true, "AppendSeq": true, "Sorted": true, "SortedFunc": true, "Chunk": true,
		"Compact": true, "CompactFunc": true, "Delete": true, "Concat": true, "Replace": true, "Repeat": true},
	"strings": {"Lines": true, "SplitSeq": true, "FieldsSeq": true},
	"cmp":     {"Or": true},
	"sync":    {"OnceValue": true, "OnceValues": true},
}

// variadicPrelude are the prelude's functions that take a slice for Go's
// variadic parameter of a type parameter's type, which yaegi failed on
// ("undefined type for T").
var variadicPrelude = map[string]bool{"cmp.Or": true, "slices.Concat": true}

// sliceResults are the prelude's functions that return a []E for the
// S ~[]E they are given: a call whose type is a named slice type is
// converted back to it.
var sliceResults = map[string]bool{"Compact": true, "CompactFunc": true, "Delete": true, "Concat": true, "Replace": true, "Repeat": true}

// preludeSlices are the functions of package slices that the
// interpreter's prelude defines in place of yaegi's (the rewriter calls
// them by name): their calls keep their form.
var preludeSlices = map[string]bool{"Sort": true, "SortFunc": true, "SortStableFunc": true, "IsSorted": true,
	"Max": true, "Min": true, "MaxFunc": true, "MinFunc": true, "BinarySearch": true}

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
	sels := map[*ast.Ident]bool{}     // selectors' member names: never dot-imported names
	explicit := map[*ast.Ident]bool{} // generic functions instantiated or called where they stand
	called := map[ast.Expr]bool{}     // the functions of calls
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			sels[n.Sel] = true
			if rep, ok := l.methodExpr(n); ok {
				out = append(out, rep)
				return false
			}
			return l.iterType(n, &out)
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				sels[id] = true // a struct field's name in a literal
			}
		case *ast.Ident:
			if rep, ok := l.dotImported(n); !sels[n] && ok {
				out = append(out, rep)
			}
			if rep, ok := l.funcValue(n, explicit); ok {
				out = append(out, rep)
			}
		case *ast.CallExpr:
			explicit[calleeIdent(n.Fun)] = true // inferred from the arguments
			called[ast.Unparen(n.Fun)] = true
			if rep, ok := l.errorsAs(n); ok {
				out = append(out, rep)
				return true
			}
			if rep, ok := l.errorsIs(n); ok {
				out = append(out, rep)
				return true
			}
			fn := calledFunc(r.Info, n)
			if fn == nil || fn.Pkg() == nil || !iterFuncs[fn.Pkg().Path()][fn.Name()] {
				if rep, ok := l.instantiate(n); ok {
					out = append(out, rep)
				}
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
			if t := r.Info.Types[n].Type; fn.Pkg().Path() == "maps" && fn.Name() == "Clone" && len(n.Args) == 1 && l.expressible(t) && !hasTypeParam(t) {
				// The prelude's Clone returns a map[K]V: converted
				// back to the argument's type (a named map type
				// keeps its methods).
				rep := l.span(n, l.localType(t)+"("+IterFunc("maps", "Clone")+"("+ArgName+"))")
				rep.Operand = true
				out = append(out, rep)
				return true
			}
			t := r.Info.Types[n].Type
			if variadicPrelude[fn.Pkg().Path()+"."+fn.Name()] {
				// The prelude's function takes a slice (see
				// _gocalc_cmp_Or): called through a variadic function
				// literal of the call's types.
				if t == nil || !l.expressible(t) || hasTypeParam(t) {
					return true
				}
				p := t
				if s, ok := t.Underlying().(*types.Slice); ok && fn.Name() == "Concat" {
					p = types.NewSlice(s.Elem())
				}
				v, pt := l.fresh(), l.localType(p)
				out = append(out, l.span(fun, fmt.Sprintf("func(%s ...%s) %s { return %s(%s) }", v, pt, pt, IterFunc(fn.Pkg().Path(), fn.Name()), v)))
			} else {
				out = append(out, l.span(fun, IterFunc(fn.Pkg().Path(), fn.Name())))
			}
			if fn.Pkg().Path() == "slices" && sliceResults[fn.Name()] && t != nil {
				if _, named := types.Unalias(t).(*types.Named); named && l.expressible(t) && !hasTypeParam(t) {
					out = append(out, l.span(n, l.localType(t)+"("+ArgName+")"))
				}
			}
		case *ast.IndexExpr:
			explicit[calleeIdent(n.X)] = true
			if rep, ok := l.instanceValue(n, called); ok {
				out = append(out, rep)
			}
			if rep, ok := l.arrayPointer(n.X); ok {
				out = append(out, rep)
			}
			return l.iterType(n, &out)
		case *ast.RangeStmt:
			if n, ok := arrayLen(r.Info, n); ok {
				// Go does not evaluate the array: it ranges over its
				// length (a nil pointer to an array included).
				out = append(out, l.span(rangeX(n), strconv.FormatInt(n.len, 10)))
				return true
			} else if n.rs != nil && l.universal("int", n.rs.X.Pos()) {
				// It evaluates the array (or the pointer) that a call or
				// a receive gives, and ranges over its length: yaegi read
				// the array through a nil pointer.
				out = append(out, l.span(rangeX(n), "func(interface{}) int { return "+strconv.FormatInt(n.len, 10)+" }("+ArgName+")"))
				return true
			}
			if rep, ok := l.arrayPointer(n.X); ok {
				out = append(out, rep)
			}
		case *ast.IndexListExpr:
			explicit[calleeIdent(n.X)] = true
			if rep, ok := l.instanceValue(n, called); ok {
				out = append(out, rep)
			}
			return l.iterType(n, &out)
		}
		return true
	})
	return out, l.imports
}

// iterType replaces an iter.Seq or iter.Seq2 type by the function type it
// is; it reports whether to look inside e.
func (l *lowerer) iterType(e ast.Expr, out *[]Replacement) bool {
	tv, ok := l.res.Info.Types[e]
	if !ok || !tv.IsType() {
		return true
	}
	named, ok := tv.Type.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "iter" {
		return true
	}
	if hasTypeParamFree(tv.Type) {
		*out = append(*out, l.span(e, l.localType(named.Underlying())))
	}
	return false
}

// dotImported writes a name that a dot import brought into the cell
// (import . "math"; Sqrt(2)) as the qualified name it stands for: the
// interpreter imports every package under its alias.
func (l *lowerer) dotImported(id *ast.Ident) (Replacement, bool) {
	obj := l.res.Info.Uses[id]
	if obj == nil || obj.Pkg() == nil || IsSession(obj.Pkg()) || obj.Parent() != obj.Pkg().Scope() {
		return Replacement{}, false
	}
	path := obj.Pkg().Path()
	if path == "unsafe" {
		return Replacement{}, false
	}
	l.imports[Alias(path)] = path
	return l.span(id, Alias(path)+"."+id.Name), true
}

// arrayPointer writes the pointer to an array that is indexed or ranged
// over (v[i] with v a *[3]float64) as the array it points to, (*v)[i],
// as Go reads it: yaegi fails on the pointer, notably when the array type
// is a session type with methods.
func (l *lowerer) arrayPointer(x ast.Expr) (Replacement, bool) {
	tv, ok := l.res.Info.Types[x]
	if !ok || !tv.IsValue() || tv.Type == nil {
		return Replacement{}, false
	}
	p, ok := tv.Type.Underlying().(*types.Pointer)
	if !ok {
		return Replacement{}, false
	}
	if _, isArray := p.Elem().Underlying().(*types.Array); !isArray {
		return Replacement{}, false
	}
	return l.span(x, "(*"+ArgName+")"), true
}

// methodExpr writes a method expression of a session type ((*Acc).Add,
// Acc.Get), of a struct literal type (struct{ T }.M, a method promoted
// from T) or of an interface type (error.Error, I.m) as the function
// literal it stands for, which the interpreter runs correctly:
// func(r *Acc, a0 int) { r.Add(a0) }.
func (l *lowerer) methodExpr(sel *ast.SelectorExpr) (Replacement, bool) {
	s, ok := l.res.Info.Selections[sel]
	if !ok || s.Kind() != types.MethodExpr {
		return Replacement{}, false
	}
	recv := s.Recv()
	base := recv
	if p, isPtr := base.(*types.Pointer); isPtr {
		base = p.Elem()
	}
	if !l.expressible(recv) || hasTypeParam(recv) {
		return Replacement{}, false
	}
	if _, isStruct := base.(*types.Struct); !isStruct && !types.IsInterface(base) {
		n, isNamed := base.(*types.Named)
		if !isNamed || !IsSession(n.Obj().Pkg()) || n.TypeParams().Len() > 0 {
			return Replacement{}, false
		}
	}
	sig := s.Type().(*types.Signature) // the function's type: receiver first
	for i := 0; i < sig.Params().Len(); i++ {
		if t := sig.Params().At(i).Type(); !l.expressible(t) || hasTypeParam(t) {
			return Replacement{}, false
		}
	}
	return l.span(sel, l.callingLit(sig, func(args []string) string {
		return args[0] + "." + sel.Sel.Name + "(" + strings.Join(args[1:], ", ") + ")"
	})), true
}

// instantiate writes the type arguments of a call of a generic function
// of the session, or of package slices or maps, that leaves them to
// inference (Map(xs, f) becomes Map[int, float64](xs, f)): the
// interpreter infers several type parameters wrongly, and one from a
// constant argument.
func (l *lowerer) instantiate(call *ast.CallExpr) (Replacement, bool) {
	switch ast.Unparen(call.Fun).(type) {
	case *ast.Ident, *ast.SelectorExpr: // not yet instantiated
	default:
		return Replacement{}, false
	}
	id := calleeIdent(call.Fun)
	fn, ok := l.res.Info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Type().(*types.Signature).Recv() != nil {
		return Replacement{}, false
	}
	switch path := fn.Pkg().Path(); {
	case IsSession(fn.Pkg()) && fn.Type().(*types.Signature).TypeParams().Len() >= 2:
	case IsSession(fn.Pkg()) && fn.Type().(*types.Signature).TypeParams().Len() == 1 && l.constantArg(call):
		// fact(5.0): the interpreter took the constant's untyped kind
		// for the type argument ("untyped float does not implement").
	case (path == "slices" || path == "maps") && fn.Type().(*types.Signature).TypeParams().Len() >= 1 && !preludeSlices[fn.Name()]:
		// yaegi compiles these from source, and infers their type
		// parameters wrongly next to a cell's own generic code.
	default:
		return Replacement{}, false
	}
	inst, ok := l.res.Info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return Replacement{}, false
	}
	args := make([]string, inst.TypeArgs.Len())
	for i := range args {
		t := inst.TypeArgs.At(i)
		if !l.expressible(t) {
			return Replacement{}, false
		}
		args[i] = l.localType(t)
	}
	return l.span(call.Fun, ArgName+"["+strings.Join(args, ", ")+"]"), true
}

// constantArg tells whether a call has a constant argument.
func (l *lowerer) constantArg(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if tv, ok := l.res.Info.Types[a]; ok && tv.Value != nil {
			return true
		}
	}
	return false
}

// errorsAs replaces errors.As when its target is of a type the session
// declares: the standard library sees such a target without its methods
// and an error of that type inside the interpreter's wrapper, so the
// search through the chain of wrapped errors is done in the cell, on the
// values the interpreter's helper takes out of their wrappers.
func (l *lowerer) errorsAs(call *ast.CallExpr) (Replacement, bool) {
	fn := calledFunc(l.res.Info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || fn.Name() != "As" || len(call.Args) != 2 {
		return Replacement{}, false
	}
	tv, ok := l.res.Info.Types[call.Args[1]]
	if !ok || tv.Type == nil {
		return Replacement{}, false
	}
	ptr, ok := tv.Type.Underlying().(*types.Pointer)
	if !ok || types.IsInterface(ptr.Elem()) || hasTypeParam(ptr.Elem()) || !l.expressible(ptr.Elem()) {
		return Replacement{}, false
	}
	target := ptr.Elem()
	named := target
	if p, isPtr := target.(*types.Pointer); isPtr {
		named = p.Elem()
	}
	if n, isNamed := named.(*types.Named); !isNamed || !IsSession(n.Obj().Pkg()) {
		return Replacement{}, false
	}
	t := l.localType(target)
	e, p, x, v, found := l.fresh(), l.fresh(), l.fresh(), l.fresh(), l.fresh()
	src := fmt.Sprintf("func(%s error, %s *%s) bool { for _, %s := range %s.ErrorChain(%s) { if %s, %s := %s.(%s); %s { *%s = %s; return true } }; return false }",
		e, p, t, x, FmtName, e, v, found, x, t, found, p, v)
	return l.span(call.Fun, src), true
}

// hasTypeParamFree tells whether an iter type is instantiated (iter.Seq
// alone, uninstantiated, cannot be written as a function type).
func hasTypeParamFree(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && (n.TypeParams().Len() == 0 || n.TypeArgs().Len() > 0)
}

// RangeKinds tells, for each range statement of the cell (by the line and
// column of its for keyword), what it ranges over when the interpreter
// needs telling: "int" for an integer, RangeString for a string, the iterator's function type (as
// func(func(K, V) bool)) for a function, or RangeChanElems for a slice,
// array or map of channels ranged over with a value variable. Statements
// ranging over anything else are not listed.
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
		if n, ok := arrayLen(r.Info, rs); ok || n.rs != nil {
			out[[2]int{p.Line, p.Column}] = "int"
			return true
		}
		switch u := tv.Type.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsInteger != 0 {
				out[[2]int{p.Line, p.Column}] = "int"
			}
			if u.Info()&types.IsString != 0 {
				out[[2]int{p.Line, p.Column}] = RangeString
				l.imports[Alias("unicode/utf8")] = "unicode/utf8"
			}
		case *types.Slice, *types.Array, *types.Map, *types.Pointer:
			if rs.Value != nil && chanElems(u) {
				out[[2]int{p.Line, p.Column}] = RangeChanElems
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

// RangeString is the range kind of a string: the interpreter ranged over
// the string's runes ([]rune(s)) and gave the index in them, not the
// byte offset, where a range has one variable; with two, each invalid
// byte counted as the three of utf8.RuneError. Such a range is decoded
// with unicode/utf8.
const RangeString = "string"

// RangeChanElems is the range kind of a slice, array or map whose
// elements are channels, ranged over with a value variable: the
// interpreter took such a range for one over a channel, and ranges over
// the keys instead.
const RangeChanElems = "chan elements"

// chanElems tells whether the elements of a slice, array, pointer to an
// array or map are channels.
func chanElems(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		a, ok := p.Elem().Underlying().(*types.Array)
		if !ok {
			return false
		}
		t = a
	}
	var elem types.Type
	switch u := t.(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Array:
		elem = u.Elem()
	case *types.Map:
		elem = u.Elem()
	default:
		return false
	}
	_, ok := elem.Underlying().(*types.Chan)
	return ok
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

// rangeLen is a range statement over an array, or a pointer to one, that
// Go runs without evaluating the array: one iteration variable at most,
// and no call or receive in the expression (len(x) is a constant).
type rangeLen struct {
	rs  *ast.RangeStmt
	len int64
}

func rangeX(n rangeLen) ast.Expr { return n.rs.X }

// arrayLen tells whether rs ranges over the constant length of an array;
// when rs ranges over an array it must evaluate (or a pointer to one),
// without a value variable, it gives the length but false.
func arrayLen(info *types.Info, rs *ast.RangeStmt) (rangeLen, bool) {
	if rs.X == nil {
		return rangeLen{}, false
	}
	if id, ok := rs.Value.(*ast.Ident); rs.Value != nil && (!ok || id.Name != "_") {
		return rangeLen{}, false
	}
	tv, ok := info.Types[rs.X]
	if !ok || tv.Type == nil {
		return rangeLen{}, false
	}
	t := tv.Type.Underlying()
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem().Underlying()
	}
	a, ok := t.(*types.Array)
	if !ok {
		return rangeLen{}, false
	}
	pure := true
	ast.Inspect(rs.X, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; !ok || !tv.IsType() {
				pure = false // a call, not a conversion
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				pure = false
			}
		}
		return pure
	})
	return rangeLen{rs, a.Len()}, pure
}

// funcValue writes a generic function of the session used as a value,
// its type arguments inferred from where it goes (var f func(int) int =
// g), as a function literal calling it with them:
// func(a int) int { return g[int](a) }. yaegi cannot infer them.
func (l *lowerer) funcValue(id *ast.Ident, explicit map[*ast.Ident]bool) (Replacement, bool) {
	if explicit[id] {
		return Replacement{}, false
	}
	fn, ok := l.res.Info.Uses[id].(*types.Func)
	if !ok || !IsSession(fn.Pkg()) || fn.Type().(*types.Signature).TypeParams().Len() == 0 {
		return Replacement{}, false
	}
	inst, ok := l.res.Info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return Replacement{}, false
	}
	args := make([]string, inst.TypeArgs.Len())
	for i := range args {
		t := inst.TypeArgs.At(i)
		if hasTypeParam(t) || !l.expressible(t) {
			return Replacement{}, false
		}
		args[i] = l.localType(t)
	}
	return l.funcLit(id, inst, ArgName+"["+strings.Join(args, ", ")+"]")
}

// instanceValue writes an explicitly instantiated generic function of
// the session used as a value (f := g[int, string]) as a function
// literal calling it.
func (l *lowerer) instanceValue(x ast.Expr, called map[ast.Expr]bool) (Replacement, bool) {
	if called[x] {
		return Replacement{}, false
	}
	id := calleeIdent(x)
	if id == nil {
		return Replacement{}, false
	}
	fn, ok := l.res.Info.Uses[id].(*types.Func)
	if !ok || !IsSession(fn.Pkg()) || fn.Type().(*types.Signature).TypeParams().Len() == 0 {
		return Replacement{}, false
	}
	inst, ok := l.res.Info.Instances[id]
	if !ok || hasTypeParam(inst.Type) {
		return Replacement{}, false
	}
	return l.funcLit(x, inst, ArgName)
}

// funcLit is a function literal of the instance's signature that calls
// fun: yaegi fails on an instance with several type arguments used as a
// value.
func (l *lowerer) funcLit(e ast.Expr, inst types.Instance, fun string) (Replacement, bool) {
	sig, ok := inst.Type.(*types.Signature)
	if !ok || !l.expressible(sig) || sig.Params().Len() == 0 {
		// yaegi cannot call an instance without parameters (f[int]()):
		// such a value stays as it is.
		return Replacement{}, false
	}
	return l.span(e, l.callingLit(sig, func(args []string) string { return fun + "(" + strings.Join(args, ", ") + ")" })), true
}

// callingLit is a function literal of signature sig that returns the
// results of the call that call writes of its parameters (a variadic one
// as b...): func(a T, b ...U) R { return f(a, b...) }.
func (l *lowerer) callingLit(sig *types.Signature, call func(args []string) string) string {
	var params, args, results []string
	for i := 0; i < sig.Params().Len(); i++ {
		a := l.fresh()
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			params = append(params, a+" ..."+l.localType(t.(*types.Slice).Elem()))
			args = append(args, a+"...")
			continue
		}
		params = append(params, a+" "+l.localType(t))
		args = append(args, a)
	}
	for i := 0; i < sig.Results().Len(); i++ {
		results = append(results, l.localType(sig.Results().At(i).Type()))
	}
	body := call(args)
	res := ""
	switch len(results) {
	case 0:
	case 1:
		res, body = " "+results[0], "return "+body
	default:
		res, body = " ("+strings.Join(results, ", ")+")", "return "+body
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + body + " }"
}
