package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/gocalc/gocalc/engine"
)

// testClient drives a Server over real zmq4 sockets, as jupyter_client does.
type testClient struct {
	t       testing.TB
	signer  *wire.Signer
	session string
	ident   string
	sockets map[string]zmq4.Socket
	hb      zmq4.Socket
	recv    map[string]chan *wire.Message // per channel, what arrived
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// testKernel is a served kernel and a client connected to it.
type testKernel struct {
	*testClient
	srv    *Server
	served chan error
	log    *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

const testKey = "0a1b2c3d-test-key"

// startKernel serves exec on free tcp ports and connects a client to it;
// the kernel is shut down at the end of the test.
func startKernel(t testing.TB, exec engine.Executor, mods ...func(*Config)) *testKernel {
	t.Helper()
	lb := &syncBuffer{}
	cfg := Config{
		Conn:     ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: testKey, SignatureScheme: "hmac-sha256"},
		Executor: exec,
		Log:      lb,
		Banner:   "gocalc test",
	}
	for _, m := range mods {
		m(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	k := &testKernel{srv: srv, served: make(chan error, 1), log: lb}
	go func() {
		_, err := srv.Serve(context.Background())
		k.served <- err
	}()
	k.testClient = dial(t, srv.ConnectionInfo())
	t.Cleanup(func() {
		srv.Shutdown()
		select {
		case <-k.served:
		case <-time.After(3 * time.Second):
			t.Errorf("Serve did not return after Shutdown")
		}
		k.close()
		if testing.Verbose() {
			t.Logf("kernel log:\n%s", lb.String())
		}
	})
	k.waitReady()
	return k
}

func dial(t testing.TB, ci ConnectionInfo) *testClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := &testClient{
		t: t, signer: wire.NewSigner([]byte(ci.Key)), session: wire.NewID(), cancel: cancel,
		sockets: map[string]zmq4.Socket{}, recv: map[string]chan *wire.Message{},
	}
	c.ident = c.session
	id := zmq4.WithID(zmq4.SocketIdentity(c.ident))
	retry := zmq4.WithDialerRetry(5 * time.Millisecond)
	patient := zmq4.WithDialerMaxRetries(1000)
	for name, port := range map[string]int{"shell": ci.ShellPort, "control": ci.ControlPort, "stdin": ci.StdinPort} {
		s := zmq4.NewDealer(ctx, id, retry, patient)
		if err := s.Dial(ci.Endpoint(port)); err != nil {
			t.Fatalf("dial %s: %v", name, err)
		}
		c.sockets[name] = s
	}
	sub := zmq4.NewSub(ctx, retry, patient)
	if err := sub.Dial(ci.Endpoint(ci.IOPubPort)); err != nil {
		t.Fatalf("dial iopub: %v", err)
	}
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	c.sockets["iopub"] = sub
	c.hb = zmq4.NewReq(ctx, retry, patient)
	if err := c.hb.Dial(ci.Endpoint(ci.HBPort)); err != nil {
		t.Fatalf("dial hb: %v", err)
	}
	for name, s := range c.sockets {
		ch := make(chan *wire.Message, 1<<16)
		c.recv[name] = ch
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			for {
				m, err := s.Recv()
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					continue
				}
				msg, err := wire.Decode(m.Frames, c.signer)
				if err != nil {
					t.Errorf("client: bad message on %s: %v", name, err)
					continue
				}
				ch <- msg
			}
		}()
	}
	return c
}

func (c *testClient) close() {
	c.cancel()
	for _, s := range c.sockets {
		s.Close()
	}
	c.hb.Close()
	c.wg.Wait()
}

// waitReady sends kernel_info on shell until an iopub message shows that
// the subscription is in place (the "nudge" jupyter_server does).
func (c *testClient) waitReady() {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		id := c.send("shell", "kernel_info_request", map[string]any{})
		select {
		case <-c.recv["iopub"]:
			c.reply("shell", id)
			c.drain(100 * time.Millisecond)
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	c.t.Fatal("kernel never published on iopub")
}

// drain discards everything received for d.
func (c *testClient) drain(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case <-c.recv["iopub"]:
		case <-c.recv["shell"]:
		case <-c.recv["control"]:
		case <-end:
			return
		}
	}
}

// frames builds a signed request.
func (c *testClient) frames(typ string, content any) (string, [][]byte) {
	body, err := json.Marshal(content)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.rawFrames(typ, body)
}

// send sends a request on a channel and returns its msg_id.
func (c *testClient) send(channel, typ string, content any) string {
	id, fs := c.frames(typ, content)
	c.sendFrames(channel, fs)
	return id
}

func (c *testClient) sendFrames(channel string, fs [][]byte) {
	if err := c.sockets[channel].Send(zmq4.NewMsgFrom(fs...)); err != nil {
		c.t.Fatalf("send on %s: %v", channel, err)
	}
}

func parentID(m *wire.Message) string {
	var h wire.Header
	json.Unmarshal(m.Parent, &h)
	return h.MsgID
}

// reply waits for the reply to msgID on channel.
func (c *testClient) reply(channel, msgID string) *wire.Message {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m := <-c.recv[channel]:
			if parentID(m) == msgID {
				return m
			}
		case <-timeout:
			c.t.Fatalf("no reply to %s on %s", msgID, channel)
			return nil
		}
	}
}

// outputs collects the iopub messages of msgID up to and including idle.
func (c *testClient) outputs(msgID string) []*wire.Message {
	c.t.Helper()
	var out []*wire.Message
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-c.recv["iopub"]:
			if parentID(m) != msgID {
				continue
			}
			out = append(out, m)
			if m.Header.MsgType == "status" && content(m)["execution_state"] == "idle" {
				return out
			}
		case <-timeout:
			c.t.Fatalf("no idle for %s; got %d messages", msgID, len(out))
			return nil
		}
	}
}

// execute runs code with extra execute_request fields and returns the
// reply and the iopub messages up to idle.
func (c *testClient) execute(code string, extra map[string]any) (*wire.Message, []*wire.Message) {
	c.t.Helper()
	req := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}
	for k, v := range extra {
		req[k] = v
	}
	id := c.send("shell", "execute_request", req)
	out := c.outputs(id)
	return c.reply("shell", id), out
}

func content(m *wire.Message) map[string]any {
	var v map[string]any
	json.Unmarshal(m.Content, &v)
	return v
}

// types lists the msg_types of ms.
func types(ms []*wire.Message) []string {
	var ts []string
	for _, m := range ms {
		t := m.Header.MsgType
		if t == "status" {
			t += ":" + content(m)["execution_state"].(string)
		}
		ts = append(ts, t)
	}
	return ts
}

// ping sends one heartbeat and waits for its echo.
func (c *testClient) ping(timeout time.Duration) error {
	done := make(chan error, 1)
	go func() {
		if err := c.hb.Send(zmq4.NewMsgString("ping")); err != nil {
			done <- err
			return
		}
		m, err := c.hb.Recv()
		if err == nil && string(m.Bytes()) != "ping" {
			err = io.ErrUnexpectedEOF
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		return context.DeadlineExceeded
	}
}
