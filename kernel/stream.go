package kernel

import (
	"sync"
	"time"
	"unicode/utf8"
)

// Stream coalescing: text written to stdout and stderr is buffered and sent
// every flushInterval, at once when maxBuffered bytes are waiting, and
// before any other output of the cell, so that order is kept.
const (
	flushInterval = 50 * time.Millisecond
	maxBuffered   = 1 << 20
)

type chunk struct {
	name string
	text []byte
}

// streamBuffer coalesces stream writes into few stream messages. Its
// methods may be called from any goroutine. emit is called with the lock
// held, so that messages leave in the order their text was written.
type streamBuffer struct {
	emit     func(name, text string)
	interval time.Duration
	limit    int

	mu        sync.Mutex
	chunks    []chunk
	size      int
	scheduled bool
}

func newStreamBuffer(emit func(name, text string)) *streamBuffer {
	return &streamBuffer{emit: emit, interval: flushInterval, limit: maxBuffered}
}

// write appends text to the named stream.
func (b *streamBuffer) write(name, text string) {
	if text == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.chunks); n > 0 && b.chunks[n-1].name == name {
		b.chunks[n-1].text = append(b.chunks[n-1].text, text...)
	} else {
		b.chunks = append(b.chunks, chunk{name: name, text: []byte(text)})
	}
	b.size += len(text)
	if b.size >= b.limit {
		b.flushLocked(true)
		return
	}
	if !b.scheduled {
		b.scheduled = true
		time.AfterFunc(b.interval, b.tick)
	}
}

func (b *streamBuffer) tick() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scheduled = false
	b.flushLocked(true)
	if b.size > 0 && !b.scheduled {
		// A split character was held back: send it at the next tick.
		b.scheduled = true
		time.AfterFunc(b.interval, b.flush)
	}
}

// flush sends everything buffered.
func (b *streamBuffer) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked(false)
}

// flushLocked emits the buffered chunks. With holdSplit, an incomplete
// UTF-8 sequence at the very end stays buffered, so that a character split
// across two writes is not mangled into two replacement characters.
func (b *streamBuffer) flushLocked(holdSplit bool) {
	var held chunk
	if n := len(b.chunks); holdSplit && n > 0 {
		last := &b.chunks[n-1]
		if k := incompleteTail(last.text); k > 0 {
			held = chunk{name: last.name, text: append([]byte(nil), last.text[len(last.text)-k:]...)}
			last.text = last.text[:len(last.text)-k]
		}
	}
	for _, c := range b.chunks {
		if len(c.text) > 0 {
			b.emit(c.name, string(c.text))
		}
	}
	b.chunks = b.chunks[:0]
	b.size = 0
	if len(held.text) > 0 {
		b.chunks = append(b.chunks, held)
		b.size = len(held.text)
	}
}

// incompleteTail returns the length of a truncated UTF-8 sequence at the
// end of p, or 0.
func incompleteTail(p []byte) int {
	for k := 1; k <= 3 && k <= len(p); k++ {
		c := p[len(p)-k]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(p[len(p)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}
