package display

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a Publisher that keeps what it receives.
type recorder struct {
	mu      sync.Mutex
	publish []Data
	update  []Data
	clears  []bool
}

func (r *recorder) Publish(d Data) { r.mu.Lock(); r.publish = append(r.publish, d); r.mu.Unlock() }
func (r *recorder) Update(d Data)  { r.mu.Lock(); r.update = append(r.update, d); r.mu.Unlock() }
func (r *recorder) Clear(wait bool) {
	r.mu.Lock()
	r.clears = append(r.clears, wait)
	r.mu.Unlock()
}

func record(t *testing.T) *recorder {
	r := &recorder{}
	t.Cleanup(SetPublisher(r))
	return r
}

func TestPublishFunctions(t *testing.T) {
	r := record(t)
	HTML("<b>x</b>")
	Markdown("*x*")
	LaTeX("$x^2$")
	Text("plain")
	PNG([]byte{1, 2, 3})
	if err := JSON(map[string]int{"a": 1}); err != nil {
		t.Fatal(err)
	}
	ClearOnNext()
	want := []struct{ mime, content string }{
		{"text/html", "<b>x</b>"}, {"text/markdown", "*x*"}, {"text/latex", "$x^2$"},
		{"text/plain", "plain"}, {"image/png", "AQID"},
	}
	if len(r.publish) != 6 {
		t.Fatalf("published %d bundles, want 6", len(r.publish))
	}
	for i, w := range want {
		if got := r.publish[i].Data[w.mime]; got != w.content {
			t.Errorf("bundle %d: %s = %v, want %q", i, w.mime, got, w.content)
		}
		if _, ok := r.publish[i].Data["text/plain"]; !ok {
			t.Errorf("bundle %d has no text/plain fallback", i)
		}
	}
	if got := r.publish[5].Data["text/plain"]; got != `{"a":1}` {
		t.Errorf("JSON text/plain = %v", got)
	}
	if len(r.clears) != 1 || !r.clears[0] {
		t.Errorf("clears = %v, want [true]", r.clears)
	}
}

func TestHandleUpdatesInPlace(t *testing.T) {
	r := record(t)
	h := NewHandle()
	if err := h.Show("first"); err != nil {
		t.Fatal(err)
	}
	if err := h.Update("second"); err != nil {
		t.Fatal(err)
	}
	if len(r.publish) != 1 || len(r.update) != 1 {
		t.Fatalf("publish %d update %d, want 1 and 1", len(r.publish), len(r.update))
	}
	if r.publish[0].ID != h.ID() || r.update[0].ID != h.ID() || h.ID() == "" {
		t.Errorf("ids %q %q, want %q", r.publish[0].ID, r.update[0].ID, h.ID())
	}
	if got := r.update[0].Data["text/plain"]; got != "second" {
		t.Errorf("update text = %v", got)
	}
}

// fakeClock advances by step at every call.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time { c.t = c.t.Add(c.step); return c.t }

func TestProgressThrottles(t *testing.T) {
	r := record(t)
	clk := &fakeClock{t: time.Unix(0, 0), step: time.Microsecond}
	p := newProgress(1000000, "descent", clk.now)
	for i := 0; i < 1000000; i++ {
		p.Add(1)
	}
	p.Done()
	p.Add(5) // after Done: ignored
	// One million steps of 1 µs make one second: about ten updates at
	// ProgressInterval, plus the final one.
	if len(r.publish) != 1 {
		t.Fatalf("published %d times, want 1", len(r.publish))
	}
	if n := len(r.update); n < 9 || n > 12 {
		t.Errorf("%d updates for 1e6 steps over 1 s, want about 10", n)
	}
	last := r.update[len(r.update)-1]
	if last.ID != r.publish[0].ID || last.ID != p.ID() {
		t.Errorf("update id %q, display id %q", last.ID, r.publish[0].ID)
	}
	txt := last.Data["text/plain"].(string)
	if !strings.HasPrefix(txt, "descent: 100%|") || !strings.Contains(txt, "1000000/1000000 [00:01<00:00") {
		t.Errorf("final text = %q", txt)
	}
	h := last.Data["text/html"].(string)
	if !strings.Contains(h, `<progress value="1000000" max="1000000"`) {
		t.Errorf("final html = %q", h)
	}
}

func TestProgressText(t *testing.T) {
	record(t)
	clk := &fakeClock{t: time.Unix(0, 0), step: 0}
	p := newProgress(10, "<sampling>", clk.now)
	clk.t = clk.t.Add(2 * time.Second)
	p.Set(4)
	want := "<sampling>:  40%|████████            | 4/10 [00:02<00:03, 2.00 it/s]"
	if got := p.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	d, _ := p.Render()
	if h := d.Data["text/html"].(string); !strings.Contains(h, "&lt;sampling&gt;") {
		t.Errorf("label not escaped: %q", h)
	}
	u := newProgress(0, "", clk.now)
	u.Add(3)
	if got := u.String(); got != "3 [00:00, 0.00 it/s]" {
		t.Errorf("unknown total: %q", got)
	}
}

func TestProgressWithoutPublisher(t *testing.T) {
	t.Cleanup(SetPublisher(nil))
	p := NewProgress(3, "")
	p.Add(3)
	p.Done()
	if !strings.HasPrefix(p.String(), "100%|") {
		t.Errorf("String() = %q", p.String())
	}
}

func TestProgressConcurrent(t *testing.T) {
	r := record(t)
	p := NewProgress(4000, "")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				p.Add(1)
			}
		}()
	}
	wg.Wait()
	p.Done()
	last := r.update[len(r.update)-1].Data["text/plain"].(string)
	if !strings.Contains(last, "4000/4000") {
		t.Errorf("final state %q, want 4000/4000", last)
	}
}

func BenchmarkProgressAdd(b *testing.B) {
	defer SetPublisher(&recorder{})()
	p := NewProgress(b.N, "")
	for i := 0; i < b.N; i++ {
		p.Add(1)
	}
	p.Done()
}
