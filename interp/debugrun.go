package interp

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/modules"
	"github.com/gocalc/gocalc/interp/symbols"
	yaegi "github.com/traefik/yaegi/interp"
)

// A stopped frame's code cannot run in the session's interpreter: yaegi's
// debugger is on there, and code run from another goroutine would take
// the stopped goroutine's debugger state (stop at its first step after a
// step request, mark it running so that the next step is refused). So
// code that evaluate runs (an expression with calls or operators, an
// assignment) is compiled by a scratch interpreter of its own, with the
// standard library and the preloaded packages, as a function literal
// whose parameters are the variables the code names, with their types
// written out; it is called with the variables' values, and the
// variables the code assigns are set from the results. The session's
// functions, methods and types are not there: the scratch interpreter
// knows only compiled code.

// evalTimeout bounds the code evaluate runs.
const evalTimeout = 5 * time.Second

// scratch is the interpreter that runs evaluate's code.
type scratch struct {
	once sync.Once
	y    *yaegi.Interpreter
	err  error
	n    atomic.Int64 // evaluations so far
}

func (s *scratch) interp(out *sink) (*yaegi.Interpreter, error) {
	s.once.Do(func() { s.y, s.err = newScratch(out) })
	return s.y, s.err
}

// newScratch is an interpreter of the standard library and the
// preloaded and loaded packages, for evaluate's code.
func newScratch(out *sink) (*yaegi.Interpreter, error) {
	y := yaegi.New(yaegi.Options{Stdout: streamWriter{out, "stdout"}, Stderr: streamWriter{out, "stderr"}})
	for _, table := range []yaegi.Exports{stdlibSymbols(), symbols.Symbols} {
		if err := y.Use(table); err != nil {
			return nil, err
		}
	}
	for _, p := range modules.Loaded() {
		if p.Symbols != nil {
			_ = y.Use(p.Symbols)
		}
	}
	return y, nil
}

// cellFuncs are the declarations of the session's functions names, and
// of those they call, with the packages they name (name -> path), when
// each stands on its own (front.Result.FuncSource: it names no variable
// or type of the session, so that declared in the scratch interpreter,
// it computes what the session's computes); none when one of them does
// not, or when names holds no function of the session.
func (in *Interpreter) cellFuncs(names []string) ([]string, map[string]string) {
	var decls []string
	imports := map[string]string{}
	done := map[string]bool{}
	for len(names) > 0 {
		name := names[0]
		names = names[1:]
		if done[name] {
			continue
		}
		done[name] = true
		var e *cells.Entry
		for _, d := range in.sess.decls {
			if d.Role == "function" && contains(d.Keys, name) {
				e = d
			}
		}
		if e == nil {
			continue // not a function of the session
		}
		src, calls, imps, ok := in.cellChecks[e.Cell].FuncSource(name)
		if e.Generic || !ok {
			return nil, nil
		}
		decls = append(decls, src)
		for n, p := range imps {
			imports[n] = p
		}
		names = append(names, calls...)
	}
	return decls, imports
}

// evalVar is a variable evaluate's code names.
type evalVar struct {
	name string
	v    reflect.Value // as the frame or the session holds it
	typ  string        // its type, written out
}

// runInFrame runs code (an expression, or statements) over the variables
// of scopes (innermost first); it returns the expression's value, or for
// statements the new value of the first variable they assign.
func (in *Interpreter) runInFrame(code string, scopes [][]shown) (shown, error) {
	expr, stmts, err := parseEval(code)
	if err != nil {
		return shown{}, err
	}
	var root ast.Node = expr
	if expr == nil {
		root = stmts
	}
	used := map[string]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	assigned := assignedNames(root)
	imports := map[string]string{} // path -> name
	var vars []evalVar
	seen := map[string]bool{}
	for _, sc := range scopes {
		for _, n := range sc {
			if !used[n.name] || seen[n.name] {
				continue
			}
			seen[n.name] = true
			typ, ok := typeExpr(n.v.Type(), imports)
			if !ok {
				if assigned[n.name] || n.v.Kind() != reflect.Interface && dynamic(n.v).Kind() == reflect.Invalid {
					return shown{}, fmt.Errorf("cannot evaluate %s: the type of %s (%s) cannot be written outside the session's interpreter", code, n.name, n.typeText())
				}
				// A cell's interface value: its dynamic value, as any.
				vars = append(vars, evalVar{name: n.name, v: n.v, typ: "any"})
				continue
			}
			vars = append(vars, evalVar{name: n.name, v: n.v, typ: typ})
		}
	}
	// Package names the code uses: the session's imports, or else the
	// packages cells use without importing them.
	for name := range used {
		if seen[name] {
			continue
		}
		if path, ok := in.imports[name]; ok {
			imports[path] = name
		} else if path := packageNamed(name); path != "" {
			imports[path] = name
		}
	}
	for name := range assigned {
		if !seen[name] {
			return shown{}, fmt.Errorf("cannot assign to %s: not a variable of the stopped frame or the session", name)
		}
	}
	var params, results, rets []string
	for _, v := range vars {
		params = append(params, v.name+" "+v.typ)
		if assigned[v.name] {
			results = append(results, v.typ)
			rets = append(rets, v.name)
		}
	}
	source := func(withValue bool) string {
		results, rets := results, rets
		var body string
		if withValue {
			// Through a variable: yaegi fails on a comparison returned as any.
			body = "_gocalcR := " + code + "\n"
			results = append([]string{"any"}, results...)
			rets = append([]string{"_gocalcR"}, rets...)
		} else {
			body = code + "\n"
		}
		return fmt.Sprintf("func(%s) (%s) {\n%sreturn %s\n}", strings.Join(params, ", "), strings.Join(results, ", "), body, strings.Join(rets, ", "))
	}

	// Functions of the session the code calls, declared in a fresh
	// scratch interpreter when they stand on their own (cellFuncs).
	var funcs []string
	for name := range used {
		if !seen[name] {
			funcs = append(funcs, name)
		}
	}
	sort.Strings(funcs)
	decls, funcImports := in.cellFuncs(funcs)
	var y *yaegi.Interpreter
	if len(decls) > 0 {
		y, err = newScratch(in.sink)
		for name, path := range funcImports {
			if _, taken := imports[path]; !taken {
				imports[path] = name
			}
		}
	} else {
		y, err = in.dbgs.scratch.interp(in.sink)
	}
	if err != nil {
		return shown{}, fmt.Errorf("cannot evaluate %s: %v", code, err)
	}
	var imp strings.Builder
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&imp, "import %s %q\n", imports[p], p)
	}
	if imp.Len() > 0 {
		if _, err := y.Eval(imp.String()); err != nil {
			return shown{}, fmt.Errorf("cannot evaluate %s: %v", code, err)
		}
	}
	if len(decls) > 0 {
		// At once: they may call each other.
		if _, err := y.Eval(strings.Join(decls, "\n")); err != nil {
			return shown{}, fmt.Errorf("cannot evaluate %s: %v", code, err)
		}
	}
	compile := func(withValue bool) (reflect.Value, error) {
		fname := "_gocalcEval" + strconv.Itoa(int(in.dbgs.scratch.n.Add(1)))
		return evalScratch(y, fname+" := "+source(withValue)+"\n"+fname)
	}
	if call, ok := expr.(*ast.CallExpr); ok && !oneResult(call, imports) {
		expr = nil // a call without one result: a statement
	}
	fv, err := compile(expr != nil)
	if err != nil {
		return shown{}, compileEvalError(code, err, used, seen)
	}
	args := make([]reflect.Value, len(vars))
	for i, v := range vars {
		a := v.v
		if v.typ == "any" {
			d := dynamic(a)
			if !d.IsValid() {
				d = reflect.Zero(reflect.TypeFor[any]())
			}
			a = reflect.New(reflect.TypeFor[any]()).Elem()
			if d.IsValid() && !(d.Kind() == reflect.Interface && d.IsNil()) {
				a.Set(d)
			}
		}
		args[i] = a
	}
	out, err := callScratch(fv, args)
	if err != nil {
		return shown{}, fmt.Errorf("cannot evaluate %s: %v", code, err)
	}
	k := 0
	var res shown
	if expr != nil {
		res = shown{name: code, v: dynamic(out[0])}
		k = 1
	}
	for _, v := range vars {
		if !assigned[v.name] {
			continue
		}
		if !v.v.CanSet() {
			return shown{}, fmt.Errorf("cannot assign to %s: the interpreter does not let it be set", v.name)
		}
		v.v.Set(out[k])
		if expr == nil && res.name == "" {
			res = shown{name: v.name, v: v.v}
		}
		k++
	}
	if expr == nil && res.name == "" {
		res = shown{name: code, v: reflect.ValueOf("ok")}
	}
	return res, nil
}

// oneResult tells whether call, of a function of a compiled package or
// a builtin, is known to give other than one result; other calls are
// taken to give one.
func oneResult(call *ast.CallExpr, imports map[string]string) bool {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		switch fn.Name {
		case "delete", "clear", "close", "print", "println", "panic":
			return false
		}
	case *ast.SelectorExpr:
		pkg, ok := fn.X.(*ast.Ident)
		if !ok {
			return true
		}
		for path, name := range imports {
			if name != pkg.Name {
				continue
			}
			key := path + "/" + path[strings.LastIndex(path, "/")+1:]
			for _, table := range []yaegi.Exports{stdlibSymbols(), symbols.Symbols} {
				if f, ok := table[key][fn.Sel.Name]; ok && f.Kind() == reflect.Func {
					return f.Type().NumOut() == 1
				}
			}
		}
	}
	return true
}

// packageNamed is the import path of the compiled package named name
// (the shortest, when several are), or "".
func packageNamed(name string) string {
	best := ""
	for _, table := range []yaegi.Exports{stdlibSymbols(), symbols.Symbols} {
		for key := range table {
			p, ok := strings.CutSuffix(key, "/"+name)
			if ok && (p == name || strings.HasSuffix(p, "/"+name)) {
				if best == "" || len(p) < len(best) {
					best = p
				}
			}
		}
	}
	return best
}

// parseEval parses code as an expression, or else as statements.
func parseEval(code string) (ast.Expr, *ast.BlockStmt, error) {
	if e, err := parser.ParseExpr(code); err == nil {
		return e, nil, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+code+"\n}", 0)
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a Go expression or statement: %v", code, err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	for _, s := range body.List {
		switch s.(type) {
		case *ast.ReturnStmt, *ast.GoStmt, *ast.DeferStmt, *ast.BranchStmt, *ast.LabeledStmt:
			return nil, nil, fmt.Errorf("cannot evaluate %s: a return, go, defer or branch statement does not run in a stopped frame", code)
		}
	}
	return nil, body, nil
}

// assignedNames are the variables the code assigns (=, op=, ++, --) at
// its own level, not those it declares.
func assignedNames(n ast.Node) map[string]bool {
	out := map[string]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				return true
			}
			for _, l := range n.Lhs {
				if id, ok := rootIdent(l); ok {
					out[id] = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := rootIdent(n.X); ok {
				out[id] = true
			}
		}
		return true
	})
	return out
}

// rootIdent is the variable an assignment's left side writes to: x in
// x, x.F, x[i] (for x[i] and x.F of a pointer or slice, the write goes
// through x's value: x is written back unchanged).
func rootIdent(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name, e.Name != "_"
	case *ast.SelectorExpr:
		return rootIdent(e.X)
	case *ast.IndexExpr:
		return rootIdent(e.X)
	case *ast.ParenExpr:
		return rootIdent(e.X)
	case *ast.StarExpr:
		return rootIdent(e.X)
	}
	return "", false
}

// evalScratch compiles src, a function literal, in the scratch
// interpreter and returns its value.
func evalScratch(y *yaegi.Interpreter, src string) (fv reflect.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	fv, err = y.Eval(src)
	if err == nil && fv.Kind() != reflect.Func {
		err = errors.New("not a function")
	}
	return fv, err
}

// callScratch calls fv with args, bounded by evalTimeout; a panic is an
// error.
func callScratch(fv reflect.Value, args []reflect.Value) ([]reflect.Value, error) {
	type result struct {
		out []reflect.Value
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("panic: %v", panicMessage(p))}
			}
		}()
		done <- result{out: fv.Call(args)}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(evalTimeout):
		return nil, fmt.Errorf("it still runs after %v (it goes on in the background)", evalTimeout)
	}
}

// compileEvalError explains why the scratch interpreter did not compile
// code: a name of the session that is not a variable (a function, type
// or method declared in a cell) is not there.
func compileEvalError(code string, err error, used, vars map[string]bool) error {
	msg := err.Error()
	if i := strings.Index(msg, "undefined: "); i >= 0 {
		name := strings.Fields(msg[i+len("undefined: "):])
		if len(name) > 0 && used[name[0]] && !vars[name[0]] {
			return fmt.Errorf("cannot evaluate %s: %s is not a variable of the stopped frame or the session; evaluate runs code "+
				"with the standard library, the preloaded packages and the functions declared in cells that name none of the session's "+
				"variables, constants or types (nor call a function that does), not the other functions, methods and types declared in cells "+
				"(they run in the stopped interpreter, which yaegi's debugger cannot run code in)", code, name[0])
		}
	}
	if m := scratchPos.FindString(msg); m != "" {
		msg = msg[len(m):] // the position in the scratch code
	}
	return fmt.Errorf("cannot evaluate %s: %s", code, msg)
}

// scratchPos is the position in the scratch code that yaegi's errors
// start with.
var scratchPos = regexp.MustCompile(`^(?:_\.go:)?[0-9]+:[0-9]+: `)

// typeExpr writes t as Go source, adding the packages it names to
// imports (path -> name); false when t cannot be written (a type of the
// interpreter's own, a struct with unexported fields, an interface with
// methods).
func typeExpr(t reflect.Type, imports map[string]string) (string, bool) {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name(), true
		}
		if t.PkgPath() == yaegiPkg || strings.HasPrefix(t.PkgPath(), "main") || strings.Contains(t.Name(), "[") {
			return "", false
		}
		name, ok := imports[t.PkgPath()]
		if !ok {
			name = "_p" + strconv.Itoa(len(imports))
			imports[t.PkgPath()] = name
		}
		return name + "." + t.Name(), true
	}
	elem := func(prefix string, e reflect.Type) (string, bool) {
		s, ok := typeExpr(e, imports)
		return prefix + s, ok
	}
	switch t.Kind() {
	case reflect.Pointer:
		return elem("*", t.Elem())
	case reflect.Slice:
		return elem("[]", t.Elem())
	case reflect.Array:
		return elem("["+strconv.Itoa(t.Len())+"]", t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return elem("<-chan ", t.Elem())
		case reflect.SendDir:
			return elem("chan<- ", t.Elem())
		}
		return elem("chan ", t.Elem())
	case reflect.Map:
		k, ok := typeExpr(t.Key(), imports)
		if !ok {
			return "", false
		}
		return elem("map["+k+"]", t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any", true
		}
		return "", false
	case reflect.Struct:
		var fields []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				return "", false
			}
			ft, ok := typeExpr(f.Type, imports)
			if !ok {
				return "", false
			}
			s := f.Name + " " + ft
			if f.Anonymous {
				s = ft
			}
			if f.Tag != "" {
				s += " " + strconv.Quote(string(f.Tag))
			}
			fields = append(fields, s)
		}
		return "struct{" + strings.Join(fields, "; ") + "}", true
	case reflect.Func:
		var ins, outs []string
		for i := 0; i < t.NumIn(); i++ {
			s, ok := typeExpr(t.In(i), imports)
			if !ok {
				return "", false
			}
			if t.IsVariadic() && i == t.NumIn()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			ins = append(ins, s)
		}
		for i := 0; i < t.NumOut(); i++ {
			s, ok := typeExpr(t.Out(i), imports)
			if !ok {
				return "", false
			}
			outs = append(outs, s)
		}
		return "func(" + strings.Join(ins, ", ") + ") (" + strings.Join(outs, ", ") + ")", true
	}
	return "", false
}
