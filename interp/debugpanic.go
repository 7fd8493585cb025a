package interp

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/gocalc/gocalc/engine"
	yaegi "github.com/traefik/yaegi/interp"
)

var _ engine.PanicStopper = (*Interpreter)(nil)

// panicStop is a cell stopped where it panicked, once the panic has
// unwound its frames. yaegi's debugger has no stop at panics: a cell
// that runs under it stops at its panic(v) calls before they unwind
// (preemptPanic), with the frames and their variables; other panics
// (runtime errors raised inside the interpreter, a cell run without the
// debugger) unwind the interpreted frames before the program returns
// them: the stop comes after, with the frames' positions (from the
// panic's report) and without their variables.
type panicStop struct {
	frames []engine.Frame
	resume chan struct{}
	once   sync.Once
}

func (p *panicStop) release() { p.once.Do(func() { close(p.resume) }) }

// StopOnPanic turns stops at panics on or off (see engine.PanicStopper).
// Every cell stops at its panic while they are on and a stop function is
// set, not only cells with breakpoints: the stop happens once the
// program has returned, so no cell needs yaegi's debugger for it.
func (in *Interpreter) StopOnPanic(on bool) {
	in.dbgs.mu.Lock()
	in.dbgs.panics = on
	in.dbgs.mu.Unlock()
}

// stopAtPanic stops the cell at its panic e when stops at panics are on,
// until the thread is resumed or ctx ends. frames are yaegi's report of
// the panic.
func (in *Interpreter) stopAtPanic(ctx context.Context, e *engine.Error, frames []string) {
	d := &in.dbgs
	d.mu.Lock()
	if !d.panics || d.onStop == nil || e.Name != ErrPanic || d.preStopped == "panic: "+e.Value {
		d.mu.Unlock()
		return
	}
	ps := &panicStop{frames: in.panicFrames(frames), resume: make(chan struct{})}
	d.pstop = ps
	onStop := d.onStop
	d.mu.Unlock()
	onStop(engine.Stop{Thread: mainThread, Reason: "exception", Text: "panic: " + e.Value})
	select {
	case <-ps.resume:
	case <-ctx.Done():
	}
	d.mu.Lock()
	d.pstop = nil
	d.mu.Unlock()
}

// panicFrames turns yaegi's report of a panic into frames, innermost
// first, at the lines of their cells. yaegi reports the innermost frame
// where it panicked, and each outer one where its function starts (the
// cell's statements: their first line).
func (in *Interpreter) panicFrames(report []string) []engine.Frame {
	var out []engine.Frame
	seen := map[pos]bool{}
	for _, fr := range cellFrames(report) {
		if seen[fr.at] {
			continue
		}
		seen[fr.at] = true
		name := in.goNames(fr.fn)
		if name == "func" || name == "main" || strings.HasPrefix(name, "_gocalc") {
			name = "cell"
		}
		out = append(out, engine.Frame{ID: len(out) + 1, Name: name, Code: in.sources[fr.at.cell], Line: fr.at.line, Column: fr.at.col})
	}
	return out
}

// errPanicFrame says why a frame stopped at a panic lists no variables.
var errPanicFrame = errors.New("the panicking frames have unwound: their variables are gone (the session's are listed)")

var _ engine.Pauser = (*Interpreter)(nil)

// Pause asks goroutine g of the debugged cell that runs to stop at its
// next statement (see engine.Pauser). Every cell runs under yaegi's
// debugger while a debug session is attached (debugCells), and can
// Pause, but for a cell that started before, and a program yaegi's
// debugger cannot walk (walkable): Pause says so. A cell between two of
// its programs pauses at the start of the next.
func (in *Interpreter) Pause(g int) error {
	d := &in.dbgs
	d.mu.Lock()
	run := d.run
	if run != nil && !run.over {
		if _, stopped := run.stops[g]; stopped {
			d.mu.Unlock()
			return fmt.Errorf("thread %d is already stopped", g)
		}
		run.pausing[g] = true
	}
	d.mu.Unlock()
	if run == nil || run.over {
		if in.mu.TryLock() {
			in.mu.Unlock()
			return errors.New("no cell is running")
		}
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.plain != "" {
			return errors.New(d.plain)
		}
		if g != mainThread {
			return fmt.Errorf("thread %d is not running", g)
		}
		d.pauseCell = d.cell
		return nil
	}
	if !run.dbg.Interrupt(g, yaegi.DebugPause) {
		return fmt.Errorf("thread %d is not running", g)
	}
	return nil
}

// preemptPanic is told of a panic(v) of a cell before it happens (see
// preemptStop).
func (in *Interpreter) preemptPanic(v any) {
	if rv, isRV := v.(reflect.Value); isRV && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	in.preemptStop(func() string { return "panic: " + panicMessage(v) }, [2]int{})
}

// preemptFault is told of a runtime error that a check helper is about
// to raise (see rt.atFault and preemptStop).
func (in *Interpreter) preemptFault(e runtimeError) bool {
	return in.preemptStop(func() string { return "panic: " + panicMessage(e) }, [2]int{})
}

// preemptFaultAt is preemptFault for a runtime error raised by the
// expression at line and col of its cell (see rt.atFaultAt).
func (in *Interpreter) preemptFaultAt(e runtimeError, line, col int) bool {
	return in.preemptStop(func() string { return "panic: " + panicMessage(e) }, [2]int{line, col})
}

// preemptStop arranges a stop before a panic whose text is text(): when
// the cell runs under yaegi's debugger and stops at panics, and the
// panic is raised on the cell's own goroutine, the goroutine is asked to
// pause: its next node is the panic call (or the index expression that
// panics), where it stops with reason "exception" and its frames
// intact. It reports whether it did. at, when set, is the line and
// column of the expression that panics.
func (in *Interpreter) preemptStop(text func() string, at [2]int) bool {
	d := &in.dbgs
	d.mu.Lock()
	run := d.run
	ok := run != nil && !run.over && d.panics && d.onStop != nil && run.panicking == ""
	d.mu.Unlock()
	if !ok || !onStepGoroutine() {
		return false
	}
	t := text()
	d.mu.Lock()
	if d.run != run || run.over {
		d.mu.Unlock()
		return false
	}
	run.panicking, run.panickingAt = t, at
	d.mu.Unlock()
	return run.dbg.Interrupt(mainThread, yaegi.DebugPause)
}

// onStepGoroutine tells whether the caller runs on the goroutine of a
// cell's step, not one that the cell started (go f(), time.AfterFunc),
// which gocalc runs through rt.start or rt.guard.
func onStepGoroutine() bool {
	pc := make([]uintptr, 4096)
	n := runtime.Callers(2, pc)
	frames := runtime.CallersFrames(pc[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "interp.(*rt).start") || strings.Contains(f.Function, "interp.(*rt).guard") {
			return false
		}
		if !more {
			return true
		}
	}
}
