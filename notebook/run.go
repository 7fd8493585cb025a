package notebook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// Options controls Run. The zero value runs every cell without a time
// limit and stops at the first error.
type Options struct {
	// Timeout limits each cell's run; 0 means no limit. A cell that runs
	// out of time is interrupted; its error ends the run, or with
	// AllowErrors is recorded as its output and the run goes on (as
	// nbclient's interrupt_on_timeout does). A cell that does not stop
	// when interrupted always ends the run.
	Timeout time.Duration
	// AllowErrors keeps running after a failing cell, as nbconvert's
	// --allow-errors does; the error is recorded in the cell's outputs.
	AllowErrors bool
	// LanguageInfo, when not nil, is stored as the notebook's
	// metadata.language_info, as nbclient stores the kernel's.
	LanguageInfo map[string]any
	// OnCell, when not nil, is called before each code cell runs, with its
	// 1-based position among all cells.
	OnCell func(index int, c *Cell)
}

// Result summarises a run.
type Result struct {
	Executed int          // code cells run
	Errors   []*CellError // the cells that failed (only more than one with AllowErrors)
}

// CellError is the failure of one cell.
type CellError struct {
	Index          int // 1-based position of the cell among all cells
	ExecutionCount int // its execution count (the n of In [n])
	ID             string
	TimedOut       bool  // the cell was interrupted by Options.Timeout
	Err            error // the interpreter's error, usually an *engine.Error
}

// Error says which cell failed, by position and execution count, and how.
func (e *CellError) Error() string {
	if e.TimedOut {
		return fmt.Sprintf("cell %d (In [%d]) timed out: %v", e.Index, e.ExecutionCount, e.Err)
	}
	return fmt.Sprintf("cell %d (In [%d]) failed: %v", e.Index, e.ExecutionCount, e.Err)
}

// Unwrap returns the interpreter's error.
func (e *CellError) Unwrap() error { return e.Err }

// errStuck is the error of a cell that did not return after it was
// interrupted: the interpreter may still be running it, so no other cell
// can run.
var errStuck = &engine.Error{Name: "Interrupted", Value: "the cell did not stop after it was interrupted"}

// gracePeriod is how long Run waits for an interrupted cell to return
// before giving up on it.
const gracePeriod = 5 * time.Second

// Run executes nb's code cells in order with x, replacing each cell's
// outputs and execution count. It returns at the first failing cell with a
// *CellError unless opts.AllowErrors is set; a cancelled ctx, or a cell
// that does not stop when interrupted, always ends the run. Everything x
// sends to the Output it runs a cell with goes to that cell (x routes its
// cells' display calls there, as package interp does: Run installs no
// display.Publisher); output that arrives after its cell returned goes to
// the cell running at that time. Widgets the cells open (package comm,
// target jupyter.widget) are recorded, and the state of those still open
// at the end is saved in the notebook's metadata.widgets, as nbclient
// saves it, so that a viewer shows them.
func Run(ctx context.Context, nb *Notebook, x engine.Executor, opts Options) (*Result, error) {
	col := &collector{ids: map[string][]outputRef{}}
	defer col.setCell(nil)
	widgets := newWidgetRecorder()
	defer comm.SetTransport(widgets)()
	defer saveWidgets(nb, widgets)

	res := &Result{}
	if opts.LanguageInfo != nil {
		if nb.Metadata == nil {
			nb.Metadata = map[string]any{}
		}
		nb.Metadata["language_info"] = opts.LanguageInfo
	}
	for i, c := range nb.Cells {
		if c.Type != "code" || strings.TrimSpace(c.Source) == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if opts.OnCell != nil {
			opts.OnCell(i+1, c)
		}
		res.Executed++
		c.ExecutionCount = res.Executed
		col.setCell(c)
		value, timedOut, err := execute(ctx, x, c.Source, col, opts.Timeout)
		if value != nil {
			col.add(c, Output{
				"output_type":     "execute_result",
				"execution_count": c.ExecutionCount,
				"data":            normalize(value.Data),
				"metadata":        normalize(value.Metadata),
			})
		}
		if err != nil {
			col.add(c, errorOutput(err))
		}
		col.finishCell(c)
		if err == nil {
			continue
		}
		ce := &CellError{Index: i + 1, ExecutionCount: c.ExecutionCount, ID: c.ID, TimedOut: timedOut, Err: err}
		res.Errors = append(res.Errors, ce)
		if !opts.AllowErrors || ctx.Err() != nil || errors.Is(err, errStuck) {
			return res, ce
		}
	}
	return res, nil
}

// saveWidgets stores the state of the widgets the cells left open in the
// notebook's metadata.widgets, as nbclient does; a notebook without widgets
// loses the widget state of an earlier run.
func saveWidgets(nb *Notebook, w *widgetRecorder) {
	md := w.metadata()
	if md == nil {
		delete(nb.Metadata, "widgets")
		return
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	nb.Metadata["widgets"] = md
}

// execute runs one cell, with the per-cell timeout if any. It reports
// whether the timeout interrupted the cell.
func execute(ctx context.Context, x engine.Executor, code string, out engine.Output, timeout time.Duration) (*display.Data, bool, error) {
	if timeout <= 0 {
		v, err := safeExecute(ctx, x, code, out)
		return v, false, err
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		v   *display.Data
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := safeExecute(cctx, x, code, out)
		done <- result{v, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-cctx.Done():
		select {
		case r = <-done:
		case <-time.After(gracePeriod):
			r.err = errStuck
		}
	}
	if errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		if r.err == nil {
			return r.v, false, nil // finished just in time
		}
		return nil, true, fmt.Errorf("no result after %v: %w", timeout, r.err)
	}
	return r.v, false, r.err
}

// safeExecute calls x.Execute, turning a panic (a broken Executor
// contract) into a cell error rather than a crash of the whole run.
func safeExecute(ctx context.Context, x engine.Executor, code string, out engine.Output) (v *display.Data, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, &engine.Error{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{fmt.Sprintf("panic: %v", p)}}
		}
	}()
	return x.Execute(ctx, code, out)
}

func errorOutput(err error) Output {
	var e *engine.Error
	if !errors.As(err, &e) {
		e = &engine.Error{Name: "Error", Value: err.Error()}
	}
	tb := make([]any, 0, len(e.Traceback))
	for _, l := range e.Traceback {
		tb = append(tb, l)
	}
	if len(tb) == 0 {
		tb = append(tb, e.Error())
	}
	return Output{"output_type": "error", "ename": e.Name, "evalue": e.Value, "traceback": tb}
}

// normalize turns v into plain JSON values (maps, slices, strings,
// json.Number, bools), which also snapshots it: a cell that changes a
// bundle after showing it does not change the recorded output. Values
// JSON cannot encode are recorded as their text.
func normalize(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		b, err := json.Marshal(v)
		if err != nil {
			out[k] = fmt.Sprint(v)
			continue
		}
		var g any
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber()
		if err := dec.Decode(&g); err != nil {
			out[k] = fmt.Sprint(v)
			continue
		}
		out[k] = g
	}
	return out
}
