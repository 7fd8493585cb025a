package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"

	"github.com/gocalc/gocalc/interp/internal/front"
	"strings"
	"unicode"
)

// lineBase encodes the cell in every generated position: cell n's line l
// is line n*lineBase+l, so that yaegi's messages, which name only a line
// and a column, tell which cell they come from. Go's line directives stop
// at 2^30, so cell numbers wrap after maxCells, and a cell has at most
// lineBase-1 lines.
const (
	lineBase = 10000
	maxCells = 100000
)

// cellSlot is the number that positions carry for cell n.
func cellSlot(n int) int { return (n-1)%maxCells + 1 }

// srcName is the file name of all generated sources. yaegi scopes imports
// by file name; one name for every cell keeps imports session-wide.
const srcName = "_.go"

type stepKind int

const (
	stepImport stepKind = iota // explicit imports
	stepDecl                   // funcs, methods, types, consts: one file
	stepVar                    // one var declaration (also from x := ...)
	stepStmt                   // statements, run inside a function literal
)

// step is one unit of a cell handed to yaegi, in execution order.
type step struct {
	kind    stepKind
	imports []*ast.ImportSpec
	decls   []ast.Decl
	stmts   []ast.Stmt
	show    ast.Expr // stepStmt: the last expression, whose values are shown
	first   token.Pos
	entries []*entry        // stepDecl, stepVar: what the session records
	define  *ast.AssignStmt // stepVar: the declaration as x := v, when it has that form
	assign  *ast.AssignStmt // stepVar: the values of a declaration split in two, assigned once declared
}

// plan is a parsed cell.
type plan struct {
	cell  int
	gen   int // the interpreter generation whose file set holds the positions
	steps []step
}

// header returns the generated prefix placing text at the cell's line and
// column.
func lineDirective(cell, line, col int) string {
	return fmt.Sprintf("//line %s:%d:%d\n", srcName, cell*lineBase+line, col)
}

// parsed is one item of a cell after parsing: a file of declarations or
// the statements of a function body.
type parsed struct {
	item
	file *ast.File
	body *ast.BlockStmt
}

// cellContext is what parsing a cell needs to know of the session.
type cellContext struct {
	intGlobals map[string]bool          // globals holding integers
	declared   map[string]bool          // names the session declares
	globals    map[string]bool          // the session's global variables
	typeOf     func(expr string) string // the type of an expression of globals, or ""
	imports    map[string]string        // the session's explicit imports
	gen        int                      // the interpreter generation
	initRank   map[[2]int]int           // Go's initialization order of the cell's variables, by line and column
	lowered    lowerings                // the front end's replacements, by cell
	declUses   map[[2]int][]string      // the cell's declarations' package-level references (front.Result.DeclUses)
	monos      map[string]string        // the session's concrete copies of generic declarations: what they declare -> front.Mono.Key
}

// parseItems parses and rewrites a cell's items.
func parseItems(fset *token.FileSet, items []item, ctx cellContext) ([]parsed, error) {
	var out []parsed
	var perr parseErrors
	var roots []ast.Node
	for _, it := range items {
		dir := lineDirective(it.cell, it.line, it.col)
		if it.kind == itemStmt {
			src := "package main\nfunc main() {\n" + dir + it.text + "\n}\n"
			f, err := parser.ParseFile(fset, srcName, src, parser.ParseComments)
			if err != nil {
				perr.add(err)
				continue
			}
			body := f.Decls[0].(*ast.FuncDecl).Body
			lower(fset, body, it.cell, ctx.lowered.exprsOf(it.cell))
			out = append(out, parsed{item: it, body: body})
			roots = append(roots, body)
			continue
		}
		src := "package main\n" + dir + it.text + "\n"
		f, err := parser.ParseFile(fset, srcName, src, parser.ParseComments)
		if err != nil {
			perr.add(err)
			continue
		}
		dropBlank(f)
		if it.mono != nil {
			lower(fset, f, it.cell, ctx.lowered.monoExprs(it.cell, it.mono))
			var decls []ast.Decl
			for _, d := range f.Decls {
				if d := it.mono.Apply(d); d != nil {
					decls = append(decls, d)
				}
			}
			f.Decls = decls
		} else {
			lower(fset, f, it.cell, ctx.lowered.exprsOf(it.cell))
		}
		out = append(out, parsed{item: it, file: f})
		roots = append(roots, f)
	}
	if len(perr) > 0 {
		return nil, perr
	}
	r := newRewriter(roots, ctx.intGlobals, ctx.declared)
	r.globals, r.typeOf, r.imports = ctx.globals, ctx.typeOf, ctx.imports
	r.fset, r.lowered = fset, ctx.lowered
	for i, root := range roots {
		r.rewrite(root)
		alias(fset, root, out[i].cell, ctx.lowered.pkgsOf(out[i].cell))
	}
	return out, nil
}

// dropBlank removes the declarations of a file that Go checks but that
// nothing can use: functions, methods, types and constants named _ (the
// type checker has seen them; the interpreter fails on some, "cannot use
// _ as value"). Variables named _ stay: their values are computed.
func dropBlank(f *ast.File) {
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == "_" {
				continue
			}
		case *ast.GenDecl:
			if d.Tok == token.CONST && len(d.Specs) > 1 {
				// A group's constants count iota: all are kept.
				break
			}
			if d.Tok == token.TYPE || d.Tok == token.CONST {
				specs := d.Specs[:0]
				for _, s := range d.Specs {
					if blankSpec(s) {
						continue
					}
					specs = append(specs, s)
				}
				if len(specs) == 0 && len(d.Specs) > 0 {
					continue
				}
				d.Specs = specs
			}
		}
		decls = append(decls, d)
	}
	f.Decls = decls
}

// blankSpec tells whether a type or const spec declares only _.
func blankSpec(s ast.Spec) bool {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return s.Name.Name == "_"
	case *ast.ValueSpec:
		for _, n := range s.Names {
			if n.Name != "_" {
				return false
			}
		}
		return true
	}
	return false
}

// parseCell parses a cell into steps: imports first, then declarations
// without side effects (funcs, methods, types, consts), then var
// declarations and statements in source order.
func parseCell(fset *token.FileSet, cell int, code string, ctx cellContext) (*plan, error) {
	p, err := parseSteps(fset, cell, code, ctx)
	if p != nil {
		p.gen = ctx.gen
	}
	return p, err
}

func parseSteps(fset *token.FileSet, cell int, code string, ctx cellContext) (*plan, error) {
	items := cellItems(code, cell)
	// The concrete copies of generic declarations that the cell needs and
	// the session lacks (or has copied from an older declaration).
	for _, m := range ctx.lowered.monosOf(cell) {
		if ctx.monos[m.Decl()] == m.Key() {
			continue
		}
		items = append(items, item{kind: itemDecl, text: m.Piece.Text, line: m.Piece.Line, col: m.Piece.Col, cell: m.Piece.Cell, mono: m})
	}
	parsedItems, err := parseItems(fset, items, ctx)
	if err != nil {
		return nil, err
	}
	p := &plan{cell: cell}
	var imports []*ast.ImportSpec
	var decls []ast.Decl
	var entries []*entry
	var pinned []int
	var seq []step
	for _, it := range parsedItems {
		if it.body != nil {
			for _, s := range it.body.List {
				if a, ok := s.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
					seq = append(seq, step{kind: stepVar, define: a, first: a.Pos(), entries: []*entry{newEntry(it.item, defineToVar(a))}})
					continue
				}
				if n := len(seq); n > 0 && seq[n-1].kind == stepStmt {
					seq[n-1].stmts = append(seq[n-1].stmts, s)
				} else {
					seq = append(seq, step{kind: stepStmt, stmts: []ast.Stmt{s}, first: s.Pos()})
				}
			}
			continue
		}
		for _, d := range it.file.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				switch d.Tok {
				case token.IMPORT:
					for _, s := range d.Specs {
						imports = append(imports, s.(*ast.ImportSpec))
					}
				case token.VAR:
					// One step per spec of a var ( ... ) group: yaegi
					// reports a "definition loop" for many groups.
					for _, sp := range d.Specs {
						d := &ast.GenDecl{Doc: d.Doc, TokPos: sp.Pos(), Tok: token.VAR, Specs: []ast.Spec{sp}}
						zeroStructLiterals(d)
						if decl, assign := splitTypedMulti(d); decl != nil {
							// Declare, then assign.
							seq = append(seq, step{kind: stepVar, decls: []ast.Decl{decl}, assign: assign, first: d.Pos(), entries: []*entry{newEntry(it.item, d)}})
							continue
						}
						seq = append(seq, step{kind: stepVar, decls: []ast.Decl{d}, define: varToDefine(d), first: d.Pos(), entries: []*entry{newEntry(it.item, d)}})
					}
				default:
					decls = append(decls, d)
					entries = append(entries, newEntry(it.item, d))
				}
			default:
				decls = append(decls, d)
				entries = append(entries, newEntry(it.item, d))
			}
		}
	}
	copies := map[int]*front.Mono{}
	for i, e := range entries {
		if e.mono != nil {
			copies[i] = e.mono
			if e.mono.Piece.Cell != cell {
				pinned = append(pinned, i)
			}
		}
	}
	if len(imports) > 0 {
		p.steps = append(p.steps, step{kind: stepImport, imports: imports})
	}
	seq = zeroVarsFirst(initOrder(fset, seq, ctx.initRank))
	if hasMain(decls) && !callsMain(seq) {
		at := decls[0].Pos()
		call := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: at, Name: mainName}, Lparen: at, Rparen: at}}
		seq = append(seq, step{kind: stepStmt, stmts: []ast.Stmt{call}, first: at})
	}
	// The value of a cell is its last expression statement.
	if n := len(seq); n > 0 && seq[n-1].kind == stepStmt {
		last := &seq[n-1]
		if es, ok := last.stmts[len(last.stmts)-1].(*ast.ExprStmt); ok && showable(es.X) {
			last.show = es.X
			last.stmts = last.stmts[:len(last.stmts)-1]
		}
	}
	pins := pinDecls(fset, decls, copies, seq, ctx.declared, ctx.declUses)
	for _, i := range pinned {
		pins[i] = -1 // a copy of an earlier cell's generic declaration comes first: what uses it needs it
	}
	declStep := func(at int) {
		var ds []ast.Decl
		var es []*entry
		// The copies of generic declarations first: yaegi took an alias
		// of one declared after it in the step (type U = List[int]) for
		// a type without methods.
		for _, copies := range []bool{true, false} {
			for i, d := range decls {
				if pins[i] == at && (entries[i].mono != nil) == copies {
					ds = append(ds, d)
					es = append(es, entries[i])
				}
			}
		}
		if len(ds) > 0 {
			p.steps = append(p.steps, step{kind: stepDecl, decls: ds, first: ds[0].Pos(), entries: es})
		}
	}
	declStep(-1)
	for i, st := range seq {
		p.steps = append(p.steps, st)
		declStep(i)
	}
	return p, nil
}

// pinDecls decides where each func, type or const declaration of a cell
// runs: before everything (-1), so that statements may call functions
// declared below them, unless it refers to a variable that the cell
// itself declares and the session does not have yet; then right after
// the step declaring it (i). A declaration referring to a pinned one is
// pinned as late. The references of the concrete copies of generic
// declarations (copies) are their names (the type checker's are those
// of the generic declaration, without the type arguments).
func pinDecls(fset *token.FileSet, decls []ast.Decl, copies map[int]*front.Mono, seq []step, declared map[string]bool, uses map[[2]int][]string) []int {
	definedAt := map[string]int{}
	for i, st := range seq {
		if st.kind != stepVar {
			continue
		}
		for _, e := range st.entries {
			for _, k := range e.keys {
				if !declared[k] {
					definedAt[k] = i
				}
			}
		}
	}
	pins := make([]int, len(decls))
	refs := make([]map[string]bool, len(decls))
	names := map[string]int{}
	copyOf := map[string][]int{} // generic declaration -> its copies
	for i, d := range decls {
		pins[i] = -1
		refs[i] = map[string]bool{}
		p := fset.Position(d.Pos())
		_, line := decodeLine(p.Line)
		if names, ok := uses[[2]int{line, p.Column}]; ok {
			// The type checker's references: a local n is not the
			// cell's n.
			for _, n := range names {
				refs[i][n] = true
			}
			if m := copies[i]; m != nil {
				// Those of the generic declaration, and its type
				// arguments' names.
				for _, a := range m.Args {
					for _, n := range strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }) {
						refs[i][n] = true
					}
				}
			}
		} else {
			ast.Inspect(d, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					refs[i][id.Name] = true
				}
				return true
			})
		}
		for _, n := range front.DeclKeys(d) {
			names[n] = i
		}
		if m := copies[i]; m != nil {
			// What uses the generic declaration uses its copies.
			for _, dep := range m.Deps {
				name, _, _ := strings.Cut(dep, ".")
				copyOf[name] = append(copyOf[name], i)
			}
		}
	}
	if len(definedAt) == 0 {
		return pins
	}
	// The receiver type of each method, by declaration.
	recvOf := map[int]string{}
	for i, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 {
			recvOf[i] = front.RecvName(fd.Recv.List[0].Type)
		}
	}
	for changed := true; changed; {
		changed = false
		// A function that uses a type must come after the type's
		// methods: it may call them (a.Do() through an embedded field).
		// The type's own methods keep their places.
		methodPin := map[string]int{}
		for i, t := range recvOf {
			if p, ok := methodPin[t]; !ok || pins[i] > p {
				methodPin[t] = pins[i]
			}
		}
		for i, d := range decls {
			_, isFunc := d.(*ast.FuncDecl)
			for r := range refs[i] {
				at, isVar := definedAt[r]
				if j, isDecl := names[r]; isDecl && j != i {
					at, isVar = pins[j], true
				}
				for _, j := range copyOf[r] {
					if j != i && (!isVar || pins[j] > at) {
						at, isVar = pins[j], true
					}
				}
				if p, ok := methodPin[r]; isFunc && ok && p > at && recvOf[i] != r {
					at, isVar = p, true
				}
				if isVar && at > pins[i] {
					pins[i], changed = at, true
				}
			}
		}
	}
	return pins
}

// initOrder reorders the var steps of a cell that are out of Go's
// initialization order: var a = b + 1; var b = 2 initializes b first, as
// a Go program does. Only variables with initializers move, among the
// places they hold, and only when the source order initializes one
// before another it depends on; statements stay where they are.
func initOrder(fset *token.FileSet, seq []step, rank map[[2]int]int) []step {
	if len(rank) == 0 {
		return seq
	}
	rankOf := func(st step) int {
		r := -1
		if st.define != nil && len(st.decls) == 0 {
			// A top-level x := v is a statement of the cell: it runs
			// where it is written, among the statements that use x.
			return r
		}
		for _, id := range varNames(st) {
			p := fset.Position(id.Pos())
			_, line := decodeLine(p.Line)
			if v, ok := rank[[2]int{line, p.Column}]; ok && v > r {
				r = v
			}
		}
		return r
	}
	var at []int
	var vars []step
	sorted := true
	for i, st := range seq {
		if st.kind != stepVar || rankOf(st) < 0 {
			continue
		}
		if len(vars) > 0 && rankOf(vars[len(vars)-1]) > rankOf(st) {
			sorted = false
		}
		at = append(at, i)
		vars = append(vars, st)
	}
	if sorted {
		return seq
	}
	sort.SliceStable(vars, func(i, j int) bool { return rankOf(vars[i]) < rankOf(vars[j]) })
	out := append([]step(nil), seq...)
	for i, k := range at {
		out[k] = vars[i]
	}
	return out
}

// zeroVarsFirst moves the var steps that declare variables without
// initializers (var x int) before the cell's first var step: in Go they
// exist, zero, before any initializer runs (var a = f(x) above var x int
// reads x), and yaegi needs them declared to compile what reads them.
// So it moves var declarations whose values are literals (var bug =
// false), which depend on nothing: functions and methods that use such a
// variable are declared right after it, and a var declaration above it
// that needs those methods (var list = []I{T(1)}) failed to compile.
func zeroVarsFirst(seq []step) []step {
	first := -1
	var zero, rest []step
	for i, st := range seq {
		if st.kind != stepVar {
			rest = append(rest, st)
			continue
		}
		if first < 0 {
			first = i
		}
		if zeroVars(st) || literalVars(st) {
			zero = append(zero, st)
		} else {
			rest = append(rest, st)
		}
	}
	if len(zero) == 0 || first < 0 {
		return seq
	}
	out := append([]step(nil), rest[:first]...)
	out = append(out, zero...)
	return append(out, rest[first:]...)
}

// zeroVars tells whether a var step declares variables without values.
func zeroVars(st step) bool {
	if st.define != nil || st.assign != nil || len(st.decls) == 0 {
		return false
	}
	for _, d := range st.decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return false
		}
		for _, s := range gd.Specs {
			if vs, ok := s.(*ast.ValueSpec); !ok || len(vs.Values) > 0 || vs.Type == nil {
				return false
			}
		}
	}
	return true
}

// literalVars tells whether a var step is a var declaration (not x :=
// v) whose values are all literals: var bug = false, var n int = 3.
func literalVars(st step) bool {
	if st.assign != nil || len(st.decls) != 1 {
		return false
	}
	gd, ok := st.decls[0].(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return false
	}
	for _, s := range gd.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok || len(vs.Values) == 0 {
			return false
		}
		for _, v := range vs.Values {
			if !constant(v) {
				return false
			}
		}
	}
	return true
}

// varNames are the names a var step declares, as written.
func varNames(st step) []*ast.Ident {
	var out []*ast.Ident
	if st.define != nil {
		for _, l := range st.define.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				out = append(out, id)
			}
		}
		return out
	}
	for _, d := range st.decls {
		if g, ok := d.(*ast.GenDecl); ok {
			for _, sp := range g.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					out = append(out, vs.Names...)
				}
			}
		}
	}
	return out
}

// callsMain tells whether a cell's statements call its main function
// themselves; then it is not called again at the end of the cell.
func callsMain(seq []step) bool {
	for _, st := range seq {
		for _, s := range st.stmts {
			if es, ok := s.(*ast.ExprStmt); ok {
				if c, ok := es.X.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == mainName {
						return true
					}
				}
			}
		}
	}
	return false
}

// mainName is what a cell's func main is called: yaegi would run a
// function named main again with every later cell.
const mainName = "_gocalc_main"

// hasMain tells whether decls declare a (renamed) func main.
func hasMain(decls []ast.Decl) bool {
	for _, d := range decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == mainName {
			return true
		}
	}
	return false
}

// cellItems splits cell number cell into items. A whole program pasted
// into a cell loses its package clause (its main function runs at the end
// of the cell).
func cellItems(code string, cell int) []item {
	items := splitCell(code)
	if len(items) > 0 && items[0].kind == itemPackage {
		items = items[1:]
	}
	for i := range items {
		items[i].cell = cell
	}
	return items
}

// defineToVar turns a top-level `a, b := f()` into `var a, b = f()`, which
// makes session globals and leaves inner scopes to Go's own rules.
func defineToVar(a *ast.AssignStmt) *ast.GenDecl {
	names := make([]*ast.Ident, len(a.Lhs))
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			id = ast.NewIdent("_")
			id.NamePos = l.Pos()
		}
		names[i] = id
	}
	return &ast.GenDecl{TokPos: a.Pos(), Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: names, Values: a.Rhs}}}
}

// zeroStructLiterals turns var f struct{ c T } into var f = struct{ c T }{}:
// yaegi reports a "definition loop" for a global of an unnamed struct
// type whose field shares its name with a global.
func zeroStructLiterals(d *ast.GenDecl) {
	for _, sp := range d.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok || len(vs.Values) > 0 {
			continue
		}
		st, ok := vs.Type.(*ast.StructType)
		if !ok {
			continue
		}
		for range vs.Names {
			vs.Values = append(vs.Values, &ast.CompositeLit{Type: st, Lbrace: st.End(), Rbrace: st.End()})
		}
		vs.Type = nil
	}
}

// splitTypedMulti splits var a, b T = f() (or var p *T = &g, any var
// declaration with a type and values) into var a, b T and a, b = f(); it
// returns nils for other declarations. yaegi leaves some of these
// undeclared, or reports a "definition loop".
func splitTypedMulti(d *ast.GenDecl) (*ast.GenDecl, *ast.AssignStmt) {
	if len(d.Specs) != 1 {
		return nil, nil
	}
	vs := d.Specs[0].(*ast.ValueSpec)
	if vs.Type == nil || len(vs.Values) == 0 {
		return nil, nil
	}
	lhs := make([]ast.Expr, len(vs.Names))
	for i, n := range vs.Names {
		lhs[i] = &ast.Ident{NamePos: n.NamePos, Name: n.Name}
	}
	decl := &ast.GenDecl{TokPos: d.TokPos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: vs.Names, Type: vs.Type}}}
	return decl, &ast.AssignStmt{Lhs: lhs, TokPos: vs.Values[0].Pos(), Tok: token.ASSIGN, Rhs: vs.Values}
}

// varToDefine turns `var a, b = f()` (one spec, no type) into `a, b :=
// f()`, the form that yaegi declares as globals in its implicit main;
// yaegi rejects some var declarations of several values ("variable
// definition loop").
func varToDefine(d *ast.GenDecl) *ast.AssignStmt {
	if len(d.Specs) != 1 {
		return nil
	}
	vs := d.Specs[0].(*ast.ValueSpec)
	if vs.Type != nil || len(vs.Values) == 0 {
		return nil
	}
	lhs := make([]ast.Expr, len(vs.Names))
	for i, n := range vs.Names {
		lhs[i] = n
	}
	return &ast.AssignStmt{Lhs: lhs, TokPos: d.TokPos, Tok: token.DEFINE, Rhs: vs.Values}
}

// showable tells whether a cell's last expression should be shown: calls
// that print (fmt.Println, log.Printf, display.HTML, ...) are not.
func showable(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return true
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		switch fn.Name {
		case "print", "println", "panic", "close", "delete", "clear", "copy":
			return false
		}
	case *ast.SelectorExpr:
		pkg, ok := fn.X.(*ast.Ident)
		if !ok {
			return true
		}
		switch unalias(pkg.Name) {
		case "fmt":
			return !strings.HasPrefix(fn.Sel.Name, "Print") && !strings.HasPrefix(fn.Sel.Name, "Fprint")
		case "log":
			return false
		case displayPath:
			// Functions that publish return nothing worth showing (the
			// error of display.JSON or display.Show is nil when shown).
			switch fn.Sel.Name {
			case "New", "ImageData", "Bundle", "NewHandle":
				return true
			}
			return false
		}
	}
	return true
}

// displayPath is the import path of package display.
const displayPath = "github.com/gocalc/gocalc/display"

// unalias gives the name of a package as cells write it for the aliases
// of fmt, log and display (front.Alias), and the import path of display.
func unalias(name string) string {
	switch name {
	case front.Alias("fmt"):
		return "fmt"
	case front.Alias("log"):
		return "log"
	case front.Alias(displayPath), "display":
		return displayPath
	}
	return name
}

// stmtBody wraps statements as `func() { ... }()`, the body of yaegi's
// implicit main. Inside a function literal, `:=` declares locals as Go
// says, and an interrupt can never resume them: yaegi stops a function's
// frame for good, while a loop in its global frame can resume when the
// next cell starts. (A deferred host call or handing the literal to a host
// function would tell the host when it returns, but the first trips a
// yaegi frame bug and the second makes yaegi copy its whole global frame
// for every cell.)
func stmtBody(stmts []ast.Stmt, pos token.Pos) *ast.BlockStmt {
	// _gocalc_step(func() { stmts }): see the prelude and rt.stepBegin.
	lit := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: pos, List: stmts}}
	call := &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "_gocalc_step"}, Lparen: pos, Args: []ast.Expr{lit}, Rparen: pos}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: call}}}
}

// showStmt is the statement that shows the values of e.
func showStmt(e ast.Expr) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: e.Pos(), Name: "_gocalc_show"}, Lparen: e.Pos(), Args: []ast.Expr{e}}}
}

// declFile is a file holding decls.
func declFile(decls []ast.Decl, pos token.Pos) *ast.File {
	return &ast.File{Package: pos, Name: &ast.Ident{NamePos: pos, Name: "main"}, Decls: decls}
}
