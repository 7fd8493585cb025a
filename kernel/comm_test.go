package kernel

import (
	"reflect"
	"sync"
	"testing"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// echoComm sends every message back with its buffers; "close" closes the
// comm from the kernel's side and "panic" panics.
type echoComm struct{ closed chan string }

func (e echoComm) HandleMsg(c *comm.Comm, m comm.Message) {
	switch m.Data["do"] {
	case "close":
		c.Close(comm.Message{Data: map[string]any{"bye": true}})
	case "panic":
		panic("handler bug")
	default:
		c.Send(comm.Message{Data: map[string]any{"echo": m.Data}, Buffers: m.Buffers})
	}
}

func (e echoComm) HandleClose(c *comm.Comm, _ comm.Message) { e.closed <- c.ID() }

func TestComms(t *testing.T) {
	closed := make(chan string, 1)
	comm.RegisterTarget("test.echo", func(c *comm.Comm, m comm.Message) { c.SetHandler(echoComm{closed}) })
	t.Cleanup(func() { comm.RegisterTarget("test.echo", nil) })
	k := startKernel(t, mockExec{})

	id := k.send("shell", "comm_open", map[string]any{"comm_id": "e1", "target_name": "test.echo", "data": map[string]any{}})
	if got := types(k.outputs(id)); !reflect.DeepEqual(got, []string{"status:busy", "status:idle"}) {
		t.Errorf("comm_open to a known target: iopub %v", got)
	}
	info := func(target string) map[string]any {
		req := map[string]any{}
		if target != "" {
			req["target_name"] = target
		}
		return content(k.reply("shell", k.send("shell", "comm_info_request", req)))["comms"].(map[string]any)
	}
	if got := info("test.echo"); !reflect.DeepEqual(got, map[string]any{"e1": map[string]any{"target_name": "test.echo"}}) {
		t.Errorf("comm_info(test.echo) = %v", got)
	}
	if got := info("other"); len(got) != 0 {
		t.Errorf("comm_info(other) = %v, want none", got)
	}

	// A comm_msg with a buffer: the echo comes back between busy and
	// idle, with the comm_msg as parent and the buffer after the content.
	msgID, fs := k.frames("comm_msg", map[string]any{"comm_id": "e1", "data": map[string]any{"x": 1.0}})
	k.sendFrames("shell", append(fs, []byte("\x00\x01binary")))
	outs := k.outputs(msgID)
	if got := types(outs); !reflect.DeepEqual(got, []string{"status:busy", "comm_msg", "status:idle"}) {
		t.Fatalf("comm_msg iopub %v", got)
	}
	echo := outs[1]
	if c := content(echo); c["comm_id"] != "e1" || !reflect.DeepEqual(c["data"], map[string]any{"echo": map[string]any{"x": 1.0}}) {
		t.Errorf("echo content %v", c)
	}
	if len(echo.Buffers) != 1 || string(echo.Buffers[0]) != "\x00\x01binary" {
		t.Errorf("echo buffers %q", echo.Buffers)
	}

	// A panicking handler is reported on stderr; the comm stays open.
	id = k.send("shell", "comm_msg", map[string]any{"comm_id": "e1", "data": map[string]any{"do": "panic"}})
	if got := types(k.outputs(id)); !reflect.DeepEqual(got, []string{"status:busy", "stream", "status:idle"}) {
		t.Errorf("panicking handler: iopub %v", got)
	}

	// comm_close from the frontend.
	k.outputs(k.send("shell", "comm_close", map[string]any{"comm_id": "e1", "data": map[string]any{}}))
	if got := <-closed; got != "e1" {
		t.Errorf("closed %s", got)
	}
	if got := info(""); len(got) != 0 {
		t.Errorf("comm_info after close = %v", got)
	}

	// comm_close from the kernel.
	k.outputs(k.send("shell", "comm_open", map[string]any{"comm_id": "e2", "target_name": "test.echo", "data": map[string]any{}}))
	id = k.send("shell", "comm_msg", map[string]any{"comm_id": "e2", "data": map[string]any{"do": "close"}})
	if got := types(k.outputs(id)); !reflect.DeepEqual(got, []string{"status:busy", "comm_close", "status:idle"}) {
		t.Errorf("kernel-side close: iopub %v", got)
	}
	if got := info(""); len(got) != 0 {
		t.Errorf("comm_info after a kernel-side close = %v", got)
	}
}

// A comm opened by a cell is announced with the cell's request as parent.
func TestCommFromCell(t *testing.T) {
	k := startKernel(t, mockExec{})
	rep, outs := k.execute("comm test.cell hello", nil)
	if content(rep)["status"] != "ok" {
		t.Fatalf("reply %v", content(rep))
	}
	got := types(outs)
	if !reflect.DeepEqual(got, []string{"status:busy", "execute_input", "comm_open", "status:idle"}) {
		t.Fatalf("iopub %v", got)
	}
	c := content(outs[2])
	if c["target_name"] != "test.cell" || !reflect.DeepEqual(c["data"], map[string]any{"text": "hello"}) {
		t.Errorf("comm_open %v", c)
	}
	id, _ := c["comm_id"].(string)
	if cm, ok := comm.Get(id); !ok {
		t.Errorf("comm %s not registered", id)
	} else {
		cm.Close(comm.Message{})
	}
}

// A silent execute that fails does not abort the requests queued behind it.
func TestSilentFailureDoesNotAbort(t *testing.T) {
	k := startKernel(t, mockExec{})
	silent := k.send("shell", "execute_request", map[string]any{"code": "sleep 50ms\nfail quiet", "silent": true, "stop_on_error": true})
	next := k.send("shell", "execute_request", map[string]any{"code": "print after", "stop_on_error": true})
	if c := content(k.reply("shell", silent)); c["status"] != "error" {
		t.Errorf("silent reply %v", c)
	}
	if c := content(k.reply("shell", next)); c["status"] != "ok" {
		t.Errorf("reply after a silent failure %v, want ok", c)
	}
}

// routingExec is an interpreter that routes output outside cells (engine.Router).
type routingExec struct {
	mockExec
	mu  sync.Mutex
	out engine.Output
}

func (r *routingExec) Route(out engine.Output, f func()) {
	r.mu.Lock()
	r.out = out
	r.mu.Unlock()
	defer func() { r.mu.Lock(); r.out = nil; r.mu.Unlock() }()
	f()
}

// A comm message's handlers run under the interpreter's Route, with the
// comm_msg as the parent of what they print and display.
func TestCommRoutesOutput(t *testing.T) {
	x := &routingExec{}
	comm.RegisterTarget("test.show", func(c *comm.Comm, m comm.Message) {
		c.SetHandler(showComm{x})
	})
	t.Cleanup(func() { comm.RegisterTarget("test.show", nil) })
	k := startKernel(t, x)
	k.outputs(k.send("shell", "comm_open", map[string]any{"comm_id": "s1", "target_name": "test.show", "data": map[string]any{}}))
	id := k.send("shell", "comm_msg", map[string]any{"comm_id": "s1", "data": map[string]any{}})
	outs := k.outputs(id)
	if got := types(outs); !reflect.DeepEqual(got, []string{"status:busy", "stream", "display_data", "status:idle"}) {
		t.Fatalf("comm_msg iopub %v", got)
	}
	for _, m := range outs {
		if parentID(m) != id {
			t.Errorf("%s has parent %s, want the comm_msg %s", m.Header.MsgType, parentID(m), id)
		}
	}
	k.outputs(k.send("shell", "comm_close", map[string]any{"comm_id": "s1", "data": map[string]any{}}))
}

type showComm struct{ x *routingExec }

func (s showComm) HandleMsg(c *comm.Comm, m comm.Message) {
	s.x.mu.Lock()
	out := s.x.out
	s.x.mu.Unlock()
	if out == nil {
		panic("handler run outside Route")
	}
	out.Stream("stdout", "clicked\n")
	out.Publish(display.New("text/plain", "shown"))
}

func (showComm) HandleClose(*comm.Comm, comm.Message) {}
