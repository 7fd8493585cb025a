package front

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind classifies a top-level piece of a cell.
type Kind int

// The kinds of pieces.
const (
	Import Kind = iota // an import declaration
	Decl               // a func, method, type or const declaration
	Var                // a var declaration
	Stmt               // a statement; a top-level x := v declares a session variable
)

// Piece is one top-level declaration or statement of a cell, with the
// line and column (1-based) where its text starts in the cell.
type Piece struct {
	Kind      Kind
	Text      string
	Line, Col int
}

// Live is a piece of an earlier cell whose declarations the session
// still holds.
type Live struct {
	Cell int
	Piece
}

// Error is a compile error in the checked cell.
type Error struct {
	Line, Col int // 0 when the error has no position
	Msg       string
}

func (e Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// Result is what checking a cell found.
type Result struct {
	// Errors are the cell's compile errors in the Go compiler's words,
	// in source order. Unused imports are not errors in a cell.
	Errors []Error
	// Skipped is set when the cell could not be checked (a package the
	// front end has no type information for); Errors is then empty.
	Skipped string
	// Pkg and Info describe the session package with the cell in it.
	Pkg  *types.Package
	Info *types.Info
	// Fset holds the positions of Info.
	Fset *token.FileSet
	file *ast.File // the cell's file
	cell int
	// generics are the session's generic declarations, by object.
	generics map[types.Object]*genericSrc
	mono     *monoState
	checker  *Checker          // to check the copies of generic declarations
	extra    map[string]string // the import names the cell was checked with
}

// Checker type-checks cells against a session. Its methods are safe for
// concurrent use, one at a time.
type Checker struct {
	mu      sync.Mutex
	fset    *token.FileSet
	imp     *Importer
	short   map[string]string         // name -> import path a cell gets without importing
	parsed  map[pieceKey]*parsedPiece // pieces of the session, parsed once
	imports map[int][]*ast.ImportSpec // each cell's explicit imports
	cellSrc map[int]map[pieceKey]bool // pieces parsed per cell, to forget them
	last    *checked                  // the session as the last kept check left it
	// generics are the generic declarations of the last kept check's
	// session, with the type information of the checks that saw them.
	generics map[types.Object]*genericSrc
}

// checked is a session package and the live pieces it was made of: a
// cell checked against the same pieces needs only its own file checked.
type checked struct {
	pkg  *types.Package
	live map[pieceKey]bool
}

type pieceKey struct {
	cell      int
	line, col int
	text      string
}

type parsedPiece struct {
	decls   []ast.Decl
	imports []*ast.ImportSpec
}

// NewChecker returns a checker in which a cell that does not import a
// name of short gets the package short names as if imported.
func NewChecker(short map[string]string) *Checker {
	fset := token.NewFileSet()
	return &Checker{
		fset: fset, imp: NewImporter(fset), short: short,
		parsed: map[pieceKey]*parsedPiece{}, imports: map[int][]*ast.ImportSpec{}, cellSrc: map[int]map[pieceKey]bool{},
	}
}

// cellName is the file name that positions of cell n carry.
func cellName(n int) string { return "cell" + strconv.Itoa(n) }

// cellOf reads the cell number out of a position's file name.
func cellOf(filename string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(filename, "cell"))
	if err != nil || !strings.HasPrefix(filename, "cell") {
		return -1
	}
	return n
}

// Forget drops what the checker keeps of cell n (its parsed pieces and
// imports), for a cell number about to be reused.
func (c *Checker) Forget(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.cellSrc[n] {
		delete(c.parsed, k)
	}
	delete(c.cellSrc, n)
	delete(c.imports, n)
}

// Check type-checks cell number cell, made of pieces, as one more file of
// the session package whose other files hold the live pieces (grouped by
// their cells, each with the imports its cell had). Declarations of the
// cell replace session declarations of the same names. extra adds import
// names (alias -> path) that every cell sees unless it imports the name
// itself. When keep is set, the cell's imports are remembered for
// checking later cells against it.
func (c *Checker) Check(cell int, pieces []Piece, session []Live, extra map[string]string, keep bool) *Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	res := &Result{Fset: c.fset, cell: cell, checker: c, extra: extra}
	file, cellImports, err := c.cellFile(cell, pieces)
	if err != nil {
		res.Skipped = "parse: " + err.Error()
		return res
	}
	res.file = file
	redefined := map[string]bool{}
	for _, d := range file.Decls {
		for _, k := range DeclKeys(d) {
			redefined[k] = true
		}
	}
	live := make(map[pieceKey]bool, len(session))
	for _, l := range session {
		if l.Cell != cell {
			live[pieceKey{l.Cell, l.Line, l.Col, l.Text}] = true
		}
	}
	if keep {
		c.forgetDead(live, cell)
	}
	pieceMap := map[int][]Piece{cell: pieces}
	res.generics = map[types.Object]*genericSrc{}
	alone := c.last != nil && sameKeys(live, c.last.live) && !c.redefinesOld(redefined)
	if alone {
		c.checkAlone(res, file, redefined, extra)
		// The objects of earlier cells belong to the package of an earlier
		// check, which go/types takes for another package where it
		// compares them (an unexported field in a literal of an earlier
		// cell's struct type): a cell with errors is checked again with
		// the whole session, whose package is one.
		alone = len(res.Errors) == 0
	}
	if alone {
		for o, g := range c.generics {
			res.generics[o] = g
		}
		collectGenerics(c.fset, []*ast.File{file}, res.Info, pieceMap, res.generics)
	} else {
		res.Errors, res.Skipped = nil, ""
		files := c.checkAll(res, file, session, redefined, extra)
		for _, l := range session {
			if l.Cell != cell {
				pieceMap[l.Cell] = append(pieceMap[l.Cell], l.Piece)
			}
		}
		collectGenerics(c.fset, files, res.Info, pieceMap, res.generics)
	}
	if keep && len(res.Errors) == 0 && res.Skipped == "" && res.Pkg != nil {
		for _, p := range pieces {
			if p.Kind != Import && (p.Kind != Stmt || hoisted(file, c.fset, p)) {
				live[pieceKey{cell, p.Line, p.Col, p.Text}] = true
			}
		}
		c.last = &checked{pkg: res.Pkg, live: live}
		c.generics = res.generics
	}
	if keep {
		c.imports[cell] = cellImports
	}
	return res
}

// forgetDead drops the parsed pieces and imports of cells whose
// declarations the session no longer holds.
func (c *Checker) forgetDead(live map[pieceKey]bool, cell int) {
	cells := map[int]bool{cell: true}
	for k := range live {
		cells[k.cell] = true
	}
	for k := range c.parsed {
		if !live[k] {
			delete(c.parsed, k)
			delete(c.cellSrc[k.cell], k)
		}
	}
	for n := range c.imports {
		if !cells[n] {
			delete(c.imports, n)
			delete(c.cellSrc, n)
		}
	}
}

// sameKeys tells whether two sets of pieces are the same.
func sameKeys(a, b map[pieceKey]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// redefinesOld tells whether a cell declares a name of the last check's
// session, or a method: the session's objects that depend on the old
// declaration must then be checked again, and methods cannot be added to
// the types of an earlier check.
func (c *Checker) redefinesOld(keys map[string]bool) bool {
	for k := range keys {
		if strings.Contains(k, ".") || c.last.pkg.Scope().Lookup(k) != nil {
			return true
		}
	}
	return false
}

// hoisted tells whether statement piece p is a top-level x := v, which
// the file declares as a package variable.
func hoisted(f *ast.File, fset *token.FileSet, p Piece) bool {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		if at := fset.Position(g.Pos()); at.Line == p.Line && at.Column == p.Col && p.Kind == Stmt {
			return true
		}
	}
	return false
}

// newInfo is an empty types.Info recording what the front end uses.
func newInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
}

// checkAlone checks the cell's file alone, in a package that holds the
// objects of the last check's session (but those the cell redefines).
func (c *Checker) checkAlone(res *Result, file *ast.File, redefined map[string]bool, extra map[string]string) {
	pkg := types.NewPackage("main", "main")
	old := c.last.pkg.Scope()
	pkgNames := map[string]bool{}
	for _, name := range old.Names() {
		if name == cellFuncName || redefined[name] {
			continue
		}
		pkg.Scope().Insert(old.Lookup(name))
		pkgNames[name] = true
	}
	for _, d := range file.Decls {
		for _, k := range DeclKeys(d) {
			pkgNames[k] = true
		}
	}
	c.addImplicit(file, pkgNames, extra)
	res.Info = newInfo()
	var raw []types.Error
	conf := c.config(&raw)
	_ = types.NewChecker(conf, c.fset, pkg, res.Info).Files([]*ast.File{file})
	res.Pkg = pkg
	c.report(res, file, raw)
}

// checkAll checks the whole session with the cell.
func (c *Checker) checkAll(res *Result, file *ast.File, session []Live, redefined map[string]bool, extra map[string]string) []*ast.File {
	cell := res.cell
	byCell := map[int][]ast.Decl{}
	var cells []int
	for _, l := range session {
		if l.Cell == cell {
			continue
		}
		p, err := c.piece(l)
		if err != nil {
			continue
		}
		for _, d := range p.decls {
			if anyKey(DeclKeys(d), redefined) {
				continue
			}
			if _, ok := byCell[l.Cell]; !ok {
				cells = append(cells, l.Cell)
			}
			byCell[l.Cell] = append(byCell[l.Cell], d)
		}
	}
	sort.Ints(cells)
	files := make([]*ast.File, 0, len(cells)+1)
	for _, n := range cells {
		files = append(files, &ast.File{Name: ast.NewIdent("main"), Decls: byCell[n], Imports: c.imports[n]})
	}
	files = append(files, file)
	// Names declared at package level, which implicit imports must not
	// shadow (Go forbids a file's import and a package name to clash).
	pkgNames := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			for _, k := range DeclKeys(d) {
				if !strings.Contains(k, ".") {
					pkgNames[k] = true
				}
			}
		}
	}
	for _, f := range files {
		c.addImplicit(f, pkgNames, extra)
	}
	res.Info = newInfo()
	var raw []types.Error
	pkg, _ := c.config(&raw).Check("main", c.fset, files, res.Info)
	res.Pkg = pkg
	c.report(res, file, raw)
	return files
}

// config is the type checker's configuration, its errors collected in raw.
func (c *Checker) config(raw *[]types.Error) *types.Config {
	return &types.Config{
		Importer:  c.imp,
		GoVersion: "go1.26",
		Sizes:     types.SizesFor("gc", "amd64"),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				*raw = append(*raw, te)
			}
		},
	}
}

// report keeps the errors that belong to the cell, in Go's words.
func (c *Checker) report(res *Result, file *ast.File, raw []types.Error) {
	var importFailed string
	show := lastExpr(file)
	for _, e := range raw {
		if cellOf(c.fset.Position(e.Pos).Filename) != res.cell {
			continue // an older cell broken by a redefinition: the interpreter says so when it rebuilds
		}
		if inImport(e.Pos, file) {
			if !e.Soft {
				importFailed = e.Msg
			}
			continue // an unused import is no error in a cell
		}
		if show != nil && e.Pos == show.Pos() && isValue(res.Info, show) {
			continue // the cell's last expression is its value: it is used
		}
		p := c.fset.Position(e.Pos)
		res.Errors = append(res.Errors, Error{Line: p.Line, Col: p.Column, Msg: e.Msg})
	}
	if importFailed != "" && len(res.Errors) > 0 {
		// Without a package's types every use of it is an error: let the
		// interpreter judge the cell.
		res.Errors, res.Skipped = nil, importFailed
	}
}

// isValue tells whether e was checked as a value.
func isValue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsValue() && tv.Type != nil && tv.Type != types.Typ[types.Invalid]
}

// lastExpr is the cell's last expression statement, whose value the
// cell shows.
func lastExpr(f *ast.File) ast.Expr {
	body := cellBody(f)
	if body == nil || len(body.List) == 0 {
		return nil
	}
	if es, ok := body.List[len(body.List)-1].(*ast.ExprStmt); ok {
		return es.X
	}
	return nil
}

// cellFuncName names the function that holds a cell's statements while it
// is checked.
const cellFuncName = "_gocalc_cell"

// cellBody is the body holding a cell file's statements.
func cellBody(f *ast.File) *ast.BlockStmt {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == cellFuncName {
			return fd.Body
		}
	}
	return nil
}

// inImport tells whether pos lies in one of f's import specs.
func inImport(pos token.Pos, f *ast.File) bool {
	if !pos.IsValid() {
		return true // implicit imports have no position
	}
	for _, s := range f.Imports {
		if s.Pos() <= pos && pos <= s.End() {
			return true
		}
	}
	return false
}

// anyKey tells whether one of keys is in set.
func anyKey(keys []string, set map[string]bool) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

// directive places the text that follows at a cell's line and column.
func directive(cell, line, col int) string {
	return fmt.Sprintf("//line %s:%d:%d\n", cellName(cell), line, col)
}

// cellFile parses a cell as a file: its imports, its declarations, its
// top-level x := v as var declarations, and its other statements in the
// body of a function.
func (c *Checker) cellFile(cell int, pieces []Piece) (*ast.File, []*ast.ImportSpec, error) {
	var b strings.Builder
	b.WriteString("package main\n")
	var stmts []Piece
	for _, p := range pieces {
		if p.Kind == Stmt {
			stmts = append(stmts, p)
			continue
		}
		b.WriteString(directive(cell, p.Line, p.Col))
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	b.WriteString("func " + cellFuncName + "() {\n")
	for _, p := range stmts {
		b.WriteString(directive(cell, p.Line, p.Col))
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	f, err := parser.ParseFile(c.fset, cellName(cell), b.String(), parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, err
	}
	hoistDefines(f)
	return f, f.Imports, nil
}

// hoistDefines turns the top-level x := v statements of a cell file's
// statement function into package-level var declarations: they declare
// session variables.
func hoistDefines(f *ast.File) {
	body := cellBody(f)
	if body == nil {
		return
	}
	kept := body.List[:0]
	declared := map[string]bool{}
	for _, s := range body.List {
		if a, ok := s.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
			d := defineToVar(a)
			// a, err := f(); b, err := g(): as in a function, the second
			// declares b and assigns err.
			for _, n := range d.Specs[0].(*ast.ValueSpec).Names {
				if declared[n.Name] {
					n.Name = "_"
				} else if n.Name != "_" {
					declared[n.Name] = true
				}
			}
			f.Decls = append(f.Decls, d)
			continue
		}
		kept = append(kept, s)
	}
	body.List = kept
}

// defineToVar is `var a, b = f()` for `a, b := f()`.
func defineToVar(a *ast.AssignStmt) *ast.GenDecl {
	names := make([]*ast.Ident, len(a.Lhs))
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			id = &ast.Ident{NamePos: l.Pos(), Name: "_"}
		}
		names[i] = id
	}
	return &ast.GenDecl{TokPos: a.Pos(), Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: names, Values: a.Rhs}}}
}

// piece parses a live piece of an earlier cell (once).
func (c *Checker) piece(l Live) (*parsedPiece, error) {
	k := pieceKey{l.Cell, l.Line, l.Col, l.Text}
	if p := c.parsed[k]; p != nil {
		return p, nil
	}
	f, _, err := c.cellFile(l.Cell, []Piece{l.Piece})
	if err != nil {
		return nil, err
	}
	p := &parsedPiece{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFuncName {
			continue
		}
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		p.decls = append(p.decls, d)
	}
	c.parsed[k] = p
	if c.cellSrc[l.Cell] == nil {
		c.cellSrc[l.Cell] = map[pieceKey]bool{}
	}
	c.cellSrc[l.Cell][k] = true
	return p, nil
}

// addImplicit gives f an import for every package name it uses as a
// selector's operand without importing it or declaring it.
func (c *Checker) addImplicit(f *ast.File, pkgNames map[string]bool, extra map[string]string) {
	imported := map[string]bool{}
	for _, s := range f.Imports {
		imported[importName(s)] = true
	}
	var names []string
	seen := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || seen[id.Name] || imported[id.Name] || pkgNames[id.Name] {
			return true
		}
		seen[id.Name] = true
		names = append(names, id.Name)
		return true
	})
	if len(names) == 0 {
		return
	}
	gd := &ast.GenDecl{Tok: token.IMPORT}
	for _, name := range names {
		path, ok := extra[name]
		if !ok {
			path, ok = c.short[name]
		}
		if !ok {
			continue
		}
		s := &ast.ImportSpec{Name: ast.NewIdent(name), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(path)}}
		gd.Specs = append(gd.Specs, s)
		f.Imports = append(f.Imports[:len(f.Imports):len(f.Imports)], s)
	}
	if len(gd.Specs) > 0 {
		f.Decls = append([]ast.Decl{gd}, f.Decls...)
	}
}

// importName is the name an import spec binds (the last path element
// when it has no name; the catalog of export data knows better, but the
// packages a cell imports by path are named after it).
func importName(s *ast.ImportSpec) string {
	if s.Name != nil {
		return s.Name.Name
	}
	path, _ := strconv.Unquote(s.Path.Value)
	name := path[strings.LastIndex(path, "/")+1:]
	if strings.HasPrefix(name, "v") {
		if _, err := strconv.Atoi(name[1:]); err == nil && strings.Contains(path, "/") {
			p := strings.TrimSuffix(path, "/"+name)
			name = p[strings.LastIndex(p, "/")+1:]
		}
	}
	return name
}

// DeclKeys lists what a declaration declares: "f", "T", "x", and "T.M"
// for a method.
func DeclKeys(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return []string{RecvName(d.Recv.List[0].Type) + "." + d.Name.Name}
		}
		if d.Name.Name == "init" || d.Name.Name == cellFuncName {
			return nil
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		var out []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						out = append(out, n.Name)
					}
				}
			}
		}
		return out
	}
	return nil
}

// RecvName is the base type name of a method receiver.
func RecvName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return RecvName(t.X)
	case *ast.IndexExpr:
		return RecvName(t.X)
	case *ast.IndexListExpr:
		return RecvName(t.X)
	case *ast.ParenExpr:
		return RecvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// InitRank gives each variable that the cell declares at top level, by
// the line and column of its name, its place in Go's initialization order
// of package variables (a variable initialized from another is
// initialized after it, whatever their order in the source; blank
// variables too). Variables without an initializer are not listed.
func (r *Result) InitRank() map[[2]int]int {
	if r == nil || r.Info == nil {
		return nil
	}
	rank := map[[2]int]int{}
	for i, init := range r.Info.InitOrder {
		for _, v := range init.Lhs {
			if p := r.Fset.Position(v.Pos()); cellOf(p.Filename) == r.cell {
				rank[[2]int{p.Line, p.Column}] = i
			}
		}
	}
	return rank
}
