package interp

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// sink routes what cells write to the Output of the cell being run. Output
// written after Execute returned (by a goroutine the cell started) goes to
// the Output of the last cell.
type sink struct {
	mu  sync.Mutex
	out engine.Output
	// flush forwards what was written to the cells' os.Stdout and
	// os.Stderr so far (the pipes' sync): fmt's output goes through them
	// too, so that it keeps its order with what compiled code writes to
	// os.Stdout, and displays, input prompts and routing wait for it.
	flush func()
}

func (s *sink) flushStreams() {
	if s.flush != nil {
		s.flush()
	}
}

func (s *sink) set(out engine.Output) {
	s.mu.Lock()
	s.out = out
	s.mu.Unlock()
}

func (s *sink) get() engine.Output {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out
}

// route sends output to out while f runs, then back to where it went.
func (s *sink) route(out engine.Output, f func()) {
	s.flushStreams()
	s.mu.Lock()
	prev := s.out
	s.out = out
	s.mu.Unlock()
	defer func() {
		s.flushStreams()
		s.mu.Lock()
		if s.out == out {
			s.out = prev
		}
		s.mu.Unlock()
	}()
	f()
}

// Publish, Update and Clear make a sink a display.Publisher: what cells
// display through package display goes where their text goes, to the
// Output of the cell being run or, later, of the last one.
func (s *sink) Publish(d display.Data) { s.flushStreams(); s.publisher().Publish(d) }

// Update forwards to the sink's Output; see Publish.
func (s *sink) Update(d display.Data) { s.flushStreams(); s.publisher().Update(d) }

// Clear forwards to the sink's Output; see Publish.
func (s *sink) Clear(wait bool) { s.flushStreams(); s.publisher().Clear(wait) }

func (s *sink) publisher() display.Publisher {
	if out := s.get(); out != nil {
		return out
	}
	return noPublisher{}
}

// noPublisher drops what is displayed when no cell has run yet.
type noPublisher struct{}

func (noPublisher) Publish(display.Data) {}
func (noPublisher) Update(display.Data)  {}
func (noPublisher) Clear(bool)           {}

// displayRouter is the process's display publisher from the first New on:
// package interp owns where display calls go, as it owns os.Stdout, and
// neither the kernel nor a cell sets it (display.SetPublisher is refused
// in cells). It forwards to the sink of the interpreter that ran a cell
// last. A widget that captures output (widgets.Output.Capture) puts its
// own publisher in place for a while and restores this one.
var displayRouter = &router{}

var installRouter sync.Once

type router struct {
	mu  sync.Mutex
	cur *sink
}

func (r *router) use(s *sink) {
	installRouter.Do(func() {
		display.SetPublisher(r)
		display.SetFlusher(r.flush)
	})
	r.mu.Lock()
	r.cur = s
	r.mu.Unlock()
}

// drop forgets s (a closed interpreter's sink) if it is the current one.
func (r *router) drop(s *sink) {
	r.mu.Lock()
	if r.cur == s {
		r.cur = nil
	}
	r.mu.Unlock()
}

func (r *router) target() display.Publisher {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur == nil {
		return noPublisher{}
	}
	return r.cur
}

// flush forwards the streams of the current sink (display.SetFlusher).
func (r *router) flush() {
	r.mu.Lock()
	s := r.cur
	r.mu.Unlock()
	if s != nil {
		s.flushStreams()
	}
}

func (r *router) Publish(d display.Data) { r.target().Publish(d) }
func (r *router) Update(d display.Data)  { r.target().Update(d) }
func (r *router) Clear(wait bool)        { r.target().Clear(wait) }

func (s *sink) stream(name, text string) {
	if text == "" {
		return
	}
	// The current display publisher is displayRouter, which is no
	// Streamer; a widget capturing output (widgets.Output.Capture,
	// Interact) puts its own in place, and then takes what the code
	// prints too.
	if st, ok := display.CurrentStreamer(); ok {
		st.Stream(name, text)
		return
	}
	if out := s.get(); out != nil {
		out.Stream(name, text)
	}
}

func (s *sink) input(prompt string) (string, error) {
	s.flushStreams()
	s.mu.Lock()
	out := s.out
	s.mu.Unlock()
	if out == nil {
		return "", engine.ErrNoStdin
	}
	return out.Input(prompt, false)
}

// streamWriter writes to one stream of the running cell's Output.
type streamWriter struct {
	sink *sink
	name string
}

func (w streamWriter) Write(b []byte) (int, error) {
	w.sink.stream(w.name, string(b))
	return len(b), nil
}

// pipe captures one of the interpreter's file streams (os.Stdout or
// os.Stderr in cells) through an os.Pipe, so that writes through the
// *os.File are captured as well as fmt.Print. A reader goroutine forwards
// the bytes live; sync waits until everything written before it was
// forwarded, using a marker the reader recognises.
type pipe struct {
	name   string
	sink   *sink
	r, w   *os.File
	mu     sync.Mutex
	seq    int
	synced map[int]chan struct{}
	done   chan struct{}
	// writes counts the writes through Write, flushed how many of them a
	// finished sync forwarded: the pipe is dirty while flushed < writes.
	writes, flushed atomic.Int64
	// before, for os.Stderr's pipe, is os.Stdout's: what fmt wrote there
	// is forwarded first, so that a cell's stdout and stderr keep the
	// order they were written in, as far as the two pipes can tell.
	before *pipe
}

// forward sends text read from the pipe to the sink.
func (p *pipe) forward(text string) {
	if text == "" {
		return
	}
	if p.before != nil && p.before.dirty() {
		p.before.sync()
	}
	p.sink.stream(p.name, text)
}

// Write writes to the pipe as fmt's output does (yaegi's Stdout, print),
// noting that a sync has something to wait for (see errWriter).
func (p *pipe) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.writes.Add(1)
	return n, err
}

// dirty tells whether something written through Write may not have been
// forwarded yet.
func (p *pipe) dirty() bool { return p.flushed.Load() < p.writes.Load() }

const syncMark = "\x00gocalc-sync-"

var syncRe = regexp.MustCompile("\x00gocalc-sync-([0-9]+)\x00")

func newPipe(name string, s *sink, before *pipe) (*pipe, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	p := &pipe{name: name, sink: s, r: r, w: w, synced: map[int]chan struct{}{}, done: make(chan struct{}), before: before}
	go p.read()
	return p, nil
}

func (p *pipe) read() {
	defer close(p.done)
	buf := make([]byte, 32*1024)
	var pending []byte
	for {
		n, err := p.r.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			loc := syncRe.FindSubmatchIndex(pending)
			if loc == nil {
				break
			}
			p.forward(string(pending[:loc[0]]))
			id, _ := strconv.Atoi(string(pending[loc[2]:loc[3]]))
			pending = pending[loc[1]:]
			p.mu.Lock()
			if c, ok := p.synced[id]; ok {
				close(c)
				delete(p.synced, id)
			}
			p.mu.Unlock()
		}
		// Keep back a possible beginning of a marker.
		keep := 0
		if i := bytes.LastIndexByte(pending, 0); i >= 0 && bytes.HasPrefix([]byte(syncMark), pending[i:min(len(pending), i+len(syncMark))]) {
			keep = len(pending) - i
		}
		if len(pending)-keep > 0 {
			p.forward(string(pending[:len(pending)-keep]))
			pending = append(pending[:0], pending[len(pending)-keep:]...)
		}
		if err != nil {
			if len(pending) > 0 {
				p.forward(string(pending))
			}
			return
		}
	}
}

// sync returns once everything written to the pipe so far was forwarded.
func (p *pipe) sync() {
	target := p.writes.Load()
	defer func() {
		for {
			f := p.flushed.Load()
			if f >= target || p.flushed.CompareAndSwap(f, target) {
				return
			}
		}
	}()
	p.mu.Lock()
	p.seq++
	id := p.seq
	c := make(chan struct{})
	p.synced[id] = c
	p.mu.Unlock()
	if _, err := p.w.WriteString(syncMark + strconv.Itoa(id) + "\x00"); err != nil {
		return
	}
	select {
	case <-c:
	case <-p.done:
	}
}

func (p *pipe) close() {
	p.w.Close()
	<-p.done
	p.r.Close()
}

// errWriter is the interpreter's own error stream (log package output and
// yaegi's panic reports). Panic reports are kept as frames for the cell's
// traceback instead of being shown; everything else is forwarded.
type errWriter struct {
	sink   *sink
	stdout *pipe // synced first when fmt wrote to it
	mu     sync.Mutex
	line   []byte
	frames []string
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.stdout != nil && e.stdout.dirty() {
		e.stdout.sync() // after what fmt wrote before (see sink.flush)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.line = append(e.line, b...)
	for {
		i := bytes.IndexByte(e.line, '\n')
		if i < 0 {
			break
		}
		l := string(e.line[:i])
		e.line = e.line[i+1:]
		if frameRe.MatchString(l) {
			e.frames = append(e.frames, l)
			continue
		}
		e.sink.stream("stderr", l+"\n")
	}
	return len(b), nil
}

// takeFrames returns and forgets the panic frames recorded so far.
func (e *errWriter) takeFrames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.frames
	e.frames = nil
	return f
}

// errStdinClosed is returned to cells reading standard input when the
// frontend does not accept input requests.
var errStdinClosed = errors.New("gocalc: cannot read standard input: this frontend does not accept input (allow_stdin is false)")

// stdin is the interpreter's standard input: it asks the frontend for a
// line whenever a read finds its buffer empty.
type stdin struct {
	sink *sink
	mu   sync.Mutex
	buf  []byte
}

func (s *stdin) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) == 0 {
		line, err := s.sink.input("")
		if errors.Is(err, engine.ErrNoStdin) {
			s.sink.stream("stderr", errStdinClosed.Error()+"\n")
			return 0, errStdinClosed
		}
		if err != nil {
			return 0, err
		}
		s.buf = append(s.buf, line...)
		s.buf = append(s.buf, '\n')
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

var _ io.Reader = (*stdin)(nil)
