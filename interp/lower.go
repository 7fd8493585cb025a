package interp

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/gocalc/gocalc/interp/internal/front"
	"golang.org/x/tools/go/ast/astutil"
)

// span is where an expression stands in its cell.
type span struct{ line, col, endLine, endCol int }

// lowerings are the front end's replacements of cells, by cell number.
type lowerings map[int]map[span]string

// set records the replacements of cell n.
func (l lowerings) set(n int, reps []front.Replacement) {
	if len(reps) == 0 {
		delete(l, n)
		return
	}
	m := make(map[span]string, len(reps))
	for _, r := range reps {
		m[span{r.Line, r.Col, r.EndLine, r.EndCol}] = r.Src
	}
	l[n] = m
}

// lower applies the replacements of cell cell to an AST parsed from it
// (in fset, with generated positions): each replaced expression keeps its
// own node, and positions, inside the lowered form.
func lower(fset *token.FileSet, root ast.Node, cell int, reps map[span]string) {
	if len(reps) == 0 {
		return
	}
	astutil.Apply(root, nil, func(c *astutil.Cursor) bool {
		e, ok := c.Node().(ast.Expr)
		if !ok || !e.Pos().IsValid() || !e.End().IsValid() {
			return true
		}
		p, q := fset.Position(e.Pos()), fset.Position(e.End())
		pc, pl := decodeLine(p.Line)
		qc, ql := decodeLine(q.Line)
		if pc != cell || qc != cell {
			return true
		}
		src, ok := reps[span{pl, p.Column, ql, q.Column}]
		if !ok {
			return true
		}
		repl := parseLowered(fset, src, e)
		if repl == nil {
			return true
		}
		defer func() {
			// A cursor that cannot take an expression (a field of a node
			// astutil does not know) keeps the original.
			_ = recover()
		}()
		c.Replace(repl)
		return true
	})
}

// parseLowered parses a replacement placed at e's position, with e in place
// of front.ArgName.
func parseLowered(fset *token.FileSet, src string, e ast.Expr) ast.Expr {
	p := fset.Position(e.Pos())
	f, err := parser.ParseFile(fset, srcName, "package main\n"+lineDirective(0, p.Line, p.Column)+"var _ = "+src+"\n", parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	x := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0]
	out := astutil.Apply(x, nil, func(c *astutil.Cursor) bool {
		if id, ok := c.Node().(*ast.Ident); ok && id.Name == front.ArgName {
			c.Replace(e)
		}
		return true
	})
	return out.(ast.Expr)
}
