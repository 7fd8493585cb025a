package interp

import (
	"reflect"
	"unsafe"

	yaegi "github.com/traefik/yaegi/interp"
)

// A function literal keeps a copy of the frame it was made in, with
// that frame's debugger data as it was then; a call of it under yaegi's
// debugger takes its goroutine from there. yaegi gives its root frame
// (where a cell's top-level definitions run, f := func(x float64) ...)
// new debugger data for every program it debugs, so a literal made by an
// earlier cell held none (the debugged cell that called it failed) or
// the goroutine of a program that has ended (it stopped and could not be
// resumed). rootDebug keeps one debugger data for the root frame for the
// life of a yaegi interpreter, and each new debugged program's data is
// copied into it: literals made at the top level of any cell take the
// goroutine of the program that runs.
//
// Why this reaches yaegi's unexported fields (yaegi v0.16.1), and cannot
// be done with its public API:
//   - Interpreter.Debug sets interp.frame.debug = &frameDebugData{...}, a
//     new value for each program (debugger.go), and nothing public reads
//     or sets it;
//   - a function literal's value is made by getFunc (run.go), which
//     clones the frame it runs in (frame.clone copies the debug pointer,
//     interp.go): the literal keeps the pointer of the program that made
//     it, and nothing public reaches the literal's frame either;
//   - Debugger.enterCall then takes the new call's goroutine from that
//     pointer (f.debug.g = f.anc.debug.g): nil (a crash, a nil
//     dereference) or an ended program's goroutine.
//
// Keeping one pointer for the root frame and copying each program's data
// into what it points to is the smallest change that makes all such
// literals follow the running program. Writing an unexported field
// takes unsafe (reflect refuses to set it): reflect.NewAt over the
// field's address, as yaegi's own values are reached in dynamic. The
// layout it relies on: Interpreter.frame, a *frame, whose field debug is
// a pointer to a struct. When the layout differs, rootDebugField says so
// and nothing is written (literals then fail as described above);
// TestDebugRootLayout fails loudly, so that an upgrade of yaegi is noticed.
type rootDebug struct {
	of   *yaegi.Interpreter
	keep reflect.Value // *frameDebugData
}

// rootDebugField returns the root frame's debugger data field of y, set
// through reflection, or false when yaegi's layout is not the one known.
func rootDebugField(y *yaegi.Interpreter) (reflect.Value, bool) {
	ff := reflect.ValueOf(y).Elem().FieldByName("frame")
	if !ff.IsValid() || ff.Kind() != reflect.Pointer || ff.IsNil() {
		return reflect.Value{}, false
	}
	df := ff.Elem().FieldByName("debug")
	if !df.IsValid() || df.Kind() != reflect.Pointer || df.Type().Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return reflect.NewAt(df.Type(), unsafe.Pointer(df.UnsafeAddr())).Elem(), true
}

// keepRoot gives y's root frame the debugger data kept for y, before a
// program of y runs, so that the literals it makes copy that data.
func (r *rootDebug) keepRoot(y *yaegi.Interpreter) {
	f, ok := rootDebugField(y)
	if !ok {
		return
	}
	if r.of != y {
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		r.of, r.keep = y, reflect.ValueOf(f.Interface())
		return
	}
	if f.Pointer() != r.keep.Pointer() {
		if !f.IsNil() {
			r.keep.Elem().Set(f.Elem())
		}
		f.Set(r.keep)
	}
}
