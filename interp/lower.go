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
type lowerings map[int]*lowering

// lowering is what the front end changes in one cell.
type lowering struct {
	exprs  map[span]string      // expressions to replace (before the rewriter)
	pkgs   map[[2]int][2]string // line, col -> package name as written, its alias
	ranges map[[2]int]string    // line, col of a range's for -> what it ranges over (front.Result.RangeKinds)
}

// set records the replacements of cell n.
func (l lowerings) set(n int, reps []front.Replacement, refs []front.PkgRef, ranges map[[2]int]string) {
	if len(reps) == 0 && len(refs) == 0 && len(ranges) == 0 {
		// Checked, with nothing to lower: still a cell whose imports the
		// front end resolved (an import nothing uses binds nothing).
		l[n] = &lowering{}
		return
	}
	lw := &lowering{exprs: make(map[span]string, len(reps)), pkgs: make(map[[2]int][2]string, len(refs)), ranges: ranges}
	for _, r := range reps {
		lw.exprs[span{r.Line, r.Col, r.EndLine, r.EndCol}] = r.Src
	}
	for _, r := range refs {
		lw.pkgs[[2]int{r.Line, r.Col}] = [2]string{r.Name, r.Alias}
	}
	l[n] = lw
}

// exprsOf and pkgsOf are the parts of cell n's lowering (nil when none).
func (l lowerings) exprsOf(n int) map[span]string {
	if lw := l[n]; lw != nil {
		return lw.exprs
	}
	return nil
}

func (l lowerings) rangesOf(n int) map[[2]int]string {
	if lw := l[n]; lw != nil {
		return lw.ranges
	}
	return nil
}

func (l lowerings) pkgsOf(n int) map[[2]int][2]string {
	if lw := l[n]; lw != nil {
		return lw.pkgs
	}
	return nil
}

// alias renames the package names of a cell's AST (after the rewriter,
// which knows packages by name) to the aliases the interpreter imports
// them under.
func alias(fset *token.FileSet, root ast.Node, cell int, pkgs map[[2]int][2]string) {
	if len(pkgs) == 0 {
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || !id.Pos().IsValid() {
			return true
		}
		p := fset.Position(id.Pos())
		c, l := decodeLine(p.Line)
		if c != cell {
			return true
		}
		if a, ok := pkgs[[2]int{l, p.Column}]; ok && a[0] == id.Name {
			id.Name = a[1]
		}
		return true
	})
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
