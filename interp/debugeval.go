package interp

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"

	"github.com/gocalc/gocalc/engine"
)

var _ engine.FrameEvaluator = (*Interpreter)(nil)

// errEvalUnsupported is evalShown's answer for an expression that is
// not a variable or a part of one: runInFrame runs it.
var errEvalUnsupported = errors.New("not a variable or a part of one")

// EvaluateInFrame evaluates expr over the variables of a stopped frame,
// then the session's (see engine.FrameEvaluator). A variable, one of its
// parts (a field, an element at a constant index, a map entry at a
// constant key, what a pointer points to) or len of one is read in
// place, with its type as the cell writes it. Other code, an expression
// or statements (calls of compiled functions, operators, assignments to
// variables of the frame or the session: x = 2, xs[0]++), runs in a
// scratch interpreter (runInFrame), with the functions declared in
// cells that stand on their own (cellFuncs); what it cannot run (a
// function declared in a cell that uses the session's variables or
// types) is an error saying why.
func (in *Interpreter) EvaluateInFrame(frame int, expr string) (v engine.Variable, err error) {
	d := &in.dbgs
	d.mu.Lock()
	locked := true
	unlock := func() {
		if locked {
			locked = false
			d.mu.Unlock()
		}
	}
	defer unlock()
	defer func() {
		if p := recover(); p != nil {
			v, err = engine.Variable{}, fmt.Errorf("cannot evaluate %s: %v", expr, p)
		}
	}()
	scopes := [][]shown{}
	if frame != 0 {
		top, err := in.frameShown(frame)
		if err != nil {
			return engine.Variable{}, err
		}
		scopes = append(scopes, top)
	}
	session, err := in.frameShown(0)
	if err != nil {
		return engine.Variable{}, err
	}
	scopes = append(scopes, session)
	var n shown
	if e, perr := parser.ParseExpr(expr); perr == nil {
		n, err = evalShown(e, scopes)
	} else {
		err = errEvalUnsupported
	}
	if errors.Is(err, errEvalUnsupported) {
		// The kernel serves one request at a time: the cell stays stopped
		// while the code runs, without the lock (the code may print).
		unlock()
		n, err = in.runInFrame(expr, scopes)
	}
	if err != nil {
		return engine.Variable{}, err
	}
	out := n.describe()
	if out.Name != expr {
		out.Name = expr
	}
	return out, nil
}

// evalShown finds the value e names in scopes (innermost first).
func evalShown(e ast.Expr, scopes [][]shown) (shown, error) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return evalShown(e.X, scopes)
	case *ast.Ident:
		for _, sc := range scopes {
			for _, n := range sc {
				if n.name == e.Name {
					return n, nil
				}
			}
		}
		return shown{}, fmt.Errorf("undefined: %s (in the stopped frame and the session)", e.Name)
	case *ast.SelectorExpr:
		x, err := evalShown(e.X, scopes)
		if err != nil {
			return shown{}, err
		}
		return part(x, e.Sel.Name, e.X)
	case *ast.IndexExpr:
		x, err := evalShown(e.X, scopes)
		if err != nil {
			return shown{}, err
		}
		lit, ok := e.Index.(*ast.BasicLit)
		if !ok {
			return shown{}, errEvalUnsupported
		}
		key := lit.Value
		switch lit.Kind {
		case token.INT:
			i, err := strconv.ParseInt(lit.Value, 0, 64)
			if err != nil {
				return shown{}, err
			}
			key = strconv.FormatInt(i, 10)
		case token.STRING:
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return shown{}, err
			}
			key = strconv.Quote(s)
		}
		return part(x, key, e.X)
	case *ast.StarExpr:
		x, err := evalShown(e.X, scopes)
		if err != nil {
			return shown{}, err
		}
		if v := x.value(); !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
			return shown{}, fmt.Errorf("%s is not a non-nil pointer", exprText(e.X))
		}
		return x.pointee(), nil
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "len" && len(e.Args) == 1 {
			x, err := evalShown(e.Args[0], scopes)
			if err != nil {
				return shown{}, err
			}
			v := x.value()
			switch {
			case !v.IsValid():
				return shown{}, fmt.Errorf("invalid argument to len: %s is nil", exprText(e.Args[0]))
			case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Array:
				v = v.Elem()
			}
			switch v.Kind() {
			case reflect.String, reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
				return shown{name: "len", v: reflect.ValueOf(v.Len())}, nil
			}
			return shown{}, fmt.Errorf("invalid argument to len: %s is a %s", exprText(e.Args[0]), x.typeText())
		}
	}
	return shown{}, errEvalUnsupported
}

// part is the part of x, written by of, named name (a field, an index,
// a map key as keyText writes it).
func part(x shown, name string, of ast.Expr) (shown, error) {
	for _, p := range x.parts() {
		if p.name == name {
			return p, nil
		}
	}
	return shown{}, fmt.Errorf("%s has no field or element %s (of a slice or map, the first %d elements can be read)", exprText(of), name, maxParts)
}

// exprText is e as Go writes it.
func exprText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprText(e.X) + "." + e.Sel.Name
	case *ast.IndexExpr:
		return exprText(e.X) + "[...]"
	case *ast.StarExpr:
		return "*" + exprText(e.X)
	case *ast.ParenExpr:
		return "(" + exprText(e.X) + ")"
	}
	return "the expression"
}
