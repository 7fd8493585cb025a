package front

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"hash/fnv"
	"sort"
	"strings"
)

// Mono is a concrete copy of a generic declaration of the cells: a
// generic function, a generic type or a method of a generic type,
// instantiated with type arguments that a cell can write. It is the
// generic declaration's own piece, lowered: its name (of a function or
// type) becomes Name, its type parameters are dropped, and Reps, in the
// piece's cell, write the type arguments in place of the type parameters
// and the names of the concrete copies in place of the generic
// instances the declaration uses. The interpreter then never meets a
// type parameter of a cell's code for these instances, and errors in a
// copy point at the generic declaration.
type Mono struct {
	Name   string   // what the copy declares: a function or type instance's name; a method's own name
	Recv   string   // of a method: its receiver type instance's name
	Spec   string   // the generic's own name (of a type group, the spec kept)
	GoName string   // the instance as Go writes it: "main.List[int]" (of a method, its receiver's)
	Type   bool     // a type instance
	Piece  Live     // the generic declaration's piece
	Deps   []string // what the generic declaration declares: "F", "List", "List.Push"
	Params []string // the generic declaration's type parameters
	Args   []string // their arguments, as the copy writes them
	// Own is set when Reps hold the whole lowering of the copy, checked
	// as concrete code; otherwise the generic declaration's own lowering
	// holds in it too (Adapt).
	Own bool

	decl  ast.Decl // the generic declaration
	edits []Replacement
	Reps  []Replacement // replacements in the piece's cell
}

// Key tells copies apart: the instance and the generic declaration it was
// copied from; a copy with another key replaces the older.
func (m *Mono) Key() string {
	return fmt.Sprintf("%s.%s@%d:%d:%d:%s", m.Recv, m.Name, m.Piece.Cell, m.Piece.Line, m.Piece.Col, m.Piece.Text)
}

// Decl is what the copy declares, as DeclKeys writes it.
func (m *Mono) Decl() string {
	if m.Recv != "" {
		return m.Recv + "." + m.Name
	}
	return m.Name
}

// genericSrc is a generic declaration of the session, with the type
// information of the check that saw it.
type genericSrc struct {
	decl  ast.Decl
	spec  *ast.TypeSpec // of a generic type
	info  *types.Info
	piece Live
}

// collectGenerics records the generic declarations of files (functions,
// types and methods of generic types) and the pieces they come from.
func collectGenerics(fset *token.FileSet, files []*ast.File, info *types.Info, pieces map[int][]Piece, into map[types.Object]*genericSrc) {
	pieceOf := func(pos token.Pos) (Live, bool) {
		p := fset.Position(pos)
		cell := cellOf(p.Filename)
		var best Piece
		found := false
		for _, pc := range pieces[cell] {
			if pc.Kind == Stmt || pc.Kind == Import {
				continue
			}
			if pc.Line < p.Line || pc.Line == p.Line && pc.Col <= p.Column {
				if !found || pc.Line > best.Line || pc.Line == best.Line && pc.Col > best.Col {
					best, found = pc, true
				}
			}
		}
		return Live{Cell: cell, Piece: best}, found
	}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				fn, ok := info.Defs[d.Name].(*types.Func)
				if !ok {
					continue
				}
				sig := fn.Type().(*types.Signature)
				if sig.TypeParams().Len() == 0 && sig.RecvTypeParams().Len() == 0 {
					continue
				}
				if pc, ok := pieceOf(d.Pos()); ok {
					into[fn] = &genericSrc{decl: d, info: info, piece: pc}
				}
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					ts := s.(*ast.TypeSpec)
					if ts.TypeParams == nil || ts.Assign.IsValid() {
						continue
					}
					tn, ok := info.Defs[ts.Name].(*types.TypeName)
					if !ok {
						continue
					}
					if pc, ok := pieceOf(d.Pos()); ok {
						into[tn] = &genericSrc{decl: d, spec: ts, info: info, piece: pc}
					}
				}
			}
		}
	}
}

// monoState is the monomorphization of a checked cell.
type monoState struct {
	r       *Result
	names   map[string]string // instance key -> name, "" when left to the interpreter
	goNames map[string]string // type instance name -> Go's spelling
	monos   []*Mono
	queue   []func()
	reps    []Replacement
	imports map[string]string
	lowered bool // lowerCopies ran
}

// MonoLowering monomorphizes the generics of the cells: it lists the
// concrete copies (Mono) of the generic functions and types that the
// cell instantiates, and those their bodies instantiate in turn, and
// replaces the cell's uses of the instances (F[int], an inferred F(x),
// List[int] in a type) by the copies' names. When the whole session was
// checked with the cell, the copies of every instance the session's
// declarations use are listed (a redefined generic declaration gets new
// copies). Instances with type arguments that cannot be written at
// package level (a type declared in a function) are left as they are.
// It returns the packages that the copies' type arguments name too.
func (r *Result) MonoLowering() ([]Replacement, []*Mono, map[string]string) {
	m := r.monoState()
	if m == nil {
		return nil, nil, nil
	}
	m.drain()
	m.lowerCopies()
	return m.reps, m.monos, m.imports
}

func (r *Result) monoState() *monoState {
	if r == nil || r.Info == nil || r.file == nil || r.Pkg == nil {
		return nil
	}
	if r.mono != nil {
		return r.mono
	}
	m := &monoState{r: r, names: map[string]string{}, goNames: map[string]string{}, imports: map[string]string{}}
	r.mono = m
	ids := make([]*ast.Ident, 0, len(r.Info.Instances))
	for id := range r.Info.Instances {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].Pos() < ids[j].Pos() })
	outer := outerIndex(r.file)
	cell := cellName(r.cell)
	for _, id := range ids {
		inst := r.Info.Instances[id]
		obj := r.Info.Uses[id]
		if !m.cellGeneric(obj) {
			continue
		}
		args := typeList(inst.TypeArgs)
		if anyTypeParam(args) {
			continue // inside a generic declaration: its copies say what it is
		}
		name, ok := m.instance(obj, args)
		if !ok || r.Fset.Position(id.Pos()).Filename != cell {
			continue
		}
		var e ast.Expr = id
		if o := outer[id]; o != nil {
			e = o
		}
		m.reps = append(m.reps, r.span(e, name))
	}
	// An embedded instance's field is named after its copy.
	ast.Inspect(r.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if name, ok := m.embedded(r.Info, id, nil); ok {
				m.reps = append(m.reps, r.span(id, name))
			}
		}
		return true
	})
	m.drain()
	return m
}

// embedded is the name of the copy that id, naming an embedded field of
// an instance of a cells' generic type, names.
func (m *monoState) embedded(info *types.Info, id *ast.Ident, sub map[*types.TypeParam]types.Type) (string, bool) {
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !v.IsField() || !v.Embedded() {
		return "", false
	}
	t := subst(v.Type(), sub)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.TypeArgs().Len() == 0 || !m.cellGeneric(n.Origin().Obj()) {
		return "", false
	}
	args := typeList(n.TypeArgs())
	if anyTypeParam(args) {
		return "", false
	}
	return m.instance(n.Origin().Obj(), args)
}

// span is the replacement of e by src.
func (r *Result) span(e ast.Expr, src string) Replacement {
	p, q := r.Fset.Position(e.Pos()), r.Fset.Position(e.End())
	return Replacement{Line: p.Line, Col: p.Column, EndLine: q.Line, EndCol: q.Column, Src: src}
}

// outerIndex maps the generic names of root to the index expressions
// giving their explicit type arguments.
func outerIndex(root ast.Node) map[*ast.Ident]ast.Expr {
	out := map[*ast.Ident]ast.Expr{}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				out[id] = n
			}
		case *ast.IndexListExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				out[id] = n
			}
		}
		return true
	})
	return out
}

func typeList(l *types.TypeList) []types.Type {
	out := make([]types.Type, l.Len())
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

func anyTypeParam(ts []types.Type) bool {
	for _, t := range ts {
		if hasTypeParamDeep(t) {
			return true
		}
	}
	return false
}

// hasTypeParamDeep is hasTypeParam through named types' underlying types too.
func hasTypeParamDeep(t types.Type) bool { return typeParamIn(t, true) }

// cellGeneric tells whether obj is a generic function or type declared
// in the cells whose declaration the front end has seen.
func (m *monoState) cellGeneric(obj types.Object) bool {
	if obj == nil || !IsSession(obj.Pkg()) || m.r.generics[obj] == nil {
		return false
	}
	switch o := obj.(type) {
	case *types.Func:
		sig := o.Type().(*types.Signature)
		return sig.Recv() == nil && sig.TypeParams().Len() > 0
	case *types.TypeName:
		n, ok := o.Type().(*types.Named)
		return ok && n.TypeParams().Len() > 0
	}
	return false
}

// writable tells whether a package-level declaration can name t.
func writable(t types.Type) bool {
	ok := true
	visitDeep(t, func(t types.Type) {
		var o *types.TypeName
		switch t := t.(type) {
		case *types.TypeParam:
			ok = false
		case *types.Basic:
			ok = ok && t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
		case *types.Named:
			o = t.Origin().Obj()
		case *types.Alias:
			o = t.Obj()
		case *types.Signature:
			ok = ok && t.TypeParams().Len() == 0
		}
		if o == nil || o.Pkg() == nil {
			return
		}
		if o.Parent() != o.Pkg().Scope() || !IsSession(o.Pkg()) && !o.Exported() {
			ok = false
		}
	})
	return ok
}

// instKey identifies an instance.
func instKey(obj types.Object, args []types.Type) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = types.TypeString(a, func(p *types.Package) string { return p.Path() })
	}
	return obj.Name() + "[" + strings.Join(s, ",") + "]"
}

// instance is the name of the copy of obj[args], queued for making, or
// false when the instance is left to the interpreter.
func (m *monoState) instance(obj types.Object, args []types.Type) (string, bool) {
	key := instKey(obj, args)
	if n, ok := m.names[key]; ok {
		return n, n != ""
	}
	m.names[key] = ""
	for _, a := range args {
		if !writable(a) {
			return "", false
		}
	}
	var methods []*types.Func
	if tn, ok := obj.(*types.TypeName); ok {
		n := tn.Type().(*types.Named)
		for i := 0; i < n.NumMethods(); i++ {
			if m.r.generics[n.Method(i)] == nil {
				return "", false
			}
			methods = append(methods, n.Method(i))
		}
	}
	name := monoName(obj.Name(), key)
	m.names[key] = name
	goArgs := make([]string, len(args))
	for i, a := range args {
		goArgs[i] = types.TypeString(m.r.goNamed(a), func(p *types.Package) string { return p.Path() })
	}
	goName := "main." + obj.Name() + "[" + strings.Join(goArgs, ",") + "]"
	m.queue = append(m.queue, func() { m.make(obj, args, name, goName, methods) })
	if _, ok := obj.(*types.TypeName); ok {
		m.goNames[name] = goName
	}
	return name, true
}

// monoName is the identifier of an instance: no cell declares names of
// the interpreter's prefix.
func monoName(name, key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	var b strings.Builder
	b.WriteString("_gocalc_")
	b.WriteString(name)
	b.WriteByte('_')
	args := key[len(name):]
	under := true
	for _, c := range args {
		if c < 128 && identChar(byte(c)) && c != '_' {
			b.WriteRune(c)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	if !under {
		b.WriteByte('_')
	}
	fmt.Fprintf(&b, "%08x", h.Sum32())
	return b.String()
}

// make makes the copies of obj[args]: of a function, or of a type and its
// methods.
func (m *monoState) make(obj types.Object, args []types.Type, name, goName string, methods []*types.Func) {
	src := m.r.generics[obj]
	switch o := obj.(type) {
	case *types.Func:
		sub := bind(o.Type().(*types.Signature).TypeParams(), args)
		fd := src.decl.(*ast.FuncDecl)
		mono := &Mono{Name: name, Spec: o.Name(), GoName: goName, Piece: src.piece, Deps: DeclKeys(fd), Params: paramNames(o.Type().(*types.Signature).TypeParams()), Args: m.texts(args)}
		mono.decl = fd
		mono.Reps = m.body(src, fd.Type.Params, sub)
		if fd.Type.Results != nil {
			mono.Reps = append(mono.Reps, m.body(src, fd.Type.Results, sub)...)
		}
		if fd.Body != nil {
			mono.Reps = append(mono.Reps, m.body(src, fd.Body, sub)...)
		}
		m.monos = append(m.monos, mono)
	case *types.TypeName:
		sub := bind(o.Type().(*types.Named).TypeParams(), args)
		mono := &Mono{Name: name, Spec: o.Name(), GoName: goName, Type: true, Piece: src.piece, Deps: DeclKeys(src.decl), Params: paramNames(o.Type().(*types.Named).TypeParams()), Args: m.texts(args)}
		mono.Reps = m.body(src, src.spec.Type, sub)
		if !src.decl.(*ast.GenDecl).Lparen.IsValid() {
			mono.decl = src.decl
		}
		m.monos = append(m.monos, mono)
		for _, fn := range methods {
			msrc := m.r.generics[fn]
			fd := msrc.decl.(*ast.FuncDecl)
			msub := bind(fn.Type().(*types.Signature).RecvTypeParams(), args)
			mm := &Mono{Name: fn.Name(), Recv: name, Spec: fn.Name(), GoName: goName, Piece: msrc.piece, Deps: DeclKeys(fd), Params: paramNames(fn.Type().(*types.Signature).RecvTypeParams()), Args: m.texts(args)}
			recv := fd.Recv.List[0].Type
			for {
				if s, ok := recv.(*ast.StarExpr); ok {
					recv = s.X
				} else if p, ok := recv.(*ast.ParenExpr); ok {
					recv = p.X
				} else {
					break
				}
			}
			mm.decl = fd
			mm.Reps = append(mm.Reps, m.r.span(recv, name))
			mm.Reps = append(mm.Reps, m.body(msrc, fd.Type, msub)...)
			if fd.Body != nil {
				mm.Reps = append(mm.Reps, m.body(msrc, fd.Body, msub)...)
			}
			m.monos = append(m.monos, mm)
		}
	}
}

func paramNames(tps *types.TypeParamList) []string {
	out := make([]string, tps.Len())
	for i := range out {
		out[i] = tps.At(i).Obj().Name()
	}
	return out
}

// Adapt gives a replacement of the generic declaration's own lowering
// for the copy: none when the copy replaces the same expression, else
// its source with the type parameters it writes written as their
// arguments.
func (m *Mono) Adapt(r Replacement) (Replacement, bool) {
	for _, o := range m.Reps {
		if o.Line == r.Line && o.Col == r.Col && o.EndLine == r.EndLine && o.EndCol == r.EndCol {
			return r, false
		}
	}
	arg := map[string]string{}
	for i, p := range m.Params {
		if i < len(m.Args) {
			arg[p] = m.Args[i]
		}
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	src := []byte(r.Src)
	s.Init(fset.AddFile("", -1, len(src)), src, nil, 0)
	var b strings.Builder
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.IDENT || arg[lit] == "" {
			continue
		}
		off := fset.Position(pos).Offset
		b.WriteString(r.Src[last:off])
		if a := arg[lit]; strings.HasPrefix(a, "*") || strings.HasPrefix(a, "<-") || strings.HasPrefix(a, "func") || strings.HasPrefix(a, "chan") {
			b.WriteString("(" + a + ")") // *T(x) would dereference
		} else {
			b.WriteString(a)
		}
		last = off + len(lit)
	}
	if last == 0 {
		return r, true
	}
	b.WriteString(r.Src[last:])
	r.Src = b.String()
	return r, true
}

// texts writes types as the copies do.
func (m *monoState) texts(ts []types.Type) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = m.typeText(t)
	}
	return out
}

// DropShadowed removes from reps those of the expressions that monos
// replaces too: the monomorphized use wins.
func DropShadowed(reps, monos []Replacement) []Replacement {
	at := map[[4]int]bool{}
	for _, r := range monos {
		at[[4]int{r.Line, r.Col, r.EndLine, r.EndCol}] = true
	}
	out := reps[:0:0]
	for _, r := range reps {
		if !at[[4]int{r.Line, r.Col, r.EndLine, r.EndCol}] {
			out = append(out, r)
		}
	}
	return out
}

// bind maps type parameters to type arguments.
func bind(tps *types.TypeParamList, args []types.Type) map[*types.TypeParam]types.Type {
	out := map[*types.TypeParam]types.Type{}
	for i := 0; i < tps.Len() && i < len(args); i++ {
		out[tps.At(i)] = args[i]
	}
	return out
}

// body lists the replacements that make node of a generic declaration
// concrete: its type parameters written as their arguments, its generic
// instances as their copies.
func (m *monoState) body(src *genericSrc, node ast.Node, sub map[*types.TypeParam]types.Type) []Replacement {
	var out []Replacement
	outer := outerIndex(node)
	ast.Inspect(node, func(n ast.Node) bool {
		if sw, ok := n.(*ast.TypeSwitchStmt); ok {
			out = append(out, m.duplicateCases(src, sw, sub)...)
			if x := switchOperand(sw); x != nil && m.typeParamCases(src, sw) {
				out = append(out, m.r.span(x, "any("+ArgName+")"))
			}
			return true
		}
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if rep, ok := m.constConv(src, kv.Key, sub); ok {
				out = append(out, rep)
			}
			return true
		}
		if ta, ok := n.(*ast.TypeAssertExpr); ok && ta.Type != nil {
			// x.(T) with T a type argument that x's interface type cannot
			// hold is an impossible assertion in concrete code, not in
			// generic code (it fails at run time).
			if tv, ok := src.info.Types[ta.Type]; ok && hasTypeParamDeep(tv.Type) {
				if xt, ok := src.info.Types[ta.X]; ok && !isEmptyInterface(xt.Type) {
					out = append(out, m.r.span(ta.X, "any("+ArgName+")"))
				}
			}
			return true
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		if inst, ok := src.info.Instances[id]; ok {
			obj := src.info.Uses[id]
			if !m.cellGeneric(obj) {
				return true
			}
			args := typeList(inst.TypeArgs)
			for i, a := range args {
				args[i] = subst(a, sub)
			}
			if anyTypeParam(args) {
				return true
			}
			if name, ok := m.instance(obj, args); ok {
				var e ast.Expr = id
				if o := outer[id]; o != nil {
					e = o
				}
				out = append(out, m.r.span(e, name))
			}
			return true
		}
		if name, ok := m.embedded(src.info, id, sub); ok {
			out = append(out, m.r.span(id, name))
			return true
		}
		tn, ok := src.info.Uses[id].(*types.TypeName)
		if !ok {
			return true
		}
		if tp, ok := tn.Type().(*types.TypeParam); ok {
			if t, ok := sub[tp]; ok {
				out = append(out, m.r.span(id, m.typeText(t)))
			}
		}
		return true
	})
	return out
}

// switchOperand is x of a type switch on x.(type).
func switchOperand(sw *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := sw.Assign.(type) {
	case *ast.ExprStmt:
		e = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	}
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// typeParamCases tells whether a type switch on a non-empty interface
// has cases of types made of type parameters.
func (m *monoState) typeParamCases(src *genericSrc, sw *ast.TypeSwitchStmt) bool {
	x := switchOperand(sw)
	if tv, ok := src.info.Types[x]; !ok || isEmptyInterface(tv.Type) {
		return false
	}
	for _, s := range sw.Body.List {
		if cc, ok := s.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if tv, ok := src.info.Types[e]; ok && hasTypeParamDeep(tv.Type) {
					return true
				}
			}
		}
	}
	return false
}

func isEmptyInterface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

// dropCase replaces a case of a type switch that the copy drops.
const dropCase = "_gocalc_dropcase"

// duplicateCases drops the cases of a type switch that become the same
// type as an earlier case once the type parameters are their arguments:
// the first matches, as in the generic code.
func (m *monoState) duplicateCases(src *genericSrc, sw *ast.TypeSwitchStmt, sub map[*types.TypeParam]types.Type) []Replacement {
	var seen []types.Type
	var out []Replacement
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			tv, ok := src.info.Types[e]
			if !ok || tv.Type == nil || tv.IsNil() {
				continue
			}
			t := subst(tv.Type, sub)
			dup := false
			for _, o := range seen {
				dup = dup || types.Identical(o, t)
			}
			if dup {
				out = append(out, m.r.span(e, dropCase))
				continue
			}
			seen = append(seen, t)
		}
	}
	return out
}

// typeText writes t in a copy: the cells' types by their names, the
// instances of the cells' generic types by their copies' names, imported
// packages by their aliases.
func (m *monoState) typeText(t types.Type) string {
	t = m.concrete(t)
	return types.TypeString(t, func(p *types.Package) string {
		if IsSession(p) {
			return ""
		}
		m.imports[Alias(p.Path())] = p.Path()
		return Alias(p.Path())
	})
}

// concrete is t with the instances of the cells' generic types that have
// copies replaced by named types of the copies' names (to be written).
func (m *monoState) concrete(t types.Type) types.Type {
	return mapType(t, func(t types.Type) types.Type {
		n, ok := t.(*types.Named)
		if !ok || n.TypeArgs().Len() == 0 || !m.cellGeneric(n.Origin().Obj()) {
			return nil
		}
		args := typeList(n.TypeArgs())
		if anyTypeParam(args) {
			return nil
		}
		name, ok := m.instance(n.Origin().Obj(), args)
		if !ok {
			return nil
		}
		return types.NewNamed(types.NewTypeName(token.NoPos, m.r.Pkg, name, nil), types.NewStruct(nil, nil), nil)
	})
}

// subst is t with type parameters replaced by their arguments.
func subst(t types.Type, sub map[*types.TypeParam]types.Type) types.Type {
	if len(sub) == 0 {
		return t
	}
	return mapType(t, func(t types.Type) types.Type {
		if tp, ok := t.(*types.TypeParam); ok {
			if a, ok := sub[tp]; ok {
				return a
			}
		}
		return nil
	})
}

// mapType rebuilds t with f's replacements (f returns nil to keep a type
// and look inside it). Named types are rebuilt from their type arguments.
func mapType(t types.Type, f func(types.Type) types.Type) types.Type {
	var walk func(types.Type) types.Type
	walk = func(t types.Type) types.Type {
		if t == nil {
			return nil
		}
		if r := f(t); r != nil {
			return r
		}
		switch t := t.(type) {
		case *types.Pointer:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewPointer(e)
			}
		case *types.Slice:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewSlice(e)
			}
		case *types.Array:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewArray(e, t.Len())
			}
		case *types.Map:
			k, e := walk(t.Key()), walk(t.Elem())
			if k != t.Key() || e != t.Elem() {
				return types.NewMap(k, e)
			}
		case *types.Chan:
			if e := walk(t.Elem()); e != t.Elem() {
				return types.NewChan(t.Dir(), e)
			}
		case *types.Alias:
			if t.TypeArgs().Len() == 0 {
				return t
			}
			return walk(types.Unalias(t))
		case *types.Tuple:
			if t == nil {
				return t
			}
			vars := make([]*types.Var, t.Len())
			changed := false
			for i := range vars {
				v := t.At(i)
				nt := walk(v.Type())
				changed = changed || nt != v.Type()
				vars[i] = types.NewParam(v.Pos(), v.Pkg(), v.Name(), nt)
			}
			if changed {
				return types.NewTuple(vars...)
			}
		case *types.Signature:
			p, _ := walk(t.Params()).(*types.Tuple)
			r, _ := walk(t.Results()).(*types.Tuple)
			if p != t.Params() || r != t.Results() {
				return types.NewSignatureType(nil, nil, nil, p, r, t.Variadic())
			}
		case *types.Struct:
			fields := make([]*types.Var, t.NumFields())
			tags := make([]string, t.NumFields())
			changed := false
			for i := range fields {
				v := t.Field(i)
				nt := walk(v.Type())
				changed = changed || nt != v.Type()
				fields[i] = types.NewField(v.Pos(), v.Pkg(), v.Name(), nt, v.Embedded())
				tags[i] = t.Tag(i)
			}
			if changed {
				return types.NewStruct(fields, tags)
			}
		case *types.Interface:
			changed := false
			methods := make([]*types.Func, t.NumExplicitMethods())
			for i := range methods {
				fn := t.ExplicitMethod(i)
				nt := walk(fn.Type())
				changed = changed || nt != fn.Type()
				methods[i] = types.NewFunc(fn.Pos(), fn.Pkg(), fn.Name(), nt.(*types.Signature))
			}
			embeds := make([]types.Type, t.NumEmbeddeds())
			for i := range embeds {
				embeds[i] = walk(t.EmbeddedType(i))
				changed = changed || embeds[i] != t.EmbeddedType(i)
			}
			if changed {
				return types.NewInterfaceType(methods, embeds).Complete()
			}
		case *types.Union:
			terms := make([]*types.Term, t.Len())
			changed := false
			for i := range terms {
				nt := walk(t.Term(i).Type())
				changed = changed || nt != t.Term(i).Type()
				terms[i] = types.NewTerm(t.Term(i).Tilde(), nt)
			}
			if changed {
				return types.NewUnion(terms)
			}
		case *types.Named:
			if t.TypeArgs().Len() == 0 {
				return t
			}
			args := typeList(t.TypeArgs())
			changed := false
			for i, a := range args {
				args[i] = walk(a)
				changed = changed || args[i] != a
			}
			if changed {
				if inst, err := types.Instantiate(nil, t.Origin(), args, false); err == nil {
					return inst
				}
			}
		}
		return t
	}
	return walk(t)
}

// monoTypes lists the cells' generic type instances that have copies:
// name -> Go's spelling.
func (r *Result) monoTypes() map[string]string {
	if m := r.monoState(); m != nil {
		return m.goNames
	}
	return nil
}

// Apply makes the copy out of its generic declaration d, parsed from the
// piece and lowered with Reps: a function or type gets the copy's name
// and loses its type parameters (of a type group, only the instantiated
// spec is kept). It returns nil when d is not the declaration copied.
func (m *Mono) Apply(d ast.Decl) ast.Decl {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Name.Name != m.Spec || (d.Recv != nil) != (m.Recv != "") {
			return nil
		}
		if m.Recv == "" {
			d.Name.Name = m.Name
		}
		d.Type.TypeParams = nil
		dropCases(d)
		return d
	case *ast.GenDecl:
		if d.Tok != token.TYPE || !m.Type {
			return nil
		}
		for _, s := range d.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == m.Spec {
				ts.Name.Name = m.Name
				ts.TypeParams = nil
				d.Specs = []ast.Spec{ts}
				if !d.Lparen.IsValid() {
					return d
				}
				d.Lparen, d.Rparen = token.NoPos, token.NoPos
				return d
			}
		}
	}
	return nil
}

// concreteType is t as lowered code writes it: the instances of the
// cells' generic types that have copies by the copies' names.
func (r *Result) concreteType(t types.Type) types.Type {
	m := r.monoState()
	if m == nil {
		return t
	}
	t = m.concrete(t)
	m.drain()
	return t
}

// goTypeString is t as %T prints it: instances of generic types as
// main.List[int,main.S], and so their copies.
func (r *Result) goTypeString(t types.Type) string {
	return types.TypeString(r.goNamed(t), func(p *types.Package) string { return p.Name() })
}

// goNamed is t with its named instances, and the copies of the cells'
// generic types, replaced by named types of their names as Go spells
// them (type arguments' packages by path).
func (r *Result) goNamed(t types.Type) types.Type {
	copies := r.monoTypes()
	return mapType(t, func(t types.Type) types.Type {
		n, ok := t.(*types.Named)
		if !ok {
			return nil
		}
		if g, ok := copies[n.Obj().Name()]; ok && IsSession(n.Obj().Pkg()) {
			return types.NewNamed(types.NewTypeName(token.NoPos, n.Obj().Pkg(), strings.TrimPrefix(g, "main."), nil), types.NewStruct(nil, nil), nil)
		}
		if n.TypeArgs().Len() == 0 {
			return nil
		}
		args := make([]string, n.TypeArgs().Len())
		for i := range args {
			args[i] = types.TypeString(r.goNamed(n.TypeArgs().At(i)), func(p *types.Package) string { return p.Path() })
		}
		return types.NewNamed(types.NewTypeName(token.NoPos, n.Obj().Pkg(), n.Obj().Name()+"["+strings.Join(args, ",")+"]", nil), types.NewStruct(nil, nil), nil)
	})
}

// drain makes the queued copies.
func (m *monoState) drain() {
	for len(m.queue) > 0 {
		f := m.queue[0]
		m.queue = m.queue[1:]
		f()
	}
}

// monomorphized tells whether the instance that id names has a concrete
// copy.
func (r *Result) monomorphized(id *ast.Ident) bool {
	m := r.monoState()
	inst, ok := r.Info.Instances[id]
	if m == nil || !ok || !m.cellGeneric(r.Info.Uses[id]) {
		return false
	}
	args := typeList(inst.TypeArgs)
	if anyTypeParam(args) {
		return false
	}
	return m.names[instKey(r.Info.Uses[id], args)] != ""
}

// hasCopy tells whether t is an instance of a cells' generic type that
// has a concrete copy.
func (r *Result) hasCopy(t *types.Named) bool {
	m := r.monoState()
	if m == nil || t.TypeArgs().Len() == 0 || !m.cellGeneric(t.Origin().Obj()) {
		return false
	}
	args := typeList(t.TypeArgs())
	if anyTypeParam(args) {
		return false
	}
	_, ok := m.instance(t.Origin().Obj(), args)
	m.drain()
	return ok
}

// FieldName is the name of field f in lowered code: an embedded instance
// of a cells' generic type that has a concrete copy is named after it.
func (r *Result) FieldName(f *types.Var) string {
	m := r.monoState()
	if m == nil || !f.Embedded() {
		return f.Name()
	}
	t := f.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.TypeArgs().Len() == 0 || !m.cellGeneric(n.Origin().Obj()) || anyTypeParam(typeList(n.TypeArgs())) {
		return f.Name()
	}
	name, ok := m.instance(n.Origin().Obj(), typeList(n.TypeArgs()))
	m.drain()
	if !ok {
		return f.Name()
	}
	return name
}

// dropCases removes the type switch cases replaced by dropCase, and the
// clauses left without cases.
func dropCases(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		sw, ok := n.(*ast.TypeSwitchStmt)
		if !ok {
			return true
		}
		clauses := sw.Body.List[:0]
		for _, s := range sw.Body.List {
			cc, ok := s.(*ast.CaseClause)
			if !ok || cc.List == nil {
				clauses = append(clauses, s)
				continue
			}
			list := cc.List[:0]
			for _, e := range cc.List {
				if id, ok := e.(*ast.Ident); ok && id.Name == dropCase {
					continue
				}
				list = append(list, e)
			}
			if len(list) == 0 {
				continue
			}
			cc.List = list
			clauses = append(clauses, cc)
		}
		sw.Body.List = clauses
		return true
	})
}

// ConcreteType is t as the interpreter knows it: the instances of the
// cells' generic types that have concrete copies named after them.
func (r *Result) ConcreteType(t types.Type) types.Type { return r.concreteType(t) }

// constConv makes a conversion of a constant to a type parameter, T(0), a
// key of a map literal, a value in the copy: func() int { return int(0)
// }(). Constant in the copy, two such keys may be equal, which is an
// error in concrete code ("duplicate key"), not in generic code (the later
// element wins). (Not the cases of an expression switch: yaegi matched a
// case list of calls wrongly.)
func (m *monoState) constConv(src *genericSrc, x ast.Expr, sub map[*types.TypeParam]types.Type) (Replacement, bool) {
	tv, ok := src.info.Types[x]
	if !ok || tv.Type == nil || tv.Value != nil {
		return Replacement{}, false
	}
	tp, ok := tv.Type.(*types.TypeParam)
	if !ok {
		return Replacement{}, false
	}
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return Replacement{}, false
	}
	if at, ok := src.info.Types[call.Args[0]]; !ok || at.Value == nil {
		return Replacement{}, false
	}
	t, ok := sub[tp]
	if !ok {
		return Replacement{}, false
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsConstType == 0 {
		return Replacement{}, false
	}
	return m.r.span(x, "func() "+m.typeText(t)+" { return "+ArgName+" }()"), true
}
