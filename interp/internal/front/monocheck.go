package front

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// lowerCopies type-checks the copies of generic declarations as the
// concrete code they are, and gives each the lowerings of the cells
// computed from that check (fmt's view of its values, %T, ...): the
// generic declaration's own lowering sees type parameters, which the
// lowerings leave alone. Each copy's text keeps the positions of its
// generic declaration (line directives), so that the replacements apply
// to the copy the interpreter parses from the declaration's piece. A
// copy that does not check (a group of types, a copy handed to a
// function of the session that takes the generic instance) keeps the
// generic declaration's own lowering instead.
func (m *monoState) lowerCopies() {
	r := m.r
	if m.lowered || r.checker == nil || len(m.monos) == 0 {
		return
	}
	m.lowered = true
	c := r.checker
	c.mu.Lock()
	defer c.mu.Unlock()
	byCell := map[int][]*Mono{}
	var cells []int
	for _, mono := range m.monos {
		if mono.decl == nil {
			continue
		}
		if _, ok := byCell[mono.Piece.Cell]; !ok {
			cells = append(cells, mono.Piece.Cell)
		}
		byCell[mono.Piece.Cell] = append(byCell[mono.Piece.Cell], mono)
	}
	sort.Ints(cells)
	pkg := types.NewPackage("main", "main")
	pkgNames := map[string]bool{}
	for _, name := range r.Pkg.Scope().Names() {
		if name == cellFuncName {
			continue
		}
		pkg.Scope().Insert(r.Pkg.Scope().Lookup(name))
		pkgNames[name] = true
	}
	var files []*ast.File
	copies := map[*ast.File][]*Mono{}
	for n, cell := range cells {
		var b strings.Builder
		b.WriteString("package main\n")
		var ok []*Mono
		for _, mono := range byCell[cell] {
			text, good := mono.text(r.Fset)
			if !good {
				continue
			}
			b.WriteString(text)
			b.WriteString("\n")
			ok = append(ok, mono)
		}
		f, err := parser.ParseFile(r.Fset, "copies"+strconv.Itoa(n), b.String(), parser.SkipObjectResolution)
		if err != nil || len(f.Decls) != len(ok) {
			continue
		}
		// The imports of the generic declarations' cell, and those of the
		// type arguments.
		for _, s := range c.imports[cell] {
			f.Imports = append(f.Imports, &ast.ImportSpec{Name: s.Name, Path: s.Path})
		}
		for alias, path := range m.imports {
			f.Imports = append(f.Imports, &ast.ImportSpec{Name: ast.NewIdent(alias), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(path)}})
		}
		if len(f.Imports) > 0 {
			gd := &ast.GenDecl{Tok: token.IMPORT}
			for _, s := range f.Imports {
				gd.Specs = append(gd.Specs, s)
			}
			f.Decls = append([]ast.Decl{gd}, f.Decls...)
		}
		c.addImplicit(f, pkgNames, r.extra)
		files = append(files, f)
		copies[f] = ok
	}
	if len(files) == 0 {
		return
	}
	info := newInfo()
	var raw []types.Error
	_ = types.NewChecker(c.config(&raw), r.Fset, pkg, info).Files(files)

	bad := map[*ast.File]bool{}
	for _, e := range raw {
		if e.Soft && strings.Contains(e.Msg, "imported and not used") {
			continue
		}
		for _, f := range files {
			if f.FileStart <= e.Pos && e.Pos <= f.FileEnd {
				bad[f] = true
			}
		}
	}
	for _, f := range files {
		if bad[f] {
			continue
		}
		var decls []ast.Decl
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); !ok || gd.Tok != token.IMPORT {
				decls = append(decls, d)
			}
		}
		if len(decls) != len(copies[f]) {
			continue
		}
		for i, mono := range copies[f] {
			view := &ast.File{Name: f.Name, Decls: []ast.Decl{decls[i]}, Imports: f.Imports}
			sub := &Result{Info: info, Pkg: pkg, Fset: r.Fset, file: view, cell: mono.Piece.Cell, mono: m}
			mono.lower(sub, m.imports)
		}
	}
}

// lower gives a copy the lowerings of sub, its checked text.
func (mono *Mono) lower(sub *Result, imports map[string]string) {
	var all []Replacement
	for _, lowering := range []func() ([]Replacement, map[string]string){
		sub.FmtLowering, sub.IterLowering, sub.RuntimeLowering, sub.ShiftLowering, sub.BoolLowering,
		sub.BlankFieldLowering, sub.ConstLowering, sub.DeferLowering, sub.EmbeddedLowering,
		// Bounds as in cells that recover; not the debugger's checks of
		// every index (a copy's index error stops after unwinding).
		func() ([]Replacement, map[string]string) { return sub.CheckLowering(false) },
		sub.ClosureLowering,
	} {
		reps, used := lowering()
		all = append(all, reps...)
		for a, p := range used {
			imports[a] = p
		}
	}
	mono.Reps = append(DropShadowed(all, mono.Reps), mono.Reps...)
	mono.Own = true
}

// text is the copy's source: the generic declaration's piece with the
// copy's replacements, its name and without its type parameters, and
// line directives that keep every other token at its place in the cell.
func (mono *Mono) text(fset *token.FileSet) (string, bool) {
	edits := append([]Replacement(nil), mono.Reps...)
	span := func(from, to token.Pos, src string) {
		p, q := fset.Position(from), fset.Position(to)
		edits = append(edits, Replacement{Line: p.Line, Col: p.Column, EndLine: q.Line, EndCol: q.Column, Src: src})
	}
	switch d := mono.decl.(type) {
	case *ast.FuncDecl:
		if mono.Recv == "" {
			span(d.Name.Pos(), d.Name.End(), mono.Name)
		}
		if tp := d.Type.TypeParams; tp != nil {
			span(tp.Opening, tp.Closing+1, "")
		}
	case *ast.GenDecl:
		ts := d.Specs[0].(*ast.TypeSpec)
		span(ts.Name.Pos(), ts.Name.End(), mono.Name)
		span(ts.TypeParams.Opening, ts.TypeParams.Closing+1, "")
	default:
		return "", false
	}
	// Outermost edits only (an instance's type arguments go with it).
	sort.Slice(edits, func(i, j int) bool {
		a, b := edits[i], edits[j]
		if a.Line != b.Line || a.Col != b.Col {
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		}
		return a.EndLine > b.EndLine || a.EndLine == b.EndLine && a.EndCol > b.EndCol
	})
	lines := strings.SplitAfter(mono.Piece.Text, "\n")
	offset := func(line, col int) int {
		i := line - mono.Piece.Line
		if i < 0 || i >= len(lines) {
			return -1
		}
		n := 0
		for _, l := range lines[:i] {
			n += len(l)
		}
		if i == 0 {
			return n + col - mono.Piece.Col
		}
		return n + col - 1
	}
	dir := func(line, col int) string {
		return "/*line " + cellName(mono.Piece.Cell) + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + "*/"
	}
	text := mono.Piece.Text
	type wrap struct {
		end       int
		post      string
		line, col int
	}
	var wraps []wrap
	var b strings.Builder
	b.WriteString(dir(mono.Piece.Line, mono.Piece.Col))
	pos := 0
	flush := func(upto int) {
		for len(wraps) > 0 && wraps[len(wraps)-1].end <= upto {
			w := wraps[len(wraps)-1]
			wraps = wraps[:len(wraps)-1]
			b.WriteString(text[pos:w.end])
			b.WriteString(w.post + " " + dir(w.line, w.col))
			pos = w.end
		}
	}
	for _, e := range edits {
		start, end := offset(e.Line, e.Col), offset(e.EndLine, e.EndCol)
		if start < 0 || end < start || end > len(text) {
			return "", false
		}
		flush(start)
		if start < pos {
			continue // inside an earlier edit
		}
		if e.Operand {
			return "", false
		}
		if pre, post, ok := strings.Cut(e.Src, ArgName); ok {
			// A wrapper: the expression, and the edits inside it, stay.
			if strings.Contains(post, ArgName) {
				return "", false
			}
			b.WriteString(text[pos:start])
			b.WriteString(dir(e.Line, e.Col) + pre + " " + dir(e.Line, e.Col))
			pos = start
			wraps = append(wraps, wrap{end, post, e.EndLine, e.EndCol})
			continue
		}
		b.WriteString(text[pos:start])
		b.WriteString(dir(e.Line, e.Col))
		b.WriteString(e.Src)
		b.WriteString(" " + dir(e.EndLine, e.EndCol))
		pos = end
	}
	flush(len(text))
	b.WriteString(text[pos:])
	return b.String(), true
}
