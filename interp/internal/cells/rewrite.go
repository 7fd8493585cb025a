package cells

import (
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
	"golang.org/x/tools/go/ast/astutil"
)

// rewriter brings a cell's AST to what yaegi runs correctly, keeping the
// original positions for error messages:
//
//   - for i := range n, with n an integer, becomes a three-clause loop;
//   - loop variables captured by a closure, a go statement or & get a
//     per-iteration copy (Go 1.22 semantics);
//   - min, max and clear call helpers;
//   - go f(x) evaluates its arguments, then runs f in a goroutine whose
//     panic is reported instead of killing the kernel;
//   - a select case that assigns what it receives (case x, ok = <-c)
//     receives into new variables and assigns them first thing in its
//     body: yaegi fails on the assignment ("reflect.Select: invalid Dir");
//     so do v, ok = <-c, m[k] and x.(T) outside select; case x := <-c
//     declares x first thing in its body, and a branch statement that
//     ends a select clause stands in a block;
//   - case a, b: of a switch without tag is case a || b:;
//   - for k, v = range x assigns k and v from new variables, and
//     a, b = f(), g() calls f and g before it assigns.
type rewriter struct {
	ints    map[string]bool // names known to hold integers
	nonInts map[string]bool // names known to hold something else
	shadow  map[string]bool // user names hiding min, max or clear
	vars    map[string]bool // names declared as variables (and fields)
	consts  map[string]bool // names declared as constants
	tmp     int
	globals map[string]bool          // the session's global variables
	typeOf  func(expr string) string // asks the session for a type, or nil
	ranges  bool                     // only rewrite range statements (a second pass)
	imports map[string]string        // the session's explicit imports: name -> path
	fset    *token.FileSet           // positions of the cells rewritten
	lowered Lowerings                // what the front end knows of ranges, by cell
	keyed   map[*ast.RangeStmt]bool  // the loops rangeChanElems made
	symbols compiled                 // the compiled packages' symbols
}

// compiled is what the pipeline needs of the compiled packages: the
// import path a cell gets for a package name without importing it, and
// a package's symbol table.
type compiled interface {
	PathOf(name string) (string, bool)
	Table(path string) map[string]reflect.Value
}

// rangeKind is what the front end says range s ranges over: "int", an
// iterator's function type, or "" when it did not say.
func (r *rewriter) rangeKind(s *ast.RangeStmt) string {
	if r.fset == nil || !s.For.IsValid() {
		return ""
	}
	p := r.fset.Position(s.For)
	cell, line := DecodeLine(p.Line)
	return r.lowered.rangesOf(cell)[[2]int{line, p.Column}]
}

// newRewriter prepares a rewriter for root, with the session's global
// names (intGlobals hold integers) and the names the session declares.
func newRewriter(roots []ast.Node, intGlobals, declared map[string]bool) *rewriter {
	r := &rewriter{ints: map[string]bool{}, nonInts: map[string]bool{}, shadow: map[string]bool{},
		vars: map[string]bool{}, consts: map[string]bool{}}
	for n := range intGlobals {
		r.ints[n] = true
	}
	for _, b := range []string{"min", "max", "clear", "any"} {
		if declared[b] {
			r.shadow[b] = true
		}
	}
	for b := range zeroNames {
		if declared[b] {
			r.shadow[b] = true
		}
	}
	for _, root := range roots {
		r.collect(root)
	}
	return r
}

var intTypes = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "uint": true,
	"uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

// collect learns, by name, which identifiers of root hold integers.
func (r *rewriter) collect(root ast.Node) {
	typed := func(names []*ast.Ident, typ ast.Expr, values []ast.Expr) {
		for i, n := range names {
			switch {
			case typ != nil:
				if id, ok := typ.(*ast.Ident); ok && intTypes[id.Name] {
					r.ints[n.Name] = true
				} else {
					r.nonInts[n.Name] = true
				}
			case i < len(values) && len(values) == len(names):
				if r.isInt(values[i]) {
					r.ints[n.Name] = true
				}
			}
		}
	}
	for range 2 { // twice, so that n := m after m := 3 is known
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GenDecl:
				if n.Tok == token.CONST {
					for _, sp := range n.Specs {
						for _, id := range sp.(*ast.ValueSpec).Names {
							r.consts[id.Name] = true
						}
					}
				}
			case *ast.Field:
				typed(n.Names, n.Type, nil)
				for _, id := range n.Names {
					r.vars[id.Name] = true
				}
			case *ast.ValueSpec:
				typed(n.Names, n.Type, n.Values)
				for _, id := range n.Names {
					r.vars[id.Name] = true
				}
			case *ast.RangeStmt:
				if n.Tok == token.DEFINE {
					for _, id := range idents(n.Key, n.Value) {
						r.vars[id.Name] = true
					}
				}
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					for _, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							r.vars[id.Name] = true
						}
					}
				}
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
					for i, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok && r.isInt(n.Rhs[i]) {
							r.ints[id.Name] = true
						}
					}
				}
			case *ast.FuncDecl:
				if n.Name.Name == "min" || n.Name.Name == "max" || n.Name.Name == "clear" {
					if n.Recv == nil {
						r.shadow[n.Name.Name] = true
					}
				}
			case *ast.TypeSpec:
				r.declares(n.Name)
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Recv == nil {
					r.declares(n.Name)
				}
			case *ast.Field:
				r.declares(n.Names...)
			case *ast.ValueSpec:
				r.declares(n.Names...)
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					for _, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							r.declares(id)
						}
					}
				}
			}
			return true
		})
	}
}

// isInt tells whether e is an integer expression, as far as names show.
func (r *rewriter) isInt(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT
	case *ast.Ident:
		return r.ints[e.Name] && !r.nonInts[e.Name]
	case *ast.ParenExpr:
		return r.isInt(e.X)
	case *ast.UnaryExpr:
		return r.isInt(e.X)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.SHL, token.SHR:
			return r.isInt(e.X)
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
			return r.isInt(e.X) || r.isInt(e.Y)
		}
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok {
			return id.Name == "len" || id.Name == "cap" || intTypes[id.Name]
		}
	}
	return false
}

// ResolveRanges rewrites, just before a step compiles, the range
// statements over expressions of globals that only the cell's earlier
// steps declared (cfg := Config{...}; for range cfg.Steps).
func ResolveRanges(nodes []ast.Node, globals map[string]bool, typeOf func(string) string) {
	r := &rewriter{ints: map[string]bool{}, nonInts: map[string]bool{}, shadow: map[string]bool{}, globals: globals, typeOf: typeOf, ranges: true}
	for _, n := range nodes {
		r.rewrite(n)
	}
}

// probedInt asks the session whether x, an expression of its global
// variables (n, cfg.Steps), is an integer.
func (r *rewriter) probedInt(x ast.Expr) bool {
	return intTypes[r.probeType(x)]
}

// probeType asks the session for the type of x, as yaegi prints it, or
// returns "". Only expressions of the session's own names are probed
// (n, cfg.Steps, Count(3)): compiling a name yaegi does not know would
// leave it declared as an incomplete type.
func (r *rewriter) probeType(x ast.Expr) string {
	if r.typeOf == nil || !r.known(x) {
		return ""
	}
	var b strings.Builder
	if err := printer.Fprint(&b, token.NewFileSet(), x); err != nil {
		return ""
	}
	return r.typeOf(b.String())
}

// known tells whether x is made only of the session's names, selectors,
// constants, and calls of them.
func (r *rewriter) known(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return r.globals[x.Name] && !r.nonInts[x.Name]
	case *ast.SelectorExpr:
		return r.known(x.X)
	case *ast.CallExpr:
		for _, a := range x.Args {
			if !constant(a) && !r.known(a) {
				return false
			}
		}
		return r.known(x.Fun)
	case *ast.ParenExpr:
		return r.known(x.X)
	}
	return constant(x)
}

func (r *rewriter) ident(name string, at token.Pos) *ast.Ident {
	return &ast.Ident{NamePos: at, Name: name}
}

func (r *rewriter) temp(prefix string, at token.Pos) *ast.Ident {
	r.tmp++
	return r.ident(fmt.Sprintf("_gocalc_%s%d", prefix, r.tmp), at)
}

// rewrite applies the rewrites to everything under root.
func (r *rewriter) rewrite(root ast.Node) {
	if !r.ranges {
		r.nestDefers(root)
		r.namedReturns(root)
		r.zeroResults(root)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			n.List = r.list(n.List)
		case *ast.SwitchStmt:
			if n.Tag == nil && !r.ranges {
				orCases(n)
			}
		case *ast.TypeSwitchStmt:
			if !r.ranges {
				r.typeSwitch(n)
			}
		case *ast.CaseClause:
			n.Body = r.list(n.Body)
		case *ast.CommClause:
			if !r.ranges {
				r.commAssign(n)
			}
			n.Body = r.list(n.Body)
		case *ast.CallExpr:
			if !r.ranges {
				r.builtin(n)
				r.methodValues(n)
			}
		case *ast.AssignStmt, *ast.ValueSpec, *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
			if !r.ranges {
				r.methodValues(n)
			}
		case *ast.File:
			// The package clause keeps its name; the rest of the file is
			// rewritten.
			for _, d := range n.Decls {
				r.rewrite(d)
			}
			return false
		case *ast.Ident:
			if n.Name == "main" && !r.ranges {
				n.Name = MainName
			}
		case *ast.SelectorExpr:
			return n.X != nil && r.walkSel(n)
		case *ast.FuncDecl:
			if n.Recv != nil && !r.ranges {
				blankParams(n.Type.Params)
			}
		case *ast.StructType:
			if !r.ranges {
				hideUnexported(n)
			}
		}
		return true
	})
}

// blankVar tells whether s is var _ T (blank names, no values).
func blankVar(s *ast.DeclStmt) bool {
	g, ok := s.Decl.(*ast.GenDecl)
	if !ok || g.Tok != token.VAR || len(g.Specs) == 0 {
		return false
	}
	for _, sp := range g.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok || len(vs.Values) > 0 {
			return false
		}
		for _, id := range vs.Names {
			if id.Name != "_" {
				return false
			}
		}
	}
	return true
}

// hideTags are the struct tags that keep an unexported field out of the
// standard library's encoders: yaegi gives a struct type's unexported
// fields exported names (x becomes Xx) for reflect, so that encoding/json
// wrote {"Xx":...} for them.
var hideTags = []string{`json:"-"`, `xml:"-"`}

// hideUnexported tags the unexported named fields of a struct type with
// hideTags, keeping their own tags and any encoder key they already have.
func hideUnexported(st *ast.StructType) {
	if st.Fields == nil {
		return
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || token.IsExported(f.Names[0].Name) {
			continue
		}
		tag := ""
		if f.Tag != nil {
			if t, err := strconv.Unquote(f.Tag.Value); err == nil {
				tag = t
			} else {
				continue
			}
		}
		for _, h := range hideTags {
			key := h[:strings.Index(h, ":")]
			if _, ok := reflect.StructTag(tag).Lookup(key); ok {
				continue
			}
			tag = strings.TrimSpace(tag + " " + h)
		}
		at := f.Type.End()
		if f.Tag != nil {
			at = f.Tag.Pos()
		}
		f.Tag = &ast.BasicLit{ValuePos: at, Kind: token.STRING, Value: strconv.Quote(tag)}
	}
}

// blankParams names the parameters of a method that are not named _:
// a method value (f := s.M) of a method with unnamed parameters, M(int),
// wrote its results over the receiver's fields ("reflect.Set: value of
// type int is not assignable to type bool").
func blankParams(params *ast.FieldList) {
	if params == nil {
		return
	}
	for _, f := range params.List {
		if len(f.Names) > 0 {
			return // all named, or all not
		}
	}
	for _, f := range params.List {
		f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
	}
}

// orCases writes the case a, b: of a switch without tag as case a || b:
// yaegi tested the first expression only.
func orCases(s *ast.SwitchStmt) {
	for _, st := range s.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok || len(cc.List) < 2 {
			continue
		}
		e := cc.List[0]
		for _, x := range cc.List[1:] {
			e = &ast.BinaryExpr{X: e, OpPos: x.Pos(), Op: token.LOR, Y: &ast.ParenExpr{Lparen: x.Pos(), X: x, Rparen: x.End()}}
		}
		cc.List = []ast.Expr{e}
	}
}

// commAssign rewrites case x, ok = <-c: into case t1, t2 := <-c: x, ok =
// t1, t2 (case _ = <-c: into case <-c:).
func (r *rewriter) commAssign(c *ast.CommClause) {
	// case x := (<-c): yaegi takes only an unparenthesized receive.
	switch s := c.Comm.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			s.Rhs[0] = ast.Unparen(s.Rhs[0])
		}
	case *ast.ExprStmt:
		s.X = ast.Unparen(s.X)
	}
	commBranch(c)
	as, ok := c.Comm.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return
	}
	at := as.TokPos
	tmps, lhs, rhs := r.assignVia("recv", at, as.Lhs)
	if len(lhs) == 0 {
		c.Comm = &ast.ExprStmt{X: as.Rhs[0]}
		return
	}
	set := &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: as.Tok, Rhs: rhs}
	body := []ast.Stmt{set}
	if as.Tok == token.DEFINE {
		// case x := <-c: declares x in the clause's body, so that each
		// time the select runs has its own x; yaegi kept one variable
		// for all (&x in a loop gave the same pointer each time). The
		// blank assignments keep a variable the body does not use
		// legal.
		for _, l := range lhs {
			body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{r.ident("_", at)}, TokPos: at, Tok: token.ASSIGN,
				Rhs: []ast.Expr{r.ident(l.(*ast.Ident).Name, at)}})
		}
	}
	as.Lhs, as.Tok = tmps, token.DEFINE
	c.Body = append(body, c.Body...)
}

// commBranch puts a branch statement that ends a select clause (break L,
// continue, goto) in a block of its own: yaegi chains the last statement
// of a clause to the end of the select, and so ran on after the select
// instead of leaving the loop or continuing it.
func commBranch(c *ast.CommClause) {
	if len(c.Body) == 0 {
		return
	}
	b, ok := c.Body[len(c.Body)-1].(*ast.BranchStmt)
	if !ok || b.Tok == token.FALLTHROUGH || (b.Tok == token.BREAK && b.Label == nil) {
		return
	}
	c.Body[len(c.Body)-1] = &ast.BlockStmt{Lbrace: b.Pos(), List: []ast.Stmt{b}, Rbrace: b.End()}
}

// walkSel rewrites the left side of a selector only: x.main is a field.
func (r *rewriter) walkSel(s *ast.SelectorExpr) bool {
	r.rewrite(s.X)
	return false
}

// list rewrites the statements of one statement list, in place when none
// is added.
func (r *rewriter) list(stmts []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for i, s := range stmts {
		s = r.stmt(s)
		stmts[i] = s
		z := r.zeroCommaOk(s)
		if z != nil && out == nil {
			out = append([]ast.Stmt{}, stmts[:i]...)
		}
		if out != nil {
			out = append(out, s)
			if z != nil {
				out = append(out, z)
			}
		}
	}
	if out == nil {
		return stmts
	}
	return out
}

// zeroCommaOk is the statement that gives v its zero value after
// v, ok := x.(T) or v, ok := m[k] fails, or nil: yaegi left v as it was,
// and in a loop v kept the value of an earlier iteration. The blank status
// of v, _ := ... becomes a variable. For m[k], m and k must be variables
// or constants: the statement is if !ok { v = m[k] }.
func (r *rewriter) zeroCommaOk(s ast.Stmt) ast.Stmt {
	as, ok := s.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil
	}
	v, ok1 := as.Lhs[0].(*ast.Ident)
	st, ok2 := as.Lhs[1].(*ast.Ident)
	if !ok1 || !ok2 || v.Name == "_" {
		return nil
	}
	at := as.TokPos
	var zero ast.Stmt
	set := func(x ast.Expr) ast.Stmt {
		return &ast.AssignStmt{Lhs: []ast.Expr{r.ident(v.Name, at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{x}}
	}
	switch x := as.Rhs[0].(type) {
	case *ast.TypeAssertExpr:
		if x.Type == nil {
			return nil
		}
		z := r.temp("zero", at)
		decl := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: at, Tok: token.VAR,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{z}, Type: x.Type}}}}
		zero = &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{decl, set(r.ident(z.Name, at))}, Rbrace: at}
	case *ast.IndexExpr:
		if !pureOperand(x.X) || !pureOperand(x.Index) {
			return nil
		}
		zero = &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{set(&ast.IndexExpr{X: x.X, Lbrack: x.Lbrack, Index: x.Index, Rbrack: x.Rbrack})}, Rbrace: at}
	default:
		return nil
	}
	if st.Name == "_" {
		st = r.temp("ok", at)
		as.Lhs[1] = st
	}
	return &ast.IfStmt{If: at, Cond: &ast.UnaryExpr{OpPos: at, Op: token.NOT, X: r.ident(st.Name, at)}, Body: zero.(*ast.BlockStmt)}
}

// selectOperands evaluates the channels and the values sent of a select
// statement before it, in the order they are written, when one of them
// calls a function: { t1 := c; t2 := f(); select { case t1 <- x: case
// <-t2: } }. Go evaluates them once, in source order, on entering the
// select; yaegi made the calls first, and read the other operands after
// them. A value sent is taken first when it calls a function or is a
// variable (a constant keeps its own type).
func (r *rewriter) selectOperands(s *ast.SelectStmt) ast.Stmt {
	if !selectCalls(s) {
		return s
	}
	var list []ast.Stmt
	take := func(e ast.Expr, value bool) ast.Expr {
		switch x := e.(type) {
		case *ast.BasicLit:
			return e
		case *ast.Ident:
			if x.Name == "nil" || x.Name == "_" || value && (!r.vars[x.Name] || r.consts[x.Name]) {
				return e
			}
		default:
			if value && !hasCall(e) {
				return e
			}
		}
		t := r.temp("sel", e.Pos())
		list = append(list, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: e.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{e}})
		return r.ident(t.Name, e.Pos())
	}
	recv := func(e ast.Expr) {
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			u.X = take(u.X, false)
		}
	}
	eachComm(s, func(c *ast.SendStmt) {
		c.Chan = take(c.Chan, false)
		c.Value = take(c.Value, true)
	}, recv)
	if len(list) == 0 {
		return s
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: append(list, s), Rbrace: s.End()}
}

// eachComm calls send with each send case of s, and recv with the
// receive expression of each receive case.
func eachComm(s *ast.SelectStmt, send func(*ast.SendStmt), recv func(ast.Expr)) {
	for _, st := range s.Body.List {
		cc, ok := st.(*ast.CommClause)
		if !ok {
			continue
		}
		switch c := cc.Comm.(type) {
		case *ast.SendStmt:
			send(c)
		case *ast.ExprStmt:
			recv(c.X)
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 {
				recv(c.Rhs[0])
			}
		}
	}
}

// selectCalls tells whether a select's channels or values sent call
// functions.
func selectCalls(s *ast.SelectStmt) bool {
	calls := false
	recvCall := func(e ast.Expr) {
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.ARROW && hasCall(u.X) {
			calls = true
		}
	}
	// (Not the left of case *f() = <-c: Go evaluates it when the case is
	// chosen.)
	eachComm(s, func(c *ast.SendStmt) { calls = calls || hasCall(c.Chan) || hasCall(c.Value) }, recvCall)
	return calls
}

// deferArgs rewrites defer f(v), with v a variable, into
// { t := v; defer f(t) }: yaegi kept the variable itself for the deferred
// call, which saw the variable's value at the function's end (a defer in
// a loop saw the last iteration's value each time); a variable declared
// with := gets its own storage.
func (r *rewriter) deferArgs(s *ast.DeferStmt) ast.Stmt {
	var list []ast.Stmt
	for i, a := range s.Call.Args {
		id, ok := a.(*ast.Ident)
		if !ok || id.Name == "_" || !r.vars[id.Name] || r.consts[id.Name] {
			continue
		}
		t := r.temp("darg", id.Pos())
		list = append(list, &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: id.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{id}})
		s.Call.Args[i] = r.ident(t.Name, id.Pos())
	}
	if len(list) == 0 {
		return s
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: append(list, s), Rbrace: s.End()}
}

// pureOperand tells whether evaluating e twice is evaluating it once:
// names, fields of names, literals.
func pureOperand(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return pureOperand(e.X)
	case *ast.ParenExpr:
		return pureOperand(e.X)
	}
	return false
}

func (r *rewriter) stmt(s ast.Stmt) ast.Stmt {
	if r.ranges {
		if rs, ok := s.(*ast.RangeStmt); ok {
			if rs.Value == nil && r.probedInt(rs.X) {
				return r.rangeInt(rs)
			}
			if f := r.rangeFunc(rs); f != nil {
				return f
			}
		}
		if ls, ok := s.(*ast.LabeledStmt); ok {
			if rs, ok := ls.Stmt.(*ast.RangeStmt); ok && rs.Value == nil && r.probedInt(rs.X) {
				b := r.rangeInt(rs).(*ast.BlockStmt)
				ls.Stmt = b.List[1]
				b.List[1] = ls
				return b
			}
		}
		return s
	}
	switch s := s.(type) {
	case *ast.DeclStmt:
		if blankVar(s) {
			// var _ T declares nothing; yaegi refused it in a function
			// ("cannot use _ as value").
			return &ast.EmptyStmt{Semicolon: s.Pos(), Implicit: true}
		}
	case *ast.TypeSwitchStmt:
		if b := r.switchChain(s); b != nil {
			return b
		}
	case *ast.LabeledStmt:
		if sel, ok := s.Stmt.(*ast.SelectStmt); ok {
			if sw := r.selectSwitch(sel); sw != nil && !selectCalls(sel) {
				s.Stmt = sw // break L leaves the switch as it left the select
			}
			return s // break L leaves the select: it keeps its operands
		}
		if ts, ok := s.Stmt.(*ast.TypeSwitchStmt); ok {
			if b := r.switchChain(ts); b != nil {
				// keep the label on the switch: { ...; L: switch { ... } }
				last := len(b.List) - 1
				s.Stmt = b.List[last]
				b.List[last] = s
				return b
			}
		}
		inner := r.stmt(s.Stmt)
		if b, ok := inner.(*ast.BlockStmt); ok && len(b.List) == 2 && isLoop(b.List[1]) {
			// keep the label on the loop: { n := ...; L: for ... }
			s.Stmt = b.List[1]
			b.List[1] = s
			return b
		}
		s.Stmt = inner
	case *ast.RangeStmt:
		if s.Tok == token.ASSIGN {
			r.rangeAssign(s)
		}
		switch kind := r.rangeKind(s); {
		case kind == "int":
			return r.rangeInt(s)
		case kind == front.RangeString:
			return r.rangeString(s)
		case kind == front.RangeChanElems && !r.keyed[s]:
			return r.rangeChanElems(s)
		case kind != "":
			if f := r.rangeFuncOf(s, kind); f != nil {
				return f
			}
		}
		if s.Value == nil && (r.isInt(s.X) || r.probedInt(s.X)) {
			return r.rangeInt(s)
		}
		if f := r.rangeFunc(s); f != nil {
			return f
		}
		if s.Tok == token.DEFINE && captures(s.Body, idents(s.Key, s.Value)) {
			names := idents(s.Key, s.Value)
			s.Body.List = append(copies(names), r.hoistLits(s.Body.List, names)...)
		}
	case *ast.ForStmt:
		perIteration(r, s)
	case *ast.IfStmt:
		// if v, ok := m[k]; ok { is { v, ok := m[k]; if !ok { v = m[k] };
		// if ok {.
		if z := r.zeroCommaOk(s.Init); z != nil {
			init := s.Init
			s.Init = nil
			return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{init, z, s}, Rbrace: s.End()}
		}
	case *ast.SwitchStmt:
		if z := r.zeroCommaOk(s.Init); z != nil {
			init := s.Init
			s.Init = nil
			return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{init, z, s}, Rbrace: s.End()}
		}
	case *ast.GoStmt:
		return r.goStmt(s)
	case *ast.DeferStmt:
		return r.deferArgs(s)
	case *ast.SelectStmt:
		st := r.selectOperands(s)
		if b, ok := st.(*ast.BlockStmt); ok {
			if sw := r.selectSwitch(s); sw != nil {
				b.List[len(b.List)-1] = sw
			}
			return b
		}
		if sw := r.selectSwitch(s); sw != nil {
			return sw
		}
		return st
	case *ast.AssignStmt:
		if p := r.opAssignCall(s); p != nil {
			return p
		}
		if p := r.leftOperands(s); p != nil {
			return p
		}
		if p := r.parallelAssign(s); p != nil {
			return p
		}
		return r.commaOkAssign(s)
	}
	return s
}

// opAssignCall rewrites x[k] op= f() into { t := f(); x[k] op= t }: Go
// calls f before it evaluates x[k], yaegi read the element of x before
// the call and stored the result into the map the call had put in x
// (issue21687). Only a call of a function (not a builtin's, not a
// conversion) has the type the element has.
func (r *rewriter) opAssignCall(s *ast.AssignStmt) ast.Stmt {
	if s.Tok == token.ASSIGN || s.Tok == token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
		return nil
	}
	if _, ok := ast.Unparen(s.Lhs[0]).(*ast.IndexExpr); !ok {
		return nil
	}
	if c, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); !ok || !hasCall(c) {
		return nil
	}
	switch s.Tok {
	case token.SHL_ASSIGN, token.SHR_ASSIGN:
		return nil // the shift count has a type of its own
	}
	at := s.TokPos
	t := r.temp("v", at)
	def := &ast.AssignStmt{Lhs: []ast.Expr{t}, TokPos: at, Tok: token.DEFINE, Rhs: s.Rhs}
	set := &ast.AssignStmt{Lhs: s.Lhs, TokPos: at, Tok: s.Tok, Rhs: []ast.Expr{r.ident(t.Name, at)}}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{def, set}, Rbrace: s.End()}
}

// rangeAssign rewrites for k, v = range x { ... } into
// for t1, t2 := range x { k, v = t1, t2; ... }: yaegi did not assign k
// and v (after the loop, k kept its old value).
func (r *rewriter) rangeAssign(s *ast.RangeStmt) {
	at := s.For
	var targets []ast.Expr
	for _, e := range []ast.Expr{s.Key, s.Value} {
		if e != nil {
			targets = append(targets, e)
		}
	}
	tmps, lhs, rhs := r.assignVia("k", at, targets)
	if len(lhs) == 0 {
		return
	}
	s.Key = tmps[0]
	if len(tmps) > 1 {
		s.Value = tmps[1]
	}
	s.Tok = token.DEFINE
	set := &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: token.ASSIGN, Rhs: rhs}
	s.Body.List = append([]ast.Stmt{set}, s.Body.List...)
}

// parallelAssign rewrites a, b = f(), g() (variables, elements or fields
// on the left, calls on the right) into { t1, t2 := f(), g(); a, b = t1,
// t2 }: Go evaluates every call before it assigns, yaegi assigned a before
// it called g.
func (r *rewriter) parallelAssign(s *ast.AssignStmt) ast.Stmt {
	if s.Tok != token.ASSIGN || len(s.Lhs) < 2 || len(s.Lhs) != len(s.Rhs) {
		return nil
	}
	for _, l := range s.Lhs {
		switch l.(type) {
		case *ast.Ident, *ast.IndexExpr, *ast.StarExpr, *ast.SelectorExpr:
		default:
			return nil
		}
	}
	at := s.TokPos
	var tmps, vals []ast.Expr
	rhs := make([]ast.Expr, len(s.Rhs))
	for i, e := range s.Rhs {
		rhs[i] = e
		if !hasCall(e) {
			continue
		}
		t := r.temp("v", at)
		tmps = append(tmps, t)
		vals = append(vals, e)
		rhs[i] = r.ident(t.Name, at)
	}
	if len(tmps) < 2 && panicsAfterSet(s.Lhs, s.Rhs) {
		// bad, _ = true, *p: every value in a variable first.
		tmps, vals = nil, nil
		for i, e := range s.Rhs {
			t := r.temp("v", at)
			tmps = append(tmps, t)
			vals = append(vals, e)
			rhs[i] = r.ident(t.Name, at)
		}
	}
	if len(tmps) < 2 {
		return nil // one call: nothing to evaluate before another
	}
	def := &ast.AssignStmt{Lhs: tmps, TokPos: at, Tok: token.DEFINE, Rhs: vals}
	set := &ast.AssignStmt{Lhs: s.Lhs, TokPos: at, Tok: token.ASSIGN, Rhs: rhs}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{def, set}, Rbrace: s.End()}
}

// panicsAfterSet tells whether a value of a, b = x, y (with lhs nil, of
// return x, y) may panic, by a dereference, an index, an assertion, a
// division or a call, after a value on its left is assigned to something
// but _: yaegi assigned the values in turn, and a panic recovered left the
// earlier ones assigned, where Go assigns none.
func panicsAfterSet(lhs, values []ast.Expr) bool {
	set := false
	for i, e := range values {
		if set && mayPanic(e) {
			return true
		}
		if lhs == nil || !isBlankIdent(lhs[i]) {
			set = true
		}
	}
	return false
}

// mayPanic tells whether evaluating e may panic (outside the function
// literals it holds).
func mayPanic(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.StarExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.TypeAssertExpr:
			found = true
		case *ast.CallExpr:
			found = found || hasCall(n)
		case *ast.BinaryExpr:
			found = found || n.Op == token.QUO || n.Op == token.REM
		}
		return !found
	})
	return found
}

// leftOperands rewrites i, m[i] = 1, 2 into { t := i; i, m[t] = 1, 2 }:
// Go evaluates the index operands (and the pointers of indirections) on
// the left before it assigns anything, yaegi evaluated each when it
// assigned to it, after the assignments on its left. Only indices and
// pointers are taken first: they are values, whatever their type. The
// assignment itself is then rewritten as parallelAssign says; the results
// of a call (m[f()], *g() = h()), or of a comma-ok form (*p, ok = m[k]),
// are taken in variables of their own first.
func (r *rewriter) leftOperands(s *ast.AssignStmt) ast.Stmt {
	if s.Tok != token.ASSIGN || len(s.Lhs) < 2 {
		return nil
	}
	if len(s.Lhs) != len(s.Rhs) {
		// m[f()], *g() = h(): the results of one call.
		if len(s.Rhs) != 1 {
			return nil
		}
		switch x := ast.Unparen(s.Rhs[0]).(type) {
		case *ast.CallExpr:
		case *ast.IndexExpr, *ast.TypeAssertExpr:
			// *p, ok = m[k]: the comma-ok forms.
		case *ast.UnaryExpr:
			if x.Op != token.ARROW {
				return nil
			}
		default:
			return nil
		}
	}
	at := s.TokPos
	var tmps, vals []ast.Expr
	lhs := make([]ast.Expr, len(s.Lhs))
	take := func(e ast.Expr) ast.Expr {
		switch e.(type) {
		case *ast.BasicLit:
			return e
		case *ast.Ident:
			// nil, or a temporary of this rewrite (which the rewriter
			// visits again).
			if n := e.(*ast.Ident).Name; n == "nil" || strings.HasPrefix(n, "_gocalc_l") || r.consts[n] {
				return e
			}
		}
		t := r.temp("l", at)
		tmps = append(tmps, t)
		vals = append(vals, e)
		return r.ident(t.Name, at)
	}
	elems := false
	for i, l := range s.Lhs {
		lhs[i] = l
		switch x := l.(type) {
		case *ast.IndexExpr:
			lhs[i] = &ast.IndexExpr{X: x.X, Lbrack: x.Lbrack, Index: take(x.Index), Rbrack: x.Rbrack}
			elems = true
		case *ast.StarExpr:
			lhs[i] = &ast.StarExpr{Star: x.Star, X: take(x.X)}
			elems = true
		}
	}
	if len(tmps) == 0 && (len(s.Lhs) == len(s.Rhs) || !elems) {
		return nil
	}
	var def ast.Stmt = &ast.AssignStmt{Lhs: tmps, TokPos: at, Tok: token.DEFINE, Rhs: vals}
	if len(tmps) == 0 {
		def = &ast.EmptyStmt{Semicolon: at, Implicit: true}
	}
	rhs := s.Rhs
	var results ast.Stmt
	if len(s.Lhs) != len(s.Rhs) {
		// The call's results in variables of their own, assigned then
		// (yaegi assigned no result of a call to an element or through
		// a pointer).
		var res []ast.Expr
		rhs = nil
		for _, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
				res = append(res, r.ident("_", at))
				rhs = append(rhs, r.ident("_", at))
				continue
			}
			t := r.temp("res", at)
			res = append(res, t)
			rhs = append(rhs, r.ident(t.Name, at))
		}
		results = &ast.AssignStmt{Lhs: res, TokPos: at, Tok: token.DEFINE, Rhs: s.Rhs}
		// A blank on the left takes its result straight.
		var l2, r2 []ast.Expr
		for i := range lhs {
			if id, ok := rhs[i].(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			l2, r2 = append(l2, lhs[i]), append(r2, rhs[i])
		}
		lhs, rhs = l2, r2
	}
	set := &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: token.ASSIGN, Rhs: rhs}
	if results != nil {
		return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{def, results, set}, Rbrace: s.End()}
	}
	var assign ast.Stmt = set
	if p := r.parallelAssign(set); p != nil {
		assign = p
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{def, assign}, Rbrace: s.End()}
}

// hasCall tells whether e calls a function (not a builtin that may give
// an untyped constant, nor a conversion to a named basic type).
func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		if id, ok := c.Fun.(*ast.Ident); ok {
			switch id.Name {
			case "len", "cap", "complex", "real", "imag", "min", "max", "new", "make":
				return true
			}
			if intTypes[id.Name] || id.Name == "float32" || id.Name == "float64" || id.Name == "string" || id.Name == "bool" {
				return true
			}
		}
		if _, ok := c.Fun.(*ast.FuncLit); ok {
			found = true
			return false
		}
		switch c.Fun.(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.ParenExpr, *ast.CallExpr:
			found = true
		}
		return !found
	})
	return found
}

// isLoop tells whether s is a for or range statement.
func isLoop(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// commaOkAssign rewrites v, ok = <-c (or m[k], or x.(T)) into
// { t1, t2 := <-c; v, ok = t1, t2 }, when v and ok are names: yaegi
// stores the two results straight into v and ok, and failed when they
// are interfaces ("SetBool on interface Value").
func (r *rewriter) commaOkAssign(s *ast.AssignStmt) ast.Stmt {
	if s.Tok != token.ASSIGN || len(s.Lhs) != 2 || len(s.Rhs) != 1 {
		return s
	}
	switch x := ast.Unparen(s.Rhs[0]).(type) {
	case *ast.UnaryExpr:
		if x.Op != token.ARROW {
			return s
		}
	case *ast.IndexExpr, *ast.TypeAssertExpr:
	default:
		return s
	}
	at := s.TokPos
	for _, l := range s.Lhs {
		if _, ok := l.(*ast.Ident); !ok {
			return s
		}
	}
	tmps, lhs, rhs := r.assignVia("ok", at, s.Lhs)
	if len(lhs) == 0 {
		return s
	}
	def := &ast.AssignStmt{Lhs: tmps, TokPos: at, Tok: token.DEFINE, Rhs: s.Rhs}
	set := &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: token.ASSIGN, Rhs: rhs}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{def, set}, Rbrace: s.End()}
}

// rangeInt turns `for i := range n { ... }` into
// `{ _n := n; for i := _n - _n; i < _n; i++ { ... } }`; i gets n's type.
func (r *rewriter) rangeInt(s *ast.RangeStmt) ast.Stmt {
	at := s.For
	n := r.temp("n", at)
	key, _ := s.Key.(*ast.Ident)
	tok := s.Tok
	if key == nil || key.Name == "_" {
		key, tok = r.temp("i", at), token.DEFINE
	}
	zero := &ast.BinaryExpr{X: r.ident(n.Name, at), OpPos: at, Op: token.SUB, Y: r.ident(n.Name, at)}
	loop := &ast.ForStmt{
		For:  at,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{r.ident(key.Name, key.Pos())}, TokPos: at, Tok: tok, Rhs: []ast.Expr{zero}},
		Cond: &ast.BinaryExpr{X: r.ident(key.Name, at), OpPos: at, Op: token.LSS, Y: r.ident(n.Name, at)},
		Post: &ast.IncDecStmt{X: r.ident(key.Name, at), TokPos: at, Tok: token.INC},
		Body: s.Body,
	}
	def := &ast.AssignStmt{Lhs: []ast.Expr{n}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{s.X}}
	return &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{def, loop}, Rbrace: s.Body.Rbrace}
}

// rangeString turns for k, v := range x { ... } over a string (after
// rangeAssign) into { t := string(x); for i := 0; i < len(t); { c, n :=
// rune(t[i]), 1; if c >= utf8.RuneSelf { c, n = utf8.DecodeRuneInString(
// t[i:]) }; k, v := i, c; i += n; { ... } } }: yaegi ranged over
// []rune(x), so that k counted runes where the range has no value
// variable, and each invalid byte advanced k by three. The body stays a
// block of its own (it may declare k again); each iteration has variables
// of its own.
func (r *rewriter) rangeString(s *ast.RangeStmt) ast.Stmt {
	at := s.For
	x, i, c, n := r.temp("x", at), r.temp("i", at), r.temp("c", at), r.temp("n", at)
	id := func(t *ast.Ident) *ast.Ident { return r.ident(t.Name, at) }
	utf8 := func(name string) ast.Expr {
		return &ast.SelectorExpr{X: r.ident(front.Alias("unicode/utf8"), at), Sel: r.ident(name, at)}
	}
	decode := &ast.AssignStmt{Lhs: []ast.Expr{c, n}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{
		&ast.CallExpr{Fun: r.ident("rune", at), Lparen: at, Args: []ast.Expr{&ast.IndexExpr{X: id(x), Lbrack: at, Index: id(i), Rbrack: at}}, Rparen: at},
		&ast.BasicLit{ValuePos: at, Kind: token.INT, Value: "1"},
	}}
	multi := &ast.IfStmt{If: at,
		Cond: &ast.BinaryExpr{X: id(c), OpPos: at, Op: token.GEQ, Y: utf8("RuneSelf")},
		Body: &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{id(c), id(n)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{
			&ast.CallExpr{Fun: utf8("DecodeRuneInString"), Lparen: at, Args: []ast.Expr{&ast.SliceExpr{X: id(x), Lbrack: at, Low: id(i), Rbrack: at}}, Rparen: at},
		}}}},
	}
	list := []ast.Stmt{decode, multi}
	var lhs, rhs []ast.Expr
	if s.Key != nil && !isBlankIdent(s.Key) {
		lhs = append(lhs, s.Key)
		rhs = append(rhs, id(i))
	}
	if s.Value != nil && !isBlankIdent(s.Value) {
		lhs = append(lhs, s.Value)
		rhs = append(rhs, id(c))
	}
	if len(lhs) > 0 {
		list = append(list, &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: s.Tok, Rhs: rhs})
	}
	list = append(list, &ast.AssignStmt{Lhs: []ast.Expr{id(i)}, TokPos: at, Tok: token.ADD_ASSIGN, Rhs: []ast.Expr{id(n)}})
	body := s.Body
	if s.Tok == token.DEFINE && captures(body, idents(s.Key, s.Value)) {
		body.List = r.hoistLits(body.List, idents(s.Key, s.Value))
	}
	loop := &ast.ForStmt{
		For:  at,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{i}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.BasicLit{ValuePos: at, Kind: token.INT, Value: "0"}}},
		Cond: &ast.BinaryExpr{X: id(i), OpPos: at, Op: token.LSS, Y: &ast.CallExpr{Fun: r.ident("len", at), Lparen: at, Args: []ast.Expr{id(x)}, Rparen: at}},
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: append(list, body), Rbrace: s.Body.Rbrace},
	}
	def := &ast.AssignStmt{Lhs: []ast.Expr{x}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{
		&ast.CallExpr{Fun: r.ident("string", at), Lparen: at, Args: []ast.Expr{s.X}, Rparen: at}}}
	return &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{def, loop}, Rbrace: s.Body.Rbrace}
}

// rangeChanElems rewrites for k, v := range x, whose elements are
// channels, into { t := x; for i := range t { k, v := i, t[i]; ... } }
// (after rangeAssign): yaegi took a range whose value variable is a
// channel for a range over a channel ("reflect: call of reflect.Value.Len
// on int Value"). x is evaluated once, as Go does, and each iteration has
// variables of its own.
func (r *rewriter) rangeChanElems(s *ast.RangeStmt) ast.Stmt {
	at := s.For
	x, i := r.temp("x", at), r.temp("i", at)
	var lhs, rhs []ast.Expr
	if s.Key != nil && !isBlankIdent(s.Key) {
		lhs = append(lhs, s.Key)
		rhs = append(rhs, r.ident(i.Name, at))
	}
	if s.Value != nil && !isBlankIdent(s.Value) {
		lhs = append(lhs, s.Value)
		rhs = append(rhs, &ast.IndexExpr{X: r.ident(x.Name, at), Lbrack: at, Index: r.ident(i.Name, at), Rbrack: at})
	}
	if len(lhs) > 0 {
		set := &ast.AssignStmt{Lhs: lhs, TokPos: at, Tok: s.Tok, Rhs: rhs}
		s.Body.List = append([]ast.Stmt{set}, s.Body.List...)
	}
	loop := &ast.RangeStmt{For: at, Key: i, TokPos: at, Tok: token.DEFINE, Range: s.Range, X: r.ident(x.Name, at), Body: s.Body}
	if r.keyed == nil {
		r.keyed = map[*ast.RangeStmt]bool{}
	}
	r.keyed[loop] = true
	def := &ast.AssignStmt{Lhs: []ast.Expr{x}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{s.X}}
	return &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{def, loop}, Rbrace: s.Body.Rbrace}
}

func isBlankIdent(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// Reserved reports names reserved for gocalc's own helpers.
func Reserved(name string) bool { return strings.HasPrefix(name, "_gocalc") }

// zeroResults gives the named results of a function their zero values
// first thing in its body, { r1 = 0; var z2 T2; r2 = z2; ... }, and names the
// results named _ so that they are zeroed too: yaegi ran the function
// with its results in the caller's slots for them (the variable a call
// is assigned to, x = f(), or the call's own slot, reused by the next
// run of the same call), which still held their last values; a function
// that appended to its result (r = append(r, v)) appended to them.
// Results that only return statements with values set are left alone.
func (r *rewriter) zeroResults(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		ft, body, ok := funcParts(n)
		if !ok {
			return true
		}
		if body == nil || ft.Results == nil {
			return true
		}
		at := body.Lbrace
		deferred := defers(body)
		if deferred {
			r.deferredResults(ft.Results, body)
		}
		// A result the body never names, in a function without bare
		// returns or deferred calls, is given by every return: left as is.
		used := map[string]bool{}
		bare := deferred
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				used[n.Name] = true
			case *ast.ReturnStmt:
				bare = bare || len(n.Results) == 0
			}
			return true
		})
		var zero []ast.Stmt
		for _, f := range ft.Results.List {
			for i, id := range f.Names {
				if !bare && !used[id.Name] {
					continue
				}
				if id.Name == "_" {
					f.Names[i] = r.temp("res", id.NamePos)
					id = f.Names[i]
				}
				// One assignment each: yaegi failed on r, err = 0, nil.
				lit := r.zeroLit(f.Type, at)
				if lit == nil {
					z := r.temp("z", at)
					zero = append(zero, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: at, Tok: token.VAR,
						Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{z}, Type: f.Type}}}})
					lit = r.ident(z.Name, at)
				}
				zero = append(zero, &ast.AssignStmt{Lhs: []ast.Expr{r.ident(id.Name, at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{lit}})
			}
		}
		if len(zero) == 0 {
			return true
		}
		body.List = append([]ast.Stmt{&ast.BlockStmt{Lbrace: at, List: zero, Rbrace: at}}, body.List...)
		return true
	})
}

// zeroNames are the predeclared names zeroLit writes or reads.
var zeroNames = map[string]bool{"false": true, "nil": true, "int": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"byte": true, "rune": true, "float32": true, "float64": true, "string": true, "bool": true, "error": true}

// declares notes the names among ids that hide the predeclared names
// zeroLit uses (func false(ok bool) {}).
func (r *rewriter) declares(ids ...*ast.Ident) {
	for _, id := range ids {
		if zeroNames[id.Name] {
			r.shadow[id.Name] = true
		}
	}
}

// zeroLit is the literal zero value of a result of type t, when t says it
// (a predeclared basic type, error, a pointer, slice, map, channel or
// function type), or nil.
func (r *rewriter) zeroLit(t ast.Expr, at token.Pos) ast.Expr {
	switch t := t.(type) {
	case *ast.Ident:
		if r.shadow[t.Name] || r.shadow["nil"] || r.shadow["false"] {
			return nil
		}
		switch {
		case intTypes[t.Name], t.Name == "float32", t.Name == "float64":
			return &ast.BasicLit{ValuePos: at, Kind: token.INT, Value: "0"}
		case t.Name == "string":
			return &ast.BasicLit{ValuePos: at, Kind: token.STRING, Value: `""`}
		case t.Name == "bool":
			return r.ident("false", at)
		case t.Name == "error":
			return r.ident("nil", at)
		}
	case *ast.StarExpr, *ast.MapType, *ast.ChanType, *ast.FuncType:
		return r.ident("nil", at)
	case *ast.ArrayType:
		if t.Len == nil {
			return r.ident("nil", at)
		}
	}
	return nil
}

// defers tells whether a function's body holds a defer statement of its
// own (not one of a function literal's).
func defers(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// deferredResults prepares the results of a function that defers calls,
// which may recover a panic and return the results as they are: unnamed
// results are named (zeroResults then zeroes them), and return x, y whose
// y may panic becomes { t1, t2 := x, y; return t1, t2 }: yaegi stored x
// in its result before it evaluated y, and the function returned it.
func (r *rewriter) deferredResults(results *ast.FieldList, body *ast.BlockStmt) {
	if len(results.List) > 0 && len(results.List[0].Names) == 0 {
		for _, f := range results.List {
			f.Names = []*ast.Ident{r.temp("res", f.Type.Pos())}
		}
	}
	astutil.Apply(body, func(c *astutil.Cursor) bool {
		_, lit := c.Node().(*ast.FuncLit)
		return !lit // its returns are its own
	}, func(c *astutil.Cursor) bool {
		ret, ok := c.Node().(*ast.ReturnStmt)
		if !ok || len(ret.Results) < 2 || c.Index() < 0 || !panicsAfterSet(nil, ret.Results) {
			return true
		}
		at := ret.Return
		var tmps, vals []ast.Expr
		for range ret.Results {
			t := r.temp("r", at)
			tmps = append(tmps, t)
			vals = append(vals, r.ident(t.Name, at))
		}
		def := &ast.AssignStmt{Lhs: tmps, TokPos: at, Tok: token.DEFINE, Rhs: ret.Results}
		c.Replace(&ast.BlockStmt{Lbrace: at, List: []ast.Stmt{def, &ast.ReturnStmt{Return: at, Results: vals}}, Rbrace: ret.End()})
		return true
	})
}

// namedReturns rewrites, in functions with named results, return b, a
// whose values are named results into { t1, t2 := b, a; return t1, t2 }:
// yaegi assigned the first result before it read the second.
func (r *rewriter) namedReturns(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		ft, body, ok := funcParts(n)
		if !ok {
			return true
		}
		if body == nil || ft.Results == nil || ft.Results.NumFields() < 2 {
			return true
		}
		named := map[string]bool{}
		for _, f := range ft.Results.List {
			for _, id := range f.Names {
				named[id.Name] = true
			}
		}
		if len(named) == 0 {
			return true
		}
		astutil.Apply(body, func(c *astutil.Cursor) bool {
			if _, ok := c.Node().(*ast.FuncLit); ok {
				return false // its returns are its own
			}
			return true
		}, func(c *astutil.Cursor) bool {
			ret, ok := c.Node().(*ast.ReturnStmt)
			if !ok || len(ret.Results) < 2 || c.Index() < 0 {
				return true
			}
			// The results that are named results are read into new
			// variables (of their types) first.
			at := ret.Return
			var tmps, reads, vals []ast.Expr
			for _, e := range ret.Results {
				if id, ok := e.(*ast.Ident); ok && named[id.Name] {
					t := r.temp("r", at)
					tmps = append(tmps, t)
					reads = append(reads, e)
					vals = append(vals, r.ident(t.Name, at))
					continue
				}
				vals = append(vals, e)
			}
			if len(tmps) == 0 {
				return true
			}
			def := &ast.AssignStmt{Lhs: tmps, TokPos: at, Tok: token.DEFINE, Rhs: reads}
			c.Replace(&ast.BlockStmt{Lbrace: at, List: []ast.Stmt{def, &ast.ReturnStmt{Return: at, Results: vals}}, Rbrace: ret.End()})
			return true
		})
		return true
	})
}

// funcParts returns the type and body of a function declaration or
// literal.
func funcParts(n ast.Node) (*ast.FuncType, *ast.BlockStmt, bool) {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Type, f.Body, true
	case *ast.FuncLit:
		return f.Type, f.Body, true
	}
	return nil, nil, false
}

// assignVia gives each of targets but _ a temporary named after prefix:
// tmps to receive the values in their place (_ stays _), and the targets
// and temporaries to assign them from afterwards (lhs = rhs).
func (r *rewriter) assignVia(prefix string, at token.Pos, targets []ast.Expr) (tmps, lhs, rhs []ast.Expr) {
	for _, e := range targets {
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			tmps = append(tmps, r.ident("_", at))
			continue
		}
		t := r.temp(prefix, at)
		tmps = append(tmps, t)
		lhs = append(lhs, e)
		rhs = append(rhs, r.ident(t.Name, at))
	}
	return tmps, lhs, rhs
}
