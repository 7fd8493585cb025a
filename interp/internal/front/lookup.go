package front

import (
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"
)

// Found describes what stands at a cursor.
type Found struct {
	// DocKey names the object in the documentation of its package:
	// "path.Name", "path.Type.Method"; "" for objects of the session.
	DocKey string
	// Decl is the object as Go declares it, with its type: "func
	// plotting.Plot(...)", "var x float64".
	Decl string
	// Call is set when the cursor is inside the parentheses of a call to
	// the object, rather than on its name.
	Call bool
}

// Closed is code cut at byte offset off, with the brackets still open
// there closed, so that an unfinished call (plotting.Plot(x, ) parses.
func Closed(code string, off int) string {
	if off > len(code) {
		off = len(code)
	}
	src := code[:off]
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), func(token.Position, string) {}, 0)
	var open []byte
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN:
			open = append(open, ')')
		case token.LBRACK:
			open = append(open, ']')
		case token.LBRACE:
			open = append(open, '}')
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	var b strings.Builder
	b.WriteString(src)
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == '}' {
			b.WriteByte('\n')
		}
		b.WriteByte(open[i])
	}
	return b.String()
}

// Lookup type-checks a cell being edited (pieces, as cell number cell)
// against the session and describes the name at line:col (1-based, in
// the cell), or the function whose call's parentheses hold that place.
// It reports false when nothing is known there. The session is not
// changed.
func (c *Checker) Lookup(cell int, pieces []Piece, session []Live, extra map[string]string, line, col int) (Found, bool) {
	res := c.Check(cell, pieces, session, extra, false)
	if res.Info == nil || res.file == nil {
		return Found{}, false
	}
	var ident *ast.Ident
	var call *ast.CallExpr
	at := func(n ast.Node) (startOK, endOK bool) {
		p, q := res.Fset.Position(n.Pos()), res.Fset.Position(n.End())
		before := func(l, c int) bool { return l < line || l == line && c <= col }
		return before(p.Line, p.Column), !before(q.Line, q.Column) || q.Line == line && q.Column == col
	}
	// The function holding the cell's statements is not the cell's own:
	// its position says nothing of where the statements are.
	var roots []ast.Node
	for _, d := range res.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFuncName {
			for _, s := range fd.Body.List {
				roots = append(roots, s)
			}
			continue
		}
		roots = append(roots, d)
	}
	visit := func(n ast.Node) bool {
		if n == nil {
			return false
		}
		s, e := at(n)
		if !s || !e {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			ident = n
		case *ast.CallExpr:
			if lp := res.Fset.Position(n.Lparen); lp.Line < line || lp.Line == line && lp.Column < col {
				call = n
			}
		}
		return true
	}
	for _, r := range roots {
		ast.Inspect(r, visit)
	}
	if ident != nil {
		if obj := objectOf(res.Info, ident); obj != nil {
			return describeObject(obj, res.Pkg), true
		}
	}
	if call != nil {
		id := calleeIdent(call.Fun)
		if id != nil {
			if obj := objectOf(res.Info, id); obj != nil {
				f := describeObject(obj, res.Pkg)
				f.Call = true
				return f, true
			}
		}
	}
	return Found{}, false
}

func calleeIdent(e ast.Expr) *ast.Ident {
	switch f := ast.Unparen(e).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calleeIdent(f.X)
	case *ast.IndexListExpr:
		return calleeIdent(f.X)
	}
	return nil
}

func objectOf(info *types.Info, id *ast.Ident) types.Object {
	if o := info.Uses[id]; o != nil {
		return o
	}
	return info.Defs[id]
}

// describeObject names obj for the documentation and declares it.
func describeObject(obj types.Object, session *types.Package) Found {
	qual := func(p *types.Package) string {
		if p == session {
			return ""
		}
		return p.Name()
	}
	f := Found{Decl: types.ObjectString(obj, qual)}
	if pn, ok := obj.(*types.PkgName); ok {
		f.DocKey = pn.Imported().Path()
		f.Decl = "package " + pn.Imported().Name() + " // import \"" + pn.Imported().Path() + "\""
		return f
	}
	pkg := obj.Pkg()
	if pkg == nil {
		if obj.Parent() == types.Universe {
			f.DocKey = "builtin." + obj.Name()
		}
		return f
	}
	if pkg == session {
		return f
	}
	switch o := obj.(type) {
	case *types.Func:
		sig := o.Type().(*types.Signature)
		if r := sig.Recv(); r != nil {
			t := r.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				f.DocKey = pkg.Path() + "." + n.Obj().Name() + "." + o.Name()
			}
			return f
		}
	case *types.Var:
		if o.IsField() {
			return f
		}
	}
	if obj.Parent() == pkg.Scope() {
		f.DocKey = pkg.Path() + "." + obj.Name()
	}
	return f
}
