package notebook

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// scriptExecutor is a small Executor for the runner's tests: each line of
// a cell is a command.
//
//	out TEXT / err TEXT   stream TEXT+"\n" to stdout / stderr
//	raw TEXT              stream TEXT with \r and \b escapes, no newline
//	show TEXT             display.Text(TEXT), through the display package
//	handle ID TEXT        show TEXT with display_id ID
//	update ID TEXT        update display_id ID to TEXT
//	clear / clearwait     clear_output(wait=false/true)
//	value TEXT            the cell's value is TEXT
//	fail TEXT             the cell fails with TEXT
//	spin                  wait until interrupted
//	input                 ask for input and print the error
//	later TEXT            print TEXT from a goroutine after the cell returned
//	panic                 break the Executor contract by panicking
//	widget ID VALUE       open widget model ID with value VALUE (a string)
//	set ID VALUE          update widget ID's value
//	close ID              close widget ID
type scriptExecutor struct {
	wg    sync.WaitGroup
	later chan string
	cells []string
}

func (s *scriptExecutor) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	s.cells = append(s.cells, code)
	// An interpreter sends its cells' display calls to out, as package
	// interp does.
	defer display.SetPublisher(out)()
	var value *display.Data
	for _, line := range strings.Split(strings.TrimSpace(code), "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "out":
			out.Stream("stdout", arg+"\n")
		case "err":
			out.Stream("stderr", arg+"\n")
		case "raw":
			out.Stream("stdout", strings.NewReplacer(`\r`, "\r", `\b`, "\b", `\n`, "\n").Replace(arg))
		case "show":
			display.Text(arg)
		case "widget", "set", "close":
			id, v, _ := strings.Cut(arg, " ")
			scriptWidget(cmd, id, v)
		case "handle":
			id, text, _ := strings.Cut(arg, " ")
			d := display.New("text/plain", text)
			d.ID = id
			display.Publish(d)
		case "update":
			id, text, _ := strings.Cut(arg, " ")
			d := display.New("text/plain", text)
			d.ID = id
			out.Update(d)
		case "clear":
			display.Clear()
		case "clearwait":
			display.ClearOnNext()
		case "value":
			d := display.New("text/plain", arg)
			value = &d
		case "fail":
			return nil, &engine.Error{Name: "CompileError", Value: arg, Traceback: []string{"cell:1:1: " + arg}}
		case "spin":
			<-ctx.Done()
			return nil, &engine.Error{Name: "Interrupted", Value: "interrupted"}
		case "input":
			_, err := out.Input("name? ", false)
			out.Stream("stdout", fmt.Sprintf("input: %v\n", err == engine.ErrNoStdin))
		case "later":
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				<-s.later
				out.Stream("stdout", arg+"\n")
			}()
		case "panic":
			panic("executor bug")
		}
	}
	return value, nil
}

func newNotebook(sources ...string) *Notebook {
	nb := &Notebook{Metadata: map[string]any{}, Minor: 5}
	for i, src := range sources {
		typ := "code"
		if strings.HasPrefix(src, "# ") {
			typ = "markdown"
		}
		nb.Cells = append(nb.Cells, &Cell{ID: fmt.Sprint("c", i), Type: typ, Source: src, Metadata: map[string]any{}})
	}
	return nb
}

func text(o Output) string {
	if o["output_type"] == "stream" {
		return o["name"].(string) + ":" + o["text"].(string)
	}
	if d, ok := o["data"].(map[string]any); ok {
		return o["output_type"].(string) + ":" + d["text/plain"].(string)
	}
	return o["output_type"].(string) + ":" + o["ename"].(string) + ":" + o["evalue"].(string)
}

func texts(c *Cell) []string {
	var s []string
	for _, o := range c.Outputs {
		s = append(s, text(o))
	}
	return s
}

func TestRunCollectsOutputs(t *testing.T) {
	nb := newNotebook(
		"# Title",
		"out a\nout b\nerr oops\nout c\nvalue 42",
		"  \n",
		"show hello\nhandle h1 first\nout x",
		"update h1 second\nhandle h1 again\nvalue done",
		"raw 10%\\r50%\\r100%\\n",
		"input",
	)
	nb.Cells[2].Outputs = []Output{{"output_type": "stream", "name": "stdout", "text": "stale"}}
	x := &scriptExecutor{}
	info := map[string]any{"name": "go"}
	res, err := Run(context.Background(), nb, x, Options{LanguageInfo: info})
	if err != nil {
		t.Fatal(err)
	}
	if res.Executed != 5 || len(res.Errors) != 0 {
		t.Errorf("result = %+v, want 5 executed, no errors", res)
	}
	want := [][]string{
		nil,
		{"stdout:a\nb\n", "stderr:oops\n", "stdout:c\n", "execute_result:42"},
		{"stdout:stale"}, // blank cells are skipped, as nbclient skips them
		{"display_data:hello", "display_data:second", "stdout:x\n"},
		{"display_data:again", "execute_result:done"},
		{"stdout:100%\n"},
		{"stdout:input: true\n"},
	}
	for i, c := range nb.Cells {
		if got := texts(c); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("cell %d outputs = %q, want %q", i+1, got, want[i])
		}
	}
	counts := []int{0, 1, 0, 2, 3, 4, 5}
	for i, c := range nb.Cells {
		if c.ExecutionCount != counts[i] {
			t.Errorf("cell %d execution count = %d, want %d", i+1, c.ExecutionCount, counts[i])
		}
	}
	if ec := nb.Cells[1].Outputs[3]["execution_count"]; ec != 1 {
		t.Errorf("execute_result execution_count = %v, want 1", ec)
	}
	if !reflect.DeepEqual(nb.Metadata["language_info"], info) {
		t.Errorf("language_info = %v", nb.Metadata["language_info"])
	}
	if _, ok := nb.Cells[3].Outputs[1]["transient"]; ok {
		t.Errorf("display_id stored in the notebook: %v", nb.Cells[3].Outputs[1])
	}
	// The executed notebook must encode and parse back to the same outputs.
	b, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatalf("parsing the executed notebook: %v\n%s", err, b)
	}
	if got := texts(back.Cells[1]); !reflect.DeepEqual(got, want[1]) {
		t.Errorf("after round trip: %q", got)
	}
}

func TestRunClearOutput(t *testing.T) {
	nb := newNotebook(
		"handle p 0%\nout before\nclear\nout after",
		"out one\nclearwait\nout two\nclearwait\nclearwait\nshow three",
		"out kept\nclearwait",
		"update p 100%",
	)
	if _, err := Run(context.Background(), nb, &scriptExecutor{}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"stdout:after\n"}, {"display_data:three"}, {"stdout:kept\n"}, nil}
	for i, c := range nb.Cells {
		if got := texts(c); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("cell %d outputs = %q, want %q", i+1, got, want[i])
		}
	}
}

func TestRunStopsAtFirstError(t *testing.T) {
	nb := newNotebook("out ok", "out partial\nfail undefined: y", "out never")
	x := &scriptExecutor{}
	res, err := Run(context.Background(), nb, x, Options{})
	var ce *CellError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want *CellError", err)
	}
	if ce.Index != 2 || ce.ExecutionCount != 2 || ce.ID != "c1" || ce.TimedOut {
		t.Errorf("cell error = %+v", ce)
	}
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Value != "undefined: y" {
		t.Errorf("wrapped error = %v", err)
	}
	if len(x.cells) != 2 || res.Executed != 2 {
		t.Errorf("ran %d cells (%d), want 2", len(x.cells), res.Executed)
	}
	out := nb.Cells[1].Outputs
	if got := texts(nb.Cells[1]); !reflect.DeepEqual(got, []string{"stdout:partial\n", "error:CompileError:undefined: y"}) {
		t.Errorf("failing cell outputs = %q", got)
	}
	if tb := out[1]["traceback"]; !reflect.DeepEqual(tb, []any{"cell:1:1: undefined: y"}) {
		t.Errorf("traceback = %#v", tb)
	}
	if want := "cell 2 (In [2]) failed: CompileError: undefined: y"; err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
}

func TestRunAllowErrors(t *testing.T) {
	nb := newNotebook("fail one", "out two", "fail three")
	res, err := Run(context.Background(), nb, &scriptExecutor{}, Options{AllowErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Executed != 3 || len(res.Errors) != 2 || res.Errors[0].Index != 1 || res.Errors[1].Index != 3 {
		t.Errorf("result = %+v", res)
	}
	if got := texts(nb.Cells[1]); !reflect.DeepEqual(got, []string{"stdout:two\n"}) {
		t.Errorf("cell 2 = %q", got)
	}
}

func TestRunTimeout(t *testing.T) {
	nb := newNotebook("out start\nspin", "out after")
	start := time.Now()
	_, err := Run(context.Background(), nb, &scriptExecutor{}, Options{Timeout: 50 * time.Millisecond})
	var ce *CellError
	if !errors.As(err, &ce) || !ce.TimedOut || ce.Index != 1 {
		t.Fatalf("err = %v, want a timed-out CellError for cell 1", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}
	if !strings.Contains(err.Error(), "timed out") {
		t.Errorf("message = %q", err.Error())
	}
	if nb.Cells[1].ExecutionCount != 0 {
		t.Errorf("the cell after a timeout ran")
	}
}

// With AllowErrors, a timed-out cell records its error and the run goes
// on, as nbclient's interrupt_on_timeout does.
func TestRunTimeoutAllowErrors(t *testing.T) {
	nb := newNotebook("out start\nspin", "out after")
	res, err := Run(context.Background(), nb, &scriptExecutor{}, Options{Timeout: 50 * time.Millisecond, AllowErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || !res.Errors[0].TimedOut || res.Executed != 2 {
		t.Fatalf("result = %+v, want one timed-out error and 2 cells run", res)
	}
	outs := nb.Cells[0].Outputs
	if last := outs[len(outs)-1]; last["output_type"] != "error" {
		t.Errorf("cell 1 outputs %v, want the error last", outs)
	}
	if got := texts(nb.Cells[1]); !reflect.DeepEqual(got, []string{"stdout:after\n"}) {
		t.Errorf("cell 2 = %q", got)
	}
}

func TestRunRecoversExecutorPanic(t *testing.T) {
	nb := newNotebook("panic")
	_, err := Run(context.Background(), nb, &scriptExecutor{}, Options{})
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Name != "panic" || ee.Value != "executor bug" {
		t.Errorf("err = %v", err)
	}
}

func TestRunLateOutputGoesToRunningCell(t *testing.T) {
	x := &scriptExecutor{later: make(chan string)}
	nb := newNotebook("later from-goroutine", "out second")
	// Release the goroutine while the second cell is the running one.
	run := &releasing{scriptExecutor: x, at: 2}
	if _, err := Run(context.Background(), nb, run, Options{}); err != nil {
		t.Fatal(err)
	}
	x.wg.Wait()
	if got := texts(nb.Cells[1]); !reflect.DeepEqual(got, []string{"stdout:from-goroutine\nsecond\n"}) {
		t.Errorf("second cell = %q", got)
	}
	if got := texts(nb.Cells[0]); got != nil {
		t.Errorf("first cell = %q, want nothing", got)
	}
}

// releasing lets the goroutines of a scriptExecutor print at the start of
// the at-th cell, and waits until they have.
type releasing struct {
	*scriptExecutor
	at, n int
}

func (r *releasing) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	r.n++
	if r.n == r.at {
		r.later <- ""
		r.wg.Wait()
	}
	return r.scriptExecutor.Execute(ctx, code, out)
}

func TestRunRestoresPublisher(t *testing.T) {
	var got []string
	restore := display.SetPublisher(recordPublisher{&got})
	defer restore()
	if _, err := Run(context.Background(), newNotebook("show inside"), &scriptExecutor{}, Options{}); err != nil {
		t.Fatal(err)
	}
	display.Text("outside")
	if !reflect.DeepEqual(got, []string{"outside"}) {
		t.Errorf("previous publisher saw %q, want only the call made after Run", got)
	}
}

type recordPublisher struct{ got *[]string }

func (r recordPublisher) Publish(d display.Data) {
	*r.got = append(*r.got, d.Data["text/plain"].(string))
}
func (r recordPublisher) Update(d display.Data) {}
func (r recordPublisher) Clear(bool)            {}

// widgetComms maps a script's widget names to the comms opened for them.
var widgetComms = map[string]*comm.Comm{}

func scriptWidget(cmd, name, value string) {
	switch cmd {
	case "widget":
		widgetComms[name] = comm.Open("jupyter.widget", comm.Message{Data: map[string]any{
			"state":        map[string]any{"_model_name": "TextModel", "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0", "value": value},
			"buffer_paths": []any{},
		}}, nil)
	case "set":
		widgetComms[name].Send(comm.Message{Data: map[string]any{"method": "update", "state": map[string]any{"value": value}, "buffer_paths": []any{}}})
	case "close":
		widgetComms[name].Close(comm.Message{})
	}
}

func TestRunSavesWidgetState(t *testing.T) {
	nb := newNotebook("widget a one\nwidget b two", "set a uno\nclose b")
	if _, err := Run(context.Background(), nb, &scriptExecutor{}, Options{}); err != nil {
		t.Fatal(err)
	}
	w, _ := nb.Metadata["widgets"].(map[string]any)
	st, _ := w["application/vnd.jupyter.widget-state+json"].(map[string]any)
	states, _ := st["state"].(map[string]any)
	if len(states) != 1 || st["version_major"] != 2 {
		t.Fatalf("metadata.widgets = %v, want one model", nb.Metadata["widgets"])
	}
	a := states[widgetComms["a"].ID()].(map[string]any)
	if a["model_name"] != "TextModel" || a["state"].(map[string]any)["value"] != "uno" {
		t.Errorf("model a = %v, want a TextModel with value uno", a)
	}
	// A run without widgets drops the state of the last one.
	nb.Cells = nb.Cells[:0]
	if _, err := Run(context.Background(), nb, &scriptExecutor{}, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := nb.Metadata["widgets"]; ok {
		t.Errorf("stale metadata.widgets kept")
	}
}
