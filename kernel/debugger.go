package kernel

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// debugHashSeed is the seed of the Murmur2 hash that names cells' source
// paths; the frontend learns it from debugInfo.
//
// The paths' directory (tmpFilePrefix, nothing is written there) has
// "ipykernel_" in its name: JupyterLab 4.4 and later show a frame's
// source as "Cell [n]" only for paths that hold it (its notebook's
// display provider was written for ipykernel's paths), and the path
// otherwise; they find the cell from the path with debugInfo's hash, as
// for breakpoints. The DAP source.name, which other frontends show, is
// "Cell [n]" too.
const debugHashSeed = 0x676f6361

// debugger answers the Debug Adapter Protocol requests that a Jupyter
// frontend sends in debug_request on control. It knows the cells the
// frontend dumped, the breakpoints it asked for and the variable
// references it handed out; the session's variables come from the
// interpreter's engine.VariableInspector. When the interpreter is an
// engine.Debugger, cells whose code has breakpoints stop there: the
// stopped event is published as it happens (publish), and threads,
// stackTrace, scopes, variables and the stepping requests are answered
// while the cell is stopped (control is served while shell runs it).
type debugger struct {
	mu          sync.Mutex
	exec        engine.Executor
	prefix      string       // tmpFilePrefix: cells' paths are prefix + hash + ".go"
	seq         atomic.Int64 // the last seq the kernel sent
	started     bool         // between initialize and disconnect
	cells       map[string]string
	breakpoints map[string][]dap.SourceBreakpoint
	refs        map[int]varRef // variablesReference -> the value
	lastVars    []dap.Variable // the last listing, answered while a cell runs
	events      []dap.Event    // events to publish after the response

	// publish sends an event at once (a stop happens while no request
	// is served); nil drops it.
	publish func(dap.Event)
	// stopped holds the threads stopped at the moment, under its own
	// lock: stops are reported from the cell's goroutine.
	stoppedMu  sync.Mutex
	stopped    map[int]bool
	exceptions map[int]string // the panic text of threads stopped at one
	counts     map[string]int // cell path -> the execution count it last ran with
}

func newDebugger(exec engine.Executor) *debugger {
	return &debugger{
		exec:        exec,
		prefix:      filepath.Join(os.TempDir(), "gocalc_ipykernel_"+strconv.Itoa(os.Getpid())) + string(os.PathSeparator),
		cells:       map[string]string{},
		breakpoints: map[string][]dap.SourceBreakpoint{},
		refs:        map[int]varRef{},
		stopped:     map[int]bool{},
		exceptions:  map[int]string{},
		counts:      map[string]int{},
	}
}

// ran records that a cell's code runs with execution count n, for the
// name of its source in stack traces ("Cell [n]"). It is called from
// shell, and takes stoppedMu only.
func (d *debugger) ran(code string, n int) {
	path := d.cellPath(code)
	d.stoppedMu.Lock()
	defer d.stoppedMu.Unlock()
	if len(d.counts) >= maxCounts {
		clear(d.counts)
	}
	d.counts[path] = n
}

// maxCounts bounds the execution counts kept for source names.
const maxCounts = 10000

// sourceOf is the source of a cell's path: named as JupyterLab names the
// cell in a notebook, "Cell [n]" with the count it last ran with.
func (d *debugger) sourceOf(path string) dap.Source {
	d.stoppedMu.Lock()
	n, ok := d.counts[path]
	d.stoppedMu.Unlock()
	if !ok {
		return dap.Source{Path: path}
	}
	return dap.Source{Name: fmt.Sprintf("Cell [%d]", n), Path: path}
}

// debugCommand answers one DAP request with a response body, or fails
// with the message the frontend shows.
type debugCommand func(d *debugger, req dap.Request) (body any, err error)

// debugCommands are the commands gocalc answers. Those that need an
// initialize first are marked so in needsStart; the others (debugInfo,
// inspectVariables, ...) work at any time, as in ipykernel.
var debugCommands map[string]debugCommand

var needsStart = map[string]bool{
	"attach": true, "configurationDone": true, "dumpCell": true,
	"setBreakpoints": true, "source": true, "threads": true, "stackTrace": true,
	"scopes": true, "continue": true, "next": true, "stepIn": true, "stepOut": true,
	"setExceptionBreakpoints": true, "exceptionInfo": true, "pause": true, "evaluate": true,
}

func init() {
	debugCommands = map[string]debugCommand{
		"initialize":              (*debugger).initialize,
		"attach":                  (*debugger).attach,
		"configurationDone":       (*debugger).configurationDone,
		"disconnect":              (*debugger).disconnect,
		"debugInfo":               (*debugger).debugInfo,
		"dumpCell":                (*debugger).dumpCell,
		"setBreakpoints":          (*debugger).setBreakpoints,
		"source":                  (*debugger).source,
		"inspectVariables":        (*debugger).inspectVariables,
		"variables":               (*debugger).variables,
		"richInspectVariables":    (*debugger).richInspectVariables,
		"modules":                 (*debugger).modules,
		"threads":                 (*debugger).threads,
		"stackTrace":              (*debugger).stackTrace,
		"scopes":                  (*debugger).scopes,
		"continue":                resume(engine.Continue),
		"next":                    resume(engine.Next),
		"stepIn":                  resume(engine.StepIn),
		"stepOut":                 resume(engine.StepOut),
		"setExceptionBreakpoints": (*debugger).setExceptionBreakpoints,
		"exceptionInfo":           (*debugger).exceptionInfo,
		"pause":                   (*debugger).pause,
		"evaluate":                (*debugger).evaluate,
	}
}

// handle answers req; it returns the response and the events to publish
// after it. It never panics.
func (d *debugger) handle(req dap.Request) (resp dap.Response, events []dap.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.events = nil
	defer func() {
		if p := recover(); p != nil {
			resp, events = dap.Fail(req, d.next(), fmt.Sprintf("internal error: %v", p)), nil
		}
	}()
	cmd, ok := debugCommands[req.Command]
	if !ok {
		return dap.Fail(req, d.next(), fmt.Sprintf("gocalc's debugger does not support %q yet", req.Command)), nil
	}
	if needsStart[req.Command] && !d.started {
		return dap.Fail(req, d.next(), "the debugger is not started: send initialize first"), nil
	}
	body, err := cmd(d, req)
	if err != nil {
		return dap.Fail(req, d.next(), err.Error()), nil
	}
	resp = dap.OK(req, d.next(), body)
	return resp, d.events
}

func (d *debugger) next() int { return int(d.seq.Add(1)) }

// emit queues an event to publish after the response.
func (d *debugger) emit(name string, body any) {
	d.events = append(d.events, dap.NewEvent(d.next(), name, body))
}

// initialize starts a debug session and answers gocalc's capabilities.
func (d *debugger) initialize(dap.Request) (any, error) {
	d.started = true
	if dbg, ok := d.exec.(engine.Debugger); ok {
		dbg.OnStop(d.onStop)
	}
	return map[string]any{
		"supportsConfigurationDoneRequest": true,
		"supportsConditionalBreakpoints":   false,
		"supportsEvaluateForHovers":        false,
		"supportsSetVariable":              false,
		"supportsStepBack":                 false,
		"supportsExceptionInfoRequest":     true,
		"exceptionBreakpointFilters":       d.exceptionFilters(),
	}, nil
}

// attach has nothing to attach to (the kernel is the debuggee, and
// runs): it says the adapter is ready for its configuration with the
// initialized event. That event comes after attach rather than after
// initialize, as debugpy sends it: JupyterLab reads initialize's answer
// (the exception filters of its "pause on exceptions" menu) when the
// initialize request is done, which is after the kernel is idle again,
// and builds that menu on the initialized event.
func (d *debugger) attach(dap.Request) (any, error) {
	d.emit("initialized", nil)
	return nil, nil
}

// configurationDone has nothing to do: breakpoints take effect as they
// are set.
func (d *debugger) configurationDone(dap.Request) (any, error) { return nil, nil }

// disconnect ends the debug session and forgets its breakpoints.
func (d *debugger) disconnect(dap.Request) (any, error) {
	d.started = false
	d.breakpoints = map[string][]dap.SourceBreakpoint{}
	d.refs = map[int]varRef{}
	d.lastVars = nil
	if ps, ok := d.exec.(engine.PanicStopper); ok {
		ps.StopOnPanic(false)
	}
	if dbg, ok := d.exec.(engine.Debugger); ok {
		// A stopped cell goes on to its end, and no cell stops again.
		dbg.OnStop(nil)
		dbg.Detach()
	}
	d.stoppedMu.Lock()
	d.stopped = map[int]bool{}
	d.exceptions = map[int]string{}
	d.stoppedMu.Unlock()
	return nil, nil
}

// onStop is told by the interpreter that a thread stopped; it publishes
// the stopped event. It runs on the cell's goroutine and takes only
// stoppedMu: d.mu may be held by a request waiting for that goroutine.
func (d *debugger) onStop(st engine.Stop) {
	d.stoppedMu.Lock()
	d.stopped[st.Thread] = true
	if st.Reason == "exception" {
		d.exceptions[st.Thread] = st.Text
	}
	d.stoppedMu.Unlock()
	if d.publish != nil {
		body := map[string]any{"reason": st.Reason, "threadId": st.Thread, "allThreadsStopped": false}
		if st.Reason == "exception" {
			body["description"] = "Paused on a panic"
			body["text"] = st.Text
		}
		d.publish(dap.NewEvent(d.next(), "stopped", body))
	}
}

// cellEnded forgets the stopped threads of a cell that has ended (an
// interrupt ends a stopped cell), telling the frontend they went on: it
// shows "Paused in Debugger" until a thread's continued event.
func (d *debugger) cellEnded() {
	d.stoppedMu.Lock()
	var ids []int
	for id := range d.stopped {
		ids = append(ids, id)
	}
	d.stopped = map[int]bool{}
	d.exceptions = map[int]string{}
	d.stoppedMu.Unlock()
	sort.Ints(ids)
	for _, id := range ids {
		if d.publish != nil {
			d.publish(dap.NewEvent(d.next(), "continued", map[string]any{"threadId": id, "allThreadsContinued": false}))
		}
	}
}

// stoppedThreads lists the threads stopped at the moment.
func (d *debugger) stoppedThreads() []int {
	d.stoppedMu.Lock()
	defer d.stoppedMu.Unlock()
	out := []int{}
	for id := range d.stopped {
		out = append(out, id)
	}
	sort.Ints(out)
	return out
}

// debugInfo tells the frontend how cells are named (so that it computes
// the same paths) and what the session holds.
func (d *debugger) debugInfo(dap.Request) (any, error) {
	bps := []any{}
	for path, list := range d.breakpoints {
		bps = append(bps, map[string]any{"source": path, "breakpoints": list})
	}
	return map[string]any{
		"isStarted":      d.started,
		"hashMethod":     "Murmur2",
		"hashSeed":       debugHashSeed,
		"tmpFilePrefix":  d.prefix,
		"tmpFileSuffix":  ".go",
		"breakpoints":    bps,
		"stoppedThreads": d.stoppedThreads(),
		"richRendering":  true,
		"exceptionPaths": d.exceptionPaths(),
	}, nil
}

// cellPath is the source path of a cell's code, the one the frontend
// computes from debugInfo.
func (d *debugger) cellPath(code string) string {
	return d.prefix + strconv.FormatUint(uint64(dap.Murmur2(code, debugHashSeed)), 10) + ".go"
}

// dumpCell keeps a cell's source under its path (in memory: nothing is
// written to disk).
func (d *debugger) dumpCell(req dap.Request) (any, error) {
	var args struct {
		Code string `json:"code"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	path := d.cellPath(args.Code)
	d.cells[path] = args.Code
	if bps := d.breakpoints[path]; len(bps) > 0 {
		// Breakpoints set before the cell's code was known.
		d.setLines(args.Code, bps)
	}
	return map[string]any{"sourcePath": path}, nil
}

// source answers the code of a dumped cell.
func (d *debugger) source(req dap.Request) (any, error) {
	var args struct {
		Source dap.Source `json:"source"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	code, ok := d.cells[args.Source.Path]
	if !ok {
		return nil, errors.New("source unavailable")
	}
	return map[string]any{"content": code}, nil
}

// setBreakpoints records a cell's breakpoints (debugInfo reports them
// back) and hands them to the interpreter, which stops there. They are
// answered verified when the interpreter takes them: it needs the cell's
// code (from dumpCell) and the ability to stop.
func (d *debugger) setBreakpoints(req dap.Request) (any, error) {
	var args struct {
		Source      dap.Source             `json:"source"`
		Breakpoints []dap.SourceBreakpoint `json:"breakpoints"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	if len(args.Breakpoints) == 0 {
		delete(d.breakpoints, args.Source.Path)
	} else {
		d.breakpoints[args.Source.Path] = args.Breakpoints
	}
	var ok []bool
	message := "this interpreter cannot stop at breakpoints"
	code, known := d.cells[args.Source.Path]
	if known {
		ok = d.setLines(code, args.Breakpoints)
	} else if _, can := d.exec.(engine.Debugger); can {
		message = "gocalc does not know this cell's code (no dumpCell)"
	}
	out := []dap.Breakpoint{}
	for i, b := range args.Breakpoints {
		bp := dap.Breakpoint{Line: b.Line, Source: args.Source}
		switch {
		case i < len(ok) && ok[i]:
			bp.Verified = true
		case ok != nil && (b.Line < 1 || b.Line > strings.Count(code, "\n")+1):
			bp.Message = "no such line in the cell"
		case ok != nil:
			bp.Message = noStopMessage
		default:
			bp.Message = message
		}
		out = append(out, bp)
	}
	return map[string]any{"breakpoints": out}, nil
}

// noStopMessage explains a breakpoint refused on a line of the cell.
const noStopMessage = "the cell cannot stop at this line: no code of its own runs there " +
	"(a blank line, a comment, a brace, a declaration without a value, or a switch, case, range or label line); " +
	"put the breakpoint on a statement"

// setLines hands a cell's breakpoints to the interpreter; nil when it
// cannot stop.
func (d *debugger) setLines(code string, bps []dap.SourceBreakpoint) []bool {
	dbg, ok := d.exec.(engine.Debugger)
	if !ok {
		return nil
	}
	lines := make([]int, len(bps))
	for i, b := range bps {
		lines[i] = b.Line
	}
	return dbg.SetBreakpoints(code, lines)
}

// stepper is the interpreter's ability to stop cells.
func (d *debugger) stepper() (engine.Debugger, error) {
	dbg, ok := d.exec.(engine.Debugger)
	if !ok {
		return nil, errors.New("this interpreter cannot stop cells")
	}
	return dbg, nil
}

// threads lists the goroutines of the debugged cell; the cell's own
// thread when none runs.
func (d *debugger) threads(dap.Request) (any, error) {
	out := []map[string]any{}
	if dbg, ok := d.exec.(engine.Debugger); ok {
		for _, th := range dbg.Threads() {
			out = append(out, map[string]any{"id": th.ID, "name": th.Name})
		}
	}
	if len(out) == 0 {
		out = append(out, map[string]any{"id": 1, "name": "cell"})
	}
	return map[string]any{"threads": out}, nil
}

// stackTrace lists a stopped thread's frames at their cells' lines, the
// cells named by their paths.
func (d *debugger) stackTrace(req dap.Request) (any, error) {
	var args struct {
		Thread int `json:"threadId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	dbg, err := d.stepper()
	if err != nil {
		return nil, err
	}
	frames, err := dbg.StackTrace(args.Thread)
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, f := range frames {
		sf := map[string]any{"id": f.ID, "name": f.Name, "line": f.Line, "column": f.Column}
		if f.Code != "" {
			path := d.cellPath(f.Code)
			if _, known := d.cells[path]; !known {
				d.cells[path] = f.Code
			}
			sf["source"] = d.sourceOf(path)
		}
		out = append(out, sf)
	}
	return map[string]any{"stackFrames": out, "totalFrames": len(out)}, nil
}

// globalsFrame is the frame of varRef for the session's variables while
// a cell is stopped (frame 0 lists them while none runs).
const globalsFrame = -1

// scopes answers a frame's scopes: its locals, and the session's
// variables.
func (d *debugger) scopes(req dap.Request) (any, error) {
	var args struct {
		Frame int `json:"frameId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	locals := d.newRef(varRef{frame: args.Frame})
	globals := d.newRef(varRef{frame: globalsFrame})
	return map[string]any{"scopes": []map[string]any{
		{"name": "Locals", "variablesReference": locals, "expensive": false},
		{"name": "Globals", "variablesReference": globals, "expensive": false},
	}}, nil
}

// resume answers continue, next, stepIn and stepOut: the thread goes on,
// and its frames' references are forgotten.
func resume(how engine.Resume) debugCommand {
	return func(d *debugger, req dap.Request) (any, error) {
		var args struct {
			Thread int `json:"threadId"`
		}
		if err := req.Args(&args); err != nil {
			return nil, err
		}
		dbg, err := d.stepper()
		if err != nil {
			return nil, err
		}
		d.stoppedMu.Lock()
		delete(d.stopped, args.Thread)
		delete(d.exceptions, args.Thread)
		d.stoppedMu.Unlock()
		for ref, r := range d.refs {
			if r.frame != 0 {
				delete(d.refs, ref)
			}
		}
		if err := dbg.Resume(args.Thread, how); err != nil {
			return nil, err
		}
		// JupyterLab hides "Paused in Debugger" on this event.
		d.emit("continued", map[string]any{"threadId": args.Thread, "allThreadsContinued": false})
		if how == engine.Continue {
			return map[string]any{"allThreadsContinued": false}, nil
		}
		return nil, nil
	}
}

// modules answers that cells load no modules the panel could list.
func (d *debugger) modules(dap.Request) (any, error) {
	return map[string]any{"modules": []any{}, "totalModules": 0}, nil
}

// debugRequest answers debug_request on control with debug_reply, then
// publishes the events the request caused as debug_event on iopub.
func (s *Server) debugRequest(r *request) {
	req, err := dap.Decode(r.msg.Content)
	if err != nil {
		s.replyBadRequest(r, err)
		return
	}
	s.debugParent.Store(&r.msg.RawHeader)
	resp, events := s.debug.handle(req)
	s.reply(r, resp)
	for _, e := range events {
		s.publish(r.msg.RawHeader, "debug_event", e)
	}
}
