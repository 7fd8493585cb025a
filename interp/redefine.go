package interp

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// entry is a declaration the session keeps as source, to replay it when
// the session is rebuilt.
type entry struct {
	item
	keys    []string // names declared: "f", "T", "T.M" for a method, "x"
	isVar   bool
	role    string // for completion: "function", "class" or "instance"
	generic bool   // a generic function
}

// newEntry records the declaration d of item it.
func newEntry(it item, d ast.Decl) *entry {
	e := &entry{item: it, role: "instance"}
	switch d := d.(type) {
	case *ast.FuncDecl:
		e.role = "function"
		e.generic = d.Type.TypeParams != nil && len(d.Type.TypeParams.List) > 0
		name := d.Name.Name
		if d.Recv != nil && len(d.Recv.List) > 0 {
			name = front.RecvName(d.Recv.List[0].Type) + "." + name
		}
		e.keys = []string{name}
	case *ast.GenDecl:
		e.isVar = d.Tok == token.VAR
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				e.keys = append(e.keys, s.Name.Name)
				e.role = "class"
			case *ast.ValueSpec:
				for _, n := range s.Names {
					if n.Name != "_" {
						e.keys = append(e.keys, n.Name)
					}
				}
			}
		}
	}
	return e
}

// session is what a rebuild replays: funcs, methods, types and consts,
// the latest definition of each, and var declarations in order.
type session struct {
	decls []*entry
	vars  []*entry
	monos []*entry // concrete copies of generic declarations (item.mono)
}

// has tells whether the session already declares one of e's names.
func (s *session) has(e *entry) bool {
	list := s.decls
	if e.mono != nil {
		list = s.monos
	}
	for _, d := range list {
		for _, k := range d.keys {
			for _, n := range e.keys {
				if k == n {
					return true
				}
			}
		}
	}
	return false
}

// overlaps tells whether two key lists share a name.
func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// addDecls records declarations, replacing older ones of the same names.
// It returns the names of older declarations dropped with them.
func (s *session) addDecls(es []*entry) (dropped []string) {
	var monos, plain []*entry
	for _, e := range es {
		if e.mono != nil {
			monos = append(monos, e)
		} else {
			plain = append(plain, e)
		}
	}
	es = plain
	// A copy of a generic declaration goes with it: a redefinition brings
	// its own copies, and the cells that use others make them anew.
	kept := s.monos[:0]
	for _, m := range s.monos {
		gone := false
		for _, e := range es {
			gone = gone || overlaps(m.mono.Deps, e.keys)
		}
		for _, e := range monos {
			gone = gone || overlaps(m.keys, e.keys)
		}
		if !gone {
			kept = append(kept, m)
		}
	}
	s.monos = append(kept, monos...)
	for _, e := range es {
		kept := s.decls[:0]
		for _, d := range s.decls {
			if overlaps(d.keys, e.keys) {
				for _, k := range d.keys {
					if !contains(e.keys, k) {
						dropped = append(dropped, k)
					}
				}
				continue
			}
			kept = append(kept, d)
		}
		s.decls = append(kept, e)
	}
	return dropped
}

// addVar records a var declaration. Older var declarations whose names
// are all declared again are forgotten.
func (s *session) addVar(e *entry) {
	kept := s.vars[:0]
	for _, v := range s.vars {
		live := false
		for _, k := range v.keys {
			if !contains(e.keys, k) {
				live = true
			}
		}
		if live {
			kept = append(kept, v)
		}
	}
	s.vars = append(kept, e)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rebuild replaces the yaegi interpreter by a fresh one, for a
// redefinition, after a failed compile, and every compactEvery cells. It
// replays the session: imports, every func, method, type and const (with newDecls
// replacing older definitions of the same names), then every var
// declaration, compiled but not run. Variables get their old values back
// where their type is unchanged; yaegi represents a cell's struct type by
// its fields, so a value of a redefined type is kept when its fields are
// the same and then has the new methods. What cannot be restored is
// reported on stderr, and declarations that no longer compile are
// dropped, with their error.
func (in *Interpreter) rebuild(ctx context.Context, cur int, newDecls []*entry) (notes []string, err error) {
	old := in.globals()
	cc := in.context()
	dropped := in.sess.addDecls(newDecls)
	imports := in.imports
	if err := in.fresh(imports); err != nil {
		return nil, err
	}
	if len(dropped) > 0 {
		notes = append(notes, fmt.Sprintf("no longer defined (declared together with a redefined name): %s", strings.Join(dropped, ", ")))
	}
	typed := in.typedVars()
	var cellErr error
	for attempt := 0; len(in.sess.decls) > 0 && attempt <= len(in.sess.decls)+len(in.sess.monos); attempt++ {
		err := in.replayDecls(ctx, cur, cc, typed)
		if err == nil {
			break
		}
		// A concrete copy of a generic declaration that fails goes first
		// (the cells that use it make it again).
		if bad := in.culprit(err, in.sess.monos); bad >= 0 {
			in.sess.monos = append(in.sess.monos[:bad:bad], in.sess.monos[bad+1:]...)
			if err := in.fresh(imports); err != nil {
				return notes, err
			}
			continue
		}
		// Drop the declaration the error points at, or give up.
		bad := in.culprit(err, in.sess.decls)
		if bad < 0 || in.sess.decls[bad].cell == cur {
			cellErr = in.compileError(err, cur)
			if bad < 0 {
				in.sess.decls = nil
				notes = append(notes, "all earlier declarations were dropped: "+err.Error())
				break
			}
		} else {
			msg, _ := in.cellMessage(err.Error(), cur)
			notes = append(notes, fmt.Sprintf("%s (cell %d) no longer compiles and was dropped: %s", strings.Join(in.sess.decls[bad].keys, ", "), in.sess.decls[bad].cell, msg))
		}
		in.sess.decls = append(in.sess.decls[:bad:bad], in.sess.decls[bad+1:]...)
		if err := in.fresh(imports); err != nil {
			return notes, err
		}
	}
	if len(in.sess.decls) == 0 {
		in.declareTyped(typed)
	}
	lost := in.replayVars(cc, old, typed)
	if len(lost) > 0 {
		notes = append(notes, "reset to zero values: "+strings.Join(lost, ", "))
	}
	return notes, cellErr
}

// replayDecls compiles the session's declarations into a fresh
// interpreter: types and constants, then the variables whose types the
// front end knows (declared, not initialized), then functions and
// methods, which may use both. Functions compiled before the variables
// they use would not compile.
func (in *Interpreter) replayDecls(ctx context.Context, cur int, cc cellContext, typed map[string]string) error {
	items := make([]item, 0, len(in.sess.decls)+len(in.sess.monos))
	for _, d := range in.sess.decls {
		items = append(items, d.item)
	}
	for _, d := range in.sess.monos {
		items = append(items, d.item)
	}
	parsed, err := parseItems(in.y.FileSet(), items, cc)
	if err != nil {
		return err
	}
	var early, late []ast.Decl
	for _, p := range parsed {
		for _, d := range p.file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && (g.Tok == token.TYPE || g.Tok == token.CONST) {
				early = append(early, d)
			} else {
				late = append(late, d)
			}
		}
	}
	for i, group := range [][]ast.Decl{early, late} {
		if i == 1 {
			in.declareTyped(typed)
		}
		if len(group) == 0 {
			continue
		}
		prog, err := in.compile(declFile(group, group[0].Pos()))
		if err == nil {
			err = in.exec(ctx, cur, prog, nil)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// typedVars gives the session's variables their types as a cell writes
// them, from the front end's view of the session; a variable whose type
// cannot be written is left out.
func (in *Interpreter) typedVars() map[string]string {
	out := map[string]string{}
	if in.lastCheck == nil || in.lastCheck.Pkg == nil {
		return out
	}
	bound := map[string]string{} // import path -> name cells use
	for name, path := range packages().byName {
		bound[path] = name
	}
	for name, path := range in.imports {
		bound[path] = name
	}
	scope := in.lastCheck.Pkg.Scope()
	for _, v := range in.sess.vars {
		for _, k := range v.keys {
			obj, ok := scope.Lookup(k).(*types.Var)
			if !ok {
				continue
			}
			writable := true
			// Instances of the cells' generic types by their copies' names.
			typ := types.TypeString(in.lastCheck.ConcreteType(obj.Type()), func(p *types.Package) string {
				if front.IsSession(p) {
					return ""
				}
				name, ok := bound[p.Path()]
				if !ok {
					writable = false
				}
				return name
			})
			if writable {
				out[k] = typ
			}
		}
	}
	return out
}

// declareTyped declares variables as var x T, once per interpreter.
func (in *Interpreter) declareTyped(typed map[string]string) {
	if in.typedDone == in.gen {
		return
	}
	in.typedDone = in.gen
	for _, v := range in.sess.vars {
		if !allTyped(v, typed) {
			continue
		}
		for _, k := range v.keys {
			it := item{kind: itemVar, text: fmt.Sprintf("var %s %s", k, typed[k]), line: v.line, col: v.col, cell: v.cell}
			parsed, err := parseItems(in.y.FileSet(), []item{it}, cellContext{})
			if err != nil || len(parsed) == 0 {
				delete(typed, k)
				continue
			}
			if _, err := in.compile(parsed[0].file); err != nil {
				delete(typed, k)
			}
		}
	}
}

// allTyped tells whether every variable of v has a known type.
func allTyped(v *entry, typed map[string]string) bool {
	for _, k := range v.keys {
		if _, ok := typed[k]; !ok {
			return false
		}
	}
	return len(v.keys) > 0
}

// rebuildNote is the message telling what a rebuild could not keep, or "".
func rebuildNote(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return "gocalc: the session was rebuilt from its declarations; " + strings.Join(notes, "; ")
}

// rebuildAndTell rebuilds and reports what was lost on stderr.
func (in *Interpreter) rebuildAndTell(ctx context.Context, cur int, newDecls []*entry) error {
	notes, err := in.rebuild(ctx, cur, newDecls)
	if n := rebuildNote(notes); n != "" {
		in.sink.stream("stderr", n+"\n")
	}
	return err
}

// fresh starts a new yaegi interpreter with the session's imports.
func (in *Interpreter) fresh(imports map[string]string) error {
	if err := in.reset(); err != nil {
		return &errorString{err.Error()}
	}
	in.dirty = false
	if err := in.importAliases(in.aliases); err != nil {
		return &errorString{"gocalc: restoring imports: " + err.Error()}
	}
	if len(imports) == 0 {
		return nil
	}
	names := make([]string, 0, len(imports))
	for n := range imports {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%s %q\n", n, imports[n])
	}
	b.WriteString(")\n")
	if _, err := in.y.Eval(b.String()); err != nil {
		return &errorString{"gocalc: restoring imports: " + err.Error()}
	}
	in.imports = imports
	return nil
}

// replayVars declares the session's vars again without running their
// initializers and restores the old values whose type is unchanged. It
// returns the variables that could not be restored.
func (in *Interpreter) replayVars(cc cellContext, old map[string]reflectValue, typed map[string]string) []string {
	var lost []string
	kept := in.sess.vars[:0]
	for _, v := range in.sess.vars {
		if allTyped(v, typed) {
			kept = append(kept, v) // declared with its type before the functions
			continue
		}
		parsed, err := parseItems(in.y.FileSet(), []item{v.item}, cc)
		if err != nil || len(parsed) == 0 {
			lost = append(lost, v.keys...)
			continue
		}
		var node ast.Node
		if p := parsed[0]; p.body != nil {
			if a, ok := p.body.List[0].(*ast.AssignStmt); ok {
				node = varNode(a, nil)
			}
		} else if len(p.file.Decls) > 0 {
			if d, ok := p.file.Decls[0].(*ast.GenDecl); ok {
				node = varNode(varToDefine(d), p.file.Decls)
			}
		}
		if node == nil {
			lost = append(lost, v.keys...)
			continue
		}
		if _, err := in.compile(node); err != nil {
			// The initializer no longer compiles (its type changed): keep
			// the variable, declared with the type it had.
			kept = append(kept, in.redeclare(cc, v)...)
			continue
		}
		kept = append(kept, v)
	}
	in.sess.vars = kept
	now := in.globals()
	for _, v := range in.sess.vars {
		for _, k := range v.keys {
			ov, ok := old[k]
			nv, ok2 := now[k]
			if !ok || !ov.IsValid() {
				continue
			}
			if !ok2 || !nv.IsValid() || !nv.CanSet() || ov.Type() != nv.Type() {
				lost = append(lost, k)
				continue
			}
			nv.Set(ov)
		}
	}
	sort.Strings(lost)
	return dedupe(lost)
}

// redeclare declares the variables of entry v as `var x T`, with T the
// type they had in the interpreter being replaced, and returns the new
// entries. A variable whose type cannot be written is dropped.
func (in *Interpreter) redeclare(cc cellContext, v *entry) []*entry {
	var out []*entry
	for _, k := range v.keys {
		typ := ""
		if cc.typeOf != nil {
			typ = cc.typeOf(k)
		}
		if typ == "" {
			continue
		}
		it := item{kind: itemVar, text: fmt.Sprintf("var %s %s", k, typ), line: v.line, col: v.col, cell: v.cell}
		parsed, err := parseItems(in.y.FileSet(), []item{it}, cellContext{})
		if err != nil || len(parsed) == 0 {
			continue
		}
		if _, err := in.compile(parsed[0].file); err != nil {
			continue
		}
		out = append(out, &entry{item: it, keys: []string{k}, isVar: true})
	}
	return out
}

type reflectValue = reflect.Value

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// culprit finds which entry an error's position falls in.
func (in *Interpreter) culprit(err error, es []*entry) int {
	if err == nil {
		return -1
	}
	_, p := in.cellMessage(err.Error(), -1)
	if p == nil {
		return -1
	}
	for i, e := range es {
		if e.cell != p.cell {
			continue
		}
		lines := strings.Count(e.text, "\n")
		if p.line >= e.line && p.line <= e.line+lines {
			return i
		}
	}
	return -1
}

// errorString is an error with a fixed message.
type errorString struct{ s string }

func (e *errorString) Error() string { return e.s }
