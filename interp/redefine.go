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

	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
)

// session is what a rebuild replays: funcs, methods, types and consts,
// the latest definition of each, and var declarations in order.
type session struct {
	decls []*cells.Entry
	vars  []*cells.Entry
	monos []*cells.Entry // concrete copies of generic declarations (item.mono)
}

// has tells whether the session already declares one of e's names.
func (s *session) has(e *cells.Entry) bool {
	list := s.decls
	if e.Mono != nil {
		list = s.monos
	}
	for _, d := range list {
		for _, k := range d.Keys {
			for _, n := range e.Keys {
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
func (s *session) addDecls(es []*cells.Entry) (dropped []string) {
	var monos, plain []*cells.Entry
	for _, e := range es {
		if e.Mono != nil {
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
			gone = gone || overlaps(m.Mono.Deps, e.Keys)
		}
		for _, e := range monos {
			gone = gone || overlaps(m.Keys, e.Keys)
		}
		if !gone {
			kept = append(kept, m)
		}
	}
	s.monos = append(kept, monos...)
	for _, e := range es {
		kept := s.decls[:0]
		for _, d := range s.decls {
			if overlaps(d.Keys, e.Keys) {
				for _, k := range d.Keys {
					if !contains(e.Keys, k) {
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
func (s *session) addVar(e *cells.Entry) {
	kept := s.vars[:0]
	for _, v := range s.vars {
		live := false
		for _, k := range v.Keys {
			if !contains(e.Keys, k) {
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
func (in *Interpreter) rebuild(ctx context.Context, cur int, newDecls []*cells.Entry) (notes []string, err error) {
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
		if bad < 0 || in.sess.decls[bad].Cell == cur {
			cellErr = in.compileError(err, cur)
			if bad < 0 {
				in.sess.decls = nil
				notes = append(notes, "all earlier declarations were dropped: "+err.Error())
				break
			}
		} else {
			msg, _ := in.cellMessage(err.Error(), cur)
			notes = append(notes, fmt.Sprintf("%s (cell %d) no longer compiles and was dropped: %s", strings.Join(in.sess.decls[bad].Keys, ", "), in.sess.decls[bad].Cell, msg))
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
func (in *Interpreter) replayDecls(ctx context.Context, cur int, cc cells.CellContext, typed map[string]string) error {
	items := make([]cells.Item, 0, len(in.sess.decls)+len(in.sess.monos))
	for _, d := range in.sess.decls {
		items = append(items, d.Item)
	}
	for _, d := range in.sess.monos {
		items = append(items, d.Item)
	}
	parsed, err := cells.ParseItems(in.y.FileSet(), items, cc)
	if err != nil {
		return err
	}
	var early, late []ast.Decl
	for _, p := range parsed {
		for _, d := range p.File.Decls {
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
		prog, err := in.compile(cells.DeclFile(group, group[0].Pos()))
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
		for _, k := range v.Keys {
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
		for _, k := range v.Keys {
			it := cells.Item{Kind: cells.ItemVar, Text: fmt.Sprintf("var %s %s", k, typed[k]), Line: v.Line, Col: v.Col, Cell: v.Cell}
			parsed, err := cells.ParseItems(in.y.FileSet(), []cells.Item{it}, cells.CellContext{Symbols: packages()})
			if err != nil || len(parsed) == 0 {
				delete(typed, k)
				continue
			}
			if _, err := in.compile(parsed[0].File); err != nil {
				delete(typed, k)
			}
		}
	}
}

// allTyped tells whether every variable of v has a known type.
func allTyped(v *cells.Entry, typed map[string]string) bool {
	for _, k := range v.Keys {
		if _, ok := typed[k]; !ok {
			return false
		}
	}
	return len(v.Keys) > 0
}

// rebuildNote is the message telling what a rebuild could not keep, or "".
func rebuildNote(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return "gocalc: the session was rebuilt from its declarations; " + strings.Join(notes, "; ")
}

// rebuildAndTell rebuilds and reports what was lost on stderr.
func (in *Interpreter) rebuildAndTell(ctx context.Context, cur int, newDecls []*cells.Entry) error {
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
func (in *Interpreter) replayVars(cc cells.CellContext, old map[string]reflectValue, typed map[string]string) []string {
	var lost []string
	kept := in.sess.vars[:0]
	for _, v := range in.sess.vars {
		if allTyped(v, typed) {
			kept = append(kept, v) // declared with its type before the functions
			continue
		}
		parsed, err := cells.ParseItems(in.y.FileSet(), []cells.Item{v.Item}, cc)
		if err != nil || len(parsed) == 0 {
			lost = append(lost, v.Keys...)
			continue
		}
		var node ast.Node
		if p := parsed[0]; p.Body != nil {
			if a, ok := p.Body.List[0].(*ast.AssignStmt); ok {
				node = varNode(a, nil)
			}
		} else if len(p.File.Decls) > 0 {
			if d, ok := p.File.Decls[0].(*ast.GenDecl); ok {
				node = varNode(cells.VarToDefine(d), p.File.Decls)
			}
		}
		if node == nil {
			lost = append(lost, v.Keys...)
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
		for _, k := range v.Keys {
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
func (in *Interpreter) redeclare(cc cells.CellContext, v *cells.Entry) []*cells.Entry {
	var out []*cells.Entry
	for _, k := range v.Keys {
		typ := ""
		if cc.TypeOf != nil {
			typ = cc.TypeOf(k)
		}
		if typ == "" {
			continue
		}
		it := cells.Item{Kind: cells.ItemVar, Text: fmt.Sprintf("var %s %s", k, typ), Line: v.Line, Col: v.Col, Cell: v.Cell}
		parsed, err := cells.ParseItems(in.y.FileSet(), []cells.Item{it}, cells.CellContext{Symbols: packages()})
		if err != nil || len(parsed) == 0 {
			continue
		}
		if _, err := in.compile(parsed[0].File); err != nil {
			continue
		}
		out = append(out, &cells.Entry{Item: it, Keys: []string{k}, IsVar: true})
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
func (in *Interpreter) culprit(err error, es []*cells.Entry) int {
	if err == nil {
		return -1
	}
	_, p := in.cellMessage(err.Error(), -1)
	if p == nil {
		return -1
	}
	for i, e := range es {
		if e.Cell != p.cell {
			continue
		}
		lines := strings.Count(e.Text, "\n")
		if p.line >= e.Line && p.line <= e.Line+lines {
			return i
		}
	}
	return -1
}

// errorString is an error with a fixed message.
type errorString struct{ s string }

func (e *errorString) Error() string { return e.s }
