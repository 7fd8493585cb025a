package cells

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"

	"strings"
	"unicode"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// lineBase encodes the cell in every generated position: cell n's line l
// is line n*lineBase+l, so that yaegi's messages, which name only a line
// and a column, tell which cell they come from. Go's line directives stop
// at 2^30, so cell numbers wrap after maxCells, and a cell has at most
// lineBase-1 lines.
const (
	LineBase = 10000
	MaxCells = 100000
)

// CellSlot is the number that positions carry for cell n.
func CellSlot(n int) int { return (n-1)%MaxCells + 1 }

// srcName is the file name of all generated sources. yaegi scopes imports
// by file name; one name for every cell keeps imports session-wide.
const SrcName = "_.go"

type stepKind int

const (
	StepImport stepKind = iota // explicit imports
	StepDecl                   // funcs, methods, types, consts: one file
	StepVar                    // one var declaration (also from x := ...)
	stepStmt                   // statements, run inside a function literal
)

// Step is one unit of a cell handed to yaegi, in execution order.
type Step struct {
	Kind    stepKind
	Imports []*ast.ImportSpec
	Decls   []ast.Decl
	Stmts   []ast.Stmt
	Show    ast.Expr // stepStmt: the last expression, whose values are shown
	First   token.Pos
	Entries []*Entry        // stepDecl, stepVar: what the session records
	Define  *ast.AssignStmt // stepVar: the declaration as x := v, when it has that form
	Assign  *ast.AssignStmt // stepVar: the values of a declaration split in two, assigned once declared
}

// Plan is a parsed cell.
type Plan struct {
	cell  int
	Gen   int // the interpreter generation whose file set holds the positions
	Steps []Step
}

// header returns the generated prefix placing text at the cell's line and
// column.
func LineDirective(cell, line, col int) string {
	return fmt.Sprintf("//line %s:%d:%d\n", SrcName, cell*LineBase+line, col)
}

// parsed is one item of a cell after parsing: a file of declarations or
// the statements of a function body.
type parsed struct {
	Item
	File *ast.File
	Body *ast.BlockStmt
}

// CellContext is what parsing a cell needs to know of the session.
type CellContext struct {
	Symbols    compiled                 // the compiled packages
	IntGlobals map[string]bool          // globals holding integers
	Declared   map[string]bool          // names the session declares
	Globals    map[string]bool          // the session's global variables
	TypeOf     func(expr string) string // the type of an expression of globals, or ""
	Imports    map[string]string        // the session's explicit imports
	Gen        int                      // the interpreter generation
	InitRank   map[[2]int]int           // Go's initialization order of the cell's variables, by line and column
	Lowered    Lowerings                // the front end's replacements, by cell
	DeclUses   map[[2]int][]string      // the cell's declarations' package-level references (front.Result.DeclUses)
	Monos      map[string]string        // the session's concrete copies of generic declarations: what they declare -> front.Mono.Key
}

// ParseItems parses and rewrites a cell's items.
func ParseItems(fset *token.FileSet, items []Item, ctx CellContext) ([]parsed, error) {
	var out []parsed
	var perr ParseErrors
	var roots []ast.Node
	for _, it := range items {
		dir := LineDirective(it.Cell, it.Line, it.Col)
		if it.Kind == ItemStmt {
			src := "package main\nfunc main() {\n" + dir + it.Text + "\n}\n"
			f, err := parser.ParseFile(fset, SrcName, src, parser.ParseComments)
			if err != nil {
				perr.add(err)
				continue
			}
			body := f.Decls[0].(*ast.FuncDecl).Body
			lower(fset, body, it.Cell, ctx.Lowered.exprsOf(it.Cell))
			out = append(out, parsed{Item: it, Body: body})
			roots = append(roots, body)
			continue
		}
		src := "package main\n" + dir + it.Text + "\n"
		f, err := parser.ParseFile(fset, SrcName, src, parser.ParseComments)
		if err != nil {
			perr.add(err)
			continue
		}
		dropBlank(f)
		if it.Mono != nil {
			lower(fset, f, it.Cell, ctx.Lowered.monoExprs(it.Cell, it.Mono))
			var decls []ast.Decl
			for _, d := range f.Decls {
				if d := it.Mono.Apply(d); d != nil {
					decls = append(decls, d)
				}
			}
			f.Decls = decls
		} else {
			lower(fset, f, it.Cell, ctx.Lowered.exprsOf(it.Cell))
		}
		out = append(out, parsed{Item: it, File: f})
		roots = append(roots, f)
	}
	if len(perr) > 0 {
		return nil, perr
	}
	r := newRewriter(roots, ctx.IntGlobals, ctx.Declared)
	r.globals, r.typeOf, r.imports, r.symbols = ctx.Globals, ctx.TypeOf, ctx.Imports, ctx.Symbols
	r.fset, r.lowered = fset, ctx.Lowered
	for i, root := range roots {
		r.rewrite(root)
		Alias(fset, root, out[i].Cell, ctx.Lowered.pkgsOf(out[i].Cell))
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

// ParseCell parses a cell into steps: imports first, then declarations
// without side effects (funcs, methods, types, consts), then var
// declarations and statements in source order.
func ParseCell(fset *token.FileSet, cell int, code string, ctx CellContext) (*Plan, error) {
	p, err := parseSteps(fset, cell, code, ctx)
	if p != nil {
		p.Gen = ctx.Gen
	}
	return p, err
}

func parseSteps(fset *token.FileSet, cell int, code string, ctx CellContext) (*Plan, error) {
	items := CellItems(code, cell)
	// The concrete copies of generic declarations that the cell needs and
	// the session lacks (or has copied from an older declaration).
	for _, m := range ctx.Lowered.monosOf(cell) {
		if ctx.Monos[m.Decl()] == m.Key() {
			continue
		}
		items = append(items, Item{Kind: ItemDecl, Text: m.Piece.Text, Line: m.Piece.Line, Col: m.Piece.Col, Cell: m.Piece.Cell, Mono: m})
	}
	parsedItems, err := ParseItems(fset, items, ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{cell: cell}
	var imports []*ast.ImportSpec
	var decls []ast.Decl
	var entries []*Entry
	var pinned []int
	var seq []Step
	for _, it := range parsedItems {
		if it.Body != nil {
			for _, s := range it.Body.List {
				if a, ok := s.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
					seq = append(seq, Step{Kind: StepVar, Define: a, First: a.Pos(), Entries: []*Entry{newEntry(it.Item, defineToVar(a))}})
					continue
				}
				if n := len(seq); n > 0 && seq[n-1].Kind == stepStmt {
					seq[n-1].Stmts = append(seq[n-1].Stmts, s)
				} else {
					seq = append(seq, Step{Kind: stepStmt, Stmts: []ast.Stmt{s}, First: s.Pos()})
				}
			}
			continue
		}
		for _, d := range it.File.Decls {
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
							seq = append(seq, Step{Kind: StepVar, Decls: []ast.Decl{decl}, Assign: assign, First: d.Pos(), Entries: []*Entry{newEntry(it.Item, d)}})
							continue
						}
						seq = append(seq, Step{Kind: StepVar, Decls: []ast.Decl{d}, Define: VarToDefine(d), First: d.Pos(), Entries: []*Entry{newEntry(it.Item, d)}})
					}
				default:
					decls = append(decls, d)
					entries = append(entries, newEntry(it.Item, d))
				}
			default:
				decls = append(decls, d)
				entries = append(entries, newEntry(it.Item, d))
			}
		}
	}
	copies := map[int]*front.Mono{}
	for i, e := range entries {
		if e.Mono != nil {
			copies[i] = e.Mono
			if e.Mono.Piece.Cell != cell {
				pinned = append(pinned, i)
			}
		}
	}
	if len(imports) > 0 {
		p.Steps = append(p.Steps, Step{Kind: StepImport, Imports: imports})
	}
	seq = zeroVarsFirst(initOrder(fset, seq, ctx.InitRank))
	if hasMain(decls) && !callsMain(seq) {
		at := decls[0].Pos()
		call := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: at, Name: MainName}, Lparen: at, Rparen: at}}
		seq = append(seq, Step{Kind: stepStmt, Stmts: []ast.Stmt{call}, First: at})
	}
	// The value of a cell is its last expression statement.
	if n := len(seq); n > 0 && seq[n-1].Kind == stepStmt {
		last := &seq[n-1]
		if es, ok := last.Stmts[len(last.Stmts)-1].(*ast.ExprStmt); ok && showable(es.X) {
			last.Show = es.X
			last.Stmts = last.Stmts[:len(last.Stmts)-1]
		}
	}
	pins := pinDecls(fset, decls, copies, seq, ctx.Declared, ctx.DeclUses)
	for _, i := range pinned {
		pins[i] = -1 // a copy of an earlier cell's generic declaration comes first: what uses it needs it
	}
	declStep := func(at int) {
		var ds []ast.Decl
		var es []*Entry
		// The copies of generic declarations first: yaegi took an alias
		// of one declared after it in the step (type U = List[int]) for
		// a type without methods.
		for _, copies := range []bool{true, false} {
			for i, d := range decls {
				if pins[i] == at && (entries[i].Mono != nil) == copies {
					ds = append(ds, d)
					es = append(es, entries[i])
				}
			}
		}
		if len(ds) > 0 {
			p.Steps = append(p.Steps, Step{Kind: StepDecl, Decls: ds, First: ds[0].Pos(), Entries: es})
		}
	}
	declStep(-1)
	for i, st := range seq {
		p.Steps = append(p.Steps, st)
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
func pinDecls(fset *token.FileSet, decls []ast.Decl, copies map[int]*front.Mono, seq []Step, declared map[string]bool, uses map[[2]int][]string) []int {
	definedAt := map[string]int{}
	for i, st := range seq {
		if st.Kind != StepVar {
			continue
		}
		for _, e := range st.Entries {
			for _, k := range e.Keys {
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
		_, line := DecodeLine(p.Line)
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
func initOrder(fset *token.FileSet, seq []Step, rank map[[2]int]int) []Step {
	if len(rank) == 0 {
		return seq
	}
	rankOf := func(st Step) int {
		r := -1
		if st.Define != nil && len(st.Decls) == 0 {
			// A top-level x := v is a statement of the cell: it runs
			// where it is written, among the statements that use x.
			return r
		}
		for _, id := range varNames(st) {
			p := fset.Position(id.Pos())
			_, line := DecodeLine(p.Line)
			if v, ok := rank[[2]int{line, p.Column}]; ok && v > r {
				r = v
			}
		}
		return r
	}
	var at []int
	var vars []Step
	sorted := true
	for i, st := range seq {
		if st.Kind != StepVar || rankOf(st) < 0 {
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
	out := append([]Step(nil), seq...)
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
func zeroVarsFirst(seq []Step) []Step {
	first := -1
	var zero, rest []Step
	for i, st := range seq {
		if st.Kind != StepVar {
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
	out := append([]Step(nil), rest[:first]...)
	out = append(out, zero...)
	return append(out, rest[first:]...)
}

// zeroVars tells whether a var step declares variables without values.
func zeroVars(st Step) bool {
	if st.Define != nil || st.Assign != nil || len(st.Decls) == 0 {
		return false
	}
	for _, d := range st.Decls {
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
func literalVars(st Step) bool {
	if st.Assign != nil || len(st.Decls) != 1 {
		return false
	}
	gd, ok := st.Decls[0].(*ast.GenDecl)
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
func varNames(st Step) []*ast.Ident {
	var out []*ast.Ident
	if st.Define != nil {
		for _, l := range st.Define.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				out = append(out, id)
			}
		}
		return out
	}
	for _, d := range st.Decls {
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
func callsMain(seq []Step) bool {
	for _, st := range seq {
		for _, s := range st.Stmts {
			if es, ok := s.(*ast.ExprStmt); ok {
				if c, ok := es.X.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == MainName {
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
const MainName = "_gocalc_main"

// hasMain tells whether decls declare a (renamed) func main.
func hasMain(decls []ast.Decl) bool {
	for _, d := range decls {
		if f, ok := d.(*ast.FuncDecl); ok && f.Recv == nil && f.Name.Name == MainName {
			return true
		}
	}
	return false
}

// CellItems splits cell number cell into items. A whole program pasted
// into a cell loses its package clause (its main function runs at the end
// of the cell).
func CellItems(code string, cell int) []Item {
	items := splitCell(code)
	if len(items) > 0 && items[0].Kind == itemPackage {
		items = items[1:]
	}
	for i := range items {
		items[i].Cell = cell
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

// VarToDefine turns `var a, b = f()` (one spec, no type) into `a, b :=
// f()`, the form that yaegi declares as globals in its implicit main;
// yaegi rejects some var declarations of several values ("variable
// definition loop").
func VarToDefine(d *ast.GenDecl) *ast.AssignStmt {
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

// StmtBody wraps statements as `func() { ... }()`, the body of yaegi's
// implicit main. Inside a function literal, `:=` declares locals as Go
// says, and an interrupt can never resume them: yaegi stops a function's
// frame for good, while a loop in its global frame can resume when the
// next cell starts. (A deferred host call or handing the literal to a host
// function would tell the host when it returns, but the first trips a
// yaegi frame bug and the second makes yaegi copy its whole global frame
// for every cell.)
func StmtBody(stmts []ast.Stmt, pos token.Pos) *ast.BlockStmt {
	// _gocalc_step(func() { stmts }): see the prelude and rt.stepBegin.
	lit := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: pos, List: stmts}}
	call := &ast.CallExpr{Fun: &ast.Ident{NamePos: pos, Name: "_gocalc_step"}, Lparen: pos, Args: []ast.Expr{lit}, Rparen: pos}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: call}}}
}

// ShowStmt is the statement that shows the values of e.
func ShowStmt(e ast.Expr) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: e.Pos(), Name: "_gocalc_show"}, Lparen: e.Pos(), Args: []ast.Expr{e}}}
}

// DeclFile is a file holding decls.
func DeclFile(decls []ast.Decl, pos token.Pos) *ast.File {
	return &ast.File{Package: pos, Name: &ast.Ident{NamePos: pos, Name: "main"}, Decls: decls}
}

// Entry is a declaration the session keeps as source, to replay it when
// the session is rebuilt.
type Entry struct {
	Item
	Keys    []string // names declared: "f", "T", "T.M" for a method, "x"
	IsVar   bool
	Role    string // for completion: "function", "class" or "instance"
	Generic bool   // a generic function
}

// newEntry records the declaration d of item it.
func newEntry(it Item, d ast.Decl) *Entry {
	e := &Entry{Item: it, Role: "instance"}
	switch d := d.(type) {
	case *ast.FuncDecl:
		e.Role = "function"
		e.Generic = d.Type.TypeParams != nil && len(d.Type.TypeParams.List) > 0
		name := d.Name.Name
		if d.Recv != nil && len(d.Recv.List) > 0 {
			name = front.RecvName(d.Recv.List[0].Type) + "." + name
		}
		e.Keys = []string{name}
	case *ast.GenDecl:
		e.IsVar = d.Tok == token.VAR
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				e.Keys = append(e.Keys, s.Name.Name)
				e.Role = "class"
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						e.Keys = append(e.Keys, n.Name)
					}
				}
			}
		}
	}
	return e
}
