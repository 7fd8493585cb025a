package kernel

import (
	"strings"
	"sync"
	"testing"
	"time"
)

type emitted struct{ name, text string }

type recorder struct {
	mu  sync.Mutex
	got []emitted
}

func (r *recorder) emit(name, text string) {
	r.mu.Lock()
	r.got = append(r.got, emitted{name, text})
	r.mu.Unlock()
}

func (r *recorder) list() []emitted {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]emitted(nil), r.got...)
}

func TestStreamCoalesces(t *testing.T) {
	r := &recorder{}
	b := newStreamBuffer(r.emit)
	b.write("stdout", "a")
	b.write("stdout", "b")
	b.write("stderr", "E")
	b.write("stdout", "c")
	b.write("stdout", "")
	if got := r.list(); len(got) != 0 {
		t.Fatalf("emitted before a flush: %v", got)
	}
	b.flush()
	want := []emitted{{"stdout", "ab"}, {"stderr", "E"}, {"stdout", "c"}}
	if got := r.list(); !equalEmitted(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestStreamFlushesLive(t *testing.T) {
	r := &recorder{}
	b := newStreamBuffer(r.emit)
	b.write("stdout", "tick\n")
	deadline := time.Now().Add(time.Second)
	for len(r.list()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := r.list(); !equalEmitted(got, []emitted{{"stdout", "tick\n"}}) {
		t.Errorf("after the interval: %v", got)
	}
}

func TestStreamFlushesWhenFull(t *testing.T) {
	r := &recorder{}
	b := newStreamBuffer(r.emit)
	b.limit = 10
	b.write("stdout", "0123456789ABC")
	if got := r.list(); len(got) != 1 || got[0].text != "0123456789ABC" {
		t.Errorf("full buffer not flushed at once: %v", got)
	}
}

func TestStreamHoldsSplitCharacter(t *testing.T) {
	r := &recorder{}
	b := newStreamBuffer(r.emit)
	b.interval = time.Hour // only explicit ticks
	lambda := "λ"          // 0xCE 0xBB
	b.write("stdout", "x"+lambda[:1])
	b.tick()
	b.write("stdout", lambda[1:]+"y")
	b.flush()
	got := r.list()
	want := []emitted{{"stdout", "x"}, {"stdout", "λy"}}
	if !equalEmitted(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIncompleteTail(t *testing.T) {
	euro := "€" // 3 bytes
	cases := []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 0}, {"aλ", 0}, {"a" + "λ"[:1], 1},
		{euro, 0}, {euro[:1], 1}, {euro[:2], 2}, {"😀"[:3], 3}, {"😀", 0},
		{"\x80\x80\x80\x80", 0},
	}
	for _, tc := range cases {
		if got := incompleteTail([]byte(tc.in)); got != tc.want {
			t.Errorf("incompleteTail(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestStreamConcurrentWritersKeepAllText(t *testing.T) {
	r := &recorder{}
	b := newStreamBuffer(r.emit)
	b.limit = 64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				b.write("stdout", "x")
			}
		}()
	}
	wg.Wait()
	b.flush()
	var all strings.Builder
	for _, e := range r.list() {
		all.WriteString(e.text)
	}
	if all.Len() != 4000 {
		t.Errorf("%d bytes arrived, want 4000", all.Len())
	}
}

func equalEmitted(a, b []emitted) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
