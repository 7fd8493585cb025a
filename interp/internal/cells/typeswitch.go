package cells

import (
	"go/ast"
	"go/token"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// typeSwitch brings a type switch that the front end marked
// (front.SwitchBind) to the form whose cases yaegi matches as Go does:
//
//   - switch x.(type) binds the value (switch _gocalc_tsN := x.(type)):
//     without a binding yaegi matched no case of an interface type (named,
//     any or a literal) nor of an unnamed struct type, and ran the default
//     clause;
//   - a clause of the empty interface (case any:, case interface{}:, alone
//     or in a list) matches every value but nil, so it becomes the default
//     clause, the former default clause becomes case nil: (when no clause
//     takes nil already) and the clauses after it keep only their nil:
//     bound, yaegi ran such a clause for nil (a panic in reflect.Value.Set)
//     and gave its variable its own representation of the value.
func (r *rewriter) typeSwitch(s *ast.TypeSwitchStmt) {
	if r.switchKind(s) != front.SwitchBind {
		return
	}
	if es, ok := s.Assign.(*ast.ExprStmt); ok {
		if ta, ok := es.X.(*ast.TypeAssertExpr); ok && ta.Type == nil {
			s.Assign = &ast.AssignStmt{Lhs: []ast.Expr{r.temp("ts", ta.Pos())}, TokPos: ta.Pos(), Tok: token.DEFINE, Rhs: []ast.Expr{ta}}
		}
	}
	if s.Body == nil {
		return
	}
	clauses := make([]*ast.CaseClause, 0, len(s.Body.List))
	for _, st := range s.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			return
		}
		clauses = append(clauses, cc)
	}
	anyAt := -1
	for i, cc := range clauses {
		for _, e := range cc.List {
			if r.emptyIface(e) {
				anyAt = i
				break
			}
		}
		if anyAt >= 0 {
			break
		}
	}
	if anyAt < 0 {
		return
	}
	takesNil := false
	for i, cc := range clauses {
		if i == anyAt {
			continue
		}
		for _, e := range cc.List {
			if isNilIdent(e) {
				takesNil = true
			}
		}
	}
	var out []ast.Stmt
	for i, cc := range clauses {
		switch {
		case i == anyAt:
			cc.List = nil
		case cc.List == nil:
			if takesNil {
				continue // nil and every other value have their clause
			}
			cc.List = []ast.Expr{r.ident("nil", cc.Case)}
		case i > anyAt:
			var nils []ast.Expr
			for _, e := range cc.List {
				if isNilIdent(e) {
					nils = append(nils, e)
				}
			}
			if len(nils) == 0 {
				continue // the empty interface's clause took its values
			}
			cc.List = nils[:1]
		}
		out = append(out, cc)
	}
	s.Body.List = out
}

// emptyIface tells whether e spells the empty interface: any (unless the
// session declares its own), or interface{}.
func (r *rewriter) emptyIface(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name == "any" && !r.shadow["any"]
	case *ast.InterfaceType:
		return e.Methods == nil || len(e.Methods.List) == 0
	}
	return false
}

func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// switchKind is what the front end says of type switch s
// (front.SwitchChain...), or "".
func (r *rewriter) switchKind(s *ast.TypeSwitchStmt) string {
	if r.fset == nil || !s.Switch.IsValid() {
		return ""
	}
	p := r.fset.Position(s.Switch)
	cell, line := DecodeLine(p.Line)
	return r.lowered.rangesOf(cell)[[2]int{line, p.Column}]
}

// switchChain runs a type switch the front end marked
// (front.IfaceSwitches) as an expression switch of comma-ok assertions:
//
//	switch init; v := x.(type) { case A: ...; case B, nil: ...; default: ... }
//
// becomes
//
//	{ init; _gocalc_tsxN := x
//	switch {
//	case _gocalc_tsxN != nil && func() bool { _, ok := _gocalc_tsxN.(A); return ok }():
//		v, _ := _gocalc_tsxN.(A); ...
//	case (... B ...) || _gocalc_tsxN == nil:
//		v := _gocalc_tsxN; ...
//	default:
//		v := _gocalc_tsxN; ... } }
//
// A case of the empty interface (any, interface{}) is _gocalc_tsxN != nil
// (yaegi's x.(any) answered false), and its v is declared with its type.
// yaegi's comma-ok assertion is right where its type switch was not, but
// fails on a nil interface of the cell's: every assertion tests nil
// first. It returns nil for a switch left as it is.
func (r *rewriter) switchChain(s *ast.TypeSwitchStmt) *ast.BlockStmt {
	kind := r.switchKind(s)
	if kind != front.SwitchChain && kind != front.SwitchChainUnwrap || s.Body == nil {
		return nil
	}
	var v *ast.Ident
	var ta *ast.TypeAssertExpr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		ta, _ = ast.Unparen(a.X).(*ast.TypeAssertExpr)
	case *ast.AssignStmt:
		if len(a.Lhs) != 1 || len(a.Rhs) != 1 {
			return nil
		}
		v, _ = a.Lhs[0].(*ast.Ident)
		ta, _ = ast.Unparen(a.Rhs[0]).(*ast.TypeAssertExpr)
		if v == nil {
			return nil
		}
		if v.Name == "_" {
			v = nil
		}
	}
	if ta == nil || ta.Type != nil {
		return nil
	}
	at := s.Switch
	x := ta.X
	var inner ast.Expr // x's operand, when x is the any(...) of a copy
	if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && kind == front.SwitchChainUnwrap && len(call.Args) == 1 && call.Ellipsis == token.NoPos {
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "any" {
			inner = call.Args[0]
		}
	}
	tmp := r.temp("tsx", at)
	ref := func() *ast.Ident { return r.ident(tmp.Name, at) }
	nilRef := ref
	var init []ast.Stmt
	if inner != nil {
		// _gocalc_tsyN := i; _gocalc_tsxN := any(_gocalc_tsyN): yaegi
		// took any(i) of a nil i for a value, and refused an
		// assertion of i to a type that cannot implement its interface
		// (which a copy may have).
		y := r.temp("tsy", at)
		nilRef = func() *ast.Ident { return r.ident(y.Name, at) }
		init = append(init, &ast.AssignStmt{Lhs: []ast.Expr{y}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{inner}})
		x.(*ast.CallExpr).Args[0] = nilRef()
	}
	init = append(init, &ast.AssignStmt{Lhs: []ast.Expr{tmp}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{x}})
	nilCmp := func(op token.Token) ast.Expr {
		return &ast.BinaryExpr{X: nilRef(), OpPos: at, Op: op, Y: r.ident("nil", at)}
	}
	holds := func(t ast.Expr) ast.Expr {
		ok := r.temp("ok", at)
		assert := &ast.AssignStmt{Lhs: []ast.Expr{r.ident("_", at), ok}, TokPos: at, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ref(), Lparen: at, Type: t, Rparen: at}}}
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: at, Params: &ast.FieldList{Opening: at, Closing: at},
				Results: &ast.FieldList{Opening: at, List: []*ast.Field{{Type: r.ident("bool", at)}}, Closing: at}},
			Body: &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{assert, &ast.ReturnStmt{Return: at, Results: []ast.Expr{r.ident(ok.Name, at)}}}, Rbrace: at},
		}
		call := &ast.CallExpr{Fun: lit, Lparen: at, Rparen: at}
		return &ast.BinaryExpr{X: nilCmp(token.NEQ), OpPos: at, Op: token.LAND, Y: call}
	}
	var clauses []ast.Stmt
	for _, st := range s.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			return nil
		}
		var cond ast.Expr
		for _, t := range cc.List {
			var c ast.Expr
			switch {
			case isNilIdent(t):
				c = nilCmp(token.EQL)
			case r.emptyIface(t):
				c = nilCmp(token.NEQ)
			default:
				c = holds(t)
			}
			c = &ast.ParenExpr{Lparen: at, X: c, Rparen: at}
			if cond == nil {
				cond = c
			} else {
				cond = &ast.BinaryExpr{X: cond, OpPos: at, Op: token.LOR, Y: c}
			}
		}
		var body []ast.Stmt
		if v != nil {
			name := r.ident(v.Name, v.Pos())
			switch {
			case len(cc.List) == 1 && r.emptyIface(cc.List[0]):
				body = append(body, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: at, Tok: token.VAR,
					Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{name}, Type: cc.List[0], Values: []ast.Expr{ref()}}}}})
			case len(cc.List) == 1 && !isNilIdent(cc.List[0]) && inner != nil:
				body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{name}, TokPos: at, Tok: token.DEFINE,
					Rhs: []ast.Expr{r.assertAny(ref, cc.List[0], at)}})
			case len(cc.List) == 1 && !isNilIdent(cc.List[0]):
				body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{name, r.ident("_", at)}, TokPos: at, Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ref(), Lparen: at, Type: cc.List[0], Rparen: at}}})
			default:
				body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{name}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{ref()}})
			}
			// v may be used in no clause but this one
			body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{r.ident("_", at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{r.ident(v.Name, at)}})
		}
		nc := &ast.CaseClause{Case: cc.Case, Colon: cc.Colon, Body: append(body, cc.Body...)}
		if cond != nil {
			nc.List = []ast.Expr{cond}
		}
		clauses = append(clauses, nc)
	}
	var list []ast.Stmt
	if s.Init != nil {
		list = append(list, s.Init)
	}
	list = append(list, init...)
	list = append(list, &ast.SwitchStmt{Switch: at, Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: clauses, Rbrace: s.Body.Rbrace}})
	return &ast.BlockStmt{Lbrace: at, List: list, Rbrace: s.Body.Rbrace}
}

// assertAny is x.(t), for x of type any holding a value that the copy of a
// generic function converted from an interface with methods:
//
//	func() (z t) {
//		defer func() { if recover() != nil { switch r := x.(type) { case t: z = r } } }()
//		z, _ = x.(t)
//		return
//	}()
//
// yaegi's assertion of such a value to an interface failed ("reflect.Set:
// value of type interface {} is not assignable to type
// interp.valueInterface"), where its type switch takes it; its type switch
// matched no concrete type, where its assertion does.
func (r *rewriter) assertAny(x func() *ast.Ident, t ast.Expr, at token.Pos) ast.Expr {
	z, rv := r.temp("z", at), r.temp("r", at)
	// No position: the front end's marks are by the switch keyword's.
	sw := &ast.TypeSwitchStmt{
		Assign: &ast.AssignStmt{Lhs: []ast.Expr{rv}, TokPos: at, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.TypeAssertExpr{X: x(), Lparen: at, Rparen: at}}},
		Body: &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{&ast.CaseClause{Case: at, Colon: at, List: []ast.Expr{t},
			Body: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{r.ident(z.Name, at)}, TokPos: at, Tok: token.ASSIGN, Rhs: []ast.Expr{r.ident(rv.Name, at)}}}}}}}
	recovered := &ast.IfStmt{If: at, Cond: &ast.BinaryExpr{X: &ast.CallExpr{Fun: r.ident("recover", at), Lparen: at, Rparen: at}, OpPos: at, Op: token.NEQ, Y: r.ident("nil", at)},
		Body: &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{sw}}}
	deferred := &ast.DeferStmt{Defer: at, Call: &ast.CallExpr{Lparen: at, Rparen: at, Fun: &ast.FuncLit{
		Type: &ast.FuncType{Func: at, Params: &ast.FieldList{Opening: at, Closing: at}},
		Body: &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{recovered}}}}}
	assign := &ast.AssignStmt{Lhs: []ast.Expr{r.ident(z.Name, at), r.ident("_", at)}, TokPos: at, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.TypeAssertExpr{X: x(), Lparen: at, Type: t, Rparen: at}}}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: at, Params: &ast.FieldList{Opening: at, Closing: at},
			Results: &ast.FieldList{Opening: at, Closing: at, List: []*ast.Field{{Names: []*ast.Ident{z}, Type: t}}}},
		Body: &ast.BlockStmt{Lbrace: at, Rbrace: at, List: []ast.Stmt{deferred, assign, &ast.ReturnStmt{Return: at}}},
	}
	return &ast.CallExpr{Fun: lit, Lparen: at, Rparen: at}
}
