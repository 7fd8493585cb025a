package interp

import (
	"context"
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
		t.Fatalf("the cell ended without stopping: %v %q", engine.TracebackText(r.err), r.rec.stream("stdout"))
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
	t.Logf("frames %+v", frames)
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
	t.Logf("frames %+v", frames)
	if len(frames) == 0 || frames[0].Line != 9 {
		t.Fatalf("frames %+v", frames)
	}
	if v := frameVar(t, in, frames[0].ID, "i"); v.Value != "1" {
		t.Errorf("i = %+v", v)
	}
	if err := in.Resume(s.Thread, engine.Next); err != nil {
		t.Fatal(err)
	}
	s = r.stop(t)
	frames, _ = in.StackTrace(s.Thread)
	t.Logf("after next %+v %+v", s, frames)
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
