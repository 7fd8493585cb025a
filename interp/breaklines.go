package interp

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/gocalc/gocalc/interp/internal/cells"
)

// breakLines returns the lines of a cell at which a debugged run surely
// stops when they run, or nil when the cell does not parse. They are
// where a simple statement, an if, a return, a go or defer, or a for
// with a condition starts, where a var or const spec with a value
// starts, and where a call starts (of the arguments of a call written
// over several lines, the calls stop, the values do not). A switch,
// select, range, label or case line may stop or not (a tagless switch's
// case does not; a range over an integer is rewritten): it is refused
// unless a call starts there, so that an accepted breakpoint is one that
// stops. Declarations of funcs, types and imports, the elements of a
// composite literal, braces, blank lines and comments never stop.
func breakLines(code string) map[int]bool {
	fset, roots := parseRoots(code)
	if roots == nil {
		return nil
	}
	lines := map[int]bool{}
	mark := func(p token.Pos) { lines[fset.Position(p).Line] = true }
	for _, root := range roots {
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BlockStmt, *ast.BranchStmt, *ast.EmptyStmt, *ast.LabeledStmt,
				*ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.CaseClause, *ast.CommClause,
				*ast.RangeStmt:
				// Their inner statements and calls count.
			case *ast.ForStmt:
				if n.Cond != nil {
					mark(n.Pos())
				}
			case ast.Stmt:
				mark(n.Pos())
			case *ast.ValueSpec:
				if len(n.Values) > 0 {
					mark(n.Pos())
				}
			case *ast.CallExpr:
				mark(n.Pos())
			}
			return true
		})
	}
	return lines
}

// parseRoots parses a cell's items at the cell's own lines: the body of
// its statements, the file of each declaration. It returns nil roots
// when the cell does not parse.
func parseRoots(code string) (*token.FileSet, []ast.Node) {
	fset := token.NewFileSet()
	roots := []ast.Node{}
	for _, it := range cells.CellItems(code, 0) {
		dir := cells.LineDirective(0, it.Line, it.Col)
		switch it.Kind {
		case cells.ItemStmt:
			f, err := parser.ParseFile(fset, cells.SrcName, "package main\nfunc main() {\n"+dir+it.Text+"\n}\n", 0)
			if err != nil {
				return fset, nil
			}
			roots = append(roots, f.Decls[0].(*ast.FuncDecl).Body)
		case cells.ItemDecl, cells.ItemVar:
			f, err := parser.ParseFile(fset, cells.SrcName, "package main\n"+dir+it.Text+"\n", 0)
			if err != nil {
				return fset, nil
			}
			roots = append(roots, f)
		}
	}
	return fset, roots
}
