package interp

import (
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/gocalc/gocalc/interp/internal/cells"
)

// The helpers below are what front.RuntimeLowering makes the builtins
// print, println and recover call.

// printOut writes what print and println print: to the cell's stdout, where
// the interpreter writes them too (Go writes them to stderr; a notebook
// shows both streams).
func (r *rt) print(args ...string) { r.out(strings.Join(args, "")) }

func (r *rt) println(args ...string) { r.out(strings.Join(args, " ") + "\n") }

// out writes the text of print and println where fmt's goes, the pipe
// behind the cells' os.Stdout.
func (r *rt) out(text string) {
	if r.printOut != nil {
		r.printOut.Write([]byte(text))
		return
	}
	r.sink.stream("stdout", text)
}

func printBool(b bool) string          { return strconv.FormatBool(b) }
func printInt(i int64) string          { return strconv.FormatInt(i, 10) }
func printUint(u uint64) string        { return strconv.FormatUint(u, 10) }
func printFloat(f float64) string      { return strconv.FormatFloat(f, 'g', -1, 64) }
func printFloat32(f float32) string    { return strconv.FormatFloat(float64(f), 'g', -1, 32) }
func printComplex(c complex128) string { return strconv.FormatComplex(c, 'g', -1, 128) }
func printComplex64(c complex64) string {
	return strconv.FormatComplex(complex128(c), 'g', -1, 64)
}

func hexAddr(p uintptr) string { return "0x" + strconv.FormatUint(uint64(p), 16) }

// printPointer prints a pointer, channel, map or function as its address.
func printPointer(v any) string {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Invalid:
		return "0x0"
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return hexAddr(rv.Pointer())
	}
	// A value the interpreter represents otherwise (its own function
	// values): not nil, since it is there.
	return hexAddr(reflect.ValueOf(&v).Pointer())
}

// printSlice prints a slice as [len/cap]0xADDR.
func printSlice(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return "[0/0]0x0"
	}
	return "[" + strconv.Itoa(rv.Len()) + "/" + strconv.Itoa(rv.Cap()) + "]" + hexAddr(rv.Pointer())
}

// printIface prints an interface value as its two words, (0x0,0x0) when
// it is nil.
func printIface(v any) string {
	if v == nil {
		return "(0x0,0x0)"
	}
	w := (*[2]uintptr)(unsafe.Pointer(&v))
	return "(" + hexAddr(w[0]) + "," + hexAddr(w[1]) + ")"
}

// runtimeError is a run-time panic that the interpreter raised in words
// of its own (reflect's), with the message Go's runtime gives it.
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }

// RuntimeError marks it as a runtime.Error.
func (runtimeError) RuntimeError() {}

// goPanics are reflect's and the interpreter's words for run-time errors,
// by prefix, and what Go's runtime says (the index and length of an index
// error are not known).
var goPanics = []struct{ prefix, msg string }{
	{"reflect: slice index out of range", "runtime error: index out of range"},
	{"reflect: array index out of range", "runtime error: index out of range"},
	{"reflect: string index out of range", "runtime error: index out of range"},
	{"reflect.Value.Slice: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect.Value.Slice: string slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect.Value.Slice3: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect: slice bounds out of range", "runtime error: slice bounds out of range"},
	{"reflect.MakeChan: negative buffer size", "makechan: size out of range"},
	{"reflect.MakeSlice: negative len", "runtime error: makeslice: len out of range"},
	{"reflect.MakeSlice: negative cap", "runtime error: makeslice: cap out of range"},
	{"reflect.MakeSlice: len > cap", "runtime error: makeslice: cap out of range"},
	{"reflect.Value.Call: call of nil function", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: indirection through nil pointer", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: Method on nil interface value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect.Value.Grow: slice overflow", "runtime error: growslice: len out of range"},
}

// recovered is what recover() returns in a cell: the panic value, or the
// runtime error Go raises where the interpreter raised one of its own.
// os.Exit, which a cell raises as a panic, goes on: Go cannot recover it.
func recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	switch p := v.(type) {
	case exitCode:
		panic(p)
	case string:
		for _, g := range goPanics {
			if strings.HasPrefix(p, g.prefix) {
				return runtimeError{g.msg}
			}
		}
		if rest, ok := strings.CutPrefix(p, "reflect: cannot convert slice with length "); ok {
			n, _, _ := strings.Cut(rest, " ")
			_, length, _ := strings.Cut(rest, " with length ")
			return runtimeError{"runtime error: cannot convert slice with length " + n + " to array or pointer to array with length " + length}
		}
	case *reflect.ValueError:
		if strings.HasSuffix(p.Error(), "on zero Value") {
			return runtimeError{"runtime error: invalid memory address or nil pointer dereference"}
		}
	case error:
		// The interpreter's failed type assertion: its message, without
		// the position yaegi puts in front, as a runtime.Error.
		msg := p.Error()
		if m := leadingPos.FindString(msg); m != "" && strings.HasPrefix(msg[len(m):], "interface conversion: ") {
			return runtimeError{strings.ReplaceAll(msg[len(m):], cells.MainName, "main")}
		}
		if msg == "runtime: allocation size out of range" {
			// reflect.MakeSlice asked for more than can be allocated.
			return runtimeError{"runtime error: makeslice: len out of range"}
		}
		if rest, ok := strings.CutPrefix(msg, "hash of unhashable type: "); ok {
			return runtimeError{"runtime error: hash of unhashable type " + rest}
		}
	}
	return v
}

// builtinExports are the helpers as lowered code calls them.
func (r *rt) builtinExports(m map[string]reflect.Value) {
	m["Print"] = reflect.ValueOf(r.print)
	m["Println"] = reflect.ValueOf(r.println)
	m["PrintBool"] = reflect.ValueOf(printBool)
	m["PrintInt"] = reflect.ValueOf(printInt)
	m["PrintUint"] = reflect.ValueOf(printUint)
	m["PrintFloat"] = reflect.ValueOf(printFloat)
	m["PrintFloat32"] = reflect.ValueOf(printFloat32)
	m["PrintComplex"] = reflect.ValueOf(printComplex)
	m["PrintComplex64"] = reflect.ValueOf(printComplex64)
	m["PrintPointer"] = reflect.ValueOf(printPointer)
	m["PrintSlice"] = reflect.ValueOf(printSlice)
	m["PrintIface"] = reflect.ValueOf(printIface)
	m["Recovered"] = reflect.ValueOf(r.recovered)
	m["Panicking"] = reflect.ValueOf(r.panicking)
	m["Index"] = reflect.ValueOf(r.checkedIndex)
	m["IndexU"] = reflect.ValueOf(r.checkedIndexU)
	m["Divisor"] = reflect.ValueOf(r.divisor)
	m["Deref"] = reflect.ValueOf(r.deref)
	m["MapWrite"] = reflect.ValueOf(r.mapWrite)
	m["Slice"] = reflect.ValueOf(slice)
	m["ShiftCount"] = reflect.ValueOf(shiftCount)
	m["Unhashable"] = reflect.ValueOf(unhashable)
	m["AnyValue"] = reflect.ValueOf(func(v any) any { return v }) // see front's multiAssign
	m["MakeLen"] = reflect.ValueOf(makeLen)
	m["MakeCap"] = reflect.ValueOf(makeCap)
	m["PkgVar"] = reflect.ValueOf(pkgVar)
	m["UnsafeString"] = reflect.ValueOf(unsafeString)
	m["UnsafeStringData"] = reflect.ValueOf(func(s string) *byte { return unsafe.StringData(s) })
	m["UnsafeSlice"] = reflect.ValueOf(unsafeSlice)
	m["UnsafeSliceData"] = reflect.ValueOf(unsafeSliceData)
}

// unsafeLen is the length argument of unsafe.String or unsafe.Slice, of
// any integer type, as an int; a length no int holds panics as Go's
// runtime does.
func unsafeLen(n any, fn string) int {
	v := reflect.ValueOf(n)
	switch {
	case v.CanInt():
		if i := v.Int(); i == int64(int(i)) {
			return int(i)
		}
	case v.CanUint():
		if u := v.Uint(); u <= uint64(^uint(0)>>1) {
			return int(u)
		}
	}
	panic(runtimeError{"runtime error: " + fn + ": len out of range"})
}

// unsafeString is unsafe.String: Go's runtime checks the pointer and
// length itself.
func unsafeString(p *byte, n any) string {
	l := unsafeLen(n, "unsafe.String")
	if l < 0 {
		panic(runtimeError{"runtime error: unsafe.String: len out of range"})
	}
	return unsafe.String(p, l)
}

// unsafeSlice is unsafe.Slice for a pointer of any type; reflect.SliceAt
// checks the pointer and length as Go's runtime does.
func unsafeSlice(p any, n any) any {
	l := unsafeLen(n, "unsafe.Slice")
	v := reflect.ValueOf(p)
	return reflect.SliceAt(v.Type().Elem(), v.UnsafePointer(), l).Interface()
}

// unsafeSliceData is unsafe.SliceData for a slice of any type.
func unsafeSliceData(s any) unsafe.Pointer {
	v := reflect.ValueOf(s)
	if v.IsNil() {
		return nil
	}
	return v.UnsafePointer()
}
