package interp

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	yaegi "github.com/traefik/yaegi/interp"
)

var _ engine.Debugger = (*Interpreter)(nil)

// mainThread is the goroutine number of a debugged step's own goroutine.
const mainThread = 1

// debugEndGrace bounds the wait for yaegi's debugger to end after a
// debugged program.
const debugEndGrace = 100 * time.Millisecond

// debugState is the interpreter's side of a debug session: the
// breakpoints by cell source, the kernel's stop callback, and the
// debugged run in progress. It has its own lock: while a cell is stopped,
// Execute holds in.mu.
type debugState struct {
	mu     sync.Mutex
	bps    map[string][]int // cell source -> lines in the cell
	onStop func(engine.Stop)
	run    *debugRun
	// carry is set when a step request outlived the step program it was
	// made in: the cell's next program starts stepping.
	carry bool
	// panics is set when cells stop at their panics; pstop is a cell
	// stopped at its panic.
	panics bool
	pstop  *panicStop
	// varStep is where the var step that runs starts (a top-level x :=
	// v), nil while another step runs.
	varStep *pos
	// preStopped is the text of the panic the cell stopped at before it
	// unwound (preemptPanic), so that it does not stop again once the
	// program has returned it.
	preStopped string
	// walks remembers which programs yaegi's debugger can walk
	// (debuggable); marks is set while programs may carry breakpoint
	// marks; plain is set while a program runs without the debugger
	// though a debug session is attached (one it cannot walk).
	walks map[*yaegi.Program]bool
	marks bool
	// plain says why the program that runs (or the last one) runs
	// without the debugger; "" when it runs with it.
	plain string
	cell  int // the cell (its slot) whose program runs, or ran last
	// pauseCell is the cell (its slot) asked to pause between two of its
	// programs: the next one starts paused. 0: none.
	pauseCell int
	// scratch runs the code evaluate runs in a stopped frame.
	scratch scratch
	// root is the debugger data of yaegi's root frame (see rootDebug);
	// it is used by the cell's goroutine only.
	root rootDebug
}

// debugRun is one program run through yaegi's debugger.
type debugRun struct {
	dbg     *yaegi.Debugger
	over    bool
	stops   map[int]*yaegi.DebugEvent // stopped goroutines
	steps   map[int]lineStep          // goroutines stepping line by line
	frames  map[int]*yaegi.DebugFrame // frames handed out by StackTrace
	pausing map[int]bool              // goroutines asked to pause
	ctx     context.Context           // ends with the run (an interrupt)
	cells   map[string][]int          // cell source -> the slots it ran in
	progs   []*yaegi.Program          // where breakpoints are marked
	// panicking is the text of the panic the cell's goroutine is about
	// to raise (preemptPanic): its next stop is at that panic.
	panicking string
	// panickingAt is the line and column, in its cell, of the
	// expression that raises the panic of panicking, when a check
	// helper knows it (deref, mapWrite); faultAt is that of the stop at
	// it, which replaces the innermost frame's position: yaegi's
	// debugger tells the nodes of lowered code apart by their functions
	// only, and may report another node of the same kind.
	panickingAt, faultAt [2]int
}

// lineStep is a step request in progress: yaegi stops at every node, the
// panel at the next line.
type lineStep struct {
	how   engine.Resume
	line  int // encoded line the step started at
	depth int // frame depth it started at
}

// SetBreakpoints records the lines at which cells whose source is code
// stop (see engine.Debugger). It accepts the lines where the cell has
// code that runs (breakLines); a blank line, a comment, a brace or a
// declaration without a value would never stop, and neither would a
// line of a cell that does not parse.
func (in *Interpreter) SetBreakpoints(code string, lines []int) []bool {
	can := breakLines(code)
	d := &in.dbgs
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.bps == nil {
		d.bps = map[string][]int{}
	}
	ok := make([]bool, len(lines))
	var keep []int
	for i, l := range lines {
		if can[l] && l < cells.LineBase {
			ok[i] = true
			keep = append(keep, l)
		}
	}
	if len(keep) == 0 {
		delete(d.bps, code)
	} else {
		d.bps[code] = keep
	}
	if d.run != nil && !d.run.over {
		d.run.mark(d, d.bps)
	}
	return ok
}

// mark marks the nodes of the run's programs at the lines of bps, and
// clears the other marks. It is called with d.mu held. Programs yaegi's
// debugger cannot walk are left alone.
func (run *debugRun) mark(d *debugState, bps map[string][]int) {
	reqs := []yaegi.BreakpointRequest{yaegi.LineBreakpoint(-1)} // so that old marks are cleared
	for src, slots := range run.cells {
		for _, slot := range slots {
			for _, l := range bps[src] {
				reqs = append(reqs, yaegi.LineBreakpoint(slot*cells.LineBase+l))
			}
		}
	}
	if len(reqs) == 1 && !d.marks {
		return // nothing to mark or clear
	}
	for _, p := range run.progs {
		if d.debuggable(p) {
			setBreakpoints(run.dbg, p, reqs)
		}
	}
	d.marks = len(reqs) > 1
}

// OnStop sets the function told of stops; nil detaches (see
// engine.Debugger).
func (in *Interpreter) OnStop(f func(engine.Stop)) {
	in.dbgs.mu.Lock()
	in.dbgs.onStop = f
	in.dbgs.mu.Unlock()
	if f == nil {
		in.resumeAll()
	}
}

// Detach clears the breakpoints and resumes the stopped goroutines.
func (in *Interpreter) Detach() {
	d := &in.dbgs
	d.mu.Lock()
	d.bps = nil
	if d.run != nil && !d.run.over {
		d.run.mark(d, nil)
	}
	d.mu.Unlock()
	in.resumeAll()
}

// resumeAll continues every stopped goroutine of the debugged run.
func (in *Interpreter) resumeAll() {
	d := &in.dbgs
	d.mu.Lock()
	run := d.run
	var ids []int
	if run != nil {
		for id := range run.stops {
			ids = append(ids, id)
		}
		run.stops = map[int]*yaegi.DebugEvent{}
		run.steps = map[int]lineStep{}
		run.frames = nil
	}
	d.carry = false
	if d.pstop != nil {
		d.pstop.release()
	}
	d.mu.Unlock()
	for _, id := range ids {
		_ = resumeG(run.dbg, id, engine.Continue)
	}
}

// debugCells tells whether cell cur runs with the debugger: while a
// debug session is attached and asks for it, with a breakpoint set in
// any cell or stops at panics on (or a pause asked between two of the
// cell's programs). Such a cell can then pause, stop at a breakpoint in a
// function it calls, or stop at a panic before it unwinds: yaegi's
// debugger has to be on from the program's start for that. It costs: a
// loop runs about 300 times slower under it (BenchmarkDebugger). So an
// attached session with nothing to stop at leaves cells at full speed,
// and pause then answers why it cannot (errFullSpeed). It returns the
// slots each cell's code ran in, to find breakpoints in every cell.
func (in *Interpreter) debugCells(cur int) map[string][]int {
	d := &in.dbgs
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.wantsDebuggerLocked(cur) {
		return nil
	}
	cells := map[string][]int{}
	for slot, src := range in.sources {
		cells[src] = append(cells[src], slot)
	}
	return cells
}

// wantsDebuggerLocked tells, with d.mu held, whether cell cur runs under
// the debugger (see debugCells).
func (d *debugState) wantsDebuggerLocked(cur int) bool {
	if d.onStop == nil {
		return false
	}
	if d.panics || d.pauseCell == cur {
		return true
	}
	for _, lines := range d.bps {
		if len(lines) > 0 {
			return true
		}
	}
	return false
}

// plainReasonLocked says why a cell runs without the debugger, with d.mu
// held.
func (d *debugState) plainReasonLocked() string {
	if d.onStop == nil {
		return errNotAttached
	}
	return errFullSpeed
}

// debugExec runs prog through yaegi's debugger, stopping at lines (see
// exec). It returns when the program's own goroutine has finished (not
// the goroutines it started) or ctx is cancelled.
func (in *Interpreter) debugExec(ctx context.Context, cur int, prog *yaegi.Program, cells map[string][]int) error {
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done, ended := make(chan struct{}), make(chan struct{})
	var once sync.Once
	finish := func() { once.Do(func() { close(done) }) }
	run := &debugRun{stops: map[int]*yaegi.DebugEvent{}, steps: map[int]lineStep{}, pausing: map[int]bool{}, ctx: dctx, cells: cells,
		progs: append(in.progs[:len(in.progs):len(in.progs)], prog)}
	events := func(e *yaegi.DebugEvent) {
		switch e.Reason() {
		case yaegi.DebugExitGoRoutine:
			if e.GoRoutine() == mainThread {
				finish()
			}
		case yaegi.DebugTerminate:
			finish()
			close(ended)
		case yaegi.DebugBreak, yaegi.DebugStepInto, yaegi.DebugStepOver, yaegi.DebugStepOut, yaegi.DebugPause:
			in.stopped(run, e)
		}
	}
	run.dbg = in.y.Debug(dctx, prog, events, &yaegi.DebugOptions{GoRoutineStartAt1: true})
	// The root frame's new debugger data into the one literals share.
	in.dbgs.root.keepRoot(in.y)
	d := &in.dbgs
	d.mu.Lock()
	run.mark(d, d.bps)
	d.run = run
	carry := d.carry
	d.carry = false
	if carry {
		run.steps[mainThread] = lineStep{how: engine.StepIn, line: -1, depth: -1}
	}
	pause := d.pauseCell == cur
	d.pauseCell = 0
	if pause {
		run.pausing[mainThread] = true
	}
	d.mu.Unlock()
	switch {
	case pause:
		// Asked to pause while the cell was between two programs.
		_ = run.dbg.Step(mainThread, yaegi.DebugPause)
	case carry:
		_ = run.dbg.Step(mainThread, yaegi.DebugStepInto)
	default:
		_ = run.dbg.Continue(mainThread)
		// A Pause that came between d.run's setting and Continue had its
		// mode overwritten by Continue's: ask again.
		d.mu.Lock()
		again := run.pausing[mainThread] && run.stops[mainThread] == nil
		d.mu.Unlock()
		if again {
			run.dbg.Interrupt(mainThread, yaegi.DebugPause)
		}
	}
	select {
	case <-done:
	case <-ctx.Done():
	}
	d.mu.Lock()
	run.over = true
	if _, ok := run.steps[mainThread]; ok && ctx.Err() == nil {
		d.carry = true
	}
	d.run = nil
	d.mu.Unlock()
	cancel()
	_, err := run.dbg.Wait()
	// yaegi's debugger stays on until its goroutine has seen the end of
	// every goroutine the program started; the next program must not run
	// under it. (Goroutines that run on keep it on: see the package
	// documentation.)
	select {
	case <-ended:
		time.Sleep(time.Millisecond) // it unsets itself right after the event
	case <-time.After(debugEndGrace):
	}
	if errors.Is(err, context.Canceled) && ctx.Err() == nil {
		err = nil
	}
	return err
}

// setBreakpoints marks the nodes of p at the requested lines (and
// clears the others). A program yaegi cannot walk is left unmarked.
func setBreakpoints(dbg *yaegi.Debugger, p *yaegi.Program, reqs []yaegi.BreakpointRequest) {
	defer func() { _ = recover() }()
	dbg.SetBreakpoints(yaegi.ProgramBreakpointTarget(p), reqs...)
}

// stopped handles a stop of goroutine g: a step still on its starting
// line, or outside the cells, steps on; otherwise the kernel is told.
func (in *Interpreter) stopped(run *debugRun, e *yaegi.DebugEvent) {
	g := e.GoRoutine()
	line, depth := 0, e.FrameDepth()
	if fs := e.Frames(0, 1); len(fs) > 0 {
		line = fs[0].Position().Line
	}
	d := &in.dbgs
	d.mu.Lock()
	if run.over || run.ctx.Err() != nil {
		// The run ends: yaegi's debugger lets the goroutine go.
		d.mu.Unlock()
		return
	}
	reason, text := "breakpoint", ""
	if run.panicking != "" && g == mainThread {
		// At the panic call, before the panic unwinds the frames.
		reason, text = "exception", run.panicking
		run.panicking = ""
		run.faultAt, run.panickingAt = run.panickingAt, [2]int{}
		d.preStopped = text
		delete(run.pausing, g)
		delete(run.steps, g)
	} else if run.pausing[g] && e.Reason() != yaegi.DebugBreak {
		if line < cells.LineBase {
			// Paused in gocalc's own code (a loop's interrupt
			// check): on to the cell's next statement.
			d.mu.Unlock()
			go func() { _ = resumeG(run.dbg, g, engine.StepIn) }()
			return
		}
		delete(run.pausing, g)
		delete(run.steps, g)
		reason = "pause"
	} else if st, ok := run.steps[g]; ok {
		reason = "step"
		onStart := line == st.line && (st.how != engine.StepIn || depth == st.depth)
		if e.Reason() != yaegi.DebugBreak && (onStart || line < cells.LineBase) {
			d.mu.Unlock()
			go func() { _ = resumeG(run.dbg, g, st.how) }()
			return
		}
		delete(run.steps, g)
		if e.Reason() == yaegi.DebugBreak {
			reason = "breakpoint"
		}
	}
	run.stops[g] = e
	run.frames = nil
	onStop := d.onStop
	d.mu.Unlock()
	if onStop == nil {
		go in.resumeAll()
		return
	}
	onStop(engine.Stop{Thread: g, Reason: reason, Text: text})
}

// resumeG resumes goroutine g of dbg. yaegi marks a goroutine stopped only
// once it waits: a request that comes first is retried. A goroutine that
// does not take the request (yaegi lost track of it) is given up after
// resumeGrace, so that the caller is never stuck: an interrupt still ends
// the cell.
func resumeG(dbg *yaegi.Debugger, g int, how engine.Resume) error {
	reason := map[engine.Resume]yaegi.DebugEventReason{
		engine.Next: yaegi.DebugStepOver, engine.StepIn: yaegi.DebugStepInto, engine.StepOut: yaegi.DebugStepOut,
	}[how]
	done := make(chan error, 1)
	go func() {
		for deadline := time.Now().Add(resumeGrace); ; {
			var err error
			if how == engine.Continue {
				err = dbg.Continue(g)
			} else {
				err = dbg.Step(g, reason)
			}
			if !errors.Is(err, yaegi.ErrRunning) || time.Now().After(deadline) {
				done <- err
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(resumeGrace):
		return fmt.Errorf("thread %d does not go on: interrupt the kernel to end the cell", g)
	}
}

// resumeGrace bounds the wait for a stopped goroutine to go on.
const resumeGrace = 3 * time.Second

// Threads lists the goroutines of the debugged run (see engine.Debugger).
func (in *Interpreter) Threads() []engine.Thread {
	d := &in.dbgs
	d.mu.Lock()
	run, panicked := d.run, d.pstop != nil
	d.mu.Unlock()
	if panicked {
		return []engine.Thread{{ID: mainThread, Name: "cell"}}
	}
	if run == nil {
		return nil
	}
	var out []engine.Thread
	for _, g := range run.dbg.GoRoutines() {
		name := g.Name()
		if g.ID() == mainThread {
			name = "cell"
		}
		out = append(out, engine.Thread{ID: g.ID(), Name: name})
	}
	return out
}

// stoppedRun returns the run in which goroutine g is stopped, with d.mu
// held.
func (d *debugState) stoppedRun(g int) (*debugRun, *yaegi.DebugEvent, error) {
	if d.run == nil {
		return nil, nil, errors.New("no cell is stopped")
	}
	e, ok := d.run.stops[g]
	if !ok {
		return nil, nil, fmt.Errorf("thread %d is not stopped", g)
	}
	return d.run, e, nil
}

// Resume makes stopped goroutine g go on (see engine.Debugger).
func (in *Interpreter) Resume(g int, how engine.Resume) error {
	d := &in.dbgs
	d.mu.Lock()
	if d.pstop != nil && g == mainThread {
		// Whatever the way asked, the cell ends with its panic.
		d.pstop.release()
		d.mu.Unlock()
		return nil
	}
	run, e, err := d.stoppedRun(g)
	if err != nil {
		d.mu.Unlock()
		return err
	}
	delete(run.stops, g)
	run.frames = nil
	if g == mainThread {
		run.faultAt = [2]int{}
	}
	if how != engine.Continue {
		line := 0
		if fs := e.Frames(0, 1); len(fs) > 0 {
			line = fs[0].Position().Line
		}
		run.steps[g] = lineStep{how: how, line: line, depth: e.FrameDepth()}
	}
	d.mu.Unlock()
	return resumeG(run.dbg, g, how)
}

// debuggerLimit is the error of a debugged cell that called a function
// literal made inside a function by a cell run without the debugger
// (before a debug session was attached): yaegi's debugger fails on it.
func debuggerLimit() *engine.Error {
	msg := "the debugger cannot enter a function literal that a cell made inside a function before the debugger was attached " +
		"(a limit of gocalc's interpreter); run the cell that makes it again while the debugger is on, or turn the debugger off to run this cell"
	return &engine.Error{Name: ErrUnsupported, Value: msg, Traceback: []string{ErrUnsupported + ": " + msg}}
}
