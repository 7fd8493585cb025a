package front

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// ShiftLowering lists the replacements that make shifts explicit where
// the interpreter types them wrongly:
//
//   - the untyped constant operand of a non-constant shift gets the type
//     Go gives it, written as a conversion: 1 << n assigned to an int64
//     is int64(1) << n; in a shift count, where Go leaves it untyped, it
//     is an int (v >> (1 >> n) is v >> (int(1) >> n)). yaegi computed such
//     shifts in the wrong type and failed in reflect.
//   - a constant shift count that is not an integer literal (x << (1+0i),
//     x << 1.0) is written as the integer it is.
func (r *Result) ShiftLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	ast.Inspect(r.file, func(n ast.Node) bool {
		var x, y ast.Expr
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op != token.SHL && n.Op != token.SHR {
				return true
			}
			if tv, ok := r.Info.Types[n]; !ok || tv.Value != nil {
				return true // a constant shift: Go computes it exactly
			}
			x, y = n.X, n.Y
		case *ast.AssignStmt:
			if n.Tok != token.SHL_ASSIGN && n.Tok != token.SHR_ASSIGN || len(n.Rhs) != 1 {
				return true
			}
			y = n.Rhs[0]
		default:
			return true
		}
		if x != nil {
			if rep, ok := l.shiftOperand(x); ok {
				out = append(out, rep)
			}
		}
		if rep, ok := l.shiftCount(y); ok {
			out = append(out, rep)
		}
		return true
	})
	return out, l.imports
}

// shiftOperand converts a shift's untyped constant operand to its type.
func (l *lowerer) shiftOperand(x ast.Expr) (Replacement, bool) {
	tv, ok := l.res.Info.Types[x]
	if !ok || tv.Value == nil || tv.Type == nil {
		return Replacement{}, false
	}
	if _, conv := ast.Unparen(x).(*ast.CallExpr); conv {
		return Replacement{}, false // int32(1) << n: typed already
	}
	t := tv.Type
	if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
		t = types.Typ[types.Int]
	}
	if hasTypeParam(t) || !l.expressible(t) {
		return Replacement{}, false
	}
	if b, isBasic := t.Underlying().(*types.Basic); !isBasic || b.Info()&types.IsInteger == 0 {
		return Replacement{}, false
	}
	return l.span(x, l.localType(t)+"("+ArgName+")"), true
}

// shiftCount writes a constant shift count that is not an integer literal
// as one.
func (l *lowerer) shiftCount(y ast.Expr) (Replacement, bool) {
	tv, ok := l.res.Info.Types[y]
	if !ok || tv.Value == nil {
		return Replacement{}, false
	}
	if lit, isLit := ast.Unparen(y).(*ast.BasicLit); isLit && lit.Kind == token.INT {
		return Replacement{}, false
	}
	if b, isBasic := tv.Type.(*types.Basic); isBasic && b.Info()&types.IsUntyped == 0 {
		return Replacement{}, false // a typed constant: its type is known
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int || constant.Sign(v) < 0 {
		return Replacement{}, false
	}
	return l.span(y, v.ExactString()), true
}
