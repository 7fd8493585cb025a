package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// lineBase encodes the cell in every generated position: cell n's line l
// is line n*lineBase+l, so that yaegi's messages, which name only a line
// and a column, tell which cell they come from.
const lineBase = 1000000

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
}

// plan is a parsed cell.
type plan struct {
	cell  int
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
	kind itemKind
	file *ast.File
	body *ast.BlockStmt
}

// cellContext is what parsing a cell needs to know of the session.
type cellContext struct {
	intGlobals map[string]bool // globals holding integers
	declared   map[string]bool // names the session declares
}

// parseItems parses and rewrites a cell's items.
func parseItems(fset *token.FileSet, cell int, code string, ctx cellContext) ([]parsed, error) {
	var out []parsed
	var perr parseErrors
	var roots []ast.Node
	for _, it := range splitCell(code) {
		dir := lineDirective(cell, it.line, it.col)
		if it.kind == itemStmt {
			src := "package main\nfunc main() {\n" + dir + it.text + "\n}\n"
			f, err := parser.ParseFile(fset, srcName, src, parser.ParseComments)
			if err != nil {
				perr.add(err)
				continue
			}
			body := f.Decls[0].(*ast.FuncDecl).Body
			out = append(out, parsed{kind: itemStmt, body: body})
			roots = append(roots, body)
			continue
		}
		src := "package main\n" + dir + it.text + "\n"
		f, err := parser.ParseFile(fset, srcName, src, parser.ParseComments)
		if err != nil {
			perr.add(err)
			continue
		}
		out = append(out, parsed{kind: it.kind, file: f})
		roots = append(roots, f)
	}
	if len(perr) > 0 {
		return nil, perr
	}
	r := newRewriter(roots, ctx.intGlobals, ctx.declared)
	for _, root := range roots {
		r.rewrite(root)
	}
	return out, nil
}

// parseCell parses a cell into steps: imports first, then declarations
// without side effects (funcs, methods, types, consts), then var
// declarations and statements in source order.
func parseCell(fset *token.FileSet, cell int, code string, ctx cellContext) (*plan, error) {
	items, err := parseItems(fset, cell, code, ctx)
	if err != nil {
		return nil, err
	}
	p := &plan{cell: cell}
	var imports []*ast.ImportSpec
	var decls []ast.Decl
	var seq []step
	for _, it := range items {
		if it.body != nil {
			for _, s := range it.body.List {
				if a, ok := s.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
					seq = append(seq, step{kind: stepVar, decls: []ast.Decl{defineToVar(a)}, first: a.Pos()})
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
					seq = append(seq, step{kind: stepVar, decls: []ast.Decl{d}, first: d.Pos()})
				default:
					decls = append(decls, d)
				}
			default:
				decls = append(decls, d)
			}
		}
	}
	if len(imports) > 0 {
		p.steps = append(p.steps, step{kind: stepImport, imports: imports})
	}
	if len(decls) > 0 {
		p.steps = append(p.steps, step{kind: stepDecl, decls: decls, first: decls[0].Pos()})
	}
	// The value of a cell is its last expression statement.
	if n := len(seq); n > 0 && seq[n-1].kind == stepStmt {
		last := &seq[n-1]
		if es, ok := last.stmts[len(last.stmts)-1].(*ast.ExprStmt); ok && showable(es.X) {
			last.show = es.X
			last.stmts = last.stmts[:len(last.stmts)-1]
		}
	}
	p.steps = append(p.steps, seq...)
	return p, nil
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
		switch pkg.Name {
		case "fmt":
			return !strings.HasPrefix(fn.Sel.Name, "Print") && !strings.HasPrefix(fn.Sel.Name, "Fprint")
		case "log", "display":
			return false
		}
	}
	return true
}

// stmtBody wraps statements as `_gocalc.Run(func() { ... })`, the body of
// yaegi's implicit main. Inside a function literal, `:=` declares locals
// as Go says; the host learns when the statements have finished.
func stmtBody(stmts []ast.Stmt, pos token.Pos) *ast.BlockStmt {
	run := &ast.SelectorExpr{X: &ast.Ident{NamePos: pos, Name: rtName}, Sel: &ast.Ident{NamePos: pos, Name: "Run"}}
	lit := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: pos, List: stmts}}
	call := &ast.CallExpr{Fun: run, Lparen: pos, Args: []ast.Expr{lit}}
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
