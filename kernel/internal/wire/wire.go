// Package wire reads and writes Jupyter messages as they travel on the
// kernel's ZeroMQ sockets: routing identities, the <IDS|MSG> delimiter, the
// HMAC-SHA256 signature, four JSON frames and binary buffers. Only package
// kernel uses it.
package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"sync"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version the kernel speaks.
const ProtocolVersion = "5.4"

// Delimiter separates the routing identities from the signed part of a message.
var Delimiter = []byte("<IDS|MSG>")

// Header is the header of a Jupyter message.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message as it travels on a socket.
//
// Parent holds the parent header as raw JSON ("{}" when there is none).
// RawHeader is the header exactly as a received message carried it, so that
// replies name their request byte for byte. Content is raw JSON, decoded by
// the handler that knows its shape; it is nil when it was not a JSON object.
type Message struct {
	Identities [][]byte
	Header     Header
	RawHeader  json.RawMessage
	Parent     json.RawMessage
	Metadata   map[string]any
	Content    json.RawMessage
	Buffers    [][]byte
}

// Decoding errors. They are logged and the message is dropped.
var (
	ErrNoDelimiter  = errors.New("no <IDS|MSG> Delimiter")
	ErrShortMessage = errors.New("fewer than 5 frames after the Delimiter")
	ErrBadSignature = errors.New("invalid signature")
	ErrReplayed     = errors.New("duplicate signature (replayed message)")
	ErrBadHeader    = errors.New("invalid header")
)

// Signer signs and verifies messages with HMAC-SHA256. A Signer with an
// empty key signs with the empty string and accepts any signature, as
// jupyter_client does when the connection file has no key. It remembers the
// last signatures it accepted and rejects a message whose signature it saw.
type Signer struct {
	key []byte

	mu   sync.Mutex
	seen map[string]struct{}
	ring []string
	next int
}

// replayWindow is how many accepted signatures a Signer remembers.
const replayWindow = 1 << 16

// NewSigner returns a Signer for key.
func NewSigner(key []byte) *Signer {
	return &Signer{key: append([]byte(nil), key...), seen: map[string]struct{}{}}
}

func (s *Signer) mac(parts ...[]byte) hash.Hash {
	h := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h
}

// Sign returns the hex signature of the four signed frames.
func (s *Signer) Sign(header, parent, metadata, content []byte) []byte {
	if len(s.key) == 0 {
		return []byte{}
	}
	sum := s.mac(header, parent, metadata, content).Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify checks sig against the four signed frames with a constant-time
// compare, and rejects a signature already accepted once.
func (s *Signer) Verify(sig, header, parent, metadata, content []byte) error {
	if len(s.key) == 0 {
		return nil
	}
	want := s.mac(header, parent, metadata, content).Sum(nil)
	got := make([]byte, hex.DecodedLen(len(sig)))
	n, err := hex.Decode(got, bytes.ToLower(sig))
	if err != nil || !hmac.Equal(got[:n], want) {
		return ErrBadSignature
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := string(want)
	if _, dup := s.seen[key]; dup {
		return ErrReplayed
	}
	if len(s.ring) < replayWindow {
		s.ring = append(s.ring, key)
	} else {
		delete(s.seen, s.ring[s.next])
		s.ring[s.next] = key
		s.next = (s.next + 1) % replayWindow
	}
	s.seen[key] = struct{}{}
	return nil
}

// Decode parses the frames of a received message and verifies its
// signature. It never panics, whatever the frames hold.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	d := -1
	for i, f := range frames {
		if bytes.Equal(f, Delimiter) {
			d = i
			break
		}
	}
	if d < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[d+1:]
	if len(rest) < 5 {
		return nil, ErrShortMessage
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if err := s.Verify(sig, header, parent, metadata, content); err != nil {
		return nil, err
	}
	m := &Message{Identities: cloneFrames(frames[:d]), Buffers: cloneFrames(rest[5:])}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadHeader, err)
	}
	if m.Header.MsgType == "" {
		return nil, fmt.Errorf("%w: no msg_type", ErrBadHeader)
	}
	m.RawHeader = append(json.RawMessage(nil), header...)
	if m.Parent = compactObject(parent); m.Parent == nil {
		m.Parent = json.RawMessage("{}")
	}
	if err := json.Unmarshal(metadata, &m.Metadata); err != nil || m.Metadata == nil {
		m.Metadata = map[string]any{}
	}
	m.Content = compactObject(content)
	return m, nil
}

// compactObject returns b if it holds a JSON object, and an invalid marker
// otherwise, so that handlers see a decoding error rather than a panic.
func compactObject(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil || buf.Len() == 0 || buf.Bytes()[0] != '{' {
		return nil
	}
	return buf.Bytes()
}

func cloneFrames(fs [][]byte) [][]byte {
	if len(fs) == 0 {
		return nil
	}
	out := make([][]byte, len(fs))
	for i, f := range fs {
		out[i] = append([]byte(nil), f...)
	}
	return out
}

// Encode returns the frames of m, signed by s. A nil Parent is sent as {}
// and nil Metadata as {}, never null.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := []byte(m.Parent)
	if len(parent) == 0 {
		parent = []byte("{}")
	}
	md := m.Metadata
	if md == nil {
		md = map[string]any{}
	}
	metadata, err := json.Marshal(md)
	if err != nil {
		return nil, err
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, Delimiter, s.Sign(header, parent, metadata, content), header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// NewID returns a random UUID-like identifier in hex.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; fall back to time.
		return fmt.Sprintf("%032x", time.Now().UnixNano())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Now returns the current time in the ISO 8601 form Jupyter uses.
func Now() string {
	return time.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
}
