package interp

import (
	"fmt"
	"os/exec"
	"reflect"
	"runtime"

	"github.com/gocalc/gocalc/display"

	"github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"
	"github.com/traefik/yaegi/stdlib/unsafe"
)

// The kernel is the user's own process, as ipykernel is: cells may use
// unsafe, syscall and os/exec. What would end the process is turned into
// an error of the cell instead (os.Exit, testing.Main, runtime.Breakpoint,
// a fault at a bad address), and what would
// crash it from a goroutine of the runtime is recovered (a panicking
// finalizer).

// exitCode is the panic value of os.Exit in a cell.
type exitCode int

// cellArgs is os.Args in cells: a program name, as a compiled program
// has, and none of the kernel's own arguments.
var cellArgs = []string{"main"}

// processSymbols are the tables that yaegi keeps apart from its standard
// library (unsafe, syscall, os/exec) and the replacements for functions
// that would end or crash the kernel.
func (r *rt) processSymbols() []map[string]map[string]reflect.Value {
	return append(processPackages(), map[string]map[string]reflect.Value{
		"os/os": {
			"Exit": reflect.ValueOf(func(code int) { panic(exitCode(code)) }),
		},
		"syscall/syscall": {
			"Exit": reflect.ValueOf(func(code int) { panic(exitCode(code)) }),
		},
		"runtime/runtime": {
			"SetFinalizer": reflect.ValueOf(r.setFinalizer),
			// Without a debugger attached, compiled Go stops with SIGTRAP.
			"Breakpoint": reflect.ValueOf(func() {
				panic(fmt.Errorf("runtime.Breakpoint was called: no debugger stops there in a cell (compiled Go would end with SIGTRAP); set a breakpoint in the notebook's debugger instead"))
			}),
		},
		// The publisher is the kernel's (or the runner's): a cell that
		// replaced or unset it would lose the session's output.
		"github.com/gocalc/gocalc/display/display": {
			"SetPublisher": reflect.ValueOf(func(display.Publisher) func() {
				panic(fmt.Errorf("display.SetPublisher cannot be called from a cell: the kernel owns where output goes (use widgets.Output.Capture to collect output)"))
			}),
			"SetFlusher": reflect.ValueOf(func(func()) {
				panic(fmt.Errorf("display.SetFlusher cannot be called from a cell: the kernel owns where output goes"))
			}),
		},
		"testing/testing": {
			// Runs the tests, and ends the cell instead of the process.
			"Main": reflect.ValueOf(r.testingMain),
		},
	})
}

// processPackages are the packages that yaegi keeps apart from its
// standard library table.
func processPackages() []map[string]map[string]reflect.Value {
	return []map[string]map[string]reflect.Value{
		unsafe.Symbols,
		syscall.Symbols,
		// What yaegi holds back of syscall (Kill, Exec, ForkExec, the
		// ptrace calls); its Exit is replaced below.
		{"syscall/syscall": unrestricted.Symbols["syscall/syscall"]},
		{
			"os/exec/exec": {
				"Command":        reflect.ValueOf(exec.Command),
				"CommandContext": reflect.ValueOf(exec.CommandContext),
				"ErrNotFound":    reflect.ValueOf(&exec.ErrNotFound).Elem(),
				"ErrDot":         reflect.ValueOf(&exec.ErrDot).Elem(),
				"ErrWaitDelay":   reflect.ValueOf(&exec.ErrWaitDelay).Elem(),
				"LookPath":       reflect.ValueOf(exec.LookPath),
				"Cmd":            reflect.ValueOf((*exec.Cmd)(nil)),
				"Error":          reflect.ValueOf((*exec.Error)(nil)),
				"ExitError":      reflect.ValueOf((*exec.ExitError)(nil)),
			},
		},
	}
}

// setFinalizer is runtime.SetFinalizer with the finalizer's panic
// reported on stderr: the runtime runs finalizers in a goroutine of its
// own, where a panic would end the kernel.
func (r *rt) setFinalizer(obj, finalizer any) {
	fv := reflect.ValueOf(finalizer)
	if finalizer == nil || fv.Kind() != reflect.Func {
		runtime.SetFinalizer(obj, finalizer)
		return
	}
	wrapped := reflect.MakeFunc(fv.Type(), func(args []reflect.Value) []reflect.Value {
		defer func() {
			if p := recover(); p != nil {
				r.sink.stream("stderr", fmt.Sprintf("panic in finalizer (recovered by gocalc): %v\n", panicMessage(p)))
			}
		}()
		return fv.Call(args)
	})
	runtime.SetFinalizer(obj, wrapped.Interface())
}
