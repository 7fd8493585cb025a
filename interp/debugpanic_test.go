package interp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
)

// With stops at panics on, a panicking cell stops with reason
// "exception" and the panic's text, its frames at their lines; once
// resumed, it ends with its panic as usual. Off, it does not stop.
func TestDebugPanicStop(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "base := 3")
	code := "func at(xs []int, i int) int {\n\treturn xs[i]\n}\nxs := []int{1, 2}\nfmt.Println(\"before\")\nat(xs, base)\n"
	stops := make(chan engine.Stop, 1)
	in.OnStop(func(s engine.Stop) { stops <- s })
	in.StopOnPanic(true)
	done := make(chan error, 1)
	rec := &recorder{}
	go func() {
		_, err := in.Execute(context.Background(), code, rec)
		done <- err
	}()
	var s engine.Stop
	select {
	case s = <-stops:
	case err := <-done:
		t.Fatalf("the cell ended without stopping: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no stop")
	}
	if s.Reason != "exception" || !strings.Contains(s.Text, "index out of range") {
		t.Errorf("stop %+v", s)
	}
	if th := in.Threads(); len(th) != 1 || th[0].ID != s.Thread {
		t.Errorf("threads %+v", th)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) < 2 || frames[0].Name != "at" || frames[0].Line != 2 || frames[0].Code != code || frames[1].Name != "cell" {
		t.Fatalf("frames %+v", frames)
	}
	if v := frameVar(t, in, frames[0].ID, "i"); v.Value != "3" {
		t.Errorf("i = %+v (the index check stops before the panic unwinds)", v)
	}
	if v := frameVar(t, in, 0, "base"); v.Value != "3" {
		t.Errorf("session base = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	var e *engine.Error
	if err := <-done; !errors.As(err, &e) || e.Name != ErrPanic || !strings.Contains(e.Value, "index out of range") {
		t.Fatalf("cell error %v", err)
	}
	if got := rec.stream("stdout"); got != "before\n" {
		t.Errorf("stdout %q", got)
	}
	if _, err := in.StackTrace(s.Thread); err == nil {
		t.Error("a stack trace after the cell ended")
	}

	in.StopOnPanic(false)
	if _, _, err := run(t, in, code); !errors.As(err, &e) || e.Name != ErrPanic {
		t.Fatalf("without stops: %v", err)
	}
	select {
	case s := <-stops:
		t.Errorf("stopped %+v with stops at panics off", s)
	default:
	}
}

// A runtime error that the interpreter raises itself (a nil map's
// assignment) stops once its frames have unwound: they show where, with
// no variables; the session's are there.
func TestDebugPanicStopAfterUnwind(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "base := 3")
	// (A failed type assertion: runtime errors the checks of
	// front.CheckLowering(all) see stop before they unwind.)
	code := "func put(v any, k string) {\n\tbase += v.(int)\n}\nvar m any = \"x\"\nput(m, \"a\")\n"
	stops := make(chan engine.Stop, 1)
	in.OnStop(func(s engine.Stop) { stops <- s })
	in.StopOnPanic(true)
	done := make(chan error, 1)
	go func() {
		_, err := in.Execute(context.Background(), code, &recorder{})
		done <- err
	}()
	var s engine.Stop
	select {
	case s = <-stops:
	case <-time.After(10 * time.Second):
		t.Fatal("no stop")
	}
	if s.Reason != "exception" || !strings.Contains(s.Text, "interface conversion") {
		t.Errorf("stop %+v", s)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) < 2 || frames[0].Name != "put" || frames[0].Line != 2 || frames[1].Name != "cell" || frames[1].Line != 5 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if vars, err := in.FrameVariables(frames[0].ID, nil); err != nil || len(vars) != 0 {
		t.Errorf("the unwound frame's variables: %v %v", vars, err)
	}
	if v := frameVar(t, in, 0, "base"); v.Value != "3" {
		t.Errorf("session base = %+v", v)
	}
	in.Resume(s.Thread, engine.Continue)
	var e *engine.Error
	if err := <-done; !errors.As(err, &e) || e.Name != ErrPanic {
		t.Fatalf("cell error %v", err)
	}
}

// An interrupt ends a cell stopped at its panic.
func TestDebugPanicStopInterrupt(t *testing.T) {
	in := newInterp(t)
	stops := make(chan engine.Stop, 1)
	in.OnStop(func(s engine.Stop) { stops <- s })
	in.StopOnPanic(true)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := in.Execute(ctx, "panic(\"boom\")\n", &recorder{})
		done <- err
	}()
	if s := <-stops; s.Text != "panic: boom" {
		t.Errorf("stop %+v", s)
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Error("no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the interrupt does not end the cell")
	}
	in.OnStop(nil)
	mustRun(t, in, "1+1")
}

// Pause stops a running cell where it runs, with reason "pause", while a
// breakpoint is set; without one, the cell runs at full speed and cannot
// pause, nor can a cell started before the session: Pause says why.
func TestDebugPause(t *testing.T) {
	in := newInterp(t)
	code := "n := 0\nfor {\n\tn++\n\tif n < 0 {\n\t\tfmt.Println(\"never\")\n\t\tbreak\n\t}\n}\n"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := debugCell(t, in, ctx, code, 5) // never reached
	// A pause before the loop runs stops at the cell's next statement
	// (line 1 or 2): go on and pause again, until the loop has run.
	for try := 0; ; try++ {
		pauseSoon(t, in)
		s := r.stop(t)
		if s.Reason != "pause" {
			t.Errorf("stop %+v", s)
		}
		frames, err := in.StackTrace(s.Thread)
		if err != nil || len(frames) == 0 || frames[0].Line < 1 || frames[0].Line > 5 {
			t.Fatalf("frames %+v %v", frames, err)
		}
		if v := frameVar(t, in, 0, "n"); v.Value != "0" {
			if frames[0].Line < 2 {
				t.Errorf("paused in the loop (n = %s) at line %d", v.Value, frames[0].Line)
			}
			break
		}
		if try == 5 {
			t.Fatal("the loop does not run between pauses")
		}
		if err := in.Resume(s.Thread, engine.Continue); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	r.wait(t)

	// Without breakpoints or panic stops, an attached session leaves
	// cells at full speed, without the debugger: Pause says why.
	in.SetBreakpoints(code, nil)
	ctx2, cancel2 := context.WithCancel(context.Background())
	done2 := make(chan struct{})
	go func() {
		defer close(done2)
		in.Execute(ctx2, "k := 0\nfor {\n\tk++\n}\n", &recorder{})
	}()
	deadline2 := time.Now().Add(10 * time.Second)
	for {
		err := in.Pause(mainThread)
		if err != nil && strings.Contains(err.Error(), "runs at full speed") {
			break
		}
		if err == nil || time.Now().After(deadline2) {
			t.Fatalf("Pause of a cell with nothing to stop at: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel2()
	<-done2

	// A cell that started before the session was attached runs without
	// the debugger: Pause says so.
	in.OnStop(nil)
	ctx3, cancel3 := context.WithCancel(context.Background())
	defer cancel3()
	done := make(chan struct{})
	go func() {
		defer close(done)
		in.Execute(ctx3, "for {}\n", &recorder{})
	}()
	time.Sleep(50 * time.Millisecond)
	in.OnStop(func(engine.Stop) {})
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := in.Pause(mainThread)
		if err != nil && strings.Contains(err.Error(), "started before the debugger was attached") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Pause of a cell started before the session: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel3()
	<-done
	if err := in.Pause(mainThread); err == nil || !strings.Contains(err.Error(), "no cell") {
		t.Errorf("Pause with no cell running: %v", err)
	}
}

// pauseSoon pauses the cell's thread, retrying while the cell has not
// reached the debugger yet.
func pauseSoon(t *testing.T, in *Interpreter) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := in.Pause(mainThread)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// In a stopped frame, a variable, its parts and len of one evaluate in
// place; other code runs (operators, compiled calls, assignments that
// the cell then sees); what cannot run fails with a message saying why.
func TestDebugEvaluate(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Point struct{ X, Y float64 }\ntotal := 10")
	code := "func f(p *Point, xs []int, m map[string]int) int {\n\tn := len(xs)\n\treturn n\n}\nf(&Point{1, 2.5}, []int{4, 5, 6}, map[string]int{\"a\": 7})\n"
	r := debugCell(t, in, context.Background(), code, 3)
	s := r.stop(t)
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) == 0 {
		t.Fatal(frames, err)
	}
	id := frames[0].ID
	for _, tc := range []struct{ expr, value, typ string }{
		{"n", "3", "int"},
		{"p.Y", "2.5", ""},
		{"(*p).X", "1", ""},
		{"xs[1]", "5", ""},
		{"m[\"a\"]", "7", ""},
		{"len(xs)", "3", ""},
		{"len(m)", "1", ""},
		{"total", "10", "int"},
	} {
		v, err := in.EvaluateInFrame(id, tc.expr)
		if err != nil || v.Value != tc.value || v.Name != tc.expr || (tc.typ != "" && v.Type != tc.typ) {
			t.Errorf("%s = %+v, %v; want %s", tc.expr, v, err, tc.value)
		}
	}
	// Code runs: operators, calls of compiled functions, assignments to
	// the frame's variables and the session's, which the cell then sees.
	for _, tc := range []struct{ expr, value, typ string }{
		{"n + 1", "4", "int"},
		{"n*2 > 5 && p.X < 2", "true", "bool"},
		{"math.Sqrt(float64(n*n)) + p.Y", "5.5", "float64"},
		{"fmt.Sprint(xs, m)", `"[4 5 6] map[a:7]"`, "string"},
		{"rand.New(rand.NewSource(1)) != nil", "true", "bool"},
		{"sort.Ints(xs)", `"ok"`, ""},
		{"n = 7", "7", "int"},
		{"n", "7", "int"},
		{"xs[0] += 10", "[14 5 6]", "[]int"},
		{"total++", "11", "int"},
		{"p.X = float64(n)", "&{7 2.5}", ""},
		{"for i := range xs { xs[i] *= 2 }", "[28 10 12]", "[]int"},
	} {
		v, err := in.EvaluateInFrame(id, tc.expr)
		if err != nil || v.Value != tc.value || v.Name != tc.expr || (tc.typ != "" && v.Type != tc.typ) {
			t.Errorf("%s = %+v, %v; want %s", tc.expr, v, err, tc.value)
		}
	}
	if v := frameVar(t, in, 0, "total"); v.Value != "11" {
		t.Errorf("session total = %+v", v)
	}
	for expr, want := range map[string]string{
		"f(p, xs, m)": "not a variable of the stopped frame or the session",
		"xs[n]":       "index out of range",
		"nope":        "undefined: nope",
		"p.Z":         "Z",
		"xs[9]":       "no field or element 9",
		"1 +":         "not a Go expression",
		"return 1":    "does not run in a stopped frame",
		"q = 1":       "cannot assign to q",
	} {
		if v, err := in.EvaluateInFrame(id, expr); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s = %+v, %v; want an error saying %q", expr, v, err, want)
		}
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	if r.err != nil || r.val == nil || r.val.Data["text/plain"] != "7" {
		t.Errorf("the cell's value after n = 7: %+v %v", r.val, r.err)
	}
	if _, err := in.EvaluateInFrame(0, "total"); err == nil {
		t.Error("evaluate with no cell stopped")
	}
}

// A stopped frame's locals have the types the type checker gave them,
// as a cell writes them: a cell's struct type by its name; their parts
// unfold with their own types.
func TestDebugLocalTypes(t *testing.T) {
	in := newInterp(t)
	code := "type Point struct{ X, Y float64 }\nfunc f(ps []Point, scale float64) float64 {\n\tbest := &ps[0]\n\tm := map[string]Point{\"a\": ps[1]}\n\treturn best.X*scale + m[\"a\"].Y\n}\nf([]Point{{1, 2}, {3, 4}}, 2)\n"
	r := debugCell(t, in, context.Background(), code, 5)
	s := r.stop(t)
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) == 0 {
		t.Fatal(frames, err)
	}
	id := frames[0].ID
	for name, want := range map[string]string{"ps": "[]Point", "scale": "float64", "best": "*Point", "m": "map[string]Point"} {
		if v := frameVar(t, in, id, name); v.Type != want {
			t.Errorf("%s: type %q, want %q", name, v.Type, want)
		}
	}
	parts, err := in.FrameVariables(id, []string{"ps", "1"})
	if err != nil || len(parts) != 2 || parts[1].Name != "Y" || parts[1].Value != "4" || parts[1].Type != "float64" {
		t.Errorf("ps[1]'s parts %+v %v", parts, err)
	}
	parts, err = in.FrameVariables(id, []string{"m"})
	if err != nil || len(parts) != 1 || parts[0].Name != `"a"` || parts[0].Type != "Point" {
		t.Errorf("m's parts %+v %v", parts, err)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
}

// A function called by a top-level definition (x := f()) is called from
// the cell's line: the stack shows that line as a frame, with no locals.
func TestDebugFrameOfATopLevelDefinition(t *testing.T) {
	in := newInterp(t)
	code := "func double(x int) int {\n\ty := x * 2\n\treturn y\n}\na := 20\nb := double(a + 1)\nfmt.Println(b)\n"
	r := debugCell(t, in, context.Background(), code, 3)
	s := r.stop(t)
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) != 2 || frames[0].Name != "double" || frames[1].Name != "cell" || frames[1].Line != 6 || frames[1].Code != code {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if vars, err := in.FrameVariables(frames[1].ID, nil); err != nil || len(vars) != 0 {
		t.Errorf("the definition's frame lists %+v %v", vars, err)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	// A call from a statement: the cell's frame is yaegi's own.
	in.SetBreakpoints(code, nil)
	r = debugCell(t, in, context.Background(), "fmt.Println(double(5))\n", 1)
	s = r.stop(t)
	if err := in.Resume(s.Thread, engine.StepIn); err != nil {
		t.Fatal(err)
	}
	s = r.stop(t)
	frames, _ = in.StackTrace(s.Thread)
	if len(frames) != 2 || frames[0].Name != "double" || frames[1].Name != "cell" || frames[1].Line != 1 {
		t.Fatalf("frames %+v", frames)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
}

// A function literal a cell defines at its top level (f := func(x) ...)
// stops at its breakpoints and goes on, whether the cell that made it
// ran with breakpoints or not, and when the same cell calls it.
func TestDebugTopLevelFuncLiteral(t *testing.T) {
	in := newInterp(t)
	cell1 := "f := func(x float64) float64 {\n\treturn x * x\n}\n"
	mustRun(t, in, cell1)
	in.SetBreakpoints(cell1, []int{2})
	cell2 := "y := f(3)\nfmt.Println(y)\n"
	r := debugCell(t, in, context.Background(), cell2, 2)
	s := r.stop(t)
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) != 2 || frames[0].Name != "func literal" || frames[0].Line != 2 || frames[0].Code != cell1 ||
		frames[1].Name != "cell" || frames[1].Line != 1 || frames[1].Code != cell2 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if v := frameVar(t, in, frames[0].ID, "x"); v.Value != "3" || v.Type != "float64" {
		t.Errorf("x = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	if s = r.stop(t); s.Reason != "breakpoint" {
		t.Errorf("stop %+v", s)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "9\n" {
		t.Fatalf("cell 2: %v %q", r.err, r.rec.stream("stdout"))
	}

	in.SetBreakpoints(cell1, nil)
	in.SetBreakpoints(cell2, nil)
	cell3 := "g := func(x int) int {\n\treturn x + 1\n}\nfmt.Println(g(2))\n"
	r = debugCell(t, in, context.Background(), cell3, 2)
	s = r.stop(t)
	if err := in.Resume(s.Thread, engine.Next); err != nil {
		t.Fatal(err)
	}
	s = r.stop(t)
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "3\n" {
		t.Fatalf("cell 3: %v %q", r.err, r.rec.stream("stdout"))
	}
}

// A cell without breakpoints that calls a function of a cell with one
// stops there, and a cell that does not call it does not stop; without
// a debug session, cells run without the debugger.
func TestDebugCallIntoABreakpointedCell(t *testing.T) {
	in := newInterp(t)
	cell1 := "func sq(x float64) float64 {\n\treturn x * x\n}\n"
	mustRun(t, in, cell1)
	stops := make(chan engine.Stop, 1)
	in.OnStop(func(s engine.Stop) { stops <- s })
	in.SetBreakpoints(cell1, []int{2})
	stopped, err := runStopping(in, "fmt.Println(sq(3))\n", stops)
	if err != nil || !stopped {
		t.Errorf("calling sq: stopped %v, %v", stopped, err)
	}
	if stopped, err := runStopping(in, "fmt.Println(4)\n", stops); err != nil || stopped {
		t.Errorf("a cell that does not call sq: stopped %v, %v", stopped, err)
	}
	in.OnStop(nil)
	if cells := in.debugCells(cells.CellSlot(in.cell)); cells != nil {
		t.Error("a cell runs with the debugger without a debug session")
	}
}

// A cell that runs under the debugger stops at its panic(v) before the
// panic unwinds: the panicking frame's locals are there. Continue lets
// the cell end with its panic, reported once, without a second stop.
func TestDebugPanicStopBeforeUnwind(t *testing.T) {
	in := newInterp(t)
	code := "func check(xs []int, limit int) {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\tif total > limit {\n\t\tpanic(fmt.Sprintf(\"total %d over %d\", total, limit))\n\t}\n}\nxs := []int{4, 5, 6}\nfmt.Println(\"before\")\ncheck(xs, 10)\nfmt.Println(\"after\")\n"
	in.StopOnPanic(true)
	r := debugCell(t, in, context.Background(), code, 13) // never reached
	s := r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: total 15 over 10" {
		t.Fatalf("stop %+v", s)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) < 2 || frames[0].Name != "check" || frames[0].Line != 7 || frames[1].Name != "cell" || frames[1].Line != 12 {
		t.Fatalf("frames %+v", frames)
	}
	if v := frameVar(t, in, frames[0].ID, "total"); v.Value != "15" || v.Type != "int" {
		t.Errorf("total = %+v", v)
	}
	if v := frameVar(t, in, frames[0].ID, "limit"); v.Value != "10" {
		t.Errorf("limit = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Continue); err != nil {
		t.Fatal(err)
	}
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Name != ErrPanic || e.Value != "total 15 over 10" {
		t.Fatalf("cell error %v", r.err)
	}
	if got := r.rec.stream("stdout"); got != "before\n" {
		t.Errorf("stdout %q", got)
	}
	// Recovered panics stop too (as Go debuggers stop at every panic);
	// the cell goes on after the recovery.
	code2 := "func safe() (msg string) {\n\tdefer func() {\n\t\tmsg = fmt.Sprint(recover())\n\t}()\n\tlocal := 42\n\tpanic(local)\n}\nm := safe()\nfmt.Println(m)\n"
	r = debugCell(t, in, context.Background(), code2, 9)
	s = r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: 42" {
		t.Fatalf("stop %+v", s)
	}
	frames, err = in.StackTrace(s.Thread)
	if err != nil || len(frames) == 0 || frames[0].Name != "safe" || frames[0].Line != 6 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if v := frameVar(t, in, frames[0].ID, "local"); v.Value != "42" {
		t.Errorf("local = %+v", v)
	}
	in.Resume(s.Thread, engine.Continue)
	if s := r.stop(t); s.Reason != "breakpoint" {
		t.Fatalf("stop %+v", s)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "42\n" {
		t.Fatalf("err %v, stdout %q", r.err, r.rec.stream("stdout"))
	}
}

// An index out of range stops before it unwinds too, at the index
// expression, with the frame's locals; the cell then reports Go's
// runtime error (index and length), and a recover sees it as well.
func TestDebugIndexStopBeforeUnwind(t *testing.T) {
	in := newInterp(t)
	code := "func last(xs []int) int {\n\tn := len(xs)\n\treturn xs[n]\n}\nv := last([]int{7, 8})\nfmt.Println(v)\n"
	in.StopOnPanic(true)
	r := debugCell(t, in, context.Background(), code, 6)
	s := r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: runtime error: index out of range [2] with length 2" {
		t.Fatalf("stop %+v", s)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) < 2 || frames[0].Name != "last" || frames[0].Line != 3 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if v := frameVar(t, in, frames[0].ID, "n"); v.Value != "2" {
		t.Errorf("n = %+v", v)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Value != "runtime error: index out of range [2] with length 2" {
		t.Fatalf("cell error %v", r.err)
	}

	code2 := "func get(xs []int, i int) (v int, err error) {\n\tdefer func() {\n\t\tif p := recover(); p != nil {\n\t\t\terr = p.(error)\n\t\t}\n\t}()\n\treturn xs[i], nil\n}\n_, err := get([]int{1}, 5)\nfmt.Println(err)\n"
	r = debugCell(t, in, context.Background(), code2, 10)
	s = r.stop(t)
	if s.Reason != "exception" || !strings.Contains(s.Text, "[5] with length 1") {
		t.Fatalf("stop %+v", s)
	}
	in.Resume(s.Thread, engine.Continue)
	if s := r.stop(t); s.Reason != "breakpoint" {
		t.Fatalf("stop %+v", s)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "runtime error: index out of range [5] with length 1\n" {
		t.Fatalf("err %v, stdout %q", r.err, r.rec.stream("stdout"))
	}
}

// The locals of a function declared in an earlier cell have the types
// the type checker gave them when it checked that cell: a cell's struct
// by its name, its parts unfolding typed.
func TestDebugLocalTypesOfEarlierCells(t *testing.T) {
	in := newInterp(t)
	cell1 := "type Point struct{ X, Y float64 }\nfunc scale(ps []Point, k float64) []Point {\n\tout := make([]Point, 0, len(ps))\n\tfor _, p := range ps {\n\t\tout = append(out, Point{p.X * k, p.Y * k})\n\t}\n\treturn out\n}\n"
	mustRun(t, in, cell1)
	mustRun(t, in, "var unrelated = 1")
	in.SetBreakpoints(cell1, []int{7})
	r := debugCell(t, in, context.Background(), "res := scale([]Point{{1, 2}}, 3)\nfmt.Println(res)\n")
	r.stop(t)
	frames, err := in.StackTrace(mainThread)
	if err != nil || len(frames) < 2 || frames[0].Name != "scale" || frames[0].Code != cell1 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	id := frames[0].ID
	for name, want := range map[string]string{"ps": "[]Point", "k": "float64", "out": "[]Point"} {
		if v := frameVar(t, in, id, name); v.Type != want {
			t.Errorf("%s: type %q, want %q", name, v.Type, want)
		}
	}
	parts, err := in.FrameVariables(id, []string{"out", "0"})
	if err != nil || len(parts) != 2 || parts[0].Name != "X" || parts[0].Type != "float64" || parts[0].Value != "3" {
		t.Errorf("out[0]: %+v %v", parts, err)
	}
	in.Resume(mainThread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "[{3 6}]\n" {
		t.Fatalf("%v %q", r.err, r.rec.stream("stdout"))
	}
	// Only the checks of live cells that may declare functions are kept:
	// the memory of a long session stays flat.
	in.OnStop(nil)
	for i := 0; i < 30; i++ {
		mustRun(t, in, fmt.Sprintf("v := %d\nfor j := 0; j < 3; j++ { v += j }", i))
	}
	mustRun(t, in, "func scale(x float64) float64 { return x }")
	mustRun(t, in, "w := 1")
	if n := len(in.cellChecks); n != 2 {
		t.Errorf("%d cell checks kept, want 2 (Point's cell, the new scale's)", n)
	}
}

// An integer division by zero stops before it unwinds too, at the
// division, with the frame's locals; the cell then reports Go's error,
// once.
func TestDebugDivideStopBeforeUnwind(t *testing.T) {
	in := newInterp(t)
	code := "func mean(xs []int) int {\n\tsum := 0\n\tfor _, x := range xs {\n\t\tsum += x\n\t}\n\treturn sum / len(xs)\n}\nfmt.Println(mean(nil))\n"
	in.StopOnPanic(true)
	r := debugCell(t, in, context.Background(), code)
	s := r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: runtime error: integer divide by zero" {
		t.Fatalf("stop %+v", s)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) < 2 || frames[0].Name != "mean" || frames[0].Line != 6 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if v := frameVar(t, in, frames[0].ID, "sum"); v.Value != "0" || v.Type != "int" {
		t.Errorf("sum = %+v", v)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Value != "runtime error: integer divide by zero" {
		t.Fatalf("cell error %v", r.err)
	}
}

// An assignment to an entry in a nil map stops before it unwinds, at the
// assignment, with the frame's locals; the cell then reports Go's error,
// once, and recover sees Go's runtime.Error as without a debugger.
func TestDebugNilMapStopBeforeUnwind(t *testing.T) {
	in := newInterp(t)
	code := "type Counter struct{ seen map[string]int }\nfunc (c *Counter) Add(w string) {\n\tn := len(w)\n\tc.seen[w] += n\n}\nvar c Counter\nc.Add(\"go\")\n"
	in.StopOnPanic(true)
	r := debugCell(t, in, context.Background(), code)
	s := r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: assignment to entry in nil map" {
		t.Fatalf("stop %+v", s)
	}
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) < 2 || frames[0].Name != "Counter.Add" && frames[0].Name != "Add" || frames[0].Line != 4 || frames[0].Column != 2 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	if v := frameVar(t, in, frames[0].ID, "n"); v.Value != "2" || v.Type != "int" {
		t.Errorf("n = %+v", v)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	var e *engine.Error
	if !errors.As(r.err, &e) || e.Value != "assignment to entry in nil map" {
		t.Fatalf("cell error %v", r.err)
	}

	code2 := "func put(m map[int]bool, k int) (err error) {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, isRT := r.(runtime.Error)\n\t\terr = fmt.Errorf(\"%v %v\", r, isRT)\n\t}()\n\tm[k] = true\n\treturn nil\n}\nfmt.Println(put(nil, 3))\n"
	want := "assignment to entry in nil map true\n"
	_, rec, err := run(t, newInterp(t), "import \"runtime\"\n"+code2)
	if err != nil || rec.stream("stdout") != want {
		t.Fatalf("without a debugger: %v %q", err, rec.stream("stdout"))
	}
	r = debugCell(t, in, context.Background(), "import \"runtime\"\n"+code2)
	s = r.stop(t)
	if s.Reason != "exception" || s.Text != "panic: assignment to entry in nil map" {
		t.Fatalf("stop %+v", s)
	}
	if frames, err := in.StackTrace(s.Thread); err != nil || frames[0].Name != "put" || frames[0].Line != 8 {
		t.Fatalf("frames %+v %v", frames, err)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != want {
		t.Fatalf("err %v, stdout %q", r.err, r.rec.stream("stdout"))
	}
	// A map that is not nil is written as before.
	r = debugCell(t, in, context.Background(), "m := map[string]int{}\nm[\"a\"]++\nm[\"a\"] += 2\nfmt.Println(m)\n")
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != "map[a:3]\n" {
		t.Fatalf("err %v, stdout %q", r.err, r.rec.stream("stdout"))
	}
}

// A nil pointer dereference (*p, p.f, p.M() with a value receiver)
// stops before it unwinds too, and then fails with Go's runtime error.
func TestDebugNilDerefStopBeforeUnwind(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Node struct {\n\tVal  int\n\tNext *Node\n}\nfunc (n Node) Value() int { return n.Val }\n")
	const msg = "runtime error: invalid memory address or nil pointer dereference"
	in.StopOnPanic(true)
	for _, c := range []struct {
		code      string
		line, col int
		vars      map[string]string
	}{
		// (yaegi's debugger would report the stop at line 5: the
		// helpers tell the position.)
		{"func sum(n *Node, k int) int {\n\ts := 0\n\tfor i := 0; i < k; i++ {\n\t\ts += n.Val\n\t\tn = n.Next\n\t}\n\treturn s\n}\nfmt.Println(sum(&Node{Val: 1, Next: &Node{Val: 2}}, 3))\n", 4, 8, map[string]string{"s": "3", "i": "2"}},
		{"func get(p *int) int {\n\tq := 5\n\treturn *p + q\n}\nfmt.Println(get(nil))\n", 3, 9, map[string]string{"q": "5"}},
		{"func value(n *Node) int {\n\tk := 7\n\treturn n.Value() + k\n}\nfmt.Println(value(nil))\n", 3, 9, map[string]string{"k": "7"}},
		{"func set(n *Node) {\n\tk := 8\n\tn.Next.Val = k\n}\nset(&Node{})\n", 3, 2, map[string]string{"k": "8"}},
	} {
		r := debugCell(t, in, context.Background(), c.code)
		s := r.stop(t)
		if s.Reason != "exception" || s.Text != "panic: "+msg {
			t.Fatalf("%q: stop %+v", c.code, s)
		}
		frames, err := in.StackTrace(s.Thread)
		if err != nil || len(frames) < 2 || frames[0].Line != c.line || frames[0].Column != c.col {
			t.Fatalf("%q: frames %+v %v", c.code, frames, err)
		}
		for name, want := range c.vars {
			if v := frameVar(t, in, frames[0].ID, name); v.Value != want {
				t.Errorf("%q: %s = %+v", c.code, name, v)
			}
		}
		in.Resume(s.Thread, engine.Continue)
		r.wait(t)
		var e *engine.Error
		if !errors.As(r.err, &e) || e.Value != msg {
			t.Fatalf("%q: cell error %v", c.code, r.err)
		}
	}
	// recover sees the runtime.Error it sees without a debugger.
	code := "func at(n *Node) (v int, err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\terr = r.(runtime.Error)\n\t\t}\n\t}()\n\treturn n.Next.Val, nil\n}\nfmt.Println(at(&Node{}))\n"
	want := "0 " + msg + "\n"
	_, rec, err := run(t, newInterp(t), "import \"runtime\"\ntype Node struct {\n\tVal  int\n\tNext *Node\n}\n"+code)
	if err != nil || rec.stream("stdout") != want {
		t.Fatalf("without a debugger: %v %q", err, rec.stream("stdout"))
	}
	r := debugCell(t, in, context.Background(), "import \"runtime\"\n"+code)
	if s := r.stop(t); s.Reason != "exception" || s.Text != "panic: "+msg {
		t.Fatalf("stop %+v", s)
	}
	in.Resume(mainThread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.rec.stream("stdout") != want {
		t.Fatalf("err %v, stdout %q", r.err, r.rec.stream("stdout"))
	}
}

// Evaluate calls the functions declared in cells that stand on their
// own (they name no variable or type of the session, and call only such
// functions): declared in the scratch interpreter, they compute what the
// session's do. The others are refused, saying why.
func TestDebugEvaluateCellFunctions(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func sq(x float64) float64 { return x * x }\nfunc hyp(a, b float64) float64 { return math.Sqrt(sq(a) + sq(b)) }\n"+
		"func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\nscale := 2.0\nfunc scaled(x float64) float64 { return x * scale }\n")
	code := "func words(s string) []string { return strings.Fields(s) }\nfunc f(a float64, n int) float64 {\n\tk := a + 1\n\treturn k\n}\nf(3, 10)\n"
	r := debugCell(t, in, context.Background(), code, 4)
	s := r.stop(t)
	frames, err := in.StackTrace(s.Thread)
	if err != nil || len(frames) == 0 {
		t.Fatal(frames, err)
	}
	id := frames[0].ID
	for _, tc := range []struct{ expr, value string }{
		{"hyp(a, k)", "5"},
		{"fib(n)", "55"},
		{"len(words(\"a b c\")) + fib(5)", "8"},
		{"k = hyp(6, 8)", "10"},
		{"k", "10"},
	} {
		v, err := in.EvaluateInFrame(id, tc.expr)
		if err != nil || v.Value != tc.value {
			t.Errorf("%s = %+v, %v; want %s", tc.expr, v, err, tc.value)
		}
	}
	if v, err := in.EvaluateInFrame(id, "scaled(k)"); err == nil || !strings.Contains(err.Error(), "scaled") {
		t.Errorf("scaled(k) = %+v, %v; want an error", v, err)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
	if r.err != nil || r.val == nil || r.val.Data["text/plain"] != "10" {
		t.Errorf("the cell's value after k = hyp(6, 8): %+v %v", r.val, r.err)
	}
	// A function redefined later is the new one.
	mustRun(t, in, "func sq(x float64) float64 { return 2 * x }")
	want, _ := mustRun(t, in, "hyp(3, 4)")
	r = debugCell(t, in, context.Background(), code, 4)
	s = r.stop(t)
	frames, _ = in.StackTrace(s.Thread)
	if v, err := in.EvaluateInFrame(frames[0].ID, "hyp(a, k)"); err != nil || v.Value != want || want != "3.7416573867739413" {
		t.Errorf("hyp(a, k) with the new sq = %+v, %v; want %s (sqrt(14))", v, err, want)
	}
	in.Resume(s.Thread, engine.Continue)
	r.wait(t)
}
