package front

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// errorsIs replaces errors.Is when the session declares error types: the
// standard library sees an error of a cell type inside the interpreter's
// wrapper, without its Unwrap method (errors.Is(err, ErrNeg) was false
// for an err whose Unwrap returns ErrNeg), and compares such wrappers
// rather than the values in them. The chain is walked in the cell, as
// errorsAs walks it: each error the interpreter's helper takes out of its
// wrapper is compared with the target (SameError, as errors.Is compares),
// asked with the standard library's errors.Is when it is compiled, and
// unwrapped, when of a session type with an Unwrap method, by that
// method.
func (l *lowerer) errorsIs(call *ast.CallExpr) (Replacement, bool) {
	fn := calledFunc(l.res.Info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || fn.Name() != "Is" || len(call.Args) != 2 {
		return Replacement{}, false
	}
	var unwrappers []string
	errTypes := 0
	for _, n := range sessionTypes(l.pkg) {
		for _, t := range []types.Type{n, types.NewPointer(n)} {
			if hasMethod(t, "Error") {
				errTypes++
			}
			if hasIsMethod(t) {
				unwrappers = append(unwrappers, fmt.Sprintf("if v, ok := x.(%s); ok && v.Is(target) { return true }", l.localType(t)))
			}
			switch unwrapKind(t) {
			case 1:
				unwrappers = append(unwrappers, fmt.Sprintf("if v, ok := x.(%s); ok && is(v.Unwrap(), d+1) { return true }", l.localType(t)))
			case 2:
				unwrappers = append(unwrappers, fmt.Sprintf("if v, ok := x.(%s); ok { for _, w := range v.Unwrap() { if is(w, d+1) { return true } } }", l.localType(t)))
			}
		}
	}
	if errTypes == 0 {
		return Replacement{}, false
	}
	l.imports[Alias("errors")] = "errors"
	src := fmt.Sprintf("func(err, target error) bool { if err == nil || target == nil { return err == target }; t := %[1]s.ErrorChain(target)[0]; var is func(e error, d int) bool; "+
		"is = func(e error, d int) bool { if e == nil || d > 100 { return false }; for _, x := range %[1]s.ErrorChain(e) { if %[1]s.SameError(x, t) { return true }; "+
		"if xe, ok := x.(error); ok && %[2]s.Is(xe, target) { return true }; %[3]s }; return false }; return is(err, 0) }",
		FmtName, Alias("errors"), strings.Join(unwrappers, "; "))
	return l.span(call.Fun, src), true
}

// unwrapKind tells whether t's method set has Unwrap() error (1) or
// Unwrap() []error (2), or neither (0).
func unwrapKind(t types.Type) int {
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		f := ms.At(i).Obj()
		if f.Name() != "Unwrap" {
			continue
		}
		sig := f.Type().(*types.Signature)
		if sig.Params().Len() != 0 || sig.Results().Len() != 1 {
			return 0
		}
		switch r := sig.Results().At(0).Type(); {
		case types.Identical(r, types.Universe.Lookup("error").Type()):
			return 1
		case types.Identical(r, types.NewSlice(types.Universe.Lookup("error").Type())):
			return 2
		}
	}
	return 0
}

// hasIsMethod tells whether t's method set has Is(error) bool.
func hasIsMethod(t types.Type) bool {
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		f := ms.At(i).Obj()
		if f.Name() != "Is" {
			continue
		}
		sig := f.Type().(*types.Signature)
		return sig.Params().Len() == 1 && types.Identical(sig.Params().At(0).Type(), types.Universe.Lookup("error").Type()) &&
			sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool])
	}
	return false
}
