package interp

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// debugged runs code with breakpoints at lines in the background; stops
// receives the stops.
type debugged struct {
	stops chan engine.Stop
	done  chan struct{}
	rec   *recorder
	val   *display.Data
	err   error
}

func debugCell(t *testing.T, in *Interpreter, ctx context.Context, code string, lines ...int) *debugged {
	t.Helper()
	r := &debugged{stops: make(chan engine.Stop, 16), done: make(chan struct{}), rec: &recorder{}}
	in.OnStop(func(s engine.Stop) { r.stops <- s })
	for i, ok := range in.SetBreakpoints(code, lines) {
		if !ok {
			t.Fatalf("breakpoint at line %d refused", lines[i])
		}
	}
	go func() {
		defer close(r.done)
		r.val, r.err = in.Execute(ctx, code, r.rec)
	}()
	return r
}

func (r *debugged) stop(t *testing.T) engine.Stop {
	t.Helper()
	select {
	case s := <-r.stops:
		return s
	case <-r.done:
		t.Fatalf("the cell ended without stopping: %v %q", r.err, r.rec.stream("stdout"))
	case <-time.After(10 * time.Second):
		t.Fatal("no stop")
	}
	return engine.Stop{}
}

func (r *debugged) wait(t *testing.T) {
	t.Helper()
	select {
	case <-r.done:
	case s := <-r.stops:
		t.Fatalf("unexpected stop %+v", s)
	case <-time.After(10 * time.Second):
		t.Fatal("the cell does not end")
	}
}

func frameVar(t *testing.T, in *Interpreter, frame int, name string) engine.Variable {
	t.Helper()
	vars, err := in.FrameVariables(frame, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no %s in %+v", name, vars)
	return engine.Variable{}
}

func TestDebugBreakpoint(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "x := 1")
	code := "func double(x int) int {\n\ty := x * 2\n\treturn y\n}\nr := double(21)\nfmt.Println(\"r =\", r)\ntotal := 0\nfor i := 1; i <= 3; i++ {\n\ttotal += i\n}\nfmt.Println(\"total\", total)\n"
	r := debugCell(t, in, context.Background(), code, 3, 9)
	s := r.stop(t)
	if s.Reason != "breakpoint" {
		t.Errorf("reason %q", s.Reason)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) == 0 || frames[0].Line != 3 || frames[0].Name != "double" || frames[0].Code != code {
		t.Fatalf("frames %+v", frames)
	}
	if v := frameVar(t, in, frames[0].ID, "y"); v.Value != "42" || v.Type != "int" {
		t.Errorf("y = %+v", v)
	}
	if v := frameVar(t, in, frames[0].ID, "x"); v.Value != "21" {
		t.Errorf("x = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	s = r.stop(t)
	frames, _ = in.StackTrace(s.Thread)
	if len(frames) == 0 || frames[0].Line != 9 {
		t.Fatalf("frames %+v", frames)
	}
	if v := frameVar(t, in, frames[0].ID, "i"); v.Value != "1" {
		t.Errorf("i = %+v", v)
	}
	// Frame 0: the session's variables, as the cell has made them so far.
	if v := frameVar(t, in, 0, "r"); v.Value != "42" || v.Type != "int" {
		t.Errorf("session r = %+v", v)
	}
	if v := frameVar(t, in, 0, "x"); v.Value != "1" {
		t.Errorf("session x = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Next); err != nil {
		t.Fatal(err)
	}
	s = r.stop(t)
	if _, line := frameLine(t, in, s); line != 8 || s.Reason != "step" {
		t.Errorf("after next: line %d, %+v", line, s)
	}
	in.SetBreakpoints(code, nil)
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := r.rec.stream("stdout"); got != "r = 42\ntotal 6\n" {
		t.Errorf("stdout %q", got)
	}
}

// frameLine is the line of the innermost frame of a stopped thread.
func frameLine(t *testing.T, in *Interpreter, s engine.Stop) (string, int) {
	t.Helper()
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) == 0 {
		t.Fatalf("stack trace: %v %v", frames, err)
	}
	return frames[0].Name, frames[0].Line
}

// Stepping goes line by line, into a function of an earlier cell and out
// of it, and from one statement of the cell to the next across a
// top-level definition.
func TestDebugStepping(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func sq(x int) int {\n\ty := x * x\n\treturn y\n}")
	code := "b := 1\nfor i := 0; i < 1; i++ {\n\tfmt.Println(\"before\")\n\tc := sq(b + i)\n\tfmt.Println(c)\n}\nd := 5\nfmt.Println(d)\n"
	r := debugCell(t, in, context.Background(), code, 3)
	want := []struct {
		how  engine.Resume
		name string
		line int
	}{
		{engine.Next, "cell", 3},   // the breakpoint
		{engine.StepIn, "cell", 4}, // the call's line
		{engine.Next, "sq", 2},     // inside sq, a function of an earlier cell
		{engine.StepOut, "sq", 3},
		{engine.Next, "cell", 4}, // back at the call
		{engine.Next, "cell", 5},
		{engine.Next, "cell", 2},     // the loop's condition
		{engine.Next, "cell", 7},     // the top-level definition, a step of its own
		{engine.Continue, "cell", 8}, // the next statement step
	}
	for i, w := range want {
		s := r.stop(t)
		name, line := frameLine(t, in, s)
		if i > 0 && s.Reason != "step" {
			t.Errorf("stop %d: reason %q", i, s.Reason)
		}
		if name != w.name || line != w.line {
			t.Errorf("stop %d at %s line %d, want %s line %d", i, name, line, w.name, w.line)
		}
		if err := in.Resume(s.Thread, w.how); err != nil {
			t.Fatal(err)
		}
	}
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "before\n1\n5\n" {
		t.Errorf("cell: %v %q", r.err, r.rec.stream("stdout"))
	}
}

// Interrupting a stopped cell ends it; Detach lets it finish; the session
// goes on either way, and a cell without breakpoints never stops.
func TestDebugInterruptAndDetach(t *testing.T) {
	in := newInterp(t)
	code := "n := 0\nfor i := 0; i < 3; i++ {\n\tn += i\n}\nfmt.Println(\"n\", n)\n"
	ctx, cancel := context.WithCancel(context.Background())
	r := debugCell(t, in, ctx, code, 3)
	r.stop(t)
	cancel()
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Name != ErrInterrupted {
		t.Fatalf("interrupted stopped cell: %v", r.err)
	}
	if th := in.Threads(); len(th) != 0 {
		t.Errorf("threads after the cell: %v", th)
	}

	r = debugCell(t, in, context.Background(), code, 3)
	r.stop(t)
	in.Detach()
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "n 3\n" {
		t.Errorf("detached cell: %v %q", r.err, r.rec.stream("stdout"))
	}
	if out, _ := mustRun(t, in, code+"n"); out != "3" {
		t.Errorf("after detach: %q", out)
	}

	// A breakpoint on a line where the cell has no code, and a cell
	// without breakpoints while another has some.
	if ok := in.SetBreakpoints("m := 2\n\nm *= 3\n", []int{2}); ok[0] {
		t.Error("a breakpoint on a blank line is accepted")
	}
	mustRun(t, in, "m := 2\n\nm *= 3\n")
	in.SetBreakpoints(code, []int{3})
	if out, _ := mustRun(t, in, "m"); out != "6" {
		t.Errorf("m = %q", out)
	}
	if ok := in.SetBreakpoints("x := 1\n", []int{0, 1, 2, 3}); !reflect.DeepEqual(ok, []bool{false, true, false, false}) {
		t.Errorf("SetBreakpoints answers %v", ok)
	}
}

// A cell run while a debug session is attached that calls a function
// literal made inside a function by a cell run before fails with an
// error that says why (yaegi's debugger cannot enter it), and the
// session goes on; once the maker runs again, the call works.
func TestDebugClosureOfAnEarlierCell(t *testing.T) {
	in := newInterp(t)
	maker := "counter := func() func() int { n := 0; return func() int { n++; return n } }()"
	mustRun(t, in, maker)
	code := "a := counter()\nfmt.Println(a)\n"
	// A breakpoint in a cell that does not run: cells run under the
	// debugger.
	in.SetBreakpoints("unused := 0\n", []int{1})
	r := debugCell(t, in, context.Background(), code)
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Name != ErrUnsupported || !strings.Contains(e.Value, "before the debugger was attached") {
		t.Fatalf("error %v", r.err)
	}
	mustRun(t, in, maker)
	r = debugCell(t, in, context.Background(), code)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "1\n" {
		t.Fatalf("after the maker ran again: %v %q", r.err, r.rec.stream("stdout"))
	}
	in.OnStop(nil)
	in.Detach()
	if out, _ := mustRun(t, in, "counter()"); out != "1" && out != "2" {
		t.Errorf("counter() = %q", out)
	}
}

// A function literal made inside a function by an earlier debugged cell
// stops at its breakpoint under that cell's old goroutine, which yaegi
// can no longer resume: Resume says so instead of hanging, and an
// interrupt ends the cell; the session goes on.
func TestDebugClosureOfAnEarlierDebuggedCell(t *testing.T) {
	in := newInterp(t)
	cell1 := "func mk() func() int {\n\tn := 0\n\treturn func() int {\n\t\tn++\n\t\treturn n\n\t}\n}\nc := mk()\nfmt.Println(\"made\")\n"
	r := debugCell(t, in, context.Background(), cell1, 9)
	if err := in.Resume(r.stop(t).Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	in.SetBreakpoints(cell1, []int{4})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r = debugCell(t, in, ctx, "v := c()\nfmt.Println(v)\n", 2)
	s := r.stop(t)
	if err := in.Resume(s.Thread, engine.Continue); err == nil || !strings.Contains(err.Error(), "interrupt") {
		t.Fatalf("Resume: %v", err)
	}
	cancel()
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Name != ErrInterrupted {
		t.Fatalf("cell: %v", r.err)
	}
	in.Detach()
	if out, _ := mustRun(t, in, "fmt.Sprint(mk()())"); out != `"1"` {
		t.Errorf("after the interrupt: %q", out)
	}
}

// While a debug session is attached, every cell runs under yaegi's
// debugger (so that it can pause), and with stops at panics every index
// is checked: the programs of testdata/programs print what compiled Go
// prints there too. One instantiates a recursive
// generic function, whose node tree yaegi's debugger cannot walk: it
// runs without the debugger instead of crashing the process.
func TestDebugProgramsAttached(t *testing.T) {
	for _, file := range programFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, want := readProgram(t, file)
			in := newInterp(t)
			in.OnStop(func(s engine.Stop) { go in.Resume(s.Thread, engine.Continue) })
			// Stops at panics too (each continued): every index is
			// checked, and recovered panics stop before they unwind.
			in.StopOnPanic(true)
			_, rec, err := run(t, in, src)
			if err != nil {
				t.Fatalf("error: %v\n%s", err, strings.Join(errTraceback(err), "\n"))
			}
			if got := rec.stream("stdout"); got != want {
				t.Errorf("output:\n%s\nwant (compiled Go's):\n%s", got, want)
			}
		})
	}
}

// walkable sees the cycle in the node tree of a recursive generic
// function's instance, and none in an ordinary program; if yaegi's
// layout changed, the first check fails.
func TestDebugWalkableLayout(t *testing.T) {
	in := newInterp(t)
	y := in.y
	prog, err := y.Compile("func twice(x int) int { return 2 * x }")
	if err != nil {
		t.Fatal(err)
	}
	if !walkable(prog) {
		t.Fatal("an ordinary program is not walkable: yaegi's Program.root or node.child changed; see debugwalk.go")
	}
	if _, err := y.Eval("type Num interface{ ~int | ~float64 }\nfunc fact[T Num](n T) T { if n <= 1 { return 1 }; return n * fact(n-1) }"); err != nil {
		t.Fatal(err)
	}
	prog, err = y.Compile("fact(5)")
	if err != nil {
		t.Fatal(err)
	}
	if walkable(prog) {
		t.Error("a recursive generic instance is walkable: yaegi's debugger would overflow the stack on it")
	}
}

// debugroot.go writes yaegi's unexported Interpreter.frame.debug: this
// fails loudly when yaegi's layout is not the one it knows (an upgrade),
// and checks that keepRoot keeps one debugger data across programs.
func TestDebugRootLayout(t *testing.T) {
	in := newInterp(t)
	f, ok := rootDebugField(in.y)
	if !ok {
		t.Fatal("yaegi's Interpreter.frame.debug is not where debugroot.go looks (yaegi's layout changed): " +
			"function literals of earlier cells would fail under the debugger; see debugroot.go")
	}
	if f.Type().Elem().Name() != "frameDebugData" {
		t.Fatalf("the root frame's debugger data is a %s, not yaegi's frameDebugData", f.Type())
	}
	var r rootDebug
	r.keepRoot(in.y)
	first := f.Pointer()
	if first == 0 {
		t.Fatal("keepRoot left the root frame without debugger data")
	}
	// A debugged program gives the root frame new data: keepRoot puts the
	// kept pointer back, with the new data in it.
	stops := make(chan engine.Stop, 1)
	in.OnStop(func(s engine.Stop) { stops <- s })
	mustRun(t, in, "f := func(x int) int {\n\treturn x + 1\n}\n")
	mustRun(t, in, "f(1)")
	if g, _ := rootDebugField(in.y); g.Pointer() != in.dbgs.root.keep.Pointer() {
		t.Error("after debugged programs, the root frame's debugger data is not the kept one")
	}
}
