package interp

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// The interpreter's formatter. The front end lowers an argument of fmt's
// printing functions whose type was declared in a cell into a
// description of the value built where its type is known (its type's
// name, its fields' names, its String or Error method); the types below
// print such descriptions as fmt prints the original values. See
// front.FmtLowering.

// fmtDirective rebuilds the directive that called Format.
func fmtDirective(f fmt.State, verb rune) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, c := range "+-# 0" {
		if f.Flag(int(c)) {
			b.WriteRune(c)
		}
	}
	if w, ok := f.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if p, ok := f.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(p))
	}
	b.WriteRune(verb)
	return b.String()
}

// usesMethod tells whether fmt calls Error or String for verb.
func usesMethod(f fmt.State, verb rune) bool {
	if verb == 'v' && f.Flag('#') {
		return false
	}
	return strings.ContainsRune("vsxXq", verb)
}

// callMethod calls a String or Error method as fmt does: a panic is
// printed in its place, and a nil receiver prints <nil>.
func callMethod(name string, fn func() string, isNil bool) (s string, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if isNil {
				s, ok = "<nil>", false
				return
			}
			s, ok = fmt.Sprintf("%%!v(PANIC=%s method: %v)", name, panicMessage(p)), false
		}
	}()
	return fn(), true
}

// fmtMethod is a value of a cell type with an Error or String method.
type fmtMethod struct {
	method string
	name   string // the type's name, as %T prints it
	fn     func() string
	under  any // the value as its underlying type
}

// describeMethod describes a value of type name whose type has method
// (Error or String).
func describeMethod(method, name string, fn func() string, under any) any {
	return fmtMethod{method, name, fn, under}
}

func (m fmtMethod) Format(f fmt.State, verb rune) {
	if !usesMethod(f, verb) {
		s := fmt.Sprintf(fmtDirective(f, verb), m.under)
		if strings.HasPrefix(s, "%!"+string(verb)+"(") {
			// A bad verb names the value's type: the cell's, not the
			// underlying one.
			s = "%!" + string(verb) + "(" + m.name + s[strings.IndexByte(s, '='):]
		}
		fmt.Fprint(f, s)
		return
	}
	printMethod(f, verb, m.method, m.fn, false)
}

// printMethod prints what a String or Error method returns with the
// directive that called Format, or fmt's report of its panic.
func printMethod(f fmt.State, verb rune, method string, fn func() string, isNil bool) {
	s, ok := callMethod(method, fn, isNil)
	if !ok {
		fmt.Fprint(f, s)
		return
	}
	fmt.Fprintf(f, fmtDirective(f, verb), s)
}

// fmtPtrMethod is a pointer whose method set has Error or String.
type fmtPtrMethod struct {
	isNil bool
	fn    func() string
	raw   any
}

// describePtrMethod describes a pointer whose type has an Error or String
// method.
func describePtrMethod(isNil bool, fn func() string, raw any) any {
	return fmtPtrMethod{isNil, fn, raw}
}

func (m fmtPtrMethod) Format(f fmt.State, verb rune) {
	if !usesMethod(f, verb) {
		fmt.Fprintf(f, fmtDirective(f, verb), m.raw)
		return
	}
	printMethod(f, verb, "String", m.fn, m.isNil)
}

// fmtPtr is a pointer to a value that needs describing, printed as &{...}
// at the top level as fmt does.
type fmtPtr struct {
	isNil bool
	elem  func() any
	raw   any
}

// describePtr describes a pointer, its target described by elem.
func describePtr(isNil bool, elem func() any, raw any) any { return fmtPtr{isNil, elem, raw} }

func (p fmtPtr) Format(f fmt.State, verb rune) {
	if p.isNil || verb == 'p' {
		fmt.Fprintf(f, fmtDirective(f, verb), p.raw)
		return
	}
	fmt.Fprint(f, "&")
	fmt.Fprintf(f, fmtDirective(f, verb), p.elem())
}

// fmtSeq is a slice or an array, its elements added one by one (each
// call converts an interpreted value as fmt's own arguments are).
type fmtSeq struct {
	name  string
	isNil bool
	elems []any
}

// describeSeq starts the description of a slice or array of type name.
func describeSeq(name string, isNil bool) *fmtSeq { return &fmtSeq{name: name, isNil: isNil} }

// Add appends an element.
func (s *fmtSeq) Add(x any) { s.elems = append(s.elems, x) }

func (s *fmtSeq) Format(f fmt.State, verb rune) {
	d := fmtDirective(f, verb)
	if verb == 'v' && f.Flag('#') {
		if s.isNil {
			fmt.Fprintf(f, "%s(nil)", s.name)
			return
		}
		fmt.Fprintf(f, "%s{", s.name)
		for i, e := range s.elems {
			if i > 0 {
				fmt.Fprint(f, ", ")
			}
			fmt.Fprintf(f, d, e)
		}
		fmt.Fprint(f, "}")
		return
	}
	fmt.Fprint(f, "[")
	for i, e := range s.elems {
		if i > 0 {
			fmt.Fprint(f, " ")
		}
		fmt.Fprintf(f, d, e)
	}
	fmt.Fprint(f, "]")
}

// fmtMap is a map, printed with its keys sorted as fmt sorts them.
type fmtMap struct {
	name             string
	isNil            bool
	raw, keys, elems []any
}

// describeMap starts the description of a map of type name.
func describeMap(name string, isNil bool) *fmtMap { return &fmtMap{name: name, isNil: isNil} }

// Add adds an entry: raw is the key as a value to sort by, key and elem
// the descriptions.
func (m *fmtMap) Add(raw, key, elem any) {
	m.raw = append(m.raw, raw)
	m.keys = append(m.keys, key)
	m.elems = append(m.elems, elem)
}

// sorted returns the entries in fmt's order.
func (m *fmtMap) sorted() (keys, elems []any) {
	idx := make([]int, len(m.raw))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return compareKeys(m.raw[idx[a]], m.raw[idx[b]]) < 0 })
	return permute(m.keys, idx), permute(m.elems, idx)
}

func permute(xs []any, idx []int) []any {
	out := make([]any, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// compareKeys orders map keys as fmt does for the kinds of keys it can
// order (numbers, strings, booleans); others keep their order by text.
func compareKeys(a, b any) int {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !va.IsValid() || !vb.IsValid() || va.Kind() != vb.Kind() {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	}
	switch va.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmpOrdered(va.Int(), vb.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmpOrdered(va.Uint(), vb.Uint())
	case reflect.Float32, reflect.Float64:
		return cmpOrdered(va.Float(), vb.Float())
	case reflect.String:
		return strings.Compare(va.String(), vb.String())
	case reflect.Bool:
		switch {
		case va.Bool() == vb.Bool():
			return 0
		case !va.Bool():
			return -1
		}
		return 1
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func cmpOrdered[T int64 | uint64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (m *fmtMap) Format(f fmt.State, verb rune) {
	d := fmtDirective(f, verb)
	keys, elems := m.sorted()
	sharp := verb == 'v' && f.Flag('#')
	if sharp {
		if m.isNil {
			fmt.Fprintf(f, "%s(nil)", m.name)
			return
		}
		fmt.Fprintf(f, "%s{", m.name)
	} else {
		fmt.Fprint(f, "map[")
	}
	for i := range keys {
		if i > 0 {
			if sharp {
				fmt.Fprint(f, ", ")
			} else {
				fmt.Fprint(f, " ")
			}
		}
		fmt.Fprintf(f, d, keys[i])
		fmt.Fprint(f, ":")
		fmt.Fprintf(f, d, elems[i])
	}
	if sharp {
		fmt.Fprint(f, "}")
	} else {
		fmt.Fprint(f, "]")
	}
}

// fmtStruct is a struct with its fields' own names.
type fmtStruct struct {
	name   string
	fields []string
	vals   []any
}

// describeStruct starts the description of a struct of type name.
func describeStruct(name string) *fmtStruct { return &fmtStruct{name: name} }

// Field adds a field.
func (s *fmtStruct) Field(name string, x any) *fmtStruct {
	s.fields = append(s.fields, name)
	s.vals = append(s.vals, x)
	return s
}

func (s *fmtStruct) Format(f fmt.State, verb rune) {
	d := fmtDirective(f, verb)
	sharp := verb == 'v' && f.Flag('#')
	names := sharp || verb == 'v' && f.Flag('+')
	if sharp {
		fmt.Fprint(f, s.name)
	}
	fmt.Fprint(f, "{")
	for i, v := range s.vals {
		if i > 0 {
			if sharp {
				fmt.Fprint(f, ", ")
			} else {
				fmt.Fprint(f, " ")
			}
		}
		if names {
			fmt.Fprint(f, s.fields[i], ":")
		}
		fmt.Fprintf(f, d, v)
	}
	fmt.Fprint(f, "}")
}

// dynamicTypeName is what %T prints for x.
func dynamicTypeName(x any) string { return fmt.Sprintf("%T", x) }

// fmtExports are the formatter's functions as lowered code calls them.
func fmtExports() map[string]reflect.Value {
	return map[string]reflect.Value{
		"FmtMethod":    reflect.ValueOf(describeMethod),
		"FmtPtrMethod": reflect.ValueOf(describePtrMethod),
		"FmtPtr":       reflect.ValueOf(describePtr),
		"FmtSeq":       reflect.ValueOf(describeSeq),
		"FmtMap":       reflect.ValueOf(describeMap),
		"FmtStruct":    reflect.ValueOf(describeStruct),
		"TypeName":     reflect.ValueOf(dynamicTypeName),
		"ErrorChain":   reflect.ValueOf(errorChain),
		"SameError":    reflect.ValueOf(sameError),
		"IfaceKey":     reflect.ValueOf(ifaceKey),
	}
}

// ifaceKey is the value that an interface of a cell's interface type
// holds, taken out of yaegi's wrapper, for == and != to compare
// (front's ifaceCompare): nil for a nil interface.
func ifaceKey(x any) any {
	v := dynamic(reflect.ValueOf(x))
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// sameError compares two errors taken out of yaegi's wrappers as
// errors.Is compares an error with its target: == when the target's type
// is comparable.
func sameError(x, target any) bool {
	if x == nil || target == nil {
		return x == target
	}
	if !reflect.TypeOf(target).Comparable() || reflect.TypeOf(x) != reflect.TypeOf(target) {
		return false
	}
	return x == target
}

// errorChain lists err and the errors it wraps, in the order errors.As
// visits them (Unwrap() error, and each of Unwrap() []error depth first).
// An error of a cell type reaches compiled code inside yaegi's wrapper (a
// struct with the value in its IValue field); the list holds the value
// itself, which a type assertion in the cell recognizes.
func errorChain(err error) []any {
	var out []any
	var walk func(error, int)
	walk = func(e error, depth int) {
		for e != nil && depth < 100 {
			out = append(out, unwrapYaegi(e))
			switch u := e.(type) {
			case interface{ Unwrap() error }:
				e = u.Unwrap()
				depth++
			case interface{ Unwrap() []error }:
				for _, x := range u.Unwrap() {
					walk(x, depth+1)
				}
				return
			default:
				return
			}
		}
	}
	walk(err, 0)
	return out
}

// unwrapYaegi returns the interpreted value inside yaegi's wrapper of a
// cell value seen as an interface by compiled code, or v.
func unwrapYaegi(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("IValue"); f.IsValid() && f.Kind() == reflect.Interface && f.CanInterface() && !f.IsNil() {
			return f.Interface()
		}
	}
	return v
}
