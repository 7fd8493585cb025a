package kernel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests build the gocalc command and drive "gocalc kernel"
// with a connection file over ZeroMQ, the way Jupyter does.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func gocalcBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test builds the gocalc command")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gocalc-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "gocalc")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/gocalc/gocalc").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// process is a running "gocalc kernel" and a client connected to it.
type process struct {
	*testClient
	cmd    *exec.Cmd
	stderr *syncBuffer
	exited chan error
}

func writeConnectionFile(t testing.TB, dir string, ci ConnectionInfo) string {
	t.Helper()
	b, _ := json.Marshal(ci)
	path := filepath.Join(dir, fmt.Sprintf("kernel-%d.json", time.Now().UnixNano()))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startProcess starts the kernel with JUPYTER_DATA_DIR set to dataDir.
func startProcess(t testing.TB, dataDir string) *process {
	t.Helper()
	bin := gocalcBinary(t)
	p := freePorts(t, 5)
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1], StdinPort: p[2],
		ControlPort: p[3], HBPort: p[4], Key: wire.NewID(), SignatureScheme: "hmac-sha256", KernelName: "gocalc"}
	cmd := exec.Command(bin, "kernel", writeConnectionFile(t, t.TempDir(), ci))
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+dataDir)
	pr := &process{cmd: cmd, stderr: &syncBuffer{}, exited: make(chan error, 1)}
	cmd.Stderr = pr.stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { pr.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-pr.exited:
		default:
			cmd.Process.Kill()
			<-pr.exited
		}
		if t.Failed() {
			t.Logf("kernel stderr:\n%s", pr.stderr.String())
		}
	})
	pr.testClient = dial(t, ci)
	t.Cleanup(pr.close)
	pr.waitReady()
	t.Logf("kernel ready (kernel_info reply and iopub) %v after start", time.Since(started))
	return pr
}

func (p *process) waitExit(t *testing.T, within time.Duration) {
	t.Helper()
	select {
	case err := <-p.exited:
		p.exited <- err
		if err != nil {
			t.Errorf("kernel exited with %v", err)
		}
	case <-time.After(within):
		t.Fatalf("kernel still running %v later", within)
	}
}

func streamText(out []*wire.Message) string {
	var b strings.Builder
	for _, m := range out {
		if m.Header.MsgType == "stream" {
			b.WriteString(content(m)["text"].(string))
		}
	}
	return b.String()
}

func resultText(out []*wire.Message) string {
	for _, m := range out {
		if m.Header.MsgType == "execute_result" {
			return content(m)["data"].(map[string]any)["text/plain"].(string)
		}
	}
	return ""
}

func TestEndToEnd(t *testing.T) {
	data := t.TempDir()
	k := startProcess(t, data)

	c := content(k.reply("control", k.send("control", "kernel_info_request", map[string]any{})))
	if li := c["language_info"].(map[string]any); li["name"] != "go" || li["file_extension"] != ".go" {
		t.Errorf("language_info %v", li)
	}

	rep, out := k.execute(`fmt.Println("hello, λ")`, nil)
	if content(rep)["status"] != "ok" || streamText(out) != "hello, λ\n" {
		t.Errorf("hello: %v %q", content(rep), streamText(out))
	}
	k.execute("x := 21", nil)
	if _, out := k.execute("x * 2", nil); resultText(out) != "42" {
		t.Errorf("x * 2 = %q (%v)", resultText(out), types(out))
	}
	rep, out = k.execute("undefinedName + 1", nil)
	if c := content(rep); c["status"] != "error" || len(c["traceback"].([]any)) == 0 {
		t.Errorf("error cell: %v", c)
	}
	if got := types(out); got[len(got)-2] != "error" {
		t.Errorf("error cell iopub %v", got)
	}

	// Interrupt a spinning cell by message, then by SIGINT; state survives.
	for _, how := range []string{"message", "SIGINT"} {
		id := k.send("shell", "execute_request", map[string]any{"code": "for {}", "stop_on_error": true})
		time.Sleep(300 * time.Millisecond)
		if err := k.ping(time.Second); err != nil {
			t.Errorf("heartbeat while spinning: %v", err)
		}
		if how == "message" {
			k.reply("control", k.send("control", "interrupt_request", map[string]any{}))
		} else {
			k.cmd.Process.Signal(os.Interrupt)
		}
		if c := content(k.reply("shell", id)); c["status"] != "error" {
			t.Errorf("%s: interrupted cell %v", how, c)
		}
		if _, out := k.execute("x + 1", nil); resultText(out) != "22" {
			t.Errorf("after %s interrupt: x + 1 = %q (%v)", how, resultText(out), types(out))
		}
	}

	start := time.Now()
	rep = k.reply("control", k.send("control", "shutdown_request", map[string]any{"restart": false}))
	if content(rep)["status"] != "ok" {
		t.Errorf("shutdown_reply %v", content(rep))
	}
	k.waitExit(t, time.Second)
	t.Logf("exited %v after shutdown_request", time.Since(start))

	// A new kernel process has the history of the first.
	k2 := startProcess(t, data)
	c = content(k2.reply("shell", k2.send("shell", "history_request",
		map[string]any{"hist_access_type": "search", "pattern": "x [*]*", "output": false, "raw": true})))
	h := c["history"].([]any)
	if len(h) == 0 || h[len(h)-1].([]any)[2] != "x * 2" {
		t.Errorf("history after restart: %v", h)
	}
	k2.cmd.Process.Signal(syscall.SIGTERM)
	k2.waitExit(t, time.Second)
	if b, _ := os.ReadFile(filepath.Join(data, "gocalc", "history.jsonl")); !bytes.Contains(b, []byte(`"x := 21"`)) {
		t.Errorf("history file lacks the cells:\n%s", b)
	}
}

func TestEndToEndStartErrors(t *testing.T) {
	bin := gocalcBinary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p := freePorts(t, 4)
	dir := t.TempDir()
	busy := writeConnectionFile(t, dir, ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], IOPubPort: p[1],
		StdinPort: p[2], ControlPort: p[3], HBPort: l.Addr().(*net.TCPAddr).Port, Key: "k"})
	cases := []struct{ name, file, want string }{
		{"port in use", busy, "address already in use"},
		{"missing file", filepath.Join(dir, "missing.json"), "does not exist"},
		{"unknown scheme", writeConnectionFile(t, dir, ConnectionInfo{SignatureScheme: "hmac-sha1"}), "unsupported signature_scheme"},
	}
	for _, tc := range cases {
		cmd := exec.Command(bin, "kernel", tc.file)
		cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Errorf("%s: exit %v, want status 1", tc.name, err)
		}
		msg := strings.TrimSpace(stderr.String())
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("%s: stderr %q, want one line containing %q", tc.name, msg, tc.want)
		}
	}
}

// BenchmarkEndToEndRoundTrip measures an empty cell on the real binary and
// interpreter, from execute_request to idle and reply.
func BenchmarkEndToEndRoundTrip(b *testing.B) {
	benchRoundTrip(b, startProcess(b, b.TempDir()).testClient)
}
