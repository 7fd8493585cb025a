package kernel

import (
	"bytes"
	"testing"
)

// writeRecorder keeps each Write call separately.
type writeRecorder struct{ calls [][]byte }

func (r *writeRecorder) Write(p []byte) (int, error) {
	r.calls = append(r.calls, append([]byte(nil), p...))
	return len(p), nil
}

func TestFrameWriterSendsWholeMessages(t *testing.T) {
	greeting := bytes.Repeat([]byte{0x7f}, greetingLen)
	ready := append([]byte{flagCommand, 6, 5}, "READY"...)
	long := bytes.Repeat([]byte("x"), 300)
	var msg1 []byte
	msg1 = append(msg1, flagMore, 3, 'a', 'b', 'c') // identity
	msg1 = append(msg1, flagMore, 0)                // empty frame
	msg1 = append(msg1, flagMore|flagLong, 0, 0, 0, 0, 0, 0, 1, 44)
	msg1 = append(msg1, long...)
	msg1 = append(msg1, 0, 2, '{', '}') // last frame
	msg2 := []byte{0, 0}                // a one-frame message with an empty body

	stream := append(append(append(append([]byte{}, greeting...), ready...), msg1...), msg2...)
	for _, chunk := range []int{1, 2, 3, 7, 64, 1000} {
		var r writeRecorder
		f := newFrameWriter(&r)
		for p := stream; len(p) > 0; {
			k := min(chunk, len(p))
			if n, err := f.Write(p[:k]); n != k || err != nil {
				t.Fatalf("chunk %d: Write = %d, %v", chunk, n, err)
			}
			p = p[k:]
		}
		// The greeting passes through as written; then one write per
		// command and per message.
		var got [][]byte
		var g []byte
		for _, c := range r.calls {
			if len(g) < greetingLen {
				g = append(g, c...)
				continue
			}
			got = append(got, c)
		}
		if !bytes.Equal(g, greeting) {
			t.Errorf("chunk %d: greeting %x", chunk, g)
		}
		want := [][]byte{ready, msg1, msg2}
		if len(got) != len(want) {
			t.Fatalf("chunk %d: %d writes after the greeting, want %d", chunk, len(got), len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("chunk %d: write %d = %x, want %x", chunk, i, got[i], want[i])
			}
		}
	}
}
