package kernel

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/kernel/internal/wire"
)

// rawFrames builds a signed request whose content is raw bytes.
func (c *testClient) rawFrames(typ string, body []byte) (string, [][]byte) {
	m := &wire.Message{
		Header:  wire.Header{MsgID: wire.NewID(), Session: c.session, Username: "test", Date: wire.Now(), MsgType: typ, Version: wire.ProtocolVersion},
		Content: body,
	}
	fs, err := wire.Encode(m, c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	return m.Header.MsgID, fs
}

func TestBusyIdleOnEveryPath(t *testing.T) {
	k := startKernel(t, mockExec{})
	cases := []struct {
		name, channel, typ string
		body               string
		wantReply          string // "" when no reply is expected
		wantStatus         string
	}{
		{"unknown on shell", "shell", "frobnicate_request", `{}`, "", ""},
		{"unknown on control", "control", "frobnicate_request", `{}`, "", ""},
		{"execute on control", "control", "execute_request", `{"code":"print x"}`, "", ""},
		{"content not an object", "shell", "execute_request", `[1,2]`, "execute_reply", "error"},
		{"content of wrong shape", "shell", "complete_request", `{"code":5}`, "complete_reply", "error"},
		{"malformed history", "control", "history_request", `{"hist_access_type":"sideways"}`, "history_reply", "error"},
		{"failing execute", "shell", "execute_request", `{"code":"fail x"}`, "execute_reply", "error"},
		{"panicking interpreter", "shell", "execute_request", `{"code":"panic"}`, "execute_reply", "error"},
		{"comm_msg", "shell", "comm_msg", `{"comm_id":"c1","data":{}}`, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, fs := k.rawFrames(tc.typ, []byte(tc.body))
			k.sendFrames(tc.channel, fs)
			out := k.outputs(id)
			got := types(out)
			if got[0] != "status:busy" || got[len(got)-1] != "status:idle" {
				t.Errorf("iopub %v: not wrapped in busy/idle", got)
			}
			for _, m := range out {
				if m.Header.MsgType == "status" && !strings.Contains(string(m.Parent), `"msg_type":"`+tc.typ+`"`) {
					t.Errorf("status parent %s lacks msg_type", m.Parent)
				}
			}
			if tc.wantReply == "" {
				select {
				case m := <-k.recv[tc.channel]:
					t.Errorf("unexpected %s", m.Header.MsgType)
				case <-time.After(50 * time.Millisecond):
				}
				return
			}
			rep := k.reply(tc.channel, id)
			if rep.Header.MsgType != tc.wantReply || content(rep)["status"] != tc.wantStatus {
				t.Errorf("reply %s %v, want %s status %s", rep.Header.MsgType, content(rep), tc.wantReply, tc.wantStatus)
			}
		})
	}
	rep, _ := k.execute("value alive", nil)
	if content(rep)["status"] != "ok" {
		t.Errorf("kernel not usable after the cases: %v", content(rep))
	}
}

func TestExecuteFlags(t *testing.T) {
	k := startKernel(t, mockExec{})
	k.execute("print one", nil) // execution_count 1

	rep, out := k.execute("print quiet\nvalue v", map[string]any{"silent": true})
	if got, want := types(out), []string{"status:busy", "status:idle"}; !reflect.DeepEqual(got, want) {
		t.Errorf("silent iopub %v, want %v", got, want)
	}
	if c := content(rep); c["execution_count"] != 1.0 {
		t.Errorf("silent execution_count %v, want 1", c["execution_count"])
	}
	rep, out = k.execute("value v", map[string]any{"store_history": false})
	if c := content(rep); c["execution_count"] != 1.0 {
		t.Errorf("store_history=false execution_count %v, want 1", c["execution_count"])
	}
	if got := types(out); !reflect.DeepEqual(got, []string{"status:busy", "execute_input", "execute_result", "status:idle"}) {
		t.Errorf("store_history=false iopub %v", got)
	}
	rep, _ = k.execute("", map[string]any{"user_expressions": map[string]any{"a": "x+y", "b": "bad"}})
	ue := content(rep)["user_expressions"].(map[string]any)
	a, b := ue["a"].(map[string]any), ue["b"].(map[string]any)
	if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "X+Y" {
		t.Errorf("user_expressions a = %v", a)
	}
	if b["status"] != "error" || b["ename"] != "EvalError" {
		t.Errorf("user_expressions b = %v", b)
	}
	if c := content(rep); c["execution_count"] != 2.0 {
		t.Errorf("execution_count %v, want 2", c["execution_count"])
	}
}

func TestOutputOrderAndDisplayUpdates(t *testing.T) {
	k := startKernel(t, mockExec{})
	_, out := k.execute("write a\nshow d1 first\nprint b\nupdate d1 second\nclear\neprint c\nvalue v", nil)
	want := []string{"status:busy", "execute_input", "stream", "display_data", "stream", "update_display_data",
		"clear_output", "stream", "execute_result", "status:idle"}
	if got := types(out); !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub %v\nwant %v", got, want)
	}
	for i, text := range map[int]string{2: "a", 4: "b\n", 7: "c\n"} {
		if got := content(out[i])["text"]; got != text {
			t.Errorf("stream %d = %q, want %q", i, got, text)
		}
	}
	for _, i := range []int{3, 5} {
		tr := content(out[i])["transient"].(map[string]any)
		if tr["display_id"] != "d1" {
			t.Errorf("%s transient %v", out[i].Header.MsgType, tr)
		}
	}
}

func TestStopOnErrorAbortsQueued(t *testing.T) {
	k := startKernel(t, mockExec{})
	run := func(stop bool) []string {
		ids := []string{
			k.send("shell", "execute_request", map[string]any{"code": "sleep 100ms\nfail x", "stop_on_error": stop}),
			k.send("shell", "execute_request", map[string]any{"code": "print 2"}),
			k.send("shell", "kernel_info_request", map[string]any{}),
			k.send("shell", "execute_request", map[string]any{"code": "print 3"}),
		}
		var st []string
		for _, id := range ids {
			k.outputs(id)
			c := content(k.reply("shell", id))
			st = append(st, c["status"].(string))
		}
		return st
	}
	if got, want := run(true), []string{"error", "aborted", "ok", "aborted"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stop_on_error=true: %v, want %v", got, want)
	}
	if got, want := run(false), []string{"error", "ok", "ok", "ok"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stop_on_error=false: %v, want %v", got, want)
	}
	rep, _ := k.execute("print after", nil)
	if c := content(rep); c["status"] != "ok" {
		t.Errorf("execute after aborts: %v", c)
	}
}

func TestStdin(t *testing.T) {
	k := startKernel(t, mockExec{})
	// Refused when the client does not allow stdin.
	rep, _ := k.execute("input name?", map[string]any{"allow_stdin": false})
	if c := content(rep); c["status"] != "error" || !strings.Contains(c["evalue"].(string), "allow_stdin") {
		t.Errorf("allow_stdin=false: %v", c)
	}
	// Answered through the stdin channel.
	id := k.send("shell", "execute_request", map[string]any{"code": "input name?", "allow_stdin": true})
	var req *wire.Message
	select {
	case req = <-k.recv["stdin"]:
	case <-time.After(5 * time.Second):
		t.Fatal("no input_request")
	}
	if c := content(req); req.Header.MsgType != "input_request" || c["prompt"] != "name?" || parentID(req) != id {
		t.Fatalf("input_request %s %v parent %s", req.Header.MsgType, c, parentID(req))
	}
	_, fs := k.frames("input_reply", map[string]any{"value": "Ada λ"})
	k.sendFrames("stdin", fs)
	out := k.outputs(id)
	if c := content(k.reply("shell", id)); c["status"] != "ok" {
		t.Errorf("reply %v", c)
	}
	if got := content(out[2])["text"]; got != "got Ada λ\n" {
		t.Errorf("stream %q", got)
	}
	// An interrupt unblocks a cell waiting for input.
	id = k.send("shell", "execute_request", map[string]any{"code": "input again?", "allow_stdin": true})
	<-k.recv["stdin"]
	k.reply("control", k.send("control", "interrupt_request", map[string]any{}))
	if c := content(k.reply("shell", id)); c["status"] != "error" || !strings.Contains(c["evalue"].(string), "interrupted") {
		t.Errorf("interrupted input: %v", c)
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	k := startKernel(t, mockExec{})
	ask := func(typ string, content_ map[string]any) map[string]any {
		return content(k.reply("shell", k.send("shell", typ, content_)))
	}
	// Cursor positions count code points: "ΔxΔy := 1\nfmt.Pri" has 17.
	code := "ΔxΔy := 1\nfmt.Pri"
	c := ask("complete_request", map[string]any{"code": code, "cursor_pos": 17})
	if !reflect.DeepEqual(c["matches"], []any{"Println", "Printf", "Print"}) || c["cursor_start"] != 14.0 || c["cursor_end"] != 17.0 {
		t.Errorf("complete %v", c)
	}
	c = ask("complete_request", map[string]any{"code": "x := ΔxΔ", "cursor_pos": 8})
	if !reflect.DeepEqual(c["matches"], []any{"ΔxΔy"}) || c["cursor_start"] != 5.0 {
		t.Errorf("complete non-ASCII %v", c)
	}
	c = ask("inspect_request", map[string]any{"code": "a := ΔxΔy", "cursor_pos": 9, "detail_level": 1})
	if c["found"] != true || c["data"].(map[string]any)["text/plain"] != "ΔxΔy (detail 1)" {
		t.Errorf("inspect %v", c)
	}
	c = ask("inspect_request", map[string]any{"code": "nothing", "cursor_pos": 100})
	if c["found"] != false || c["status"] != "ok" {
		t.Errorf("inspect not found %v", c)
	}
	for code, want := range map[string]map[string]any{
		"x := 1":     {"status": "complete"},
		"func f() {": {"status": "incomplete", "indent": "\t"},
		"x := !!":    {"status": "invalid"},
	} {
		if got := ask("is_complete_request", map[string]any{"code": code}); !reflect.DeepEqual(got, want) {
			t.Errorf("is_complete(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestCommsAndShutdown(t *testing.T) {
	k := startKernel(t, mockExec{})
	c := content(k.reply("shell", k.send("shell", "comm_info_request", map[string]any{})))
	if c["status"] != "ok" || len(c["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info %v", c)
	}
	id := k.send("shell", "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}})
	got := types(k.outputs(id))
	if !reflect.DeepEqual(got, []string{"status:busy", "comm_close", "status:idle"}) {
		t.Errorf("comm_open iopub %v", got)
	}

	start := time.Now()
	id = k.send("control", "shutdown_request", map[string]any{"restart": true})
	if c := content(k.reply("control", id)); c["status"] != "ok" || c["restart"] != true {
		t.Errorf("shutdown_reply %v", c)
	}
	select {
	case err := <-k.served:
		k.served <- err // for the cleanup
	case <-time.After(time.Second):
		t.Fatal("Serve did not return within 1s of shutdown_request")
	}
	t.Logf("shutdown took %v", time.Since(start))
}

func TestControlWhileShellBusy(t *testing.T) {
	k := startKernel(t, mockExec{})
	id := k.send("shell", "execute_request", map[string]any{"code": "sleep 1s"})
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	k.reply("control", k.send("control", "kernel_info_request", map[string]any{}))
	if d := time.Since(start); d > 300*time.Millisecond {
		t.Errorf("control kernel_info took %v while shell was busy", d)
	}
	k.reply("shell", id)
}

func TestLateOutputKeepsItsParent(t *testing.T) {
	k := startKernel(t, mockExec{})
	rep, _ := k.execute("later bye", nil)
	id := parentID(rep)
	select {
	case m := <-k.recv["iopub"]:
		if m.Header.MsgType != "stream" || parentID(m) != id || content(m)["text"] != "bye\n" {
			t.Errorf("late output %s %v parent %s", m.Header.MsgType, content(m), parentID(m))
		}
	case <-time.After(2 * time.Second):
		t.Fatal("late output never arrived")
	}
}

func TestServeStopsOnContext(t *testing.T) {
	srv, err := New(Config{Conn: ConnectionInfo{IP: "127.0.0.1"}, Executor: mockExec{}, Log: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := srv.Serve(ctx); done <- err }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve did not return on cancel")
	}
}

func TestStreamsFlushLive(t *testing.T) {
	k := startKernel(t, mockExec{})
	start := time.Now()
	id := k.send("shell", "execute_request", map[string]any{"code": "print first\nsleep 600ms\nprint second"})
	var arrivals []time.Duration
	for done := false; !done; {
		select {
		case m := <-k.recv["iopub"]:
			if parentID(m) != id {
				continue
			}
			switch {
			case m.Header.MsgType == "stream":
				arrivals = append(arrivals, time.Since(start))
			case m.Header.MsgType == "status" && content(m)["execution_state"] == "idle":
				done = true
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no idle")
		}
	}
	k.reply("shell", id)
	if len(arrivals) != 2 {
		t.Fatalf("%d stream messages, want 2", len(arrivals))
	}
	if arrivals[0] > 400*time.Millisecond {
		t.Errorf("first line arrived %v after the request, want it before the cell ends", arrivals[0])
	}
}

// The kernel installs no display.Publisher: where package display's calls
// go is the interpreter's business (package interp routes them to the
// Output of the cell), and a publisher installed by the program embedding
// the kernel keeps receiving them.
func TestKernelLeavesDisplayPublisher(t *testing.T) {
	var mu sync.Mutex
	var got []string
	defer display.SetPublisher(publisherFunc(func(d display.Data) {
		mu.Lock()
		got = append(got, d.Data["text/html"].(string))
		mu.Unlock()
	}))()
	k := startKernel(t, mockExec{})
	_, out := k.execute("dhtml <i>hi</i>", nil)
	if got := types(out); !reflect.DeepEqual(got, []string{"status:busy", "execute_input", "status:idle"}) {
		t.Fatalf("iopub %v", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(got, []string{"<i>hi</i>"}) {
		t.Errorf("the installed publisher got %q", got)
	}
}

type publisherFunc func(display.Data)

func (f publisherFunc) Publish(d display.Data) { f(d) }
func (f publisherFunc) Update(d display.Data)  { f(d) }
func (publisherFunc) Clear(bool)               {}
