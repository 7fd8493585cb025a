package kernel

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	cases := []struct {
		name, body string
		wantErr    string
	}{
		{"READY with properties", "\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER\x08Identity\x00\x00\x00\x00", ""},
		{"READY without properties", "\x05READY", ""},
		{"PING", "\x04PING\x00\x01", ""},
		{"empty", "", "malformed command"},
		{"name longer than body", "\x09READY", "malformed command"},
		{"key runs past the end", "\x05READY\x03ab", "truncated READY property"},
		{"no room for the length", "\x05READY\x01a\x00\x00", "truncated READY property"},
		{"value runs past the end", "\x05READY\x01a\x00\x00\x00\x05abc", "truncated READY property value"},
		{"huge value length", "\x05READY\x01a\xff\xff\xff\xff", "truncated READY property value"},
	}
	for _, tc := range cases {
		err := checkCommand([]byte(tc.body))
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v, want accepted", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}

// readThroughGuard feeds stream (after its first 10 bytes, which the
// listener reads) through a guardConn and returns what zmq4 would read.
func readThroughGuard(stream []byte) ([]byte, error) {
	client, server := net.Pipe()
	go func() {
		client.Write(stream)
		client.Close()
	}()
	var sig [sigLen]byte
	io.ReadFull(server, sig[:])
	gc := &guardConn{Conn: server, r: bufioReader(sig[:], server)}
	var out bytes.Buffer
	_, err := io.Copy(&out, gc)
	return out.Bytes(), err
}

func TestGuardConn(t *testing.T) {
	hello := append(append(zmtpGreeting(), readyCommand("DEALER")...), zmtpFrame(flagMore, []byte("id"))...)
	hello = append(hello, zmtpFrame(0, bytes.Repeat([]byte("x"), 300))...)
	cases := []struct {
		name    string
		stream  []byte
		wantErr string // "" when the whole stream passes unchanged
	}{
		{"valid", hello, ""},
		{"huge frame", append(append(zmtpGreeting(), readyCommand("DEALER")...), flagLong, 0, 0, 1, 0, 0, 0, 0, 0), "exceeds the limit"},
		{"frame before READY", append(zmtpGreeting(), zmtpFrame(0, []byte("hi"))...), "before the handshake"},
		{"reserved flag bits", append(zmtpGreeting(), 0x40, 0), "bad frame flags"},
		{"truncated READY", append(zmtpGreeting(), zmtpFrame(flagCommand, []byte("\x05READY\x03ab"))...), "truncated READY"},
	}
	for _, tc := range cases {
		got, err := readThroughGuard(tc.stream)
		if tc.wantErr == "" {
			if err != nil || !bytes.Equal(got, tc.stream) {
				t.Errorf("%s: %d of %d bytes passed, err %v", tc.name, len(got), len(tc.stream), err)
			}
			continue
		}
		var ge errGuard
		if !errors.As(err, &ge) || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: err %v, want a guard error %q", tc.name, err, tc.wantErr)
		}
	}
}
