package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// mockVars is an interpreter whose session holds fixed variables, for
// the debugger's tests: x, a float, and p, a struct with parts.
type mockVars struct {
	mu      sync.Mutex
	busy    bool
	started chan struct{} // when not nil, receives one value per "wait" cell once it holds the session
}

// Execute holds the session as a running cell does: the cell "wait"
// runs until interrupted.
func (m *mockVars) Execute(ctx context.Context, code string, _ engine.Output) (*display.Data, error) {
	if code != "wait" {
		return nil, nil
	}
	m.setBusy(true)
	defer m.setBusy(false)
	if m.started != nil {
		m.started <- struct{}{}
	}
	<-ctx.Done()
	return nil, &engine.Error{Name: "Interrupted", Value: "interrupted"}
}

func (m *mockVars) setBusy(b bool) { m.mu.Lock(); m.busy = b; m.mu.Unlock() }

func (m *mockVars) Variables(path []string) ([]engine.Variable, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.busy {
		return nil, engine.ErrBusy
	}
	switch strings.Join(path, ".") {
	case "":
		return []engine.Variable{
			{Name: "p", Type: "Point", Value: "{1 2}", Parts: 2},
			{Name: "x", Type: "float64", Value: "3.5"},
		}, nil
	case "p":
		return []engine.Variable{
			{Name: "X", Type: "float64", Value: "1"},
			{Name: "Y", Type: "float64", Value: "2"},
		}, nil
	}
	return nil, engine.ErrBusy
}

// debugStep is one request of a debug session and what its response
// must hold: success, and the body as JSON with the fields listed in
// want (a field absent from want is not compared).
type debugStep struct {
	command    string
	args       string // JSON arguments, "" for none
	success    bool
	want       map[string]any
	wantEvents []string
}

// runSteps sends steps to d in order and checks each response.
func runSteps(t *testing.T, d *debugger, steps []debugStep) {
	t.Helper()
	for i, st := range steps {
		req := dap.Request{Seq: i + 1, Type: "request", Command: st.command, Arguments: json.RawMessage(st.args)}
		resp, events := d.handle(req)
		if resp.Success != st.success || resp.Command != st.command || resp.RequestSeq != i+1 || resp.Type != "response" {
			t.Errorf("%s: response %+v, want success %v", st.command, resp, st.success)
			continue
		}
		if !resp.Success && resp.Message == "" {
			t.Errorf("%s: failure without a message", st.command)
		}
		var got []string
		for _, e := range events {
			got = append(got, e.Event)
		}
		if !reflect.DeepEqual(got, st.wantEvents) {
			t.Errorf("%s: events %v, want %v", st.command, got, st.wantEvents)
		}
		var body map[string]any
		raw, _ := json.Marshal(resp.Body)
		json.Unmarshal(raw, &body)
		for k, want := range st.want {
			if w, _ := json.Marshal(want); string(w) != string(must(json.Marshal(body[k]))) {
				t.Errorf("%s: body.%s = %s, want %s", st.command, k, must(json.Marshal(body[k])), w)
			}
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestDebugger(t *testing.T) {
	const code = "x := 3.5\n"
	cases := []struct {
		name  string
		steps []debugStep
	}{
		{"JupyterLab's start", []debugStep{
			{command: "debugInfo", success: true, want: map[string]any{
				"isStarted": false, "hashMethod": "Murmur2", "hashSeed": debugHashSeed, "tmpFileSuffix": ".go",
				"breakpoints": []any{}, "stoppedThreads": []any{}, "richRendering": true, "exceptionPaths": []any{}}},
			{command: "initialize", args: `{"clientID":"jupyterlab","adapterID":"gocalc","linesStartAt1":true}`, success: true,
				want: map[string]any{"supportsConfigurationDoneRequest": true, "exceptionBreakpointFilters": []any{}}},
			{command: "attach", args: `{}`, success: true, wantEvents: []string{"initialized"}},
			{command: "configurationDone", args: `{}`, success: true},
			{command: "debugInfo", success: true, want: map[string]any{"isStarted": true}},
		}},
		{"requests that need initialize", []debugStep{
			{command: "attach", success: false},
			{command: "dumpCell", args: `{"code":"x"}`, success: false},
			{command: "setBreakpoints", args: `{"source":{"path":"p"},"breakpoints":[{"line":1}]}`, success: false},
		}},
		{"dumpCell and source", []debugStep{
			{command: "initialize", success: true},
			{command: "dumpCell", args: `{"code":"x := 3.5\n"}`, success: true,
				// 269345577 is the Murmur2 of the code with gocalc's seed, as ipykernel computes it.
				want: map[string]any{"sourcePath": newDebugger(nil).prefix + "269345577.go"}},
			{command: "source", args: `{"source":{"path":"` + jsonEscape(newDebugger(nil).cellPath(code)) + `"}}`, success: true,
				want: map[string]any{"content": code}},
			{command: "source", args: `{"source":{"path":"/nowhere.go"}}`, success: false},
		}},
		{"breakpoints recorded, unverified, forgotten at disconnect", []debugStep{
			{command: "initialize", success: true},
			{command: "setBreakpoints", args: `{"source":{"path":"/c.go"},"breakpoints":[{"line":2}],"sourceModified":false}`, success: true,
				want: map[string]any{"breakpoints": []any{map[string]any{"verified": false, "line": 2, "source": map[string]any{"path": "/c.go"},
					"message": "this interpreter cannot stop at breakpoints"}}}},
			{command: "debugInfo", success: true, want: map[string]any{
				"breakpoints": []any{map[string]any{"source": "/c.go", "breakpoints": []any{map[string]any{"line": 2}}}}}},
			{command: "disconnect", args: `{"restart":false,"terminateDebuggee":false}`, success: true},
			{command: "debugInfo", success: true, want: map[string]any{"isStarted": false, "breakpoints": []any{}}},
		}},
		{"variables panel", []debugStep{
			{command: "inspectVariables", args: `{}`, success: true, want: map[string]any{"variables": []any{
				map[string]any{"name": "p", "type": "Point", "value": "{1 2}", "evaluateName": "p", "variablesReference": 1},
				map[string]any{"name": "x", "type": "float64", "value": "3.5", "evaluateName": "x", "variablesReference": 0},
			}}},
			{command: "variables", args: `{"variablesReference":1}`, success: true, want: map[string]any{"variables": []any{
				map[string]any{"name": "X", "type": "float64", "value": "1", "variablesReference": 0},
				map[string]any{"name": "Y", "type": "float64", "value": "2", "variablesReference": 0},
			}}},
			{command: "variables", args: `{"variablesReference":7}`, success: false},
			{command: "richInspectVariables", args: `{"variableName":"x"}`, success: true,
				want: map[string]any{"data": map[string]any{"text/plain": "3.5"}, "metadata": map[string]any{}}},
			{command: "richInspectVariables", args: `{"variableName":"special variables"}`, success: true,
				want: map[string]any{"data": map[string]any{}}},
			{command: "richInspectVariables", args: `{"variableName":"nope"}`, success: false},
		}},
		{"not implemented yet", []debugStep{
			{command: "stackTrace", args: `{"threadId":1}`, success: false},
			{command: "next", args: `{"threadId":1}`, success: false},
			{command: "modules", args: `{}`, success: true, want: map[string]any{"modules": []any{}, "totalModules": 0}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runSteps(t, newDebugger(&mockVars{}), tc.steps)
		})
	}
}

func jsonEscape(s string) string {
	b := must(json.Marshal(s))
	return string(b[1 : len(b)-1])
}

// While a cell runs, inspectVariables answers the listing it had, and
// the references it handed out stay valid.
func TestDebuggerInspectWhileBusy(t *testing.T) {
	m := &mockVars{}
	d := newDebugger(m)
	want := map[string]any{"variables": []any{
		map[string]any{"name": "p", "type": "Point", "value": "{1 2}", "evaluateName": "p", "variablesReference": 1},
		map[string]any{"name": "x", "type": "float64", "value": "3.5", "evaluateName": "x", "variablesReference": 0},
	}}
	runSteps(t, d, []debugStep{{command: "inspectVariables", success: true, want: want}})
	m.setBusy(true)
	runSteps(t, d, []debugStep{
		{command: "inspectVariables", success: true, want: want},
		{command: "variables", args: `{"variablesReference":1}`, success: false},
	})
	m.setBusy(false)
	runSteps(t, d, []debugStep{{command: "variables", args: `{"variablesReference":1}`, success: true}})
}

// An interpreter without engine.VariableInspector fails the variable
// requests with a message, and the rest works.
func TestDebuggerWithoutInspector(t *testing.T) {
	runSteps(t, newDebugger(mockExec{}), []debugStep{
		{command: "inspectVariables", success: false},
		{command: "initialize", success: true},
	})
}

// Over the sockets: kernel_info advertises the debugger, debug_request on
// control is answered with debug_reply, wrapped in busy and idle, and
// attach's initialized event arrives on iopub as debug_event.
func TestDebugRequestOnControl(t *testing.T) {
	k := startKernel(t, &mockVars{})
	info := content(k.reply("control", k.send("control", "kernel_info_request", map[string]any{})))
	if info["debugger"] != true || !reflect.DeepEqual(info["supported_features"], []any{"debugger"}) {
		t.Errorf("kernel_info debugger %v, supported_features %v", info["debugger"], info["supported_features"])
	}
	id := k.send("control", "debug_request", map[string]any{"seq": 1, "type": "request", "command": "initialize",
		"arguments": map[string]any{"clientID": "test", "adapterID": "gocalc"}})
	rep := k.reply("control", id)
	if rep.Header.MsgType != "debug_reply" {
		t.Fatalf("reply %s, want debug_reply", rep.Header.MsgType)
	}
	if c := content(rep); c["success"] != true || c["command"] != "initialize" || c["request_seq"] != 1.0 {
		t.Errorf("initialize reply %v", c)
	}
	id = k.send("control", "debug_request", map[string]any{"seq": 2, "type": "request", "command": "attach", "arguments": map[string]any{}})
	if c := content(k.reply("control", id)); c["success"] != true {
		t.Errorf("attach reply %v", c)
	}
	out := k.outputs(id)
	if got, want := types(out), []string{"status:busy", "debug_event", "status:idle"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub %v, want %v", got, want)
	}
	if c := content(out[1]); c["type"] != "event" || c["event"] != "initialized" {
		t.Errorf("debug_event %v", c)
	}

	id = k.send("control", "debug_request", map[string]any{"seq": 2, "type": "request", "command": "inspectVariables", "arguments": map[string]any{}})
	c := content(k.reply("control", id))
	vars, _ := c["body"].(map[string]any)["variables"].([]any)
	if c["success"] != true || len(vars) != 2 || vars[1].(map[string]any)["value"] != "3.5" {
		t.Errorf("inspectVariables reply %v", c)
	}

	id, fs := k.rawFrames("debug_request", []byte(`{"seq":3}`))
	k.sendFrames("control", fs)
	if c := content(k.reply("control", id)); c["status"] != "error" {
		t.Errorf("debug_request without a command: %v, want status error", c)
	}
}

// While a cell runs, debug requests on control are answered at once: the
// variables panel gets the listing from before the cell.
func TestDebugRequestWhileACellRuns(t *testing.T) {
	m := &mockVars{started: make(chan struct{}, 1)}
	k := startKernel(t, m)
	inspect := func(seq int) map[string]any {
		id := k.send("control", "debug_request", map[string]any{"seq": seq, "type": "request", "command": "inspectVariables"})
		return content(k.reply("control", id))
	}
	before := inspect(1)
	if before["success"] != true {
		t.Fatalf("inspectVariables: %v", before)
	}
	cell := k.send("shell", "execute_request", map[string]any{"code": "wait", "silent": false})
	<-m.started
	during := inspect(2)
	if during["success"] != true || !reflect.DeepEqual(during["body"], before["body"]) {
		t.Errorf("inspectVariables while a cell runs: %v, want the listing from before: %v", during, before["body"])
	}
	k.reply("control", k.send("control", "interrupt_request", map[string]any{}))
	if c := content(k.reply("shell", cell)); c["status"] != "error" {
		t.Errorf("interrupted cell: %v", c)
	}
}

// mockStops is an interpreter that stops: the cell "stop" stops once on
// line 2 of its code, where the local y is 42, until it is resumed.
type mockStops struct {
	mockVars
	mu2     sync.Mutex
	onStop  func(engine.Stop)
	lines   map[string][]int
	resumed chan engine.Resume
	stopped bool
}

func (m *mockStops) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	if code != "stop" {
		return m.mockVars.Execute(ctx, code, out)
	}
	m.mu2.Lock()
	f, lines := m.onStop, m.lines[code]
	m.stopped = true
	m.mu2.Unlock()
	if f != nil && len(lines) > 0 {
		f(engine.Stop{Thread: 1, Reason: "breakpoint"})
		select {
		case <-m.resumed:
		case <-ctx.Done():
			return nil, &engine.Error{Name: "Interrupted", Value: "interrupted"}
		}
	}
	m.mu2.Lock()
	m.stopped = false
	m.mu2.Unlock()
	out.Stream("stdout", "done\n")
	return nil, nil
}

func (m *mockStops) SetBreakpoints(code string, lines []int) []bool {
	m.mu2.Lock()
	defer m.mu2.Unlock()
	m.lines[code] = lines
	ok := make([]bool, len(lines))
	for i, l := range lines {
		ok[i] = l == 2
	}
	return ok
}

func (m *mockStops) OnStop(f func(engine.Stop)) { m.mu2.Lock(); m.onStop = f; m.mu2.Unlock() }
func (m *mockStops) Threads() []engine.Thread   { return []engine.Thread{{ID: 1, Name: "cell"}} }

func (m *mockStops) StackTrace(thread int) ([]engine.Frame, error) {
	return []engine.Frame{{ID: 7, Name: "f", Code: "stop", Line: 2, Column: 1}}, nil
}

func (m *mockStops) FrameVariables(frame int, path []string) ([]engine.Variable, error) {
	if frame != 7 || len(path) != 0 {
		return nil, errors.New("no such frame")
	}
	return []engine.Variable{{Name: "y", Type: "int", Value: "42"}}, nil
}

func (m *mockStops) Resume(thread int, how engine.Resume) error {
	m.mu2.Lock()
	defer m.mu2.Unlock()
	if !m.stopped {
		return errors.New("not stopped")
	}
	m.resumed <- how
	return nil
}

func (m *mockStops) Detach() {
	m.mu2.Lock()
	m.lines = map[string][]int{}
	m.mu2.Unlock()
}

// Over the sockets, with an interpreter that stops: setBreakpoints is
// verified, the stopped event arrives on iopub while the cell runs, and
// stackTrace, scopes, variables and continue are answered on control
// until the cell completes.
func TestDebuggerStopsACell(t *testing.T) {
	m := &mockStops{lines: map[string][]int{}, resumed: make(chan engine.Resume, 1)}
	k := startKernel(t, m)
	seq := 0
	request := func(command string, args any) map[string]any {
		t.Helper()
		seq++
		c := content(k.reply("control", k.send("control", "debug_request",
			map[string]any{"seq": seq, "type": "request", "command": command, "arguments": args})))
		if c["success"] != true {
			t.Fatalf("%s: %v", command, c)
		}
		body, _ := c["body"].(map[string]any)
		return body
	}
	request("initialize", map[string]any{"adapterID": "gocalc"})
	request("attach", map[string]any{})
	path := request("dumpCell", map[string]any{"code": "stop"})["sourcePath"].(string)
	bps := request("setBreakpoints", map[string]any{"source": map[string]any{"path": path},
		"breakpoints": []any{map[string]any{"line": 2}, map[string]any{"line": 9}}})["breakpoints"].([]any)
	if bps[0].(map[string]any)["verified"] != true || bps[1].(map[string]any)["verified"] != false {
		t.Errorf("breakpoints %v", bps)
	}
	request("configurationDone", map[string]any{})

	cell := k.send("shell", "execute_request", map[string]any{"code": "stop", "silent": false})
	timeout := time.After(10 * time.Second)
	for stopped := false; !stopped; {
		select {
		case msg := <-k.recv["iopub"]:
			if c := content(msg); msg.Header.MsgType == "debug_event" && c["event"] == "stopped" {
				body := c["body"].(map[string]any)
				if body["reason"] != "breakpoint" || body["threadId"] != 1.0 {
					t.Errorf("stopped %v", body)
				}
				stopped = true
			}
		case <-timeout:
			t.Fatal("no stopped event")
		}
	}
	if got := request("debugInfo", nil)["stoppedThreads"]; !reflect.DeepEqual(got, []any{1.0}) {
		t.Errorf("stoppedThreads %v", got)
	}
	frames := request("stackTrace", map[string]any{"threadId": 1})["stackFrames"].([]any)
	top := frames[0].(map[string]any)
	if top["line"] != 2.0 || top["source"].(map[string]any)["path"] != path || top["name"] != "f" {
		t.Errorf("stackTrace %v", frames)
	}
	// The cell is named as JupyterLab names it, by its execution count;
	// the path holds "ipykernel_", for which JupyterLab shows that name.
	if name := top["source"].(map[string]any)["name"]; name != "Cell [1]" || !strings.Contains(path, "ipykernel_") {
		t.Errorf("source name %v of %s", name, path)
	}
	scopes := request("scopes", map[string]any{"frameId": top["id"]})["scopes"].([]any)
	if len(scopes) != 2 || scopes[0].(map[string]any)["name"] != "Locals" || scopes[1].(map[string]any)["name"] != "Globals" {
		t.Errorf("scopes %v", scopes)
	}
	ref := scopes[0].(map[string]any)["variablesReference"]
	vars := request("variables", map[string]any{"variablesReference": ref})["variables"].([]any)
	if v := vars[0].(map[string]any); v["name"] != "y" || v["value"] != "42" || v["type"] != "int" {
		t.Errorf("variables %v", vars)
	}
	rich := request("richInspectVariables", map[string]any{"variableName": "y", "frameId": top["id"]})
	if rich["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("richInspectVariables in the frame: %v", rich)
	}
	request("continue", map[string]any{"threadId": 1})
	if c := content(k.reply("shell", cell)); c["status"] != "ok" {
		t.Errorf("cell %v", c)
	}
	if got := request("debugInfo", nil)["stoppedThreads"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("stoppedThreads after the cell %v", got)
	}
	request("disconnect", map[string]any{})
	if m.onStop != nil || len(m.lines) != 0 {
		t.Error("disconnect left the interpreter attached")
	}
}

// A breakpoint the interpreter refuses says why: a line the cell does
// not have, or a line where it cannot stop.
func TestDebuggerRefusedBreakpoints(t *testing.T) {
	m := &mockStops{lines: map[string][]int{}, resumed: make(chan engine.Resume, 1)}
	d := newDebugger(m)
	code := "a\nb\nc\n"
	path := jsonEscape(d.cellPath(code))
	bp := func(line int, verified bool, message string) map[string]any {
		b := map[string]any{"verified": verified, "line": line, "source": map[string]any{"path": d.cellPath(code)}}
		if message != "" {
			b["message"] = message
		}
		return b
	}
	runSteps(t, d, []debugStep{
		{command: "initialize", success: true},
		{command: "dumpCell", args: `{"code":"a\nb\nc\n"}`, success: true},
		{command: "setBreakpoints", args: `{"source":{"path":"` + path + `"},"breakpoints":[{"line":1},{"line":2},{"line":5}]}`, success: true,
			want: map[string]any{"breakpoints": []any{bp(1, false, noStopMessage), bp(2, true, ""), bp(5, false, "no such line in the cell")}}},
	})
}

// mockPanics is mockStops that also stops at panics, pauses and
// evaluates in its frame 7 (where y is 42).
type mockPanics struct {
	mockStops
	panics bool
	paused []int
}

func (m *mockPanics) StopOnPanic(on bool) { m.mu2.Lock(); m.panics = on; m.mu2.Unlock() }
func (m *mockPanics) Pause(thread int) error {
	m.mu2.Lock()
	defer m.mu2.Unlock()
	m.paused = append(m.paused, thread)
	return nil
}

func (m *mockPanics) EvaluateInFrame(frame int, expr string) (engine.Variable, error) {
	if frame == 7 && expr == "y" {
		return engine.Variable{Name: "y", Type: "int", Value: "42"}, nil
	}
	return engine.Variable{}, errors.New("cannot evaluate")
}

// Exception filters, setExceptionBreakpoints, a stop at a panic with its
// text in the stopped event and exceptionInfo, evaluate and pause.
func TestDebuggerPanicsPauseEvaluate(t *testing.T) {
	m := &mockPanics{mockStops: mockStops{lines: map[string][]int{}, resumed: make(chan engine.Resume, 1)}}
	d := newDebugger(m)
	var events []dap.Event
	d.publish = func(e dap.Event) { events = append(events, e) }
	filter := map[string]any{"filter": "panic", "label": "Go panics", "default": false}
	runSteps(t, d, []debugStep{
		{command: "initialize", success: true, want: map[string]any{"supportsExceptionInfoRequest": true}},
		{command: "debugInfo", success: true, want: map[string]any{"exceptionPaths": []any{"Go panics"}}},
		{command: "setExceptionBreakpoints", args: `{"filters":["panic","raised"]}`, success: true, want: map[string]any{"breakpoints": []any{
			map[string]any{"verified": true},
			map[string]any{"verified": false, "message": "gocalc stops only at panics (filter \"panic\")"}}}},
		{command: "evaluate", args: `{"expression":"y","frameId":7}`, success: false}, // nothing stopped
		{command: "pause", args: `{"threadId":1}`, success: true},
	})
	resp, _ := d.handle(dap.Request{Seq: 1, Type: "request", Command: "initialize"})
	raw := must(json.Marshal(resp.Body))
	if !strings.Contains(string(raw), `"filter":"panic"`) {
		t.Errorf("initialize offers %s, want %v", raw, filter)
	}
	if !m.panics || !reflect.DeepEqual(m.paused, []int{1}) {
		t.Errorf("panics %v, paused %v", m.panics, m.paused)
	}

	d.onStop(engine.Stop{Thread: 1, Reason: "exception", Text: "panic: boom"})
	if len(events) != 1 {
		t.Fatalf("events %v", events)
	}
	if body := must(json.Marshal(events[0].Body)); !strings.Contains(string(body), `"reason":"exception"`) || !strings.Contains(string(body), `"text":"panic: boom"`) {
		t.Errorf("stopped event %s", body)
	}
	m.mu2.Lock()
	m.stopped = true
	m.mu2.Unlock()
	runSteps(t, d, []debugStep{
		{command: "exceptionInfo", args: `{"threadId":1}`, success: true,
			want: map[string]any{"exceptionId": "panic", "description": "panic: boom", "breakMode": "always"}},
		{command: "evaluate", args: `{"expression":"y","frameId":7,"context":"repl"}`, success: true,
			want: map[string]any{"result": "42", "type": "int", "variablesReference": 0}},
		{command: "evaluate", args: `{"expression":"y+1","frameId":7}`, success: false},
		{command: "continue", args: `{"threadId":1}`, success: true, wantEvents: []string{"continued"}},
		{command: "exceptionInfo", args: `{"threadId":1}`, success: false},
		{command: "disconnect", args: `{}`, success: true},
	})
	if m.panics {
		t.Error("disconnect left the stops at panics on")
	}
}
