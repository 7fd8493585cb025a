package front

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// Flags of a slice expression's bounds check (_gocalc.Slice), which the
// interpreter's helper reads: which bound the helper returns, whether the
// expression has three indices, whether the operand's limit is its
// capacity (a slice) or its length (a string or an array), and which
// bounds are of unsigned types.
const (
	SliceRetHigh  = 1 << iota // return the high bound, not the low one
	SliceThree                // x[lo:hi:max]
	SliceCapacity             // the limit is cap(x), not len(x)
	SliceLoUnsigned
	SliceHiUnsigned
	SliceMaxUnsigned
)

// CheckLowering lists the replacements that check the indices of index
// and slice expressions, and shift counts, before the interpreter uses
// them, so that an index out of range panics with Go's runtime error and
// its words
// ("index out of range [5] with length 3", "slice bounds out of range
// [:4] with capacity 3"): reflect panics without the index and length,
// and the interpreter sliced a string s[2:1] without a panic. In x[i], i
// becomes _gocalc.Index(int64(i), len(x)) (IndexU for unsigned i), which
// panics or returns i as an int; in x[lo:hi], lo (or hi, when there is no
// lo) becomes _gocalc.Slice(flags, lo, hi, max, limit). The operand x is
// written twice, and so is each bound but the one replaced, so only
// expressions without effects are lowered: x a variable or a field of
// one, the other bounds variables, fields or constants. A shift count of
// a signed type that is not constant, x << n, becomes
// _gocalc.ShiftCount(int64(n)), which panics when n is negative ("negative
// shift amount"; the interpreter shifted by a huge count instead).
//
// The checks cost a call of the interpreter's helpers for each index or
// shift evaluated (a loop summing a slice's elements by index ran 7 times
// slower), and the panic's value is only seen by a program that recovers
// it: only cells that call recover are lowered, and x[i] is left alone
// where i is known to be an index of x (loopIndices). With all, every
// cell is lowered: a debugger that stops at panics stops at the helpers'
// before they unwind; and the divisor y of an integer x / y or x % y
// (not constant) becomes T(_gocalc.Divisor(int64(y))), y's type T
// basic or declared in a cell, so that a division by zero stops there
// too (the helper returns y: the division then panics as Go's does).
// Likewise, with all, the pointer p of *p, of p.f and of p.M() (M with a
// value receiver) becomes [1]*T{p}[_gocalc.Deref(p == nil, line, col)],
// and the key k of a map write m[k] = v, m[k] op= v, m[k]++ becomes
// [1]K{k}[_gocalc.MapWrite(m == nil, line, col)] (see derefCheck,
// mapWriteCheck): the helpers return 0 and tell the debugger of a nil
// pointer dereference or an assignment to an entry in a nil map first,
// at the line and column of *p, p.f or m[k].
//
// Without all, nothing of the kind is lowered: the interpreter raises
// those runtime errors itself, and recover sees Go's.
func (r *Result) CheckLowering(all bool) ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil || !all && !r.callsRecover() {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	inRange := r.loopIndices()
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if inRange[n] {
				return true
			}
			if rep, ok := l.indexCheck(n); ok {
				out = append(out, rep)
			}
		case *ast.SliceExpr:
			if rep, ok := l.sliceCheck(n); ok {
				out = append(out, rep)
			}
		case *ast.BinaryExpr:
			if all && (n.Op == token.QUO || n.Op == token.REM) {
				if rep, ok := l.divisorCheck(n.Y); ok {
					out = append(out, rep)
				}
			}
			if n.Op == token.SHL || n.Op == token.SHR {
				if tv := r.Info.Types[n]; tv.Value == nil {
					if rep, ok := l.shiftCheck(n.Y); ok {
						out = append(out, rep)
					}
				}
			}
		case *ast.StarExpr:
			if all && r.Info.Types[n].IsValue() {
				if rep, ok := l.derefCheck(n, n.X); ok {
					out = append(out, rep)
				}
			}
		case *ast.SelectorExpr:
			if all && l.derefs(n) {
				if rep, ok := l.derefCheck(n, n.X); ok {
					out = append(out, rep)
				}
			}
		case *ast.IncDecStmt:
			if all {
				if rep, ok := l.mapWriteCheck(n.X); ok {
					out = append(out, rep)
				}
			}
		case *ast.AssignStmt:
			if all && n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					if rep, ok := l.mapWriteCheck(lhs); ok {
						out = append(out, rep)
					}
				}
			}
			if all && (n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN) && len(n.Rhs) == 1 {
				if rep, ok := l.divisorCheck(n.Rhs[0]); ok {
					out = append(out, rep)
				}
			}
			if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
				if rep, ok := l.shiftCheck(n.Rhs[0]); ok {
					out = append(out, rep)
				}
			}
		}
		return true
	})
	return out, l.imports
}

// loopIndices are the index expressions x[i] of the cell whose index is
// in range, as the compiler's bounds check elimination knows it: in the
// body of for i := range x or for i := 0; i < len(x); i++ (x a slice,
// array or string variable), where the body assigns neither i nor x nor
// takes their addresses.
func (r *Result) loopIndices() map[*ast.IndexExpr]bool {
	safe := map[*ast.IndexExpr]bool{}
	mark := func(i, x *ast.Ident, body *ast.BlockStmt) {
		io, xo := r.Info.Defs[i], r.Info.Uses[x]
		if io == nil {
			io = r.Info.Uses[i]
		}
		if _, ok := xo.(*types.Var); !ok || io == nil || r.assigns(body, io) || r.assigns(body, xo) {
			return
		}
		ast.Inspect(body, func(n ast.Node) bool {
			ix, ok := n.(*ast.IndexExpr)
			if !ok {
				return true
			}
			ii, ok1 := ast.Unparen(ix.Index).(*ast.Ident)
			xi, ok2 := ast.Unparen(ix.X).(*ast.Ident)
			if ok1 && ok2 && r.Info.Uses[ii] == io && r.Info.Uses[xi] == xo {
				safe[ix] = true
			}
			return true
		})
	}
	ast.Inspect(r.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RangeStmt:
			i, ok1 := n.Key.(*ast.Ident)
			x, ok2 := ast.Unparen(n.X).(*ast.Ident)
			if ok1 && ok2 && n.Tok == token.DEFINE {
				mark(i, x, n.Body)
			}
		case *ast.ForStmt:
			if i, x, ok := r.countsTo(n); ok {
				mark(i, x, n.Body)
			}
		}
		return true
	})
	return safe
}

// countsTo tells whether a for statement is for i := C; i < len(x); i++
// (C a constant that is not negative).
func (r *Result) countsTo(f *ast.ForStmt) (i, x *ast.Ident, ok bool) {
	init, ok1 := f.Init.(*ast.AssignStmt)
	cond, ok2 := f.Cond.(*ast.BinaryExpr)
	post, ok3 := f.Post.(*ast.IncDecStmt)
	if !ok1 || !ok2 || !ok3 || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 || cond.Op != token.LSS || post.Tok != token.INC {
		return nil, nil, false
	}
	i, ok1 = init.Lhs[0].(*ast.Ident)
	if tv := r.Info.Types[init.Rhs[0]]; !ok1 || tv.Value == nil || constant.Sign(tv.Value) < 0 {
		return nil, nil, false
	}
	ci, ok1 := ast.Unparen(cond.X).(*ast.Ident)
	pi, ok2 := ast.Unparen(post.X).(*ast.Ident)
	call, ok3 := ast.Unparen(cond.Y).(*ast.CallExpr)
	if !ok1 || !ok2 || !ok3 || len(call.Args) != 1 || ci.Name != i.Name || pi.Name != i.Name {
		return nil, nil, false
	}
	if fn, isIdent := ast.Unparen(call.Fun).(*ast.Ident); !isIdent || fn.Name != "len" {
		return nil, nil, false
	}
	if b, isBuiltin := r.Info.Uses[ast.Unparen(call.Fun).(*ast.Ident)].(*types.Builtin); !isBuiltin || b.Name() != "len" {
		return nil, nil, false
	}
	x, ok1 = ast.Unparen(call.Args[0]).(*ast.Ident)
	return i, x, ok1
}

// assigns tells whether body assigns to obj or takes its address.
func (r *Result) assigns(body ast.Node, obj types.Object) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && (r.Info.Uses[id] == obj || r.Info.Defs[id] == obj)
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				found = found || is(e)
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && is(n.X)
		case *ast.RangeStmt:
			found = found || n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value)
		}
		return !found
	})
	return found
}

// callsRecover tells whether the cell calls the builtin recover.
func (r *Result) callsRecover() bool {
	for id, obj := range r.Info.Uses {
		if b, ok := obj.(*types.Builtin); ok && b.Name() == "recover" && id.Pos() >= r.file.Pos() && id.Pos() < r.file.End() {
			return true
		}
	}
	return false
}

// boundsOperand tells whether x[...] may be checked: x a variable (or a
// field of one) that is a slice, a string, an array or a pointer to an
// array, and whether its limit is its capacity (a slice).
func (l *lowerer) boundsOperand(x ast.Expr) (ok, capacity, array bool) {
	if !l.pure(x) {
		return false, false, false
	}
	tv, found := l.res.Info.Types[x]
	if !found || tv.Type == nil || tv.Value != nil || hasTypeParam(tv.Type) {
		return false, false, false
	}
	switch u := tv.Type.Underlying().(type) {
	case *types.Slice:
		return true, true, false
	case *types.Basic:
		return u.Info()&types.IsString != 0, false, false
	case *types.Array:
		return true, false, true
	case *types.Pointer:
		if _, isArray := u.Elem().Underlying().(*types.Array); isArray {
			return true, false, true
		}
	}
	return false, false, false
}

// pure tells whether e is a variable, a field of one, or a constant:
// written twice, it means the same and does nothing.
func (l *lowerer) pure(e ast.Expr) bool {
	if tv, ok := l.res.Info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, isVar := l.res.Info.Uses[e].(*types.Var)
		return isVar
	case *ast.SelectorExpr:
		s, ok := l.res.Info.Selections[e]
		if !ok || s.Kind() != types.FieldVal || s.Indirect() {
			return false
		}
		if _, isPtr := l.res.Info.Types[e.X].Type.Underlying().(*types.Pointer); isPtr {
			return false // a nil pointer would fail in the check
		}
		return l.pure(e.X)
	}
	return false
}

// integer tells whether e is an integer of a type that can be written,
// and whether it is unsigned.
func (l *lowerer) integer(e ast.Expr) (ok, unsigned bool) {
	tv, found := l.res.Info.Types[e]
	if !found || tv.Type == nil || hasTypeParam(tv.Type) {
		return false, false
	}
	b, isBasic := tv.Type.Underlying().(*types.Basic)
	if !isBasic || b.Info()&types.IsInteger == 0 {
		return false, false
	}
	if tv.Value != nil && b.Info()&types.IsUntyped != 0 {
		return true, false
	}
	return true, b.Info()&types.IsUnsigned != 0
}

// indexCheck lowers the index of x[i].
func (l *lowerer) indexCheck(x *ast.IndexExpr) (Replacement, bool) {
	ok, _, array := l.boundsOperand(x.X)
	if !ok {
		return Replacement{}, false
	}
	isInt, unsigned := l.integer(x.Index)
	if !isInt {
		return Replacement{}, false
	}
	if tv := l.res.Info.Types[x.Index]; array && tv.Value != nil {
		return Replacement{}, false // checked by the compiler
	}
	fn, conv := ".Index(int64(", ")"
	if unsigned {
		fn, conv = ".IndexU(uint64(", ")"
	}
	return l.span(x.Index, FmtName+fn+ArgName+conv+", len("+l.text(x.X)+"))"), true
}

// sliceCheck lowers the low bound of x[lo:hi:max] (the high one when
// there is no low one).
func (l *lowerer) sliceCheck(s *ast.SliceExpr) (Replacement, bool) {
	ok, capacity, array := l.boundsOperand(s.X)
	if !ok {
		return Replacement{}, false
	}
	if s.Low == nil && s.High == nil {
		return Replacement{}, false // x[:] or x[::max]: nothing to check but max
	}
	flags := 0
	if capacity {
		flags |= SliceCapacity
	}
	if s.Slice3 {
		flags |= SliceThree
	}
	allConst := true
	bound := func(e ast.Expr, unsignedFlag int, replaced bool) (string, bool) {
		if e == nil {
			return "", true
		}
		isInt, unsigned := l.integer(e)
		if !isInt || !replaced && !l.pure(e) {
			return "", false
		}
		if l.res.Info.Types[e].Value == nil {
			allConst = false
		}
		if unsigned {
			flags |= unsignedFlag
		}
		if replaced {
			return "int64(" + ArgName + ")", true
		}
		return "int64(" + l.text(e) + ")", true
	}
	target := s.Low
	if target == nil {
		target = s.High
		flags |= SliceRetHigh
	}
	lo, ok1 := bound(s.Low, SliceLoUnsigned, target == s.Low)
	hi, ok2 := bound(s.High, SliceHiUnsigned, target == s.High)
	mx, ok3 := bound(s.Max, SliceMaxUnsigned, false)
	if !ok1 || !ok2 || !ok3 || array && allConst {
		return Replacement{}, false
	}
	limit := "len(" + l.text(s.X) + ")"
	if capacity {
		limit = "cap(" + l.text(s.X) + ")"
	}
	if lo == "" {
		lo = "0"
	}
	if hi == "" {
		hi = "int64(len(" + l.text(s.X) + "))" // x[lo:] is x[lo:len(x)]
	}
	if mx == "" {
		mx = "0"
	}
	src := FmtName + ".Slice(" + strconv.Itoa(flags) + ", " + lo + ", " + hi + ", " + mx + ", " + limit + ")"
	return l.span(target, src), true
}

// text is e as the cell writes it (e is pure: variables, fields and
// constants).
func (l *lowerer) text(e ast.Expr) string {
	if tv, ok := l.res.Info.Types[e]; ok && tv.Value != nil {
		return tv.Value.ExactString()
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return l.text(e.X) + "." + e.Sel.Name
	}
	return ""
}

// divisorCheck lowers the divisor of an integer division or remainder.
func (l *lowerer) divisorCheck(y ast.Expr) (Replacement, bool) {
	tv := l.res.Info.Types[y]
	if tv.Value != nil || tv.Type == nil {
		return Replacement{}, false
	}
	if isInt, _ := l.integer(y); !isInt {
		return Replacement{}, false
	}
	if n, ok := tv.Type.(*types.Named); ok && !IsSession(n.Obj().Pkg()) {
		return Replacement{}, false // a package's type: an import to add
	}
	if _, ok := tv.Type.(*types.Alias); ok {
		return Replacement{}, false
	}
	return l.span(y, l.localType(tv.Type)+"("+FmtName+".Divisor(int64("+ArgName+")))"), true
}

// shiftCheck lowers a shift count of a signed type that is not constant.
func (l *lowerer) shiftCheck(n ast.Expr) (Replacement, bool) {
	if l.res.Info.Types[n].Value != nil {
		return Replacement{}, false
	}
	isInt, unsigned := l.integer(n)
	if !isInt || unsigned {
		return Replacement{}, false
	}
	return l.span(n, FmtName+".ShiftCount(int64("+ArgName+"))"), true
}

// path tells whether e is a variable or a chain of field selections of
// one (through pointers too): written twice, it means the same, and its
// second copy, evaluated after the first, fails only where the first
// did.
func (l *lowerer) path(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, isVar := l.res.Info.Uses[e].(*types.Var)
		return isVar && !v.IsField()
	case *ast.SelectorExpr:
		s, ok := l.res.Info.Selections[e]
		return ok && s.Kind() == types.FieldVal && l.path(e.X)
	}
	return false
}

// derefs tells whether the selector x.f (or x.M, M with a value
// receiver) dereferences the pointer x.
func (l *lowerer) derefs(sel *ast.SelectorExpr) bool {
	s, ok := l.res.Info.Selections[sel]
	if !ok {
		return false
	}
	tv := l.res.Info.Types[sel.X]
	if tv.Type == nil {
		return false
	}
	if _, isPtr := tv.Type.Underlying().(*types.Pointer); !isPtr {
		return false
	}
	switch s.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		if len(s.Index()) != 1 {
			return false // promoted: the embedded fields decide
		}
		sig, ok := s.Obj().Type().(*types.Signature)
		if !ok || sig.Recv() == nil {
			return false
		}
		_, ptrRecv := sig.Recv().Type().Underlying().(*types.Pointer)
		return !ptrRecv
	}
	return false
}

// writable tells whether a value of type t may be written in lowered
// code: no type parameters, no local types of other scopes.
func (l *lowerer) writable(t types.Type) bool {
	return t != nil && !hasTypeParam(t) && l.expressible(t)
}

// derefCheck lowers the pointer p that *p, p.f or p.M() dereferences
// into [1]*T{p}[_gocalc.Deref(p == nil, line, col)]: p, evaluated once
// more to check it (p is a path); at is the dereferencing expression.
func (l *lowerer) derefCheck(at, p ast.Expr) (Replacement, bool) {
	tv := l.res.Info.Types[p]
	if !tv.IsValue() || tv.Value != nil || !l.path(p) || !l.writable(tv.Type) {
		return Replacement{}, false
	}
	if _, isPtr := tv.Type.Underlying().(*types.Pointer); !isPtr {
		return Replacement{}, false
	}
	return l.span(p, "[1]"+l.localType(tv.Type)+"{"+ArgName+"}["+FmtName+".Deref("+l.text(p)+" == nil, "+l.at(at)+")]"), true
}

// mapWriteCheck lowers the key k of m[k] written to (m a path of a map
// type) into [1]K{k}[_gocalc.MapWrite(m == nil, line, col)], K the
// map's key type (line and col are m[k]'s):
// the key is evaluated, then the map checked, before the assignment.
func (l *lowerer) mapWriteCheck(lhs ast.Expr) (Replacement, bool) {
	ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
	if !ok || !l.path(ix.X) {
		return Replacement{}, false
	}
	tv := l.res.Info.Types[ix.X]
	if tv.Type == nil {
		return Replacement{}, false
	}
	m, isMap := tv.Type.Underlying().(*types.Map)
	if !isMap || !l.writable(m.Key()) {
		return Replacement{}, false
	}
	return l.span(ix.Index, "[1]"+l.localType(m.Key())+"{"+ArgName+"}["+FmtName+".MapWrite("+l.text(ix.X)+" == nil, "+l.at(ix)+")]"), true
}

// at is the line and column of e in its cell, as a helper's arguments.
func (l *lowerer) at(e ast.Expr) string {
	p := l.res.Fset.Position(e.Pos())
	return strconv.Itoa(p.Line) + ", " + strconv.Itoa(p.Column)
}
