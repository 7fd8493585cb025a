package kernel

import (
	"encoding/binary"
	"io"
	"sync"
)

// frameWriter sends what zmq4 writes one whole message at a time. zmq4
// v0.17.0 makes two write calls per frame (header, then body), so a
// Jupyter message of seven frames cost fourteen system calls, and those
// calls were most of an empty cell's round trip. frameWriter passes the
// greeting through, then follows the ZMTP framing of the bytes it is given
// and holds them until a frame ends a message (no MORE flag) or carries a
// command, which it then writes in one call.
type frameWriter struct {
	mu      sync.Mutex
	w       io.Writer
	greet   int    // greeting bytes still to pass through
	hdr     []byte // the current frame's header, while incomplete
	body    uint64 // body bytes still to come in the current frame
	last    bool   // the current frame ends a message or is a command
	pending []byte // whole frames and parts held back
}

func newFrameWriter(w io.Writer) *frameWriter {
	return &frameWriter{w: w, greet: greetingLen, hdr: make([]byte, 0, 9)}
}

// Write takes any split of the byte stream zmq4 produces.
func (f *frameWriter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		switch {
		case f.greet > 0:
			k := min(f.greet, len(p))
			if _, err := f.w.Write(p[:k]); err != nil {
				return n - len(p), err
			}
			f.greet -= k
			p = p[k:]
		case f.body > 0:
			k := int(min(f.body, uint64(len(p))))
			f.pending = append(f.pending, p[:k]...)
			f.body -= uint64(k)
			p = p[k:]
			if f.body == 0 && f.last {
				if err := f.flush(); err != nil {
					return n - len(p), err
				}
			}
		default:
			f.hdr = append(f.hdr, p[0])
			p = p[1:]
			flag := f.hdr[0]
			want := 2
			if flag&flagLong != 0 {
				want = 9
			}
			if len(f.hdr) < want {
				continue
			}
			if want == 9 {
				f.body = binary.BigEndian.Uint64(f.hdr[1:])
			} else {
				f.body = uint64(f.hdr[1])
			}
			f.last = flag&flagMore == 0 || flag&flagCommand != 0
			f.pending = append(f.pending, f.hdr...)
			f.hdr = f.hdr[:0]
			if f.body == 0 && f.last {
				if err := f.flush(); err != nil {
					return n - len(p), err
				}
			}
		}
	}
	return n, nil
}

func (f *frameWriter) flush() error {
	_, err := f.w.Write(f.pending)
	if cap(f.pending) > 1<<20 {
		f.pending = nil // let a huge message's buffer go
	} else {
		f.pending = f.pending[:0]
	}
	return err
}
