package front

import (
	"go/ast"
	"go/types"
)

// LocalType returns the type of the local variable (or parameter) name
// as the code at line:col (1-based) of cell sees it, or nil when the
// result does not hold that cell, or name is no local there (a session
// variable, a name the lowering passes made).
func (r *Result) LocalType(cell, line, col int, name string) types.Type {
	if r == nil || r.Info == nil || r.file == nil || cell != r.cell {
		return nil
	}
	before := func(l, c, line, col int) bool { return l < line || l == line && c <= col }
	var best *types.Scope
	bestSpan := 0
	for n, sc := range r.Info.Scopes {
		if _, isFile := n.(*ast.File); isFile || !sc.Pos().IsValid() {
			continue
		}
		// A function's scope spans its body, not only its signature.
		p, q := r.Fset.Position(sc.Pos()), r.Fset.Position(sc.End())
		if cellOf(p.Filename) != cell || !before(p.Line, p.Column, line, col) || !before(line, col, q.Line, q.Column) {
			continue
		}
		// The innermost scope holding the place: the shortest.
		if span := (q.Line-p.Line)*100000 + q.Column - p.Column; best == nil || span < bestSpan {
			best, bestSpan = sc, span
		}
	}
	for sc := best; sc != nil && sc != r.Pkg.Scope() && sc != types.Universe; sc = sc.Parent() {
		if obj, ok := sc.Lookup(name).(*types.Var); ok {
			return obj.Type()
		}
	}
	return nil
}
