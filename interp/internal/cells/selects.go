package cells

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// selectSwitch rewrites a select statement the front end marked
// (front.Result.SelectTypes) into a switch on the clause a helper built on
// reflect.Select chooses:
//
//	switch i, v, ok := _gocalc.Select("rsd", c1, nil, c2, x, nil, nil); i {
//	case 0: y := v.(int); ...
//	case 1: ...
//	case 2: ...
//	}
//
// The clauses' bodies stay in the cell's code, where break leaves the
// switch as it left the select. yaegi kept a select's cases in its node,
// shared by the goroutines running the statement at once. It returns nil
// for a select left to yaegi.
func (r *rewriter) selectSwitch(s *ast.SelectStmt) *ast.SwitchStmt {
	if r.fset == nil || !s.Select.IsValid() {
		return nil
	}
	p := r.fset.Position(s.Select)
	cell, line := DecodeLine(p.Line)
	mark, ok := r.lowered.rangesOf(cell)[[2]int{line, p.Column}]
	if !ok || !strings.HasPrefix(mark, front.SelectMark) {
		return nil
	}
	types := strings.Split(strings.TrimPrefix(mark, front.SelectMark), front.SelectSep)
	if len(types) != len(s.Body.List) {
		return nil
	}
	at := s.Select
	idx, val, okv := r.temp("si", at), r.temp("sr", at), r.temp("sok", at)
	var dirs strings.Builder
	var args []ast.Expr
	nilAt := func(pos token.Pos) ast.Expr { return r.ident("nil", pos) }
	var clauses []ast.Stmt
	for i, st := range s.Body.List {
		cc, ok := st.(*ast.CommClause)
		if !ok {
			return nil
		}
		var pre []ast.Stmt
		switch c := cc.Comm.(type) {
		case nil:
			dirs.WriteByte('d')
			args = append(args, nilAt(cc.Case), nilAt(cc.Case))
		case *ast.SendStmt:
			dirs.WriteByte('s')
			args = append(args, c.Chan, c.Value)
		case *ast.ExprStmt:
			u, ok := ast.Unparen(c.X).(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW {
				return nil
			}
			dirs.WriteByte('r')
			args = append(args, u.X, nilAt(u.Pos()))
		case *ast.AssignStmt:
			u, ok := ast.Unparen(c.Rhs[0]).(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW || types[i] == "" {
				return nil
			}
			te, err := parser.ParseExpr(types[i])
			if err != nil {
				return nil
			}
			dirs.WriteByte('r')
			args = append(args, u.X, nilAt(u.Pos()))
			rhs := []ast.Expr{&ast.TypeAssertExpr{X: r.ident(val.Name, u.Pos()), Lparen: u.Pos(), Type: repos(te, u.Pos()), Rparen: u.Pos()}}
			if len(c.Lhs) == 2 {
				rhs = append(rhs, r.ident(okv.Name, u.Pos()))
			}
			tok := c.Tok
			if tok == token.DEFINE && allBlank(c.Lhs) {
				tok = token.ASSIGN
			}
			pre = append(pre, &ast.AssignStmt{Lhs: c.Lhs, TokPos: c.TokPos, Tok: tok, Rhs: rhs})
		default:
			return nil
		}
		clauses = append(clauses, &ast.CaseClause{Case: cc.Case, List: []ast.Expr{&ast.BasicLit{ValuePos: cc.Case, Kind: token.INT, Value: strconv.Itoa(i)}},
			Colon: cc.Colon, Body: append(pre, cc.Body...)})
	}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: r.ident(RuntimeName, at), Sel: r.ident("Select", at)}, Lparen: at,
		Args: append([]ast.Expr{&ast.BasicLit{ValuePos: at, Kind: token.STRING, Value: strconv.Quote(dirs.String())}}, args...), Rparen: at}
	init := &ast.AssignStmt{Lhs: []ast.Expr{idx, val, okv}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{call}}
	return &ast.SwitchStmt{Switch: at, Init: init, Tag: r.ident(idx.Name, at),
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: clauses, Rbrace: s.Body.Rbrace}}
}

func allBlank(xs []ast.Expr) bool {
	for _, x := range xs {
		if id, ok := x.(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return true
}
