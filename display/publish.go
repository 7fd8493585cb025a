package display

import (
	"encoding/json"
	"strconv"
	"sync"
	"sync/atomic"
)

// Publisher receives what cells display. The kernel and the notebook runner
// implement it; its methods may be called from any goroutine.
type Publisher interface {
	// Publish shows d as a new output (display_data).
	Publish(d Data)
	// Update replaces the output whose display_id is d.ID (update_display_data).
	Update(d Data)
	// Clear clears the cell's output; with wait, only once new output arrives.
	Clear(wait bool)
}

// Streamer is the optional ability of a Publisher to take the text a
// cell prints (stream "stdout" or "stderr"). A publisher that captures a
// cell's output into itself (a widgets.Output) implements it; the
// interpreter sends what fmt, print and log write to the current
// publisher when it is a Streamer.
type Streamer interface {
	Stream(name, text string)
}

// CurrentStreamer returns the current publisher if it is a Streamer.
func CurrentStreamer() (Streamer, bool) {
	s, ok := publisher().(Streamer)
	return s, ok
}

var (
	mu      sync.Mutex
	current Publisher
	nextID  atomic.Int64
)

// SetPublisher makes p the current publisher and returns a function that
// restores the previous one. Both first let the flusher (SetFlusher)
// deliver what was printed before.
func SetPublisher(p Publisher) (restore func()) {
	if !same(publisher(), p) {
		flush()
	}
	mu.Lock()
	prev := current
	current = p
	mu.Unlock()
	return func() {
		if !same(publisher(), prev) {
			flush()
		}
		mu.Lock()
		current = prev
		mu.Unlock()
	}
}

// same tells whether two publishers are the same value (false for values
// that cannot be compared).
func same(a, b Publisher) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false
		}
	}()
	return a == b
}

var flusher atomic.Pointer[func()]

// SetFlusher registers f, which delivers the text printed so far to the
// current publisher; SetPublisher calls it before it changes the
// publisher, so that what code printed before a widget started capturing
// its output (or after it stopped) goes where it went then. The
// interpreter registers it: its streams reach the publisher through
// pipes.
func SetFlusher(f func()) { flusher.Store(&f) }

func flush() {
	if f := flusher.Load(); f != nil && *f != nil {
		(*f)()
	}
}

func publisher() Publisher {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Publish shows d as a new output of the running cell.
func Publish(d Data) {
	if p := publisher(); p != nil {
		p.Publish(d)
	}
}

// Show publishes v richly (see Bundle). A value whose Render fails is shown
// as the error's text, and the error is returned.
func Show(v any) error {
	d, err := Bundle(v)
	if err != nil {
		Publish(New("text/plain", "display: "+err.Error()))
		return err
	}
	Publish(d)
	return nil
}

// Clear clears the output of the running cell at once.
func Clear() {
	if p := publisher(); p != nil {
		p.Clear(false)
	}
}

// ClearOnNext clears the output of the running cell when its next output
// arrives (clear_output with wait), so that an animation redrawn in a loop
// does not flicker.
func ClearOnNext() {
	if p := publisher(); p != nil {
		p.Clear(true)
	}
}

// HTML publishes an HTML fragment.
func HTML(s string) { Publish(New("text/html", s)) }

// Markdown publishes Markdown text.
func Markdown(s string) { Publish(New("text/markdown", s)) }

// LaTeX publishes LaTeX, usually a formula between dollar signs.
func LaTeX(s string) { Publish(New("text/latex", s)) }

// SVG publishes an SVG document. JupyterLab shows SVG from trusted notebooks only.
func SVG(s string) { Publish(New("image/svg+xml", s)) }

// PNG publishes a PNG image at its natural size.
func PNG(img []byte) { Publish(ImageData("image/png", img, 0, 0)) }

// JPEG publishes a JPEG image at its natural size.
func JPEG(img []byte) { Publish(ImageData("image/jpeg", img, 0, 0)) }

// Text publishes plain text as a display output (not a stream).
func Text(s string) { Publish(New("text/plain", s)) }

// JSON publishes v as application/json; it returns the marshalling error, if any.
func JSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return err
	}
	d := New("application/json", generic)
	d.Data["text/plain"] = string(b)
	Publish(d)
	return nil
}

// A Handle is an output that can be replaced in place after it was shown.
type Handle struct {
	id string
}

// NewHandle returns a handle with a fresh display_id; nothing is shown until Show.
func NewHandle() *Handle {
	return &Handle{id: "gocalc-" + strconv.FormatInt(nextID.Add(1), 10)}
}

// ID returns the handle's display_id.
func (h *Handle) ID() string { return h.id }

// Show publishes v as a new output tied to the handle.
func (h *Handle) Show(v any) error {
	d, err := Bundle(v)
	if err != nil {
		return err
	}
	d.ID = h.id
	Publish(d)
	return nil
}

// Update replaces every output tied to the handle with v.
func (h *Handle) Update(v any) error {
	d, err := Bundle(v)
	if err != nil {
		return err
	}
	d.ID = h.id
	if p := publisher(); p != nil {
		p.Update(d)
	}
	return nil
}
