package cells

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
	"golang.org/x/tools/go/ast/astutil"
)

// span is where an expression stands in its cell.
type span struct{ line, col, endLine, endCol int }

// Lowerings are the front end's replacements of cells, by cell number.
type Lowerings map[int]*lowering

// lowering is what the front end changes in one cell.
type lowering struct {
	exprs  map[span]replacement // expressions to replace (before the rewriter)
	pkgs   map[[2]int][2]string // line, col -> package name as written, its alias
	ranges map[[2]int]string    // line, col of a range's for -> what it ranges over (front.Result.RangeKinds); of a type switch's switch -> front.SwitchChain... (front.Result.IfaceSwitches)
	vars   map[[2]int][]string  // line, col of a multi-value var declaration -> its variables' types (front.Result.MultiVarTypes)
	monos  []*front.Mono        // the concrete copies of generic declarations the cell needs (front.Result.MonoLowering)
}

// replacement is the lowered form of an expression; with operand set,
// front.ArgName in src stands for the operand of the type assertion or
// selector replaced, or the argument of the call.
type replacement struct {
	src     string
	operand bool
}

// Set records the replacements of cell n.
func (l Lowerings) Set(n int, reps []front.Replacement, refs []front.PkgRef, ranges map[[2]int]string, vars map[[2]int][]string, monos []*front.Mono) {
	if len(reps) == 0 && len(refs) == 0 && len(ranges) == 0 && len(vars) == 0 && len(monos) == 0 {
		// Checked, with nothing to lower: still a cell whose imports the
		// front end resolved (an import nothing uses binds nothing).
		l[n] = &lowering{}
		return
	}
	lw := &lowering{exprs: make(map[span]replacement, len(reps)), pkgs: make(map[[2]int][2]string, len(refs)), ranges: ranges, vars: vars, monos: monos}
	for _, r := range reps {
		sp := span{r.Line, r.Col, r.EndLine, r.EndCol}
		if prev, ok := lw.exprs[sp]; ok {
			// Two lowerings of one expression: the earlier holds the
			// later (print's conversion of a folded constant).
			if !prev.operand && !r.Operand {
				lw.exprs[sp] = replacement{strings.ReplaceAll(prev.src, front.ArgName, "("+r.Src+")"), false}
			}
			continue
		}
		lw.exprs[sp] = replacement{r.Src, r.Operand}
	}
	for _, r := range refs {
		lw.pkgs[[2]int{r.Line, r.Col}] = [2]string{r.Name, r.Alias}
	}
	l[n] = lw
}

// monoExprs are the replacements making a concrete copy of the generic
// declaration of cell n: the declaration's own, but those the copy
// replaces or that write its type parameters, and the copy's.
func (l Lowerings) monoExprs(n int, m *front.Mono) map[span]replacement {
	out := map[span]replacement{}
	for sp, r := range l.exprsOf(n) {
		if m.Own {
			break // the copy's lowering is whole
		}
		if a, ok := m.Adapt(front.Replacement{Line: sp.line, Col: sp.col, EndLine: sp.endLine, EndCol: sp.endCol, Src: r.src}); ok {
			out[sp] = replacement{a.Src, r.operand}
		}
	}
	for _, r := range m.Reps {
		sp := span{r.Line, r.Col, r.EndLine, r.EndCol}
		if prev, ok := out[sp]; ok && !prev.operand && !r.Operand && m.Own {
			// Two lowerings of one expression, as lowerings.set composes them.
			out[sp] = replacement{strings.ReplaceAll(prev.src, front.ArgName, "("+r.Src+")"), false}
			continue
		}
		out[sp] = replacement{r.Src, r.Operand}
	}
	return out
}

// monosOf are the copies of generic declarations cell n needs.
func (l Lowerings) monosOf(n int) []*front.Mono {
	if lw := l[n]; lw != nil {
		return lw.monos
	}
	return nil
}

// exprsOf and pkgsOf are the parts of cell n's lowering (nil when none).
func (l Lowerings) exprsOf(n int) map[span]replacement {
	if lw := l[n]; lw != nil {
		return lw.exprs
	}
	return nil
}

func (l Lowerings) VarsOf(n int) map[[2]int][]string {
	if lw := l[n]; lw != nil {
		return lw.vars
	}
	return nil
}

func (l Lowerings) rangesOf(n int) map[[2]int]string {
	if lw := l[n]; lw != nil {
		return lw.ranges
	}
	return nil
}

func (l Lowerings) pkgsOf(n int) map[[2]int][2]string {
	if lw := l[n]; lw != nil {
		return lw.pkgs
	}
	return nil
}

// Alias renames the package names of a cell's AST (after the rewriter,
// which knows packages by name) to the aliases the interpreter imports
// them under.
func Alias(fset *token.FileSet, root ast.Node, cell int, pkgs map[[2]int][2]string) {
	if len(pkgs) == 0 {
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || !id.Pos().IsValid() {
			return true
		}
		p := fset.Position(id.Pos())
		c, l := DecodeLine(p.Line)
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
// own node, and positions, inside the lowered form. Expressions are
// matched by the spans they had before any replacement, so that one
// replacement may hold another (print(v[i]), with v a pointer to an
// array, lowers both the argument and v).
func lower(fset *token.FileSet, root ast.Node, cell int, reps map[span]replacement) {
	if len(reps) == 0 {
		return
	}
	spans := map[ast.Expr]span{}
	ast.Inspect(root, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok || !e.Pos().IsValid() || !e.End().IsValid() {
			return true
		}
		p, q := fset.Position(e.Pos()), fset.Position(e.End())
		pc, pl := DecodeLine(p.Line)
		qc, ql := DecodeLine(q.Line)
		if pc == cell && qc == cell {
			spans[e] = span{pl, p.Column, ql, q.Column}
		}
		return true
	})
	astutil.Apply(root, nil, func(c *astutil.Cursor) bool {
		e, ok := c.Node().(ast.Expr)
		if !ok {
			return true
		}
		sp, ok := spans[e]
		if !ok {
			return true
		}
		r, ok := reps[sp]
		if !ok {
			return true
		}
		arg := e
		if r.operand {
			switch x := e.(type) {
			case *ast.TypeAssertExpr:
				arg = x.X
			case *ast.SelectorExpr:
				arg = x.X
			case *ast.CallExpr:
				if len(x.Args) != 1 {
					return true
				}
				arg = x.Args[0]
			default:
				return true
			}
		}
		repl := parseLowered(fset, r.src, arg)
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
	f, err := parser.ParseFile(fset, SrcName, "package main\n"+LineDirective(0, p.Line, p.Column)+"var _ = "+src+"\n", parser.SkipObjectResolution)
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
