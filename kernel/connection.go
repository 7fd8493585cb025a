package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file: where the
// five sockets listen and how messages are signed.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// LoadConnectionFile reads and checks a connection file. Its errors are one
// line long and name the problem, for the command to print as they are.
func LoadConnectionFile(path string) (*ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("connection file %s does not exist", path)
		}
		return nil, fmt.Errorf("cannot read connection file: %v", err)
	}
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return nil, fmt.Errorf("connection file %s is not valid JSON: %v", path, err)
	}
	if err := ci.Check(); err != nil {
		return nil, fmt.Errorf("connection file %s: %v", path, err)
	}
	return &ci, nil
}

// Check fills defaults (tcp, 127.0.0.1, hmac-sha256) and reports an
// unsupported transport or signature scheme, or a port out of range.
func (ci *ConnectionInfo) Check() error {
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.IP == "" {
		ci.IP = "127.0.0.1"
	}
	if ci.SignatureScheme == "" {
		ci.SignatureScheme = "hmac-sha256"
	}
	if ci.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("unsupported signature_scheme %q (only hmac-sha256 is supported)", ci.SignatureScheme)
	}
	switch ci.Transport {
	case "tcp":
		for _, p := range ci.ports() {
			if p.port < 0 || p.port > 65535 {
				return fmt.Errorf("%s_port %d is out of range", p.name, p.port)
			}
		}
	case "ipc":
	default:
		return fmt.Errorf("unsupported transport %q (use tcp or ipc)", ci.Transport)
	}
	return nil
}

type namedPort struct {
	name string
	port int
}

func (ci *ConnectionInfo) ports() []namedPort {
	return []namedPort{
		{"shell", ci.ShellPort}, {"iopub", ci.IOPubPort}, {"stdin", ci.StdinPort},
		{"control", ci.ControlPort}, {"hb", ci.HBPort},
	}
}

// Endpoint returns the ZeroMQ address of a port, as jupyter_client forms
// it: tcp://IP:PORT, or ipc://IP-PORT for the ipc transport.
func (ci *ConnectionInfo) Endpoint(port int) string {
	if ci.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", ci.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", bracketIPv6(ci.IP), port)
}

func bracketIPv6(ip string) string {
	for _, c := range ip {
		if c == ':' {
			return "[" + ip + "]"
		}
	}
	return ip
}
