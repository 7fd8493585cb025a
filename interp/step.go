package interp

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strings"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	yaegi "github.com/traefik/yaegi/interp"
)

// interruptGrace is how long an interrupted cell is given to stop
// before Execute returns.
const interruptGrace = 2 * time.Second

// goroutineGrace bounds the wait for a session's goroutines to stop after
// an interrupt (one blocked in a compiled call never does).
const goroutineGrace = 200 * time.Millisecond

// compile hands an AST to yaegi, turning a panic of its compiler into an
// error.
func (in *Interpreter) compile(n ast.Node) (prog *yaegi.Program, err error) {
	prog, err = compileIn(in.y, n)
	if err == nil && isStepBlock(n) {
		in.stepProg = prog
	}
	return prog, err
}

// isStepBlock tells whether n runs its statements in the prelude's
// _gocalc_step (cells.StmtBody), which an interrupt can stop without a
// race (runGuard).
func isStepBlock(n ast.Node) bool {
	b, ok := n.(*ast.BlockStmt)
	if !ok {
		return false
	}
	for _, s := range b.List {
		if x, ok := s.(*ast.ExprStmt); ok {
			if c, ok := x.X.(*ast.CallExpr); ok {
				if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "_gocalc_step" {
					return true
				}
			}
		}
	}
	return false
}

// compileIn is compile for a given yaegi interpreter.
func compileIn(y *yaegi.Interpreter, n ast.Node) (prog *yaegi.Program, err error) {
	defer func() {
		if p := recover(); p != nil {
			prog, err = nil, fmt.Errorf("%w (yaegi: %v)", errCompilePanic, p)
		}
	}()
	return y.CompileAST(n)
}

// panicOnFaultStmt is _gocalc.PanicOnFault(): debug.SetPanicOnFault(true)
// for the goroutine yaegi runs a step in.
func panicOnFaultStmt(at token.Pos) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{NamePos: at, Name: cells.RuntimeName}, Sel: &ast.Ident{NamePos: at, Name: "PanicOnFault"}}, Lparen: at, Rparen: at}}
}

// compileErr converts a compile failure of step st, saying so when yaegi
// itself panicked, with the likely cause.
func (in *Interpreter) compileErr(err error, cur int, st *cells.Step) *engine.Error {
	in.dirty = true
	if m := incompleteRe.FindStringSubmatch(err.Error()); m != nil {
		// yaegi takes an unknown name for a type it has not seen yet.
		err = fmt.Errorf("%s: undefined: %s", m[1], m[2])
	}
	e := in.compileError(err, cur)
	if !strings.Contains(err.Error(), errCompilePanic.Error()) {
		return e
	}
	at, msg := st.First, err.Error()
	if rp := suspiciousRange(st); rp.IsValid() && strings.Contains(msg, "nil type") {
		at = rp
		msg = "cannot range over this function: gocalc's interpreter ranges over an iterator function only when the loop body has no return, " +
			"defer, goto or labeled branch; call the iterator with a yield function instead"
	}
	e.Name = ErrUnsupported
	if at.IsValid() {
		p := in.y.FileSet().Position(at)
		cell, line := cells.DecodeLine(p.Line)
		e.Value = fmt.Sprintf("%d:%d: %s", line, p.Column, msg)
		e.Traceback = append([]string{ErrUnsupported + ": " + e.Value}, in.sourceLine(&pos{cell, line, p.Column})...)
	} else {
		e.Value = msg
		e.Traceback = []string{ErrUnsupported + ": " + msg}
	}
	return e
}

// incompleteRe finds yaegi's report of an undefined name used as a value.
var incompleteRe = regexp.MustCompile(`([0-9]{5,}:[0-9]+): incomplete type ([A-Za-z_][A-Za-z0-9_]*)`)

// suspiciousRange finds a range statement over something that is not
// visibly a collection.
func suspiciousRange(st *cells.Step) token.Pos {
	var nodes []ast.Node
	for _, d := range st.Decls {
		nodes = append(nodes, d)
	}
	for _, s := range st.Stmts {
		nodes = append(nodes, s)
	}
	found := token.NoPos
	for _, n := range nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			if r, ok := n.(*ast.RangeStmt); ok && found == token.NoPos {
				switch r.X.(type) {
				case *ast.CompositeLit:
				default:
					found = r.X.Pos()
				}
			}
			return found == token.NoPos
		})
	}
	return found
}

// varNode is what declares a var step's globals: the statement x := v in
// yaegi's implicit main, or else the var declaration.
func varNode(define *ast.AssignStmt, decls []ast.Decl) ast.Node {
	if define != nil {
		return &ast.BlockStmt{Lbrace: define.Pos(), List: []ast.Stmt{define}}
	}
	return cells.DeclFile(decls, decls[0].Pos())
}

// hasRange tells whether a statement step still holds a range statement,
// which may range over an integer or a function that an earlier step of
// the cell declared and that parsing could not yet see.
func hasRange(st *cells.Step) bool {
	found := false
	for _, s := range st.Stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if _, ok := n.(*ast.RangeStmt); ok {
				found = true
			}
			return !found
		})
	}
	return found
}

// callsGeneric tells whether a definition calls a generic function that
// the session declares.
func (in *Interpreter) callsGeneric(a *ast.AssignStmt) bool {
	generic := map[string]bool{}
	for _, d := range in.sess.decls {
		if d.Generic {
			generic[d.Keys[0]] = true
		}
	}
	if len(generic) == 0 {
		return false
	}
	found := false
	for _, r := range a.Rhs {
		ast.Inspect(r, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				fn := c.Fun
				switch f := fn.(type) {
				case *ast.IndexExpr:
					fn = f.X
				case *ast.IndexListExpr:
					fn = f.X
				}
				if id, ok := fn.(*ast.Ident); ok && generic[id.Name] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// redefines tells whether declarations name something the session
// already declares (yaegi would keep old types and methods, and functions
// compiled earlier would keep calling the old body).
func (in *Interpreter) redefines(es []*cells.Entry) bool {
	for _, e := range es {
		if in.sess.has(e) {
			return true
		}
	}
	return false
}

// runStep runs one step of cell cur.
func (in *Interpreter) runStep(ctx context.Context, cur int, st *cells.Step) (*display.Data, error) {
	switch st.Kind {
	case cells.StepImport:
		return nil, in.runImports(cur, st.Imports)
	case cells.StepDecl:
		if in.dirty || in.redefines(st.Entries) {
			return nil, in.rebuildAndTell(ctx, cur, st.Entries)
		}
		prog, err := in.compile(cells.DeclFile(st.Decls, st.First))
		if err != nil {
			return nil, in.compileErr(err, cur, st)
		}
		if err := in.exec(ctx, cur, prog, nil); err != nil {
			in.dirty = true
			return nil, err
		}
		in.sess.addDecls(st.Entries)
		return nil, nil
	case cells.StepVar:
		in.inVarStep(st.First)
		defer in.inVarStep(token.NoPos)
		if ok, err := in.defineMulti(ctx, cur, st); ok {
			return nil, err
		}
		if st.Define != nil && in.callsGeneric(st.Define) {
			// yaegi panics on a generic call in a global definition: go
			// straight to the typed form.
			if ok, terr := in.defineTyped(ctx, cur, st); ok {
				return nil, terr
			}
		}
		prog, err := in.compile(varNode(st.Define, st.Decls))
		if err != nil && st.Define != nil && (strings.Contains(err.Error(), errCompilePanic.Error()) || strings.Contains(err.Error(), "definition loop")) {
			// yaegi fails on some global definitions (generic calls, some
			// multi-value calls) that it compiles inside a function.
			if ok, terr := in.defineTyped(ctx, cur, st); ok {
				return nil, terr
			}
		}
		if err != nil && st.Define != nil && strings.Contains(err.Error(), "definition loop") {
			// yaegi's word for most errors in a global definition: the same
			// statement inside a function gives the real one.
			if _, ferr := in.compile(cells.StmtBody([]ast.Stmt{st.Define}, st.First)); ferr != nil {
				err = ferr
			}
		}
		if err != nil {
			return nil, in.compileErr(err, cur, st)
		}
		in.sess.addVar(st.Entries[0])
		if err := in.exec(ctx, cur, prog, nil); err != nil || st.Assign == nil {
			return nil, err
		}
		aprog, err := in.compile(cells.StmtBody([]ast.Stmt{st.Assign}, st.First))
		if err != nil {
			return nil, in.compileErr(err, cur, st)
		}
		return nil, in.exec(ctx, cur, aprog, nil)
	}
	if hasRange(st) {
		c := in.context()
		cells.ResolveRanges([]ast.Node{&ast.BlockStmt{List: st.Stmts}}, c.Globals, c.TypeOf)
	}
	// A fault at a bad address (unsafe code) panics in the goroutine that
	// runs the step, instead of ending the process.
	body := func(stmts []ast.Stmt) *ast.BlockStmt {
		b := cells.StmtBody(stmts, st.First)
		b.List = append([]ast.Stmt{panicOnFaultStmt(st.First)}, b.List...)
		return b
	}
	stmts := st.Stmts
	if st.Show != nil {
		stmts = append(stmts[:len(stmts):len(stmts)], cells.ShowStmt(st.Show))
	}
	prog, err := in.compile(body(stmts))
	if err != nil && st.Show != nil && strings.Contains(err.Error(), "as type (...any)") {
		// A call without results: run it as a statement.
		stmts = append(st.Stmts[:len(st.Stmts):len(st.Stmts)], &ast.ExprStmt{X: st.Show})
		prog, err = in.compile(body(stmts))
	}
	if err != nil {
		return nil, in.compileErr(err, cur, st)
	}
	rs := &runState{}
	if err := in.exec(ctx, cur, prog, rs); err != nil {
		return nil, err
	}
	return in.results(rs)
}

// exec runs a compiled program; rs, for statement steps, collects the
// values the show helper reports. A cancelled ctx stops the program and
// gives an Interrupted error; a panic gives a panic error with the
// interpreted frames yaegi reported.
func (in *Interpreter) exec(ctx context.Context, cur int, prog *yaegi.Program, rs *runState) error {
	in.rt.mu.Lock()
	in.rt.cur = rs
	in.rt.mu.Unlock()
	in.errw.takeFrames()
	if in.progsGen != in.gen {
		in.progs, in.progsGen = nil, in.gen
		in.dbgs.mu.Lock()
		in.dbgs.walks = nil
		in.dbgs.mu.Unlock()
	}
	var err error
	in.dbgs.mu.Lock()
	in.dbgs.preStopped = ""
	in.dbgs.mu.Unlock()
	in.rt.fault.Store(nil)
	in.dbgs.root.keepRoot(in.y)
	cells := in.debugCells(cur)
	if cells != nil && !in.dbgs.debuggableLocked(prog) {
		// yaegi's debugger would overflow the stack on it.
		cells = nil
		in.dbgs.setPlain(cur, errNotWalkable)
	} else if cells == nil {
		in.dbgs.mu.Lock()
		why := in.dbgs.plainReasonLocked()
		in.dbgs.mu.Unlock()
		in.dbgs.setPlain(cur, why)
	} else {
		in.dbgs.setPlain(cur, "")
	}
	switch {
	case ctx.Err() != nil:
		// Interrupted between two steps: the next does not start (yaegi
		// might run it whole if its goroutine started after the stop).
	case cells != nil:
		err = in.debugExec(ctx, cur, prog, cells)
	default:
		err = in.guarded(ctx, prog)
	}
	if err == nil && ctx.Err() == nil {
		in.progs = append(in.progs, prog)
	}
	if ctx.Err() != nil {
		in.rt.mu.Lock()
		close(in.rt.cancel)
		in.rt.cancel = make(chan struct{})
		in.rt.mu.Unlock()
		// Interpreted code notices the interrupt at its next node: wait
		// until the program has ended (stepBegin), a while at most, and
		// for the goroutines the session started to see it too.
		stopped := in.rt.steps.wait(interruptGrace)
		in.rt.live.wait(goroutineGrace)
		if !stopped {
			return interrupted(fmt.Sprintf("its code did not stop within %v and goes on in the background (a call into compiled code that does not return, such as sync.WaitGroup.Wait or a mutex; channel operations, select and time.Sleep do stop)", interruptGrace))
		}
		return interrupted("")
	}
	if err != nil {
		var p yaegi.Panic
		if asPanic(err, &p) {
			if cells != nil && strings.Contains(string(p.Stack), "(*Debugger).enterCall") {
				in.errw.takeFrames()
				return debuggerLimit()
			}
			frames := in.errw.takeFrames()
			e := in.runtimeError(in.rt.takeFault(p.Value), frames, cur)
			in.dbgs.mu.Lock()
			in.dbgs.carry = false // a step request ends with the panic
			in.dbgs.mu.Unlock()
			in.stopAtPanic(ctx, e, frames)
			return e
		}
		return in.compileError(err, cur)
	}
	return nil
}

// guarded runs a program with yaegi, stopped by ctx through a runGuard.
func (in *Interpreter) guarded(ctx context.Context, prog *yaegi.Program) error {
	runCtx, stop := context.WithCancel(context.Background())
	defer stop()
	g := &runGuard{stop: stop, step: prog == in.stepProg}
	unguard := in.rt.guardRun(g)
	defer unguard()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-ctx.Done():
			g.interrupt()
		case <-finished:
		}
	}()
	_, err := in.y.ExecuteWithContext(runCtx, prog)
	if err == nil && runCtx.Err() != nil {
		err = runCtx.Err()
	}
	return err
}

func asPanic(err error, p *yaegi.Panic) bool {
	if v, ok := err.(yaegi.Panic); ok {
		*p = v
		return true
	}
	return false
}

// results turns the values recorded by the show helper into the cell's
// execute_result: a renderer's bundle when there is a single value that
// renders itself, the values' text otherwise. Further rich values are
// published as display data.
func (in *Interpreter) results(rs *runState) (*display.Data, error) {
	rs.mu.Lock()
	rr := rs.results
	rs.mu.Unlock()
	if len(rr) == 0 {
		return nil, nil
	}
	if len(rr) == 1 && rr[0].renderer == nil {
		switch d := rr[0].value.(type) {
		case display.Data:
			return &d, nil
		case *display.Data:
			if d != nil {
				c := *d
				return &c, nil
			}
		}
	}
	if len(rr) == 1 && rr[0].renderer != nil {
		d, err := render(rr[0].renderer)
		if err != nil {
			return nil, &engine.Error{Name: "RenderError", Value: err.Error(), Traceback: []string{"RenderError: " + err.Error()}}
		}
		return &d, nil
	}
	texts := make([]string, 0, len(rr))
	multiline := false
	for _, r := range rr {
		t := r.text
		if r.renderer != nil {
			if d, err := render(r.renderer); err == nil {
				display.Publish(d)
			}
			t = fmt.Sprint(r.value)
		}
		t = formatValue(r.value, t)
		multiline = multiline || strings.Contains(t, "\n")
		texts = append(texts, t)
	}
	sep := ", "
	if multiline {
		sep = "\n"
	}
	d := display.New("text/plain", strings.Join(texts, sep))
	return &d, nil
}

// render calls Render, turning a panic into an error.
func render(r display.Renderer) (d display.Data, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("Render panicked: %v", p)
		}
	}()
	return r.Render()
}

// typeRe reads the type of an expression out of the error of a probe
// assignment.
var typeRe = regexp.MustCompile(`cannot use type (.+) as type struct ?\{ ?_gocalc int ?\}`)

// defineMulti runs a definition of several global variables from one
// multi-value expression (a, b := f(), var a, b = m[k]) whose types the
// front end gave: it declares them with their types, then assigns them in
// a function. yaegi failed on the multi-value form at package level. It
// reports whether it handled the step.
func (in *Interpreter) defineMulti(ctx context.Context, cur int, st *cells.Step) (bool, error) {
	a := st.Define
	if a == nil || len(a.Lhs) < 2 || len(a.Rhs) != 1 {
		return false, nil
	}
	at := a.Pos()
	p := in.y.FileSet().Position(at)
	cell, line := cells.DecodeLine(p.Line)
	types := in.lowered.VarsOf(cell)[[2]int{line, p.Column}]
	if len(types) != len(a.Lhs) {
		return false, nil
	}
	var decl strings.Builder
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return false, nil
		}
		if id.Name != "_" {
			fmt.Fprintf(&decl, "var %s %s\n", id.Name, types[i])
		}
	}
	if decl.Len() == 0 || len(st.Entries) != 1 {
		return false, nil
	}
	// The declarations name packages by the aliases the interpreter
	// imported them under; the session keeps the cell's own text.
	it := cells.Item{Kind: cells.ItemVar, Text: decl.String(), Line: line, Col: p.Column, Cell: cell}
	parsed, perr := cells.ParseItems(in.y.FileSet(), []cells.Item{it}, cells.CellContext{Lowered: in.lowered, Symbols: packages()})
	if perr != nil {
		return false, nil
	}
	cells.Alias(in.y.FileSet(), parsed[0].File, cell, nil)
	prog, cerr := in.compile(parsed[0].File)
	if cerr != nil {
		return false, nil
	}
	if err := in.exec(ctx, cur, prog, nil); err != nil {
		return true, err
	}
	in.sess.addVar(st.Entries[0])
	assign := &ast.AssignStmt{Lhs: a.Lhs, TokPos: a.TokPos, Tok: token.ASSIGN, Rhs: a.Rhs}
	aprog, aerr := in.compile(cells.StmtBody([]ast.Stmt{assign}, at))
	if aerr != nil {
		return true, in.compileErr(aerr, cur, st)
	}
	return true, in.exec(ctx, cur, aprog, &runState{})
}

// defineTyped runs `x := v` as `var x T` then `x = v` inside a function,
// learning T from yaegi's error for a probe assignment of v to a struct
// type no value has. It reports false when the type cannot be learnt.
func (in *Interpreter) defineTyped(ctx context.Context, cur int, st *cells.Step) (bool, error) {
	a := st.Define
	if len(a.Lhs) != 1 || len(a.Rhs) != 1 {
		return false, nil
	}
	name, ok := a.Lhs[0].(*ast.Ident)
	if !ok {
		return false, nil
	}
	at := a.Pos()
	probeType := &ast.StructType{Struct: at, Fields: &ast.FieldList{Opening: at, List: []*ast.Field{{Names: []*ast.Ident{{NamePos: at, Name: "_gocalc"}}, Type: &ast.Ident{NamePos: at, Name: "int"}}}, Closing: at}}
	probe := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: at, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{{NamePos: at, Name: "_"}}, Type: probeType, Values: a.Rhs}}}}
	lit := &ast.FuncLit{Type: &ast.FuncType{Func: at, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{probe}}}
	_, err := in.compile(&ast.BlockStmt{Lbrace: at, List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: at}}}})
	if err == nil {
		return false, nil
	}
	m := typeRe.FindStringSubmatch(err.Error())
	if m == nil {
		return false, nil
	}
	typ := strings.ReplaceAll(m[1], "main.", "")
	// Declare the variable with its type, then assign it in a function.
	p := in.y.FileSet().Position(at)
	cell, line := cells.DecodeLine(p.Line)
	declSrc := fmt.Sprintf("var %s %s", name.Name, typ)
	it := cells.Item{Kind: cells.ItemVar, Text: declSrc, Line: line, Col: p.Column, Cell: cell}
	parsed, perr := cells.ParseItems(in.y.FileSet(), []cells.Item{it}, cells.CellContext{Symbols: packages()})
	if perr != nil {
		return false, nil
	}
	prog, cerr := in.compile(parsed[0].File)
	if cerr != nil {
		return false, nil
	}
	if err := in.exec(ctx, cur, prog, nil); err != nil {
		return true, err
	}
	in.sess.addVar(&cells.Entry{Item: it, Keys: []string{name.Name}, IsVar: true})
	assign := &ast.AssignStmt{Lhs: a.Lhs, TokPos: a.TokPos, Tok: token.ASSIGN, Rhs: a.Rhs}
	body := cells.StmtBody([]ast.Stmt{assign}, at)
	aprog, aerr := in.compile(body)
	if aerr != nil {
		return true, in.compileErr(aerr, cur, st)
	}
	rs := &runState{}
	return true, in.exec(ctx, cur, aprog, rs)
}
