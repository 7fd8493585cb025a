package kernel

import (
	"errors"
	"slices"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// panicFilter is the exception filter of gocalc's debugger: stop a cell
// where it panics.
const panicFilter = "panic"

// exceptionFilters are the exception breakpoint filters initialize
// offers (JupyterLab's "pause on exceptions" menu lists them): none when
// the interpreter cannot stop at panics.
func (d *debugger) exceptionFilters() []any {
	if _, ok := d.exec.(engine.PanicStopper); !ok {
		return []any{}
	}
	return []any{map[string]any{
		"filter": panicFilter, "label": "Go panics", "default": false,
		"description": "Stop a cell where it panics, before the panic is reported: at a panic(v) call, " +
			"an index out of range or an integer division by zero before it unwinds, with the frames' variables; " +
			"at another runtime error once its calls have returned " +
			"(the frames show where, the session's variables what)",
	}}
}

// exceptionPaths names what the exception filters stop at, for debugInfo.
func (d *debugger) exceptionPaths() []string {
	if _, ok := d.exec.(engine.PanicStopper); !ok {
		return []string{}
	}
	return []string{"Go panics"}
}

// setExceptionBreakpoints turns the stops at panics on when the filters
// name "panic", off otherwise; other filters are answered unverified.
func (d *debugger) setExceptionBreakpoints(req dap.Request) (any, error) {
	var args struct {
		Filters []string `json:"filters"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	ps, ok := d.exec.(engine.PanicStopper)
	out := []map[string]any{}
	for _, f := range args.Filters {
		b := map[string]any{"verified": ok && f == panicFilter}
		if !ok || f != panicFilter {
			b["message"] = "gocalc stops only at panics (filter \"panic\")"
		}
		out = append(out, b)
	}
	if ok {
		ps.StopOnPanic(slices.Contains(args.Filters, panicFilter))
	}
	return map[string]any{"breakpoints": out}, nil
}

// exceptionInfo describes the panic a thread stopped at.
func (d *debugger) exceptionInfo(req dap.Request) (any, error) {
	var args struct {
		Thread int `json:"threadId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	d.stoppedMu.Lock()
	text, ok := d.exceptions[args.Thread]
	d.stoppedMu.Unlock()
	if !ok {
		return nil, errors.New("this thread is not stopped at a panic")
	}
	return map[string]any{"exceptionId": panicFilter, "description": text, "breakMode": "always"}, nil
}

// pause asks a running thread of the debugged cell to stop.
func (d *debugger) pause(req dap.Request) (any, error) {
	var args struct {
		Thread int `json:"threadId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	p, ok := d.exec.(engine.Pauser)
	if !ok {
		return nil, errors.New("this interpreter cannot pause cells")
	}
	if args.Thread == 0 {
		args.Thread = 1
	}
	return nil, p.Pause(args.Thread)
}

// evaluate evaluates an expression in a stopped frame (see
// engine.FrameEvaluator for what it can evaluate).
func (d *debugger) evaluate(req dap.Request) (any, error) {
	var args struct {
		Expression string `json:"expression"`
		Frame      int    `json:"frameId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	ev, ok := d.exec.(engine.FrameEvaluator)
	if !ok {
		return nil, errors.New("this interpreter cannot evaluate in a stopped frame")
	}
	if len(d.stoppedThreads()) == 0 {
		return nil, errors.New("no cell is stopped: evaluate works in a stopped frame (the variables panel lists the session's variables)")
	}
	v, err := ev.EvaluateInFrame(args.Frame, args.Expression)
	if err != nil {
		return nil, err
	}
	return map[string]any{"result": v.Value, "type": v.Type, "variablesReference": 0}, nil
}
