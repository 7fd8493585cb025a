package interp

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/gocalc/gocalc/ad"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/front"
)

var _ engine.VariableInspector = (*Interpreter)(nil)

// maxParts bounds the elements listed of one slice, array or map: the
// panel shows the first ones, not a million rows.
const maxParts = 100

// maxValueText bounds the text of one value in the listing.
const maxValueText = 1000

// Variables lists the session's variables, or the parts of one of them,
// for the debugger's variables panel (see engine.VariableInspector).
// Types are the type checker's, as a cell writes them; values are
// printed by Go's fmt from the values the interpreter holds, so that
// String methods of compiled types (ad.Dual) count and those of types
// declared in cells do not. It returns engine.ErrBusy while a cell runs.
func (in *Interpreter) Variables(path []string) (vars []engine.Variable, err error) {
	if !in.mu.TryLock() {
		return nil, engine.ErrBusy
	}
	defer in.mu.Unlock()
	if in.closed {
		return nil, fmt.Errorf("the interpreter is closed")
	}
	defer func() {
		if p := recover(); p != nil {
			vars, err = nil, fmt.Errorf("cannot list the variables: %v", p)
		}
	}()
	vars, err = listShown(in.sessionVars(in.globals()), path)
	if err != nil {
		return nil, fmt.Errorf("%w in the session", err)
	}
	return vars, nil
}

// listShown lists top, or the parts of the value that path names in it
// (path[0] a name of top, each further element a part of the one
// before).
func listShown(top []shown, path []string) (vars []engine.Variable, err error) {
	if len(path) == 0 {
		for _, n := range top {
			vars = append(vars, n.describe())
		}
		return vars, nil
	}
	var cur *shown
	for i := range top {
		if top[i].name == path[0] {
			cur = &top[i]
		}
	}
	for _, name := range path[1:] {
		if cur == nil {
			break
		}
		var next *shown
		for _, p := range cur.parts() {
			if p.name == name {
				next = &p
				break
			}
		}
		cur = next
	}
	if cur == nil {
		return nil, fmt.Errorf("no variable %s", strings.Join(path, "."))
	}
	for _, p := range cur.parts() {
		vars = append(vars, p.describe())
	}
	return vars, nil
}

// sessionVars returns the session's variables sorted by name, with
// their types from the front end's view of the session when it has one.
func (in *Interpreter) sessionVars(g map[string]reflect.Value) []shown {
	var scope *types.Scope
	if in.lastCheck != nil && in.lastCheck.Pkg != nil {
		scope = in.lastCheck.Pkg.Scope()
	}
	var out []shown
	for _, e := range in.sess.vars {
		for _, k := range e.Keys {
			v, ok := g[k]
			if !ok || k == "_" {
				continue
			}
			n := shown{name: k, v: v}
			if scope != nil {
				if obj, ok := scope.Lookup(k).(*types.Var); ok {
					n.t = obj.Type()
				}
			}
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// shown is a value being listed: its reflect value as the interpreter
// holds it and, when the type checker knows it, its Go type.
type shown struct {
	name string
	v    reflect.Value
	t    types.Type // nil when unknown
}

func (n shown) describe() engine.Variable {
	return engine.Variable{Name: n.name, Type: n.typeText(), Value: valueText(n.v), Parts: n.countParts()}
}

// typeText is the type as a cell writes it: package names qualify
// imported types, types declared in cells are bare.
func (n shown) typeText() string {
	if n.t != nil {
		return types.TypeString(n.t, func(p *types.Package) string {
			if front.IsSession(p) {
				return ""
			}
			return p.Name()
		})
	}
	if !n.v.IsValid() {
		return "nil"
	}
	return n.v.Type().String()
}

// value is the dynamic value of n: interfaces are looked through.
func (n shown) value() reflect.Value { return dynamic(n.v) }

// getterParts are the parts shown of compiled types that keep their
// state in unexported fields: what the named getters return. Only these
// methods are called (they read a field each).
var getterParts = map[reflect.Type][]string{
	reflect.TypeFor[*ad.Var](): {"Value", "Grad"},
}

// getters returns the getter parts of v's type, if it has some and v is
// not nil.
func getters(v reflect.Value) []string {
	names := getterParts[v.Type()]
	if len(names) == 0 || v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	return names
}

// countParts is len(n.parts()), without building them.
func (n shown) countParts() int {
	v := n.value()
	if !v.IsValid() {
		return 0
	}
	if g := getters(v); g != nil {
		return len(g)
	}
	switch v.Kind() {
	case reflect.Struct:
		return len(n.fields())
	case reflect.Slice, reflect.Array, reflect.Map:
		return min(v.Len(), maxParts)
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		p := n.pointee()
		if c := p.countParts(); c > 0 || p.value().Kind() == reflect.Struct {
			return c
		}
		return 1
	}
	return 0
}

// pointee is what the pointer n points to.
func (n shown) pointee() shown {
	p := shown{name: "*", v: n.value().Elem()}
	if pt, ok := under(n.t).(*types.Pointer); ok {
		p.t = pt.Elem()
	}
	return p
}

// parts lists n's getter parts (an *ad.Var's Value and Grad), its
// struct fields, its first elements, its map entries sorted by key, or
// what it points to: a pointer to a struct or to a
// value with parts lists those parts, as a debugger shows a *T like a T;
// another pointer has one part, "*".
func (n shown) parts() []shown {
	v := n.value()
	if !v.IsValid() {
		return nil
	}
	var out []shown
	if g := getters(v); g != nil {
		for _, name := range g {
			out = append(out, shown{name: name, v: v.MethodByName(name).Call(nil)[0]})
		}
		return out
	}
	switch v.Kind() {
	case reflect.Struct:
		return n.fields()
	case reflect.Slice, reflect.Array:
		var elem types.Type
		switch t := under(n.t).(type) {
		case *types.Slice:
			elem = t.Elem()
		case *types.Array:
			elem = t.Elem()
		}
		for i := 0; i < min(v.Len(), maxParts); i++ {
			out = append(out, shown{name: strconv.Itoa(i), v: v.Index(i), t: elem})
		}
	case reflect.Map:
		var elem types.Type
		if t, ok := under(n.t).(*types.Map); ok {
			elem = t.Elem()
		}
		keys := sortedKeys(v)
		for _, k := range keys[:min(len(keys), maxParts)] {
			out = append(out, shown{name: keyText(k), v: v.MapIndex(k), t: elem})
		}
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		p := n.pointee()
		if ps := p.parts(); len(ps) > 0 || p.value().Kind() == reflect.Struct {
			return ps
		}
		out = append(out, p)
	}
	return out
}

// fields lists the fields of the struct n that a cell can name: all
// fields of types declared in cells, the exported ones of compiled types
// (the unexported fields of an *ad.Var are its tape's business).
func (n shown) fields() []shown {
	v := n.value()
	st, _ := under(n.t).(*types.Struct)
	if st != nil && st.NumFields() != v.NumField() {
		st = nil
	}
	var out []shown
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		p := shown{name: f.Name, v: v.Field(i)}
		hidden := !f.IsExported() && v.Type().PkgPath() != ""
		if st != nil {
			sf := st.Field(i)
			p.name, p.t = sf.Name(), sf.Type()
			hidden = !sf.Exported() && !front.IsSession(sf.Pkg())
		}
		if !hidden {
			out = append(out, p)
		}
	}
	return out
}

// under is t's underlying type, or nil.
func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// yaegiPkg is the package of yaegi's own wrapper types.
const yaegiPkg = "github.com/traefik/yaegi/interp"

// dynamic looks through interfaces, and through the wrapper yaegi keeps
// a cell's value in when it is stored in an interface.
func dynamic(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	if v.IsValid() && v.Kind() == reflect.Struct && v.Type().PkgPath() == yaegiPkg && v.Type().Name() == "valueInterface" {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		f := c.FieldByName("value")
		if !f.IsValid() || f.Type() != reflect.TypeOf(reflect.Value{}) {
			return v
		}
		inner := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(reflect.Value)
		return dynamic(inner)
	}
	return v
}

// keyText is a map key as Go writes it: strings quoted.
func keyText(k reflect.Value) string {
	k = dynamic(k)
	if k.IsValid() && k.Kind() == reflect.String {
		return strconv.Quote(k.String())
	}
	return cut(fmt.Sprint(k), maxValueText)
}

// cut shortens s to at most n bytes, on a rune boundary, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// typeFits tells whether the checker's type t can be the type of the
// value v the interpreter holds (a lowering pass may have made a
// variable of the same name): their kinds agree.
func typeFits(t types.Type, v reflect.Value) bool {
	if _, isIface := t.Underlying().(*types.Interface); isIface {
		return true
	}
	v = dynamic(v)
	if !v.IsValid() {
		return true
	}
	k := v.Kind()
	switch u := t.Underlying().(type) {
	case *types.Basic:
		info := u.Info()
		switch {
		case info&types.IsBoolean != 0:
			return k == reflect.Bool
		case info&types.IsString != 0:
			return k == reflect.String
		case info&types.IsInteger != 0:
			return k >= reflect.Int && k <= reflect.Uintptr
		case info&types.IsFloat != 0:
			return k == reflect.Float32 || k == reflect.Float64
		case info&types.IsComplex != 0:
			return k == reflect.Complex64 || k == reflect.Complex128
		}
		return false
	case *types.Slice:
		return k == reflect.Slice
	case *types.Array:
		return k == reflect.Array
	case *types.Map:
		return k == reflect.Map
	case *types.Pointer:
		return k == reflect.Pointer
	case *types.Struct:
		return k == reflect.Struct && v.NumField() == u.NumFields()
	case *types.Signature:
		return k == reflect.Func
	case *types.Chan:
		return k == reflect.Chan
	}
	return false
}
