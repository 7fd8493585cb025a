package kernel

import (
	"encoding/binary"
	"fmt"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"math/rand"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"
)

// zmtpGreeting is a ZMTP 3.0 NULL greeting.
func zmtpGreeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}

// zmtpFrame encodes one frame with the given flags.
func zmtpFrame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

// readyCommand is a READY command announcing a socket type.
func readyCommand(sockType string) []byte {
	b := []byte{5}
	b = append(b, "READY"...)
	b = append(b, byte(len("Socket-Type")))
	b = append(b, "Socket-Type"...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(sockType)))
	b = append(b, sockType...)
	return zmtpFrame(flagCommand, b)
}

// attack connects to addr, writes payload and, unless keepOpen, closes.
func attack(t *testing.T, addr string, payload []byte, keepOpen bool) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	c.Write(payload)
	if !keepOpen {
		time.Sleep(5 * time.Millisecond)
		c.Close()
		return nil
	}
	return c
}

func TestGarbageOnEveryPortSurvived(t *testing.T) {
	k := startKernel(t, mockExec{})
	ci := k.srv.ConnectionInfo()
	rng := rand.New(rand.NewSource(1))
	random := func(n int) []byte {
		b := make([]byte, n)
		rng.Read(b)
		return b
	}
	huge := append(zmtpGreeting(), readyCommand("DEALER")...)
	huge = append(huge, flagLong, 0, 0, 1, 0, 0, 0, 0, 0) // a 2^40-byte frame
	truncated := append(zmtpGreeting(), zmtpFrame(flagCommand, append([]byte("\x05READY"), 3, 'a', 'b'))...)
	lying := append(zmtpGreeting(), zmtpFrame(flagCommand, []byte("\x05READY\x0bSocket-Type\x00\x00\x10\x00DEALER"))...)
	payloads := map[string][]byte{
		"random 1k":          random(1024),
		"random after sig":   append([]byte{0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f}, random(512)...),
		"greeting only":      zmtpGreeting(),
		"huge frame":         huge,
		"truncated READY":    truncated,
		"READY value lies":   lying,
		"frame before READY": append(zmtpGreeting(), zmtpFrame(0, []byte("hello"))...),
		"bad flags":          append(append(zmtpGreeting(), readyCommand("DEALER")...), 0xf0, 1, 'x'),
	}
	ports := map[string]int{"shell": ci.ShellPort, "control": ci.ControlPort, "stdin": ci.StdinPort, "iopub": ci.IOPubPort, "hb": ci.HBPort}
	var silent []net.Conn
	for pname, port := range ports {
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		for name, p := range payloads {
			t.Logf("%s <- %s", pname, name)
			attack(t, addr, p, false)
		}
		// Peers that connect and then say nothing, or stop mid-greeting.
		silent = append(silent, attack(t, addr, nil, true), attack(t, addr, []byte{0xff, 0, 0}, true))
	}
	defer func() {
		for _, c := range silent {
			c.Close()
		}
	}()

	// Well-formed ZMTP, malformed Jupyter: on shell and control.
	for _, ch := range []string{"shell", "control"} {
		_, good := k.frames("kernel_info_request", map[string]any{})
		bad := [][][]byte{
			{[]byte("no wire.Delimiter")},
			{wire.Delimiter, []byte("sig")},
			{wire.Delimiter, []byte("deadbeef"), []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}")},
			append([][]byte{wire.Delimiter}, good[2:]...), // unsigned
			{random(3), random(70000), random(1)},
		}
		for _, fs := range bad {
			k.sendFrames(ch, fs)
		}
	}
	// A fresh client still gets served on every channel.
	fresh := dial(t, ci)
	defer fresh.close()
	fresh.waitReady()
	for _, ch := range []string{"shell", "control"} {
		id := fresh.send(ch, "kernel_info_request", map[string]any{})
		if rep := fresh.reply(ch, id); content(rep)["status"] != "ok" {
			t.Errorf("%s: kernel_info after garbage: %v", ch, content(rep))
		}
	}
	if err := fresh.ping(2 * time.Second); err != nil {
		t.Errorf("heartbeat after garbage: %v", err)
	}
	rep, _ := k.execute("value 7", nil)
	if c := content(rep); c["status"] != "ok" {
		t.Errorf("execute after garbage: %v", c)
	}
	for _, want := range []string{"exceeds the limit", "truncated READY property", "not a ZMTP peer", "message before the handshake"} {
		if !strings.Contains(k.log.String(), want) {
			t.Errorf("guard did not log %q", want)
		}
	}
	if n := strings.Count(k.log.String(), "dropped a message"); n < 10 {
		t.Errorf("%d dropped messages logged, want at least 10:\n%s", n, k.log.String())
	}
}

func TestForgedAndReplayedNotExecuted(t *testing.T) {
	k := startKernel(t, mockExec{})
	req := map[string]any{"code": "print pwned", "silent": false}
	forger := &testClient{t: t, signer: wire.NewSigner([]byte("wrong key")), session: k.session}
	_, forged := forger.frames("execute_request", req)
	_, unsigned := (&testClient{t: t, signer: wire.NewSigner(nil), session: k.session}).frames("execute_request", req)
	id, valid := k.frames("execute_request", map[string]any{"code": "print once"})
	k.sendFrames("shell", forged)
	k.sendFrames("shell", unsigned)
	k.sendFrames("shell", valid)
	out := k.outputs(id)
	k.reply("shell", id)
	k.sendFrames("shell", valid) // replayed

	rep, out2 := k.execute("value after", nil)
	if c := content(rep); c["execution_count"] != 2.0 {
		t.Errorf("execution_count %v, want 2 (one valid cell before)", c["execution_count"])
	}
	for _, m := range append(out, out2...) {
		if c := content(m); m.Header.MsgType == "stream" && strings.Contains(c["text"].(string), "pwned") {
			t.Errorf("forged cell ran: %v", c)
		}
	}
	log := k.log.String()
	for _, want := range []string{"invalid signature", "duplicate signature"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestHeartbeatWhileCellSpins(t *testing.T) {
	k := startKernel(t, mockExec{})
	id := k.send("shell", "execute_request", map[string]any{"code": "spin"})
	time.Sleep(50 * time.Millisecond)
	for i := 0; i < 3; i++ {
		if err := k.ping(time.Second); err != nil {
			t.Fatalf("ping %d while busy: %v", i, err)
		}
	}
	start := time.Now()
	iid := k.send("control", "interrupt_request", map[string]any{})
	if c := content(k.reply("control", iid)); c["status"] != "ok" {
		t.Errorf("interrupt_reply %v", c)
	}
	rep := k.reply("shell", id)
	if c := content(rep); c["status"] != "error" || c["ename"] != "Interrupted" {
		t.Errorf("interrupted cell reply %v", c)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("interrupt took %v", d)
	}
}

func TestFloodDeliveredExactly(t *testing.T) {
	k := startKernel(t, mockExec{})
	const n = 200000
	rep, out := k.execute(fmt.Sprintf("flood %d", n), nil)
	if c := content(rep); c["status"] != "ok" {
		t.Fatalf("reply %v", c)
	}
	var b strings.Builder
	streams := 0
	for _, m := range out {
		if m.Header.MsgType == "stream" {
			streams++
			b.WriteString(content(m)["text"].(string))
		}
	}
	var want strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	if b.String() != want.String() {
		t.Fatalf("flood text differs: got %d bytes, want %d", b.Len(), want.Len())
	}
	if streams > 100 {
		t.Errorf("%d stream messages for %d lines, want far fewer", streams, n)
	}
	t.Logf("%d lines (%d bytes) in %d stream messages", n, want.Len(), streams)
	if got := types(out); got[0] != "status:busy" || got[len(got)-1] != "status:idle" {
		t.Errorf("flood not wrapped in busy/idle: %v ... %v", got[:2], got[len(got)-1])
	}
}

func TestMemoryFlatOverManyCells(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thousands of cells")
	}
	k := startKernel(t, mockExec{})
	run := func(n int) {
		for i := 0; i < n; i++ {
			id := k.send("shell", "execute_request", map[string]any{"code": "print x\nvalue 1"})
			k.outputs(id)
			k.reply("shell", id)
		}
	}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	run(300)
	before := heap()
	run(3000)
	after := heap()
	growth := int64(after) - int64(before)
	t.Logf("heap %d KB -> %d KB over 3000 cells (%+d bytes per cell)", before>>10, after>>10, growth/3000)
	// What a cell may keep: its history entry and its remembered signature.
	if growth > 3000*1024 {
		t.Errorf("heap grew by %d KB over 3000 cells", growth>>10)
	}
}
