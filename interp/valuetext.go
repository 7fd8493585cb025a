package interp

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// valueText is a value as the variables panel shows it, in fmt's %v
// layout, but written within maxValueText bytes: a struct holding a
// million numbers (a gonum matrix, an ad tape) costs what its first
// numbers cost. Strings are quoted at the top; a slice or array shows
// its first maxParts elements and its length; map entries come sorted
// by key; a pointer to a number shows as &3. Values with a String, Error
// or Format method that a compiled package gives them print through it.
func valueText(v reflect.Value) string {
	v = dynamic(v)
	if !v.IsValid() {
		return "nil"
	}
	switch v.Kind() {
	case reflect.String:
		return cut(strconv.Quote(v.String()), maxValueText)
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		if v.IsNil() {
			return "nil"
		}
	}
	if v.Kind() == reflect.Func {
		return "func"
	}
	t := &textWriter{}
	t.value(v, 0)
	s := t.b.String()
	if t.full {
		s = cut(s, maxValueText)
		if !strings.HasSuffix(s, "…") {
			s += "…"
		}
	}
	if (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && v.Len() > maxParts && !hasMethods(v) {
		s += fmt.Sprintf(" (len %d)", v.Len())
	}
	return s
}

// textWriter writes a value's text until it holds maxValueText bytes.
type textWriter struct {
	b    strings.Builder
	full bool
}

func (t *textWriter) put(s string) {
	if t.full {
		return
	}
	t.b.WriteString(s)
	if t.b.Len() >= maxValueText {
		t.full = true
	}
}

var (
	stringerType  = reflect.TypeOf((*fmt.Stringer)(nil)).Elem()
	errorType     = reflect.TypeOf((*error)(nil)).Elem()
	formatterType = reflect.TypeOf((*fmt.Formatter)(nil)).Elem()
)

// hasMethods tells whether fmt would print v through a method of its own.
func hasMethods(v reflect.Value) bool {
	if !v.CanInterface() {
		return false
	}
	t := v.Type()
	return t.Implements(stringerType) || t.Implements(errorType) || t.Implements(formatterType)
}

// value writes v as fmt's %v does at nesting depth.
func (t *textWriter) value(v reflect.Value, depth int) {
	if t.full {
		return
	}
	v = dynamic(v)
	if !v.IsValid() {
		t.put("<nil>")
		return
	}
	if hasMethods(v) {
		t.put(fmt.Sprint(v.Interface()))
		return
	}
	switch v.Kind() {
	case reflect.String:
		t.put(v.String())
	case reflect.Struct:
		t.put("{")
		for i := 0; i < v.NumField() && !t.full; i++ {
			if i > 0 {
				t.put(" ")
			}
			t.value(v.Field(i), depth+1)
		}
		t.put("}")
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() && depth > 0 {
			t.put("[]")
			return
		}
		t.put("[")
		for i := 0; i < v.Len() && !t.full; i++ {
			if i == maxParts {
				t.put(" …")
				break
			}
			if i > 0 {
				t.put(" ")
			}
			t.value(v.Index(i), depth+1)
		}
		t.put("]")
	case reflect.Map:
		if v.IsNil() && depth > 0 {
			t.put("map[]")
			return
		}
		t.put("map[")
		for i, k := range sortedKeys(v) {
			if t.full {
				break
			}
			if i > 0 {
				t.put(" ")
			}
			t.value(k, depth+1)
			t.put(":")
			t.value(v.MapIndex(k), depth+1)
		}
		t.put("]")
	case reflect.Pointer:
		if v.IsNil() {
			t.put("<nil>")
			return
		}
		if depth == 0 {
			// As fmt shows &{...} at the top, and a number rather than
			// its address.
			t.put("&")
			t.value(v.Elem(), depth+1)
			return
		}
		t.put(fmt.Sprint(v))
	default:
		t.put(fmt.Sprint(v))
	}
}

// sortedKeys returns v's keys in fmt's order for the common key kinds:
// numbers by value, strings and everything else by their text.
func sortedKeys(v reflect.Value) []reflect.Value {
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
	return keys
}

func keyLess(a, b reflect.Value) bool {
	a, b = dynamic(a), dynamic(b)
	if a.IsValid() && b.IsValid() && a.Kind() == b.Kind() {
		switch a.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return a.Int() < b.Int()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return a.Uint() < b.Uint()
		case reflect.Float32, reflect.Float64:
			return a.Float() < b.Float()
		case reflect.String:
			return a.String() < b.String()
		}
	}
	return fmt.Sprint(a) < fmt.Sprint(b)
}
