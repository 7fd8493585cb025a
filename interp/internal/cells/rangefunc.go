package cells

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// rangeFunc turns a range over an iterator function (Go 1.23), which
// yaegi cannot compile, into a call of the function with a yield
// function holding the body:
//
//	for k, v := range seq { body }  =>  seq(func(k K, v V) bool { body; return true })
//
// with continue as return true and break as return false. It returns nil
// (and the range stays, to be reported) when the iterator's type is not
// known to the session (an expression of locals) or the body returns,
// defers, uses goto or a labeled break or continue.
func (r *rewriter) rangeFunc(s *ast.RangeStmt) ast.Stmt {
	if s.Tok == token.ASSIGN {
		return nil
	}
	return r.rangeFuncOf(s, r.probeType(s.X))
}

// rangeFuncOf is rangeFunc for an iterator of type typ.
func (r *rewriter) rangeFuncOf(s *ast.RangeStmt, typ string) ast.Stmt {
	if s.Tok == token.ASSIGN {
		return nil
	}
	if !strings.HasPrefix(typ, "func(func(") {
		return nil
	}
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return nil
	}
	ft, ok := e.(*ast.FuncType)
	if !ok || len(ft.Params.List) != 1 {
		return nil
	}
	yt, ok := ft.Params.List[0].Type.(*ast.FuncType)
	if !ok || yt.Results == nil || len(yt.Results.List) != 1 {
		return nil
	}
	vars := []ast.Expr{s.Key, s.Value}
	params := &ast.FieldList{}
	for i, f := range yt.Params.List {
		name := "_"
		if i < len(vars) && vars[i] != nil {
			id, ok := vars[i].(*ast.Ident)
			if !ok {
				return nil
			}
			name = id.Name
		}
		params.List = append(params.List, &ast.Field{Names: []*ast.Ident{r.ident(name, s.For)}, Type: repos(f.Type, s.For)})
	}
	if len(yt.Params.List) < 2 && s.Value != nil || len(yt.Params.List) < 1 && s.Key != nil {
		return nil
	}
	if !yieldBody(s.Body.List, false, false) {
		return nil
	}
	body := append(s.Body.List, returnBool(true, s.Body.Rbrace))
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: s.For, Params: params, Results: &ast.FieldList{List: []*ast.Field{{Type: r.ident("bool", s.For)}}}},
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: body, Rbrace: s.Body.Rbrace},
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: s.X, Lparen: s.For, Args: []ast.Expr{lit}, Rparen: s.Body.Rbrace}}
}

// yieldBody rewrites, in place, the branch statements of a range body
// that leave or continue the range itself, and reports false when the body
// cannot become a yield function. inLoop and inBreak tell whether an
// unlabeled continue or break belongs to a statement inside the body.
func yieldBody(list []ast.Stmt, inLoop, inBreak bool) bool {
	for i, s := range list {
		switch s := s.(type) {
		case *ast.BranchStmt:
			if s.Label != nil || s.Tok == token.GOTO {
				return false
			}
			if s.Tok == token.CONTINUE && !inLoop {
				list[i] = returnBool(true, s.Pos())
			}
			if s.Tok == token.BREAK && !inBreak {
				list[i] = returnBool(false, s.Pos())
			}
		case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			return false
		case *ast.BlockStmt:
			if !yieldBody(s.List, inLoop, inBreak) {
				return false
			}
		case *ast.IfStmt:
			if !yieldBody(s.Body.List, inLoop, inBreak) {
				return false
			}
			if s.Else != nil && !yieldBody([]ast.Stmt{s.Else}, inLoop, inBreak) {
				return false
			}
		case *ast.ForStmt:
			if !yieldBody(s.Body.List, true, true) {
				return false
			}
		case *ast.RangeStmt:
			if !yieldBody(s.Body.List, true, true) {
				return false
			}
		case *ast.SwitchStmt:
			if !clauses(s.Body, inLoop) {
				return false
			}
		case *ast.TypeSwitchStmt:
			if !clauses(s.Body, inLoop) {
				return false
			}
		case *ast.SelectStmt:
			for _, c := range s.Body.List {
				if !yieldBody(c.(*ast.CommClause).Body, inLoop, true) {
					return false
				}
			}
		}
	}
	return true
}

func clauses(b *ast.BlockStmt, inLoop bool) bool {
	for _, c := range b.List {
		if !yieldBody(c.(*ast.CaseClause).Body, inLoop, true) {
			return false
		}
	}
	return true
}

func returnBool(v bool, at token.Pos) ast.Stmt {
	name := "false"
	if v {
		name = "true"
	}
	return &ast.ReturnStmt{Return: at, Results: []ast.Expr{&ast.Ident{NamePos: at, Name: name}}}
}

// repos gives a type expression parsed from a type's text the position
// at, so that errors about it point into the cell.
func repos(e ast.Expr, at token.Pos) ast.Expr {
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			id.NamePos = at
		}
		return true
	})
	return e
}
