package kernel

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	good := write("good.json", `{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
		"hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256",
		"kernel_name": "gocalc"}`)
	ci, err := LoadConnectionFile(good)
	if err != nil {
		t.Fatal(err)
	}
	want := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 5001, IOPubPort: 5002, StdinPort: 5003,
		ControlPort: 5004, HBPort: 5005, SignatureScheme: "hmac-sha256", Key: "abc", KernelName: "gocalc"}
	if *ci != want {
		t.Errorf("loaded %+v\nwant %+v", *ci, want)
	}
	if got := ci.Endpoint(ci.ShellPort); got != "tcp://127.0.0.1:5001" {
		t.Errorf("Endpoint = %s", got)
	}

	errCases := []struct {
		name, path, wantErr string
	}{
		{"missing", filepath.Join(dir, "nope.json"), "does not exist"},
		{"not JSON", write("bad.json", `{"shell_port": `), "not valid JSON"},
		{"md5", write("md5.json", `{"signature_scheme": "hmac-md5", "key": "k"}`), `unsupported signature_scheme "hmac-md5"`},
		{"udp", write("udp.json", `{"transport": "udp"}`), `unsupported transport "udp"`},
		{"port range", write("port.json", `{"shell_port": 70000}`), "shell_port 70000 is out of range"},
		{"wrong type", write("type.json", `{"shell_port": "5001"}`), "not valid JSON"},
	}
	for _, tc := range errCases {
		_, err := LoadConnectionFile(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line containing %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestDefaultsAndEndpoints(t *testing.T) {
	ci := ConnectionInfo{}
	if err := ci.Check(); err != nil {
		t.Fatal(err)
	}
	if ci.Transport != "tcp" || ci.IP != "127.0.0.1" || ci.SignatureScheme != "hmac-sha256" {
		t.Errorf("defaults %+v", ci)
	}
	cases := []struct {
		ci   ConnectionInfo
		port int
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "0.0.0.0"}, 9, "tcp://0.0.0.0:9"},
		{ConnectionInfo{Transport: "tcp", IP: "::1"}, 9, "tcp://[::1]:9"},
		{ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel-x"}, 3, "ipc:///tmp/kernel-x-3"},
	}
	for _, tc := range cases {
		if got := tc.ci.Endpoint(tc.port); got != tc.want {
			t.Errorf("Endpoint(%+v, %d) = %s, want %s", tc.ci, tc.port, got, tc.want)
		}
	}
}

func TestPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = New(Config{Conn: ConnectionInfo{IP: "127.0.0.1", ControlPort: port}, Executor: mockExec{}, Log: &syncBuffer{}})
	if err == nil || !strings.Contains(err.Error(), "control port") || !strings.Contains(err.Error(), "address already in use") ||
		strings.Contains(err.Error(), "\n") {
		t.Errorf("New on a used port: %v", err)
	}
}

func TestIPCTransport(t *testing.T) {
	dir, err := os.MkdirTemp("/tmp", "gk") // unix socket paths must stay short
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	k := startKernel(t, mockExec{}, func(c *Config) {
		c.Conn = ConnectionInfo{Transport: "ipc", IP: filepath.Join(dir, "k"), ShellPort: 1, IOPubPort: 2,
			StdinPort: 3, ControlPort: 4, HBPort: 5, Key: testKey}
	})
	rep, out := k.execute("print over ipc", nil)
	if content(rep)["status"] != "ok" || content(out[2])["text"] != "over ipc\n" {
		t.Errorf("ipc execute: %v %v", content(rep), types(out))
	}
	if err := k.ping(time.Second); err != nil {
		t.Errorf("ipc heartbeat: %v", err)
	}
}
