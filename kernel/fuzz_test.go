package kernel

import (
	"bytes"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"testing"

	"github.com/go-zeromq/zmq4"
)

// fuzzSep separates frames in a fuzz input.
var fuzzSep = []byte{0xfe, 0xff}

// FuzzDecode feeds arbitrary frames to the wire decoder, with and without
// a key: it must never panic, and what it accepts must survive a round
// trip through wire.Encode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("id\xfe\xff<IDS|MSG>\xfe\xff\xfe\xff{\"msg_type\":\"kernel_info_request\",\"msg_id\":\"1\"}\xfe\xff{}\xfe\xff{}\xfe\xff{}"))
	f.Add([]byte("<IDS|MSG>\xfe\xff\xfe\xff{\"msg_type\":\"execute_request\"}\xfe\xff{}\xfe\xffnull\xfe\xff{\"code\":\"Δ\"}\xfe\xffbuf"))
	f.Add([]byte("<IDS|MSG>\xfe\xffzz\xfe\xff{\xfe\xff\xfe\xff\xfe\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, fuzzSep)
		// A copy signed with the right key reaches the decoding past the
		// signature check.
		signed := append([][]byte(nil), frames...)
		for i, fr := range signed {
			if bytes.Equal(fr, wire.Delimiter) && len(signed) >= i+6 {
				signed[i+1] = wire.NewSigner([]byte("k")).Sign(signed[i+2], signed[i+3], signed[i+4], signed[i+5])
				break
			}
		}
		for _, c := range []struct {
			key    []byte
			frames [][]byte
		}{{nil, frames}, {[]byte("k"), frames}, {[]byte("k"), signed}} {
			key, frames := c.key, c.frames
			m, err := wire.Decode(frames, wire.NewSigner(key))
			if err != nil {
				continue
			}
			if m.Metadata == nil || m.Parent == nil || m.Header.MsgType == "" {
				t.Fatalf("accepted message with nil parts: %+v", m)
			}
			enc, err := wire.Encode(m, wire.NewSigner(key))
			if err != nil {
				t.Fatalf("Encode of a decoded message: %v", err)
			}
			m2, err := wire.Decode(enc, wire.NewSigner(key))
			if err != nil {
				t.Fatalf("round trip: %v", err)
			}
			if m2.Header != m.Header || !bytes.Equal(m2.Content, m.Content) && m.Content != nil {
				t.Fatalf("round trip changed the message: %+v -> %+v", m, m2)
			}
		}
	})
}

// FuzzReadyCommand checks the guard against zmq4 itself: a READY command
// the guard lets through must not panic zmq4's metadata parser, which
// runs on one of zmq4's goroutines where no recover can reach it.
func FuzzReadyCommand(f *testing.F) {
	f.Add([]byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER\x08Identity\x00\x00\x00\x00"))
	f.Add([]byte("\x05READY\x03ab"))
	f.Add([]byte("\x05READY\x01a\x00\x00"))
	f.Add([]byte("\x05PING"))
	f.Fuzz(func(t *testing.T, body []byte) {
		if checkCommand(body) != nil || commandName(body) != "READY" {
			return
		}
		md := zmq4.Metadata{}
		if err := md.UnmarshalZMTP(body[1+int(body[0]):]); err != nil {
			t.Logf("zmq4 rejects it cleanly: %v", err)
		}
	})
}
