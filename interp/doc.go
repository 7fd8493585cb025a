// Package interp runs notebook cells written in ordinary modern Go on the
// yaegi interpreter, behind the kernel's engine interfaces (Executor,
// Completer, Inspector, CompletenessChecker, Evaluator, VariableInspector,
// Debugger, PanicStopper, Pauser, FrameEvaluator, Closer).
//
// # The front end
//
// Every cell is type-checked with go/types before anything of it runs
// (package internal/front): the session is one package main and each cell
// one of its files, with its own imports. A cell that Go rejects fails
// with the Go compiler's own errors at the cell's lines and runs nothing
// (unused imports are allowed; the last expression is the cell's value).
// The types of imported packages come from export data embedded at go
// generate time. From the checked cell the front end derives what the
// interpreter is given: package-level variables in Go's initialization
// order; every package name written as one alias per import path, so
// that each cell's imports are its own and a cell's own cmp, slices or
// rand never meets a package; the arguments of fmt's and log's printing
// functions lowered so that values of cell types print as Go prints them
// (String and Error methods inside slices, maps, structs and pointers,
// field names, %T); Go 1.23's iterator functions of the standard library
// and iter.Seq; ranges over integers and functions rewritten from their
// real types. When the interpreter cannot compile a lowered statement, the
// statement runs as written. Shift+Tab uses the checker too: inside a
// call's parentheses it shows the called function.
//
// # Cells
//
// A cell is any mix of imports, declarations and statements, in any
// order. The standard library and the preloaded packages (gonum's mat,
// floats, stat, diff/fd, optimize and integrate; gonum/plot with plotter,
// vg and draw; gocalc's ad, plotting and display) need no import. Where
// several packages share a name, a cell without an import of that name
// gets math/rand (rand), gonum/plot's vg/draw (draw), text/template,
// text/scanner and runtime/pprof; a cell that imports math/rand/v2 gets
// v2 there. An import under a name of its own (import mrand
// "math/rand/v2") stays visible to later cells. The standard library
// (with unsafe, syscall and os/exec: the kernel is the user's own
// process) and the preloaded packages can be imported.
//
// Execute runs a cell in this order: its imports; its funcs, methods,
// types and consts, which may refer to one another and may be used above
// their declaration; then its var declarations and statements in source
// order (a variable initialized from one declared below it in the cell
// comes after it, as in Go's initialization order). A declaration that
// uses a variable the same cell declares runs right after that variable.
// A top-level `x := v` or `var x = v` makes a session global; the other
// statements run inside a function literal, so that inner declarations
// shadow globals as Go says. A cell that declares func main (a pasted
// program) runs it once at its end, unless the cell calls main itself.
//
// # Redefinition
//
// Running a declaration again with a new body replaces the old one: the
// session keeps every func, method, type and const as source and, on a
// redefinition, builds a fresh yaegi interpreter that replays them (the
// new versions in place of the old) and declares the session's variables
// again without running their initializers: types and constants first,
// then the variables with the types the front end gives them, then the
// functions and methods that use them. Each variable then gets its
// old value back when its type is unchanged. yaegi represents a cell's
// struct type by its fields, so a value of a redefined type is kept when
// the fields are the same (and has the new methods); when they differ it
// is reset to its zero value, and a note on stderr names it. Declarations
// that no longer compile are dropped with their error, also on stderr. A
// function value stored in a variable keeps running the code it was made
// from, and goroutines that cells started keep running in the old
// interpreter. The same rebuild follows at once a cell that failed to
// compile (yaegi may keep half-declared names), naming in the cell's
// error what it could not keep, and runs every 500 cells (when no
// goroutine started by a cell is running), because yaegi's global state
// grows with every cell.
//
// # Modern Go
//
// Cells are rewritten for what yaegi v0.16.1 lacks: range over an integer
// (when the value is visibly an integer: a literal, len, a conversion,
// arithmetic, a variable declared as one, or an expression of session
// variables whose type the session reports), per-iteration loop
// variables (Go 1.22) where a closure, go statement or & can see them,
// the min, max and clear builtins, slices.Sort and the other slices
// functions yaegi's generic slices package lacks, generic calls in
// top-level definitions, method expressions of compiled types
// ((*ad.Var).Sin, ad.Dual.Mul), and range over functions (Go 1.23
// iterators), which becomes a call with a yield function when the iterator is a
// session variable or function (or a call of one) and the loop body has
// no return, defer, goto or labeled branch. Other ranges that yaegi
// cannot compile are reported as an UnsupportedError.
//
// Generic functions and types declared in cells run monomorphized: each
// instance the front end finds (F[int], an inferred F(x), List[int] in a
// type, and those that generic code instantiates in turn) whose type
// arguments a cell can write is a concrete copy of the generic
// declaration, type-checked and lowered as a cell is, that yaegi
// compiles instead of instantiating the generic itself. Errors in a copy
// point at the generic declaration's lines; %T, fmt and panics spell the
// instance as Go does (main.List[int]). A redefined generic declaration
// takes its copies with it, and the cells that use it make new ones.
// Instances with a type declared inside a function are left to yaegi.
//
// # Values and output
//
// The value of a cell is the value of its last expression statement, all
// values of a multi-value call, shown as text/plain as fmt.Sprint prints
// it inside the interpreter (so String and Error methods of cell types
// count); strings are quoted, gonum matrices laid out in rows, and text
// beyond 20000 bytes cut. Calls to fmt.Print*, log and display functions
// and calls without results show nothing. A single value whose type has a Render() (display.Data, error)
// method, such as a plotting figure or a cell type, is shown as the
// bundle Render returns, and a display.Data value as itself. A value kept
// in a variable of type any loses the methods of its cell type (a yaegi
// limit) and shows as its fields.
//
// Output of fmt.Print*, print and println, os.Stdout and os.Stderr and the
// log package streams live to the Output. fmt.Print*, print, println and
// log write straight to it, in order; writes through the os.Stdout and
// os.Stderr files pass through pipes, so their order relative to the
// others is approximate. display functions publish to the
// Output of the running cell. Reading os.Stdin or fmt.Scan* asks the
// frontend for a line (os.Stdin is an io.Reader in cells); without stdin
// the read fails with an error that says so. os.Exit(n) ends the cell
// with an Exit error (the kernel and the session stay); os.Args holds a
// program name only. A panicking finalizer is reported on stderr.
// testing.Main runs the tests as a test binary does (PASS, or what
// failed, on the cell's stdout) and ends the cell as os.Exit(code) does.
//
// # Variables
//
// Variables lists the session's variables for the debugger's variables
// panel while no cell runs (engine.ErrBusy while one does): each with
// its type from the type checker, written as a cell writes it, and its
// value printed by Go's fmt outside the interpreter, so that String
// methods of compiled types count and those of cell types do not. Struct
// fields (all of a cell's types, the exported ones of compiled types),
// the first 100 elements of slices, arrays and maps (map entries sorted
// by key) and what pointers point to are listed as parts.
//
// # Breakpoints
//
// The interpreter is an engine.Debugger. Breakpoints are set by a cell's
// code and its lines, and taken only on lines where a run stops (a
// statement, a var or const with a value, a call: see breakLines).
// While a stop function is set (OnStop: a debug session is attached),
// every cell runs each of its programs through yaegi's debugger (about
// 300 times slower for a loop: BenchmarkDebugger; without a session,
// cells run as before, with no cost), with the breakpoints of every cell
// of the session marked (a function declared in another cell stops
// too); a program whose node tree yaegi's debugger cannot walk (a
// recursive generic function's instance: walkable) runs without it. A stop calls the
// kernel's callback and holds the cell's goroutine until Resume:
// StackTrace gives the frames at the cells' own lines (the cell's
// statements, or the top-level definition x := f() that called, are the
// frame "cell"), FrameVariables a frame's locals (typed by the front end
// in the running cell's code) or the session's variables,
// EvaluateInFrame a variable or a part of one in place, or runs code
// (operators, compiled calls, assignments to variables) in a scratch
// interpreter, the variables it names passed in and written back
// (runInFrame: the stopped interpreter cannot run code, so a cell's
// functions cannot be called). Pause
// stops a running debugged cell at its next line (a cell started before
// the session runs without the debugger: Pause says so). With
// StopOnPanic, a cell that panics stops (reason "exception") and then
// reports it: at a panic(v) call, an index out of range or an integer
// division by zero (every cell's indices and divisors are checked then),
// before the panic unwinds, with the frames' locals (the helpers
// _gocalc.Panicking, _gocalc.Index and _gocalc.Divisor tell the debugger
// first, and the cell pauses at its next node); at another
// runtime error once the panic has unwound (the frames are where it
// panicked, without locals).
// yaegi stops at every node: Next and StepIn go on to the next line
// (StepIn also into a call), StepOut to the caller, and a step that ends
// one of the cell's programs stops at the start of the next. A
// breakpoint stops at the first node yaegi gives the line: for an
// assignment, after its right side (and the calls in it) ran. Function
// literals made at a cell's top level stop and go on from any later
// cell (rootDebug). A cancelled context ends a stopped cell; Detach
// clears the breakpoints and resumes it. A debugged cell cannot call a
// function literal that a cell made inside a function before the debug
// session (yaegi's debugger fails on its frame): the cell fails with an
// UnsupportedError that says so; one made so while it had breakpoints
// stops at its breakpoints under a goroutine yaegi can no longer resume
// (Resume gives up after a few seconds and says so; an interrupt ends
// the cell). Goroutines that a debugged cell starts keep yaegi's
// debugger on until they end.
//
// # Errors, panics and interrupts
//
// Errors are *engine.Error values: CompileError with the cell's own line
// and column and the offending line, panic with the message and the
// interpreted frames (cell, line, function and source line),
// UnsupportedError for code yaegi's compiler cannot take, Interrupted
// when ctx is cancelled. No panic escapes Execute, Complete, Inspect or
// IsComplete: a panic in a goroutine that a cell started is reported on
// stderr (also in functions run by time.AfterFunc or context.AfterFunc),
// and a panic of yaegi's compiler becomes an UnsupportedError.
// Cancelling ctx stops the cell within milliseconds, also in tight loops,
// select{}, channel operations and time.Sleep, and stops the goroutines
// it started; a compiled call in progress (a long gonum computation)
// finishes first, and the cell never resumes. Execute returns once the
// cell's code has stopped, so the next cell never runs beside it; code
// blocked in a compiled call that does not return (sync.WaitGroup.Wait)
// is left behind after 2 s, and the Interrupted error says so.
//
// The package is the yaegi adapter; the cell pipeline (split, parse,
// lower, rewrite, plan: package cells) and the front end (check: package
// front) know nothing of yaegi.
package interp
