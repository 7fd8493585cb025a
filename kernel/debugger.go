package kernel

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// debugHashSeed is the seed of the Murmur2 hash that names cells' source
// paths; the frontend learns it from debugInfo.
const debugHashSeed = 0x676f6361

// debugger answers the Debug Adapter Protocol requests that a Jupyter
// frontend sends in debug_request on control. It knows the cells the
// frontend dumped, the breakpoints it asked for and the variable
// references it handed out; the session's variables come from the
// interpreter's engine.VariableInspector. Nothing here stops a cell yet:
// breakpoints are recorded and answered unverified.
type debugger struct {
	mu          sync.Mutex
	exec        engine.Executor
	prefix      string // tmpFilePrefix: cells' paths are prefix + hash + ".go"
	seq         int    // the last seq the kernel sent
	started     bool   // between initialize and disconnect
	cells       map[string]string
	breakpoints map[string][]dap.SourceBreakpoint
	refs        map[int][]string // variablesReference -> path of the value
	lastVars    []dap.Variable   // the last listing, answered while a cell runs
	events      []dap.Event      // events to publish after the response
}

func newDebugger(exec engine.Executor) *debugger {
	return &debugger{
		exec:        exec,
		prefix:      filepath.Join(os.TempDir(), "gocalc_"+strconv.Itoa(os.Getpid())) + string(os.PathSeparator),
		cells:       map[string]string{},
		breakpoints: map[string][]dap.SourceBreakpoint{},
		refs:        map[int][]string{},
	}
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
	"setBreakpoints": true, "source": true,
}

func init() {
	debugCommands = map[string]debugCommand{
		"initialize":           (*debugger).initialize,
		"attach":               (*debugger).attach,
		"configurationDone":    (*debugger).attach,
		"disconnect":           (*debugger).disconnect,
		"debugInfo":            (*debugger).debugInfo,
		"dumpCell":             (*debugger).dumpCell,
		"setBreakpoints":       (*debugger).setBreakpoints,
		"source":               (*debugger).source,
		"inspectVariables":     (*debugger).inspectVariables,
		"variables":            (*debugger).variables,
		"richInspectVariables": (*debugger).richInspectVariables,
		"modules":              (*debugger).modules,
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

func (d *debugger) next() int {
	d.seq++
	return d.seq
}

// emit queues an event to publish after the response.
func (d *debugger) emit(name string, body any) {
	d.events = append(d.events, dap.NewEvent(d.next(), name, body))
}

// initialize starts a debug session and answers gocalc's capabilities;
// the initialized event follows, as the protocol asks.
func (d *debugger) initialize(dap.Request) (any, error) {
	d.started = true
	d.emit("initialized", nil)
	return map[string]any{
		"supportsConfigurationDoneRequest": true,
		"supportsConditionalBreakpoints":   false,
		"supportsEvaluateForHovers":        false,
		"supportsSetVariable":              false,
		"supportsStepBack":                 false,
		"exceptionBreakpointFilters":       []any{},
	}, nil
}

// attach and configurationDone have nothing to do: the kernel is the
// debuggee and is already running.
func (d *debugger) attach(dap.Request) (any, error) { return nil, nil }

// disconnect ends the debug session and forgets its breakpoints.
func (d *debugger) disconnect(dap.Request) (any, error) {
	d.started = false
	d.breakpoints = map[string][]dap.SourceBreakpoint{}
	d.refs = map[int][]string{}
	d.lastVars = nil
	return nil, nil
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
		"stoppedThreads": []int{},
		"richRendering":  true,
		"exceptionPaths": []string{},
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
// back) and answers them unverified: cells do not stop yet.
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
	out := []dap.Breakpoint{}
	for _, b := range args.Breakpoints {
		out = append(out, dap.Breakpoint{Line: b.Line, Source: args.Source,
			Message: "gocalc does not stop at breakpoints yet"})
	}
	return map[string]any{"breakpoints": out}, nil
}

// inspector is the interpreter's ability to list variables.
func (d *debugger) inspector() (engine.VariableInspector, error) {
	vi, ok := d.exec.(engine.VariableInspector)
	if !ok {
		return nil, errors.New("this interpreter cannot list its variables")
	}
	return vi, nil
}

// list lists the value at path as panel rows, handing out a reference
// for each row that has parts.
func (d *debugger) list(vi engine.VariableInspector, path []string) ([]dap.Variable, error) {
	vars, err := vi.Variables(path)
	if err != nil {
		return nil, err
	}
	out := make([]dap.Variable, 0, len(vars))
	for _, v := range vars {
		row := dap.Variable{Name: v.Name, Value: v.Value, Type: v.Type}
		if len(path) == 0 && token.IsIdentifier(v.Name) {
			row.EvaluateName = v.Name
		}
		if v.Parts > 0 {
			row.VariablesReference = len(d.refs) + 1
			d.refs[row.VariablesReference] = append(append([]string(nil), path...), v.Name)
		}
		out = append(out, row)
	}
	return out, nil
}

// inspectVariables lists the session's variables, with no cell stopped.
// JupyterLab asks for them with every message of a running cell: while
// the cell runs, the listing it had before is answered again.
func (d *debugger) inspectVariables(dap.Request) (any, error) {
	vi, err := d.inspector()
	if err != nil {
		return nil, err
	}
	old := d.refs
	d.refs = map[int][]string{}
	vars, err := d.list(vi, nil)
	if errors.Is(err, engine.ErrBusy) {
		d.refs = old
		vars, err = d.lastVars, nil
	}
	if err != nil {
		return nil, err
	}
	if vars == nil {
		vars = []dap.Variable{}
	}
	d.lastVars = vars
	return map[string]any{"variables": vars}, nil
}

// variables lists the parts of a variable that inspectVariables (or an
// earlier variables request) handed out a reference for.
func (d *debugger) variables(req dap.Request) (any, error) {
	var args struct {
		Ref int `json:"variablesReference"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	vi, err := d.inspector()
	if err != nil {
		return nil, err
	}
	path, ok := d.refs[args.Ref]
	if !ok {
		return nil, fmt.Errorf("no variable has reference %d (the panel is out of date)", args.Ref)
	}
	vars, err := d.list(vi, path)
	if err != nil {
		return nil, err
	}
	return map[string]any{"variables": vars}, nil
}

// richInspectVariables answers a session variable's value as a bundle
// (text/plain for now). Names that are not variables ("special
// variables" rows of other kernels) answer an empty bundle.
func (d *debugger) richInspectVariables(req dap.Request) (any, error) {
	var args struct {
		Name string `json:"variableName"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	empty := map[string]any{"data": map[string]any{}, "metadata": map[string]any{}}
	if !token.IsIdentifier(args.Name) {
		return empty, nil
	}
	vi, err := d.inspector()
	if err != nil {
		return nil, err
	}
	vars, err := vi.Variables(nil)
	if err != nil {
		return nil, err
	}
	for _, v := range vars {
		if v.Name == args.Name {
			return map[string]any{"data": map[string]any{"text/plain": v.Value}, "metadata": map[string]any{}}, nil
		}
	}
	return nil, fmt.Errorf("no variable %s in the session", args.Name)
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
	resp, events := s.debug.handle(req)
	s.reply(r, resp)
	for _, e := range events {
		s.publish(r.msg.RawHeader, "debug_event", e)
	}
}
