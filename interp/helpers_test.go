package interp

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// recorder is an engine.Output that keeps what a cell produced.
type recorder struct {
	mu      sync.Mutex
	streams []string // "stdout:text" chunks in arrival order
	pub     []display.Data
	inputs  []string // lines Input returns; ErrNoStdin when empty
	prompts int
}

func (r *recorder) Publish(d display.Data) { r.mu.Lock(); r.pub = append(r.pub, d); r.mu.Unlock() }
func (r *recorder) Update(d display.Data)  { r.Publish(d) }
func (r *recorder) Clear(bool)             {}
func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	r.streams = append(r.streams, name+":"+text)
	r.mu.Unlock()
}
func (r *recorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.prompts++
	if len(r.inputs) == 0 {
		return "", engine.ErrNoStdin
	}
	l := r.inputs[0]
	r.inputs = r.inputs[1:]
	return l, nil
}

// stream returns everything written to one stream.
func (r *recorder) stream(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, s := range r.streams {
		if t, ok := strings.CutPrefix(s, name+":"); ok {
			b.WriteString(t)
		}
	}
	return b.String()
}

var _ engine.Output = (*recorder)(nil)

func newInterp(t testing.TB) *Interpreter {
	t.Helper()
	in, err := New(Options{ModuleDir: t.TempDir()}) // a module a test imports is pinned there
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	return in
}

// run executes a cell and returns its text/plain value ("" for none).
func run(t testing.TB, in *Interpreter, code string) (string, *recorder, error) {
	t.Helper()
	rec := &recorder{}
	d, err := in.Execute(context.Background(), code, rec)
	if d == nil {
		return "", rec, err
	}
	s, _ := d.Data["text/plain"].(string)
	return s, rec, err
}

// mustRun executes a cell that must succeed.
func mustRun(t testing.TB, in *Interpreter, code string) (string, *recorder) {
	t.Helper()
	v, rec, err := run(t, in, code)
	if err != nil {
		t.Fatalf("cell %q: %v\n%s", code, err, engine.TracebackText(err))
	}
	return v, rec
}
