package front

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"runtime"
	"strconv"
	"strings"
)

// RuntimeLowering lists the replacements that give the builtins print,
// println and recover the behaviour of Go's runtime:
//
//   - print and println format each argument by its static type, as the
//     runtime does: no spaces between print's arguments, a nil pointer,
//     map, channel or function as 0x0, a slice as [len/cap]0xADDR, an
//     interface as (0xTYPE,0xDATA), numbers without String methods (the
//     interpreter prints them with fmt's %v). Each argument becomes a
//     string made by one of the interpreter's helpers (_gocalc.PrintInt,
//     ...), and the builtin becomes _gocalc.Print or _gocalc.Println.
//     A single multi-value argument (print(f())) is passed to a function
//     literal that formats its parameters.
//   - recover() (but in defer recover() or go recover()) becomes
//     _gocalc.Recovered(recover()),
//     which gives the runtime's error values for the panics the
//     interpreter raises in its own words (reflect's "slice index out of
//     range", "reflect.MakeSlice: negative len", ...), so that a program
//     that recovers a runtime error sees a runtime.Error, as in Go, and
//     that os.Exit, which a cell raises as a panic, is not recovered.
//   - panic(v) (but in defer panic(v) or go panic(v)) becomes
//     panic(_gocalc.Panicking(v)): the helper returns v, and first tells
//     a debugger that stops at panics, which then stops the cell at the
//     panic call, before the panic unwinds its frames (their variables
//     are still there).
//   - v, ok := x.(I), with I an interface of the standard library or of
//     a preloaded package (error, fmt.Stringer, runtime.Error), when x
//     may be nil: the interpreter fails on a nil x (a nil dereference of
//     its own), so a function literal answers false for it first.
//   - a composite literal assigned to a variable of type error is put
//     in parentheses, and error(x) becomes a call of a function literal
//     (errorLit, errorConv): yaegi lost the literal's methods.
//   - x.(I), with x of an empty interface type and I an interface of the
//     session or an interface literal, asks a type switch (emptyAssert),
//     and so does v, ok := x.(T), with T a type of the session that has
//     methods (concreteAssert).
//   - return <-c, and a builtin's call among several results (return s,
//     len(s)), are put in parentheses (returnResults), a function of
//     the session returned (return g) is called by a function literal
//     (funcResult), and a
//     receive assigned to a variable, v := <-c (assignRecv).
//   - a method value of a session type that is not called at once
//     (f := v.M) binds a copy of its receiver, as Go does, through a
//     function literal: func(r T) func() { return r.M }(v). yaegi bound
//     the variable: after v = f, calling f called itself forever.
//     The same for the method of a go or defer statement's call with a
//     value receiver (go v.M(x)): Go copies v at the statement, yaegi
//     read v when the goroutine or the deferred call ran (bug512).
//   - len(p) and cap(p), p a pointer to an array computed by a call or
//     a receive, give the array's length without reading through p
//     (arrayPtrLen).
//   - m[nil] converts nil to the map's key type (nilMapKey).
//   - the composite literals among the values of an assignment or a
//     declaration of several variables are put in parentheses
//     (multiLits); in an assignment of several variables, a nil becomes
//     T(nil) and a value of an empty interface type assigned to one
//     _gocalc.AnyValue(v) (multiAssign).
//   - new(v) with a value (Go 1.26) is func(x T) *T { return &x }(v).
//   - var v, ok = m[k] (or <-c, or x.(T)) receives its two values from a
//     function literal: yaegi failed on the comma-ok form in a var
//     declaration at package level ("nil type").
//   - make([]T, n) and make([]T, n, c) with a length or capacity that is
//     not constant check them first (_gocalc.MakeLen, _gocalc.MakeCap), as
//     Go's runtime does: a negative length made a slice without a panic,
//     and a bad capacity was reported as a bad length.
//   - an assignment to a variable of a basic type of a package the
//     interpreter has compiled (runtime.MemProfileRate = 0, or ++)
//     assigns through a pointer the interpreter's helper gives,
//     *_gocalc.PkgVar("runtime", "MemProfileRate").(*int): yaegi took
//     such variables for constants ("cannot assign to 524288").
//   - copy(f()), delete(f()), complex(f()) and append(f()), a builtin
//     given the results of a call, call a function literal that takes
//     them: func(a []byte, b []byte) int { return copy(a, b) }(f()) (the
//     interpreter failed with an index out of range of its own).
//   - append(s, a, b), whose values after the first read memory (an index,
//     a dereference, a call: append(s[:n-1], x, s[n-1])), calls a
//     function literal that takes the values as its variadic parameter:
//     func(s S, v ...E) S { return append(s, v...) }(s, a, b). yaegi
//     stored each value in turn, and read a later one after an earlier
//     one had overwritten it in the slice's array (bug428).
//   - switch x { case nil: ... }, x a slice, a map or a function (which
//     compare only to nil), is switch x == nil { case true: ... }
//     (nilSwitch): yaegi matched no case nil.
//   - unsafe.String, unsafe.StringData, unsafe.Slice and unsafe.SliceData
//     (Go 1.17-1.20), which yaegi's unsafe package lacks, call the
//     interpreter's helpers (_gocalc.UnsafeString, ...); the generic ones
//     convert the helper's result to the call's type. The length of
//     unsafe.Add, of any integer type in Go, is converted to the int
//     yaegi's unsafe.Add takes.
func (r *Result) RuntimeLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	deferred := map[ast.Expr]bool{} // calls of defer and go statements
	called := map[ast.Expr]bool{}   // the functions of calls
	var results []Replacement       // receives and builtins' calls put in parentheses
	comms := map[ast.Stmt]bool{}    // the statements of select cases
	started := map[ast.Expr]bool{}  // the functions of defer and go statements' calls
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			deferred[n.Call] = true
			started[ast.Unparen(n.Call.Fun)] = true
		case *ast.GoStmt:
			deferred[n.Call] = true
			started[ast.Unparen(n.Call.Fun)] = true
		case *ast.TypeAssertExpr:
			if rep, ok := l.commaOk(n); ok {
				out = append(out, rep)
			} else if rep, ok := l.emptyAssert(n); ok {
				out = append(out, rep)
			} else if rep, ok := l.concreteAssert(n); ok {
				out = append(out, rep)
			}
		case *ast.ValueSpec:
			if rep, ok := l.commaOkVar(n); ok {
				out = append(out, rep)
			}
			multi := l.multiLits(len(n.Names), n.Values)
			out = append(out, multi...)
			if n.Type != nil && len(n.Names) == len(n.Values) && len(multi) == 0 {
				for _, x := range n.Values {
					if rep, ok := l.errorLit(l.res.Info.Types[n.Type].Type, x); ok {
						out = append(out, rep)
					}
				}
			}
			results = append(results, l.assignRecv(len(n.Names), n.Values)...)
		case *ast.SelectorExpr:
			if rep, ok := l.methodValue(n, called, started); ok {
				out = append(out, rep)
			}
		case *ast.IndexExpr:
			if rep, ok := l.nilMapKey(n); ok {
				out = append(out, rep)
			}
			if rep, ok := l.unhashableKey(n.X, n.Index); ok {
				out = append(out, rep)
			}
		case *ast.BinaryExpr:
			out = append(out, l.ifaceCompare(n)...)
		case *ast.CommClause:
			comms[n.Comm] = true
		case *ast.AssignStmt:
			if !comms[n] {
				results = append(results, l.assignRecv(len(n.Lhs), n.Rhs)...)
			}
			for _, x := range n.Lhs {
				if rep, ok := l.pkgVar(x); ok {
					out = append(out, rep)
				}
			}
			multi := l.multiLits(len(n.Lhs), n.Rhs)
			out = append(out, multi...)
			out = append(out, l.multiAssign(n)...)
			if len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN && len(multi) == 0 {
				for i, x := range n.Rhs {
					if rep, ok := l.errorLit(l.res.Info.Types[n.Lhs[i]].Type, x); ok {
						out = append(out, rep)
					}
				}
			}
		case *ast.ReturnStmt:
			results = append(results, l.returnResults(n)...)
		case *ast.SwitchStmt:
			out = append(out, l.nilSwitch(n)...)
		case *ast.IncDecStmt:
			if rep, ok := l.pkgVar(n.X); ok {
				out = append(out, rep)
			}
		case *ast.CallExpr:
			called[ast.Unparen(n.Fun)] = true
			if rep, ok := l.unsafeCall(n); ok {
				out = append(out, rep)
			}
			if rep, ok := l.errorConv(n); ok {
				out = append(out, rep)
			}
			switch l.builtin(n) {
			case "print":
				out = append(out, l.print(n, false)...)
			case "println":
				out = append(out, l.print(n, true)...)
			case "make":
				out = append(out, l.makeSlice(n)...)
			case "delete":
				if len(n.Args) == 2 {
					if rep, ok := l.unhashableKey(n.Args[0], n.Args[1]); ok {
						out = append(out, rep)
					}
				}
				if rep, ok := l.spreadBuiltin(n); ok {
					out = append(out, rep)
				}
			case "copy", "complex", "append":
				if rep, ok := l.spreadBuiltin(n); ok {
					out = append(out, rep)
				} else if rep, ok := l.appendValues(n); ok {
					out = append(out, rep)
				}
			case "len", "cap":
				if rep, ok := l.arrayPtrLen(n); ok {
					out = append(out, rep)
				}
			case "new":
				if rep, ok := l.newValue(n); ok {
					out = append(out, rep)
				}
			case "recover":
				if !deferred[n] {
					out = append(out, l.span(n, FmtName+".Recovered("+ArgName+")"))
				}
			case "panic":
				if !deferred[n] && len(n.Args) == 1 {
					out = append(out, l.span(n.Args[0], FmtName+".Panicking("+ArgName+")"))
				}
			}
		}
		return true
	})
	// After the other lowerings of the same calls, which hold them.
	out = append(out, results...)
	return out, l.imports
}

// builtin is the name of the builtin function a call calls, or "".
func (l *lowerer) builtin(call *ast.CallExpr) string {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := l.res.Info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// print lowers one call of print or println.
func (l *lowerer) print(call *ast.CallExpr, ln bool) []Replacement {
	fn := FmtName + ".Print"
	if ln {
		fn += "ln"
	}
	if len(call.Args) == 1 {
		if tuple, ok := l.res.Info.Types[call.Args[0]].Type.(*types.Tuple); ok {
			// print(f()): a function literal takes f's results.
			var params, args []string
			for i := 0; i < tuple.Len(); i++ {
				t := tuple.At(i).Type()
				if !l.expressible(t) || hasTypeParam(t) {
					return nil
				}
				v := l.fresh()
				params = append(params, v+" "+l.localType(t))
				a, ok := l.printArg(t, v)
				if !ok {
					return nil
				}
				args = append(args, a)
			}
			src := "func(" + strings.Join(params, ", ") + ") { " + fn + "(" + strings.Join(args, ", ") + ") }"
			return []Replacement{l.span(call.Fun, src)}
		}
	}
	var out []Replacement
	for _, a := range call.Args {
		tv, ok := l.res.Info.Types[a]
		if !ok || tv.Type == nil {
			return nil
		}
		if tv.Value != nil && tv.Value.Kind() == constant.String {
			if tv.Type != types.Typ[types.String] && tv.Type != types.Typ[types.UntypedString] {
				out = append(out, l.span(a, "string("+ArgName+")"))
			}
			continue
		}
		src, ok := l.printArg(tv.Type, ArgName)
		if !ok {
			return nil
		}
		if src != ArgName {
			out = append(out, l.span(a, src))
		}
	}
	return append(out, l.span(call.Fun, fn))
}

// printArg is the expression of the string that the runtime's print
// writes for v, of static type t (an untyped integer constant prints as
// an int64, an untyped float one as a float64, as the compiler does).
func (l *lowerer) printArg(t types.Type, v string) (string, bool) {
	if hasTypeParam(t) {
		return "", false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		info := u.Info()
		switch {
		case info&types.IsBoolean != 0:
			return FmtName + ".PrintBool(bool(" + v + "))", true
		case info&types.IsString != 0:
			if t == types.Typ[types.String] || t == types.Typ[types.UntypedString] {
				return v, true
			}
			return "string(" + v + ")", true
		case u.Kind() == types.UnsafePointer:
			return FmtName + ".PrintPointer(" + v + ")", true
		case info&types.IsUnsigned != 0:
			return FmtName + ".PrintUint(uint64(" + v + "))", true
		case info&types.IsInteger != 0:
			return FmtName + ".PrintInt(int64(" + v + "))", true
		case u.Kind() == types.Float32:
			return FmtName + ".PrintFloat32(float32(" + v + "))", true
		case info&types.IsFloat != 0:
			return FmtName + ".PrintFloat(float64(" + v + "))", true
		case u.Kind() == types.Complex64:
			return FmtName + ".PrintComplex64(complex64(" + v + "))", true
		case info&types.IsComplex != 0:
			return FmtName + ".PrintComplex(complex128(" + v + "))", true
		}
		return "", false
	case *types.Pointer, *types.Chan, *types.Map, *types.Signature:
		return FmtName + ".PrintPointer(" + v + ")", true
	case *types.Slice:
		return FmtName + ".PrintSlice(" + v + ")", true
	case *types.Interface:
		return FmtName + ".PrintIface(" + v + ")", true
	}
	return "", false
}

// commaOk lowers a comma-ok type assertion to an interface type that is
// not the session's: func(v any) (I, bool) { if v == nil { ... } ... }(x).
func (l *lowerer) commaOk(x *ast.TypeAssertExpr) (Replacement, bool) {
	if x.Type == nil {
		return Replacement{}, false // a type switch's x.(type)
	}
	tv, ok := l.res.Info.Types[x]
	if !ok {
		return Replacement{}, false
	}
	tuple, ok := tv.Type.(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return Replacement{}, false
	}
	t := tuple.At(0).Type()
	if !types.IsInterface(t) || hasTypeParam(t) || !l.expressible(t) {
		return Replacement{}, false
	}
	if n, isNamed := t.(*types.Named); !isNamed || IsSession(n.Obj().Pkg()) {
		return Replacement{}, false
	}
	if xt := l.res.Info.Types[x.X].Type; xt == nil || hasTypeParam(xt) {
		return Replacement{}, false
	}
	typ := l.localType(t)
	v, r, ok2 := l.fresh(), l.fresh(), l.fresh()
	src := "func(" + v + " any) (" + typ + ", bool) { if " + v + " == nil { return nil, false }; " +
		r + ", " + ok2 + " := " + v + ".(" + typ + "); return " + r + ", " + ok2 + " }(" + ArgName + ")"
	rep := l.span(x, src)
	rep.Operand = true
	return rep, true
}

// isError tells whether t is the predeclared error type.
func isError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// errorLit puts in parentheses a composite literal assigned to a variable
// of type error (err = E{...}, var err error = E{...}): yaegi stored the
// literal's value without its type, so that err printed as the struct and
// err.Error() failed ("reflect: Method index out of range").
func (l *lowerer) errorLit(lhs types.Type, x ast.Expr) (Replacement, bool) {
	lit, ok := x.(*ast.CompositeLit)
	if !ok || !isError(lhs) {
		return Replacement{}, false
	}
	if t := l.res.Info.Types[lit].Type; t == nil || types.IsInterface(t) || hasTypeParam(t) {
		return Replacement{}, false
	}
	return l.span(lit, "("+ArgName+")"), true
}

// multiLits puts in parentheses the composite literals among the values
// of an assignment or declaration of several variables (s, n := S{1}, 2):
// yaegi assigned the zero value to the other variables (n was 0).
func (l *lowerer) multiLits(vars int, values []ast.Expr) []Replacement {
	if vars < 2 || len(values) != vars {
		return nil
	}
	var out []Replacement
	for _, x := range values {
		if lit, ok := x.(*ast.CompositeLit); ok {
			out = append(out, l.span(lit, "("+ArgName+")"))
		}
	}
	return out
}

// multiAssign lowers the values of an assignment of several variables
// (x, err = v, nil) that yaegi failed on: an untyped nil becomes a
// conversion to its variable's type, T(nil) ("reflect: New(nil)"), and a
// value of an empty interface type assigned to one goes through the
// interpreter's identity helper, _gocalc.AnyValue(v) ("reflect.Set: value
// of type interface {} is not assignable to type interp.valueInterface").
func (l *lowerer) multiAssign(n *ast.AssignStmt) []Replacement {
	if n.Tok != token.ASSIGN || len(n.Lhs) < 2 || len(n.Lhs) != len(n.Rhs) {
		return nil
	}
	var out []Replacement
	for i, x := range n.Rhs {
		lt := l.res.Info.TypeOf(n.Lhs[i])
		xt, ok := l.res.Info.Types[x]
		if lt == nil || !ok || xt.Type == nil || hasTypeParamDeep(lt) || hasTypeParamDeep(xt.Type) {
			continue
		}
		switch {
		case xt.IsNil():
			if writable(lt) {
				out = append(out, l.span(x, "("+l.localType(lt)+")(nil)"))
			}
		case isEmptyInterface(lt) && isEmptyInterface(xt.Type):
			out = append(out, l.span(x, FmtName+".AnyValue("+ArgName+")"))
		}
	}
	return out
}

// errorConv lowers the conversion error(x), of a value x of a concrete
// type, to func(v error) error { return v }(x): yaegi failed on the
// conversion ("reflect.Set: value of type struct {...} is not assignable
// to type error").
func (l *lowerer) errorConv(call *ast.CallExpr) (Replacement, bool) {
	if len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return Replacement{}, false
	}
	tv, ok := l.res.Info.Types[call.Fun]
	if !ok || !tv.IsType() || !isError(tv.Type) {
		return Replacement{}, false
	}
	at := l.res.Info.Types[call.Args[0]]
	if at.Type == nil || types.IsInterface(at.Type) || hasTypeParam(at.Type) || at.IsNil() {
		return Replacement{}, false
	}
	v := l.fresh()
	rep := l.span(call, "func("+v+" error) error { return "+v+" }("+ArgName+")")
	rep.Operand = true
	return rep, true
}

// commaOkVar lowers the comma-ok value of var v, ok = x to
// func() (T, bool) { v, ok := x; return v, ok }().
func (l *lowerer) commaOkVar(s *ast.ValueSpec) (Replacement, bool) {
	if len(s.Names) != 2 || len(s.Values) != 1 {
		return Replacement{}, false
	}
	x := s.Values[0]
	switch u := ast.Unparen(x).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
	case *ast.UnaryExpr:
		if u.Op != token.ARROW {
			return Replacement{}, false
		}
	default:
		return Replacement{}, false // f(): two results, not a comma-ok form
	}
	tv, ok := l.res.Info.Types[x]
	if !ok {
		return Replacement{}, false
	}
	tuple, ok := tv.Type.(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return Replacement{}, false
	}
	t := tuple.At(0).Type()
	if hasTypeParam(t) || !l.expressible(t) {
		return Replacement{}, false
	}
	if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
		return Replacement{}, false
	}
	v, ok2 := l.fresh(), l.fresh()
	src := "func() (" + l.localType(t) + ", bool) { " + v + ", " + ok2 + " := " + ArgName + "; return " + v + ", " + ok2 + " }()"
	return l.span(x, src), true
}

// methodValue lowers a method value v.M of a session type that is not
// called where it stands, or that a go or defer statement calls with a
// value receiver.
func (l *lowerer) methodValue(sel *ast.SelectorExpr, called, started map[ast.Expr]bool) (Replacement, bool) {
	if called[sel] && !started[sel] {
		return Replacement{}, false
	}
	s, ok := l.res.Info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return Replacement{}, false
	}
	recv := s.Recv()
	base := recv
	if p, isPtr := base.(*types.Pointer); isPtr {
		base = p.Elem()
	}
	n, isNamed := base.(*types.Named)
	if !isNamed || !IsSession(n.Obj().Pkg()) || n.TypeParams().Len() > 0 || types.IsInterface(n) {
		return Replacement{}, false
	}
	if hasTypeParam(recv) || !l.expressible(recv) || !l.expressible(s.Type()) || hasTypeParam(s.Type()) {
		return Replacement{}, false
	}
	r, arg := l.fresh(), ArgName
	if p, isPtr := recv.(*types.Pointer); isPtr {
		if m, ok := s.Obj().(*types.Func); ok {
			if _, ptrRecv := m.Type().(*types.Signature).Recv().Type().(*types.Pointer); !ptrRecv {
				// p.M with M on T binds a copy of *p.
				recv, arg = p.Elem(), "*"+ArgName
			}
		}
	} else {
		if m, ok := s.Obj().(*types.Func); ok {
			if _, ptrRecv := m.Type().(*types.Signature).Recv().Type().(*types.Pointer); ptrRecv {
				if called[sel] {
					return Replacement{}, false // go v.M() with M on *T: &v is the same later
				}
				// v.M with M on *T binds &v.
				recv, arg = types.NewPointer(recv), "&"+ArgName
			}
		}
	}
	src := "func(" + r + " " + l.localType(recv) + ") " + l.localType(s.Type()) + " { return " + r + "." + sel.Sel.Name + " }(" + arg + ")"
	rep := l.span(sel, src)
	rep.Operand = true
	return rep, true
}

// MultiVarTypes tells, for each declaration of several package-level
// variables from one multi-value expression (var a, b = f(), or a, b :=
// f() at the top of a cell), the variables' types as lowered code writes
// them, by the line and column of the first name. The interpreter
// declares such variables with their types and assigns them in a
// function: yaegi failed on the multi-value form at package level.
func (r *Result) MultiVarTypes() (map[[2]int][]string, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	out := map[[2]int][]string{}
	for _, d := range r.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
	specs:
		for _, s := range gd.Specs {
			vs, ok := s.(*ast.ValueSpec)
			if !ok || len(vs.Names) < 2 || len(vs.Values) != 1 {
				continue
			}
			var ts []string
			for _, n := range vs.Names {
				obj := r.Info.Defs[n]
				if obj == nil {
					// _: its type is the value's.
					tuple, ok := r.Info.Types[vs.Values[0]].Type.(*types.Tuple)
					if !ok || tuple.Len() != len(vs.Names) {
						continue specs
					}
					obj = tuple.At(len(ts))
				}
				t := obj.Type()
				if hasTypeParam(t) || !l.expressible(t) {
					continue specs
				}
				if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
					continue specs
				}
				ts = append(ts, l.localType(t))
			}
			p := r.Fset.Position(vs.Names[0].Pos())
			out[[2]int{p.Line, p.Column}] = ts
		}
	}
	return out, l.imports
}

// newValue lowers new(v), v a value, to a function literal that returns
// the address of a copy of v.
func (l *lowerer) newValue(call *ast.CallExpr) (Replacement, bool) {
	if len(call.Args) != 1 {
		return Replacement{}, false
	}
	tv, ok := l.res.Info.Types[call.Args[0]]
	if !ok || !tv.IsValue() || tv.Type == nil {
		return Replacement{}, false
	}
	t := tv.Type
	if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
		t = types.Default(t)
	}
	if hasTypeParam(t) || !l.expressible(t) {
		return Replacement{}, false
	}
	v := l.fresh()
	typ := l.localType(t)
	rep := l.span(call, "func("+v+" "+typ+") *"+typ+" { return &"+v+" }("+ArgName+")")
	rep.Operand = true
	return rep, true
}

// unsafeCall lowers a call of unsafe.String, StringData, Slice or
// SliceData.
func (l *lowerer) unsafeCall(call *ast.CallExpr) (Replacement, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return Replacement{}, false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return Replacement{}, false
	}
	pn, ok := l.res.Info.Uses[id].(*types.PkgName)
	if !ok || pn.Imported().Path() != "unsafe" {
		return Replacement{}, false
	}
	if _, ok := l.res.Info.Uses[sel.Sel].(*types.Builtin); !ok {
		return Replacement{}, false
	}
	t := l.res.Info.Types[call].Type
	if t == nil || hasTypeParam(t) || !l.expressible(t) {
		return Replacement{}, false
	}
	switch sel.Sel.Name {
	case "Add":
		if len(call.Args) != 2 {
			return Replacement{}, false
		}
		if nt := l.res.Info.Types[call.Args[1]].Type; nt == nil || types.Identical(types.Default(nt), types.Typ[types.Int]) {
			return Replacement{}, false
		}
		return l.span(call.Args[1], "int("+ArgName+")"), true
	case "String":
		return l.span(call.Fun, FmtName+".UnsafeString"), true
	case "StringData":
		return l.span(call.Fun, FmtName+".UnsafeStringData"), true
	case "SliceData":
		if len(call.Args) != 1 {
			return Replacement{}, false
		}
		rep := l.span(call, "("+l.localType(t)+")("+FmtName+".UnsafeSliceData("+ArgName+"))")
		rep.Operand = true
		return rep, true
	case "Slice":
		if len(call.Args) != 2 {
			return Replacement{}, false
		}
		pt, nt := l.res.Info.Types[call.Args[0]].Type, l.res.Info.Types[call.Args[1]].Type
		if pt == nil || nt == nil || hasTypeParam(pt) || hasTypeParam(nt) || !l.expressible(pt) {
			return Replacement{}, false
		}
		nt = types.Default(nt)
		p, n := l.fresh(), l.fresh()
		typ := l.localType(t)
		src := "func(" + p + " " + l.localType(pt) + ", " + n + " " + l.localType(nt) + ") " + typ +
			" { return " + FmtName + ".UnsafeSlice(" + p + ", " + n + ").(" + typ + ") }"
		return l.span(call.Fun, src), true
	}
	return Replacement{}, false
}

// sizes are the sizes of types as the compiler lays them out here.
var sizes = types.SizesFor("gc", runtime.GOARCH)

// makeSlice lowers the length and capacity of make([]T, n, c): n becomes
// _gocalc.MakeLen(int64(n), size of T) when there is no c, c becomes
// _gocalc.MakeCap(int64(n), int64(c), size of T) (n, written twice, must
// then be a variable or a constant).
func (l *lowerer) makeSlice(call *ast.CallExpr) []Replacement {
	if len(call.Args) < 2 {
		return nil
	}
	tv, ok := l.res.Info.Types[call.Args[0]]
	if !ok || !tv.IsType() || hasTypeParam(tv.Type) {
		return nil
	}
	st, ok := tv.Type.Underlying().(*types.Slice)
	if !ok || hasTypeParam(st.Elem()) {
		return nil
	}
	size := strconv.FormatInt(sizes.Sizeof(st.Elem()), 10)
	n := call.Args[1]
	if len(call.Args) == 2 {
		if tv := l.res.Info.Types[n]; tv.Value != nil {
			return nil // checked by the compiler
		}
		if isInt, _ := l.integer(n); !isInt {
			return nil
		}
		return []Replacement{l.span(n, FmtName+".MakeLen(int64("+ArgName+"), "+size+")")}
	}
	c := call.Args[2]
	if l.res.Info.Types[n].Value != nil && l.res.Info.Types[c].Value != nil {
		return nil
	}
	isInt, _ := l.integer(n)
	isInt2, _ := l.integer(c)
	if !isInt || !isInt2 || !l.pure(n) {
		return nil
	}
	return []Replacement{l.span(c, FmtName+".MakeCap(int64("+l.text(n)+"), int64("+ArgName+"), "+size+")")}
}

// pkgVar lowers x, assigned to, when it is a variable of a basic type of
// a package that is not the session's.
func (l *lowerer) pkgVar(x ast.Expr) (Replacement, bool) {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return Replacement{}, false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return Replacement{}, false
	}
	if _, isPkg := l.res.Info.Uses[id].(*types.PkgName); !isPkg {
		return Replacement{}, false
	}
	v, ok := l.res.Info.Uses[sel.Sel].(*types.Var)
	if !ok || v.Pkg() == nil || IsSession(v.Pkg()) {
		return Replacement{}, false
	}
	if _, basic := v.Type().Underlying().(*types.Basic); !basic || !l.expressible(v.Type()) {
		return Replacement{}, false
	}
	src := "*" + FmtName + ".PkgVar(" + strconv.Quote(v.Pkg().Path()) + ", " + strconv.Quote(v.Name()) + ").(*" + l.localType(v.Type()) + ")"
	return l.span(x, src), true
}

// nilSwitch lowers a switch on a slice, a map or a function, whose cases
// can only be nil, to a switch on whether it is nil.
func (l *lowerer) nilSwitch(s *ast.SwitchStmt) []Replacement {
	if s.Tag == nil {
		return nil
	}
	t := l.res.Info.Types[s.Tag].Type
	if t == nil {
		return nil
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Map, *types.Signature:
	default:
		return nil
	}
	out := []Replacement{l.span(s.Tag, "("+ArgName+") == nil")}
	for _, st := range s.Body.List {
		for _, e := range st.(*ast.CaseClause).List {
			if !l.res.Info.Types[e].IsNil() {
				return nil
			}
			out = append(out, l.span(e, "true"))
		}
	}
	return out
}

// appendValues lowers append(s, a, b, ...) when a value after the first
// is neither a constant nor a variable: the values are evaluated into the
// variadic parameter of a function literal before any is appended.
func (l *lowerer) appendValues(call *ast.CallExpr) (Replacement, bool) {
	if len(call.Args) < 3 || call.Ellipsis.IsValid() {
		return Replacement{}, false
	}
	reads := false
	for _, a := range call.Args[2:] {
		tv := l.res.Info.Types[a]
		if tv.Value != nil || tv.IsNil() {
			continue
		}
		switch ast.Unparen(a).(type) {
		case *ast.Ident, *ast.BasicLit, *ast.FuncLit:
			continue
		}
		reads = true
	}
	if !reads {
		return Replacement{}, false
	}
	t := l.res.Info.Types[call].Type
	if t == nil || !l.expressible(t) || hasTypeParam(t) {
		return Replacement{}, false
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return Replacement{}, false
	}
	s, v := l.fresh(), l.fresh()
	st, et := l.localType(t), l.localType(sl.Elem())
	return l.span(call.Fun, "func("+s+" "+st+", "+v+" ..."+et+") "+st+" { return append("+s+", "+v+"...) }"), true
}

// spreadBuiltin lowers a call of a builtin whose one argument is a call
// of several results.
func (l *lowerer) spreadBuiltin(call *ast.CallExpr) (Replacement, bool) {
	if len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return Replacement{}, false
	}
	tuple, ok := l.res.Info.Types[call.Args[0]].Type.(*types.Tuple)
	if !ok || tuple.Len() < 2 {
		return Replacement{}, false
	}
	var params, args []string
	for i := 0; i < tuple.Len(); i++ {
		t := tuple.At(i).Type()
		if !l.expressible(t) || hasTypeParam(t) {
			return Replacement{}, false
		}
		v := l.fresh()
		params = append(params, v+" "+l.localType(t))
		args = append(args, v)
	}
	name := ast.Unparen(call.Fun).(*ast.Ident).Name
	body := name + "(" + strings.Join(args, ", ") + ")"
	result := ""
	if t := l.res.Info.Types[call].Type; t != nil {
		if tt, isTuple := t.(*types.Tuple); !isTuple || tt.Len() > 0 {
			if !l.expressible(t) || hasTypeParam(t) {
				return Replacement{}, false
			}
			result = " " + l.localType(t)
			body = "return " + body
		}
	}
	return l.span(call.Fun, "func("+strings.Join(params, ", ")+")"+result+" { "+body+" }"), true
}
