package front

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// ClosurePrefix starts the names of the variables through which a
// function literal made in a loop reaches the loop's variables.
const ClosurePrefix = "_gocalc_cp"

// ClosureLowering lists the replacements that make a function literal
// evaluated in a loop in its own frame: `sort.Slice(s, func(a, b int)
// bool { ... })` in a loop body becomes `sort.Slice(s, func() func(a int,
// b int) bool { return func(a, b int) bool { ... } }())`.
//
// yaegi makes a closure by copying the frame it is evaluated in, and
// keeps in the closure the value the literal's slot of that frame held
// before: the closure made by the previous iteration. Every iteration's
// closure thus held the one before it, with its copy of the frame, and
// none was ever freed (100,000 calls of sort.Slice with a literal kept
// 396,000 objects, 119 MB; Go's issue9110 counted the goroutines' closures
// of a loop). Made inside a function literal called at once, whose frame
// is new at every call, the closure finds that slot empty.
//
// The called literal reads the loop's frame live, where yaegi's copy kept
// the variables of the closure's own iteration: the literal's variables
// declared in the loop are taken at the call, a loop variable the loop
// never assigns by value under its own name, any other by its address
// (`_gocalc_cp1 := &x`, its uses written `(*_gocalc_cp1)`). A literal
// called where it stands (`func() { ... }()`, `defer func() { ... }()`)
// makes no closure and is left as it is, and so is a literal whose type
// the cell cannot write.
func (r *Result) ClosureLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	c := &closures{l: &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}, called: map[*ast.FuncLit]bool{}}
	goCalls := map[*ast.CallExpr]bool{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			goCalls[n.Call] = true
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok && !goCalls[n] {
				c.called[lit] = true
			}
		}
		return true
	})
	c.walk(r.file)
	return c.out, c.l.imports
}

// closures is the state of ClosureLowering.
type closures struct {
	l      *lowerer
	called map[*ast.FuncLit]bool // literals called where they stand
	loops  []ast.Stmt            // the loops around the node visited, in its function
	out    []Replacement
	names  int
}

// walk visits n with the current function's loops.
func (c *closures) walk(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			if len(c.loops) > 0 && !c.called[n] {
				c.wrap(n)
			}
			saved := c.loops
			c.loops = nil // a literal's body is a frame of its own
			c.walk(n.Body)
			c.loops = saved
			return false
		case *ast.ForStmt:
			if n.Init != nil {
				c.walk(n.Init)
			}
			c.loops = append(c.loops, n)
			for _, part := range []ast.Node{n.Cond, n.Post, n.Body} {
				if part != nil {
					c.walk(part)
				}
			}
			c.loops = c.loops[:len(c.loops)-1]
			return false
		case *ast.RangeStmt:
			c.walk(n.X)
			c.loops = append(c.loops, n)
			c.walk(n.Body)
			c.loops = c.loops[:len(c.loops)-1]
			return false
		}
		return true
	})
}

// wrap lists the replacements of one literal made in a loop.
func (c *closures) wrap(lit *ast.FuncLit) {
	t := c.l.res.Info.TypeOf(lit)
	if t == nil || !writable(t) {
		return
	}
	outer := c.loops[0]
	headers, assigned := c.loopVars()
	var decls []string
	ptrs := map[types.Object]string{}
	seen := map[types.Object]bool{}
	var uses []*ast.Ident
	ast.Inspect(lit, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := c.l.res.Info.Uses[id].(*types.Var)
		if !ok || v.IsField() || !within(v.Pos(), outer) || within(v.Pos(), lit) {
			return true
		}
		if !seen[v] {
			seen[v] = true
			if headers[v] && !assigned[v] {
				decls = append(decls, fmt.Sprintf("%s := %s", id.Name, id.Name))
			} else {
				c.names++
				p := ClosurePrefix + strconv.Itoa(c.names)
				ptrs[v] = p
				decls = append(decls, fmt.Sprintf("%s := &%s", p, id.Name))
			}
		}
		if _, ok := ptrs[v]; ok {
			uses = append(uses, id)
		}
		return true
	})
	for _, id := range uses {
		c.out = append(c.out, c.l.span(id, "(*"+ptrs[c.l.res.Info.Uses[id]]+")"))
	}
	decls = append(decls, "return "+ArgName)
	c.out = append(c.out, c.l.span(lit, fmt.Sprintf("func() %s { %s }()", c.l.localType(t), strings.Join(decls, "; "))))
}

// loopVars are the variables the headers of the loops around the literal
// declare, and those of them their bodies assign (or take the address
// of): a variable never assigned holds its iteration's value throughout.
func (c *closures) loopVars() (headers, assigned map[types.Object]bool) {
	headers, assigned = map[types.Object]bool{}, map[types.Object]bool{}
	def := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok {
			if obj := c.l.res.Info.Defs[id]; obj != nil {
				headers[obj] = true
			}
		}
	}
	assign := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if obj := c.l.res.Info.Uses[id]; obj != nil {
				assigned[obj] = true
			}
		}
	}
	for _, loop := range c.loops {
		var body *ast.BlockStmt
		switch loop := loop.(type) {
		case *ast.ForStmt:
			if a, ok := loop.Init.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
				for _, e := range a.Lhs {
					def(e)
				}
			}
			body = loop.Body
		case *ast.RangeStmt:
			if loop.Tok == token.DEFINE {
				for _, e := range []ast.Expr{loop.Key, loop.Value} {
					if e != nil {
						def(e)
					}
				}
			}
			body = loop.Body
		}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE {
					for _, e := range n.Lhs {
						assign(e)
					}
				}
			case *ast.IncDecStmt:
				assign(n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					assign(n.X)
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					for _, e := range []ast.Expr{n.Key, n.Value} {
						if e != nil {
							assign(e)
						}
					}
				}
			}
			return true
		})
	}
	return headers, assigned
}

// within tells whether pos lies in n.
func within(pos token.Pos, n ast.Node) bool { return pos >= n.Pos() && pos < n.End() }
