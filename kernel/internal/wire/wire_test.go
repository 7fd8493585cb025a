package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestSign(t *testing.T) {
	// Expected value from Python's hmac.new(b"secret", digestmod=sha256).
	s := NewSigner([]byte("secret"))
	got := s.Sign([]byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte(`{"code":"x"}`))
	want := "6d4e96e072a7d545daf167071b1f625b663fcd9227dc75b9859ef0fcf0aef780"
	if string(got) != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if got := NewSigner(nil).Sign([]byte("{}"), nil, nil, nil); len(got) != 0 {
		t.Errorf("keyless Sign = %q, want empty", got)
	}
}

func TestVerify(t *testing.T) {
	h, p, m, c := []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte(`{"code":"x"}`)
	good := "6d4e96e072a7d545daf167071b1f625b663fcd9227dc75b9859ef0fcf0aef780"
	cases := []struct {
		name string
		sig  string
		want error
	}{
		{"valid", good, nil},
		{"valid upper case", strings.ToUpper(good), nil},
		{"empty", "", ErrBadSignature},
		{"one digit off", good[:63] + "1", ErrBadSignature},
		{"truncated", good[:32], ErrBadSignature},
		{"not hex", strings.Repeat("z", 64), ErrBadSignature},
	}
	for _, tc := range cases {
		s := NewSigner([]byte("secret"))
		if err := s.Verify([]byte(tc.sig), h, p, m, c); !errors.Is(err, tc.want) {
			t.Errorf("%s: Verify = %v, want %v", tc.name, err, tc.want)
		}
	}
	s := NewSigner([]byte("secret"))
	if err := s.Verify([]byte(good), h, p, m, c); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify([]byte(good), h, p, m, c); !errors.Is(err, ErrReplayed) {
		t.Errorf("replayed message: %v, want ErrReplayed", err)
	}
	if err := NewSigner(nil).Verify(nil, h, p, m, c); err != nil {
		t.Errorf("keyless Verify = %v, want nil", err)
	}
}

func TestReplayWindowForgetsOldest(t *testing.T) {
	s := NewSigner([]byte("k"))
	sign := func(i int) ([]byte, []byte) {
		h := []byte(`{"msg_id":"` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `","n":` + itoa(i) + `}`)
		return s.Sign(h, nil, nil, nil), h
	}
	first, fh := sign(0)
	if err := s.Verify(first, fh, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= replayWindow; i++ {
		sig, h := sign(i)
		if err := s.Verify(sig, h, nil, nil, nil); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if len(s.seen) != replayWindow {
		t.Errorf("remembers %d signatures, want %d", len(s.seen), replayWindow)
	}
	if err := s.Verify(first, fh, nil, nil, nil); err != nil {
		t.Errorf("signature older than the window: %v, want accepted", err)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestDecodeErrors(t *testing.T) {
	s := NewSigner(nil)
	cases := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"empty", nil, ErrNoDelimiter},
		{"no Delimiter", [][]byte{[]byte("id"), []byte("{}")}, ErrNoDelimiter},
		{"short", [][]byte{Delimiter, nil, []byte("{}"), []byte("{}"), []byte("{}")}, ErrShortMessage},
		{"header not JSON", [][]byte{Delimiter, nil, []byte("{"), []byte("{}"), []byte("{}"), []byte("{}")}, ErrBadHeader},
		{"header without msg_type", [][]byte{Delimiter, nil, []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}")}, ErrBadHeader},
		{"bad signature", [][]byte{Delimiter, []byte("00"), []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("{}"), []byte("{}")}, nil},
	}
	for _, tc := range cases {
		_, err := Decode(tc.frames, s)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Decode error %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := Decode(cases[len(cases)-1].frames, NewSigner([]byte("k"))); !errors.Is(err, ErrBadSignature) {
		t.Errorf("signed Decode of a bad signature: %v", err)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	s := NewSigner([]byte("key"))
	m := &Message{
		Identities: [][]byte{[]byte("client-1"), {0, 1, 2}},
		Header:     Header{MsgID: "m1", Session: "s1", Username: "u", Date: Now(), MsgType: "execute_request", Version: ProtocolVersion},
		Content:    json.RawMessage(`{"code":"Δx := 1"}`),
		Buffers:    [][]byte{[]byte("buf")},
	}
	frames, err := Encode(m, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 2+6+1 || !bytes.Equal(frames[2], Delimiter) {
		t.Fatalf("frames %q", frames)
	}
	if string(frames[5]) != "{}" || string(frames[6]) != "{}" {
		t.Errorf("parent %s metadata %s, want {} {}", frames[5], frames[6])
	}
	got, err := Decode(frames, NewSigner([]byte("key")))
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != m.Header || string(got.Content) != string(m.Content) ||
		len(got.Identities) != 2 || string(got.Buffers[0]) != "buf" || string(got.Parent) != "{}" {
		t.Errorf("round trip: %+v", got)
	}
	if string(got.RawHeader) != string(frames[4]) {
		t.Errorf("RawHeader %s, want %s", got.RawHeader, frames[4])
	}
}

func TestDecodeNonObjectContent(t *testing.T) {
	for _, body := range []string{"[1]", "null", "5", "{bad", ""} {
		frames := [][]byte{Delimiter, nil, []byte(`{"msg_type":"x"}`), []byte("{}"), []byte("null"), []byte(body)}
		m, err := Decode(frames, NewSigner(nil))
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if m.Content != nil {
			t.Errorf("content %q decoded as %s, want nil", body, m.Content)
		}
		if m.Metadata == nil {
			t.Errorf("%q: nil metadata", body)
		}
	}
}

// BenchmarkDecode measures verifying and decoding one signed request.
func BenchmarkDecode(b *testing.B) {
	s := NewSigner([]byte("bench-key"))
	m := &Message{
		Identities: [][]byte{[]byte("client")},
		Header:     Header{MsgID: NewID(), Session: "bench", Username: "u", Date: Now(), MsgType: "execute_request", Version: ProtocolVersion},
		Content:    []byte(`{"code":"x := 1","silent":false}`),
	}
	frames, err := Encode(m, s)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.mu.Lock()
		clear(s.seen) // the same signature every time: forget it
		s.ring = s.ring[:0]
		s.mu.Unlock()
		if _, err := Decode(frames, s); err != nil {
			b.Fatal(err)
		}
	}
}
