package display

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"
)

// ProgressInterval is the least time between two updates of a progress
// bar's output, so that a loop of a million steps sends a few dozen
// messages rather than a million.
const ProgressInterval = 100 * time.Millisecond

// A Progress is a progress bar for long loops. It is shown when created and
// updated in place (update_display_data) at most every ProgressInterval,
// and once more by Done. Its bundle holds text/html with a <progress>
// element and a text/plain line, which is what nbconvert and the notebook
// runner keep. Its methods may be called from several goroutines.
type Progress struct {
	mu      sync.Mutex
	total   int
	label   string
	n       int
	handle  *Handle
	start   time.Time
	last    time.Time
	sent    string // text of the last published state
	done    bool
	nowFunc func() time.Time
}

// NewProgress shows a progress bar for total steps with the given label
// and returns it. A total of 0 means the number of steps is unknown: the
// bar then shows only the count and the rate. It panics if total < 0.
func NewProgress(total int, label string) *Progress {
	return newProgress(total, label, time.Now)
}

func newProgress(total int, label string, now func() time.Time) *Progress {
	if total < 0 {
		panic(fmt.Sprintf("display: NewProgress total %d is negative", total))
	}
	p := &Progress{total: total, label: label, handle: NewHandle(), nowFunc: now}
	p.start = now()
	p.last = p.start
	d := p.bundle(p.start)
	p.sent = d.Data["text/plain"].(string)
	d.ID = p.handle.id
	Publish(d)
	return p
}

// Add advances the bar by n steps.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	p.n += n
	p.maybeUpdate(false)
	p.mu.Unlock()
}

// Set moves the bar to step n.
func (p *Progress) Set(n int) {
	p.mu.Lock()
	p.n = n
	p.maybeUpdate(false)
	p.mu.Unlock()
}

// Done shows the bar's final state. Later calls to Add, Set and Done
// change nothing.
func (p *Progress) Done() {
	p.mu.Lock()
	p.maybeUpdate(true)
	p.done = true
	p.mu.Unlock()
}

// ID returns the display_id of the bar's output.
func (p *Progress) ID() string { return p.handle.id }

// Render returns the bar's current state as a bundle; it makes a Progress
// a Renderer.
func (p *Progress) Render() (Data, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bundle(p.nowFunc()), nil
}

// String returns the bar's current state as one line of text.
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.text(p.nowFunc())
}

// maybeUpdate publishes the state if ProgressInterval has passed since the
// last update (or force is set) and the text changed. p.mu is held.
func (p *Progress) maybeUpdate(force bool) {
	if p.done {
		return
	}
	now := p.nowFunc()
	if !force && now.Sub(p.last) < ProgressInterval {
		return
	}
	d := p.bundle(now)
	txt := d.Data["text/plain"].(string)
	if txt == p.sent {
		return
	}
	p.last, p.sent = now, txt
	d.ID = p.handle.id
	if pub := publisher(); pub != nil {
		pub.Update(d)
	}
}

func (p *Progress) bundle(now time.Time) Data {
	txt := p.text(now)
	var b strings.Builder
	b.WriteString(`<div style="font-family: monospace">`)
	if p.label != "" {
		b.WriteString(html.EscapeString(p.label) + " ")
	}
	if p.total > 0 {
		fmt.Fprintf(&b, `<progress value="%d" max="%d" style="width: 20em; vertical-align: middle"></progress> `,
			min(max(p.n, 0), p.total), p.total)
	}
	b.WriteString(html.EscapeString(p.stats(now)) + "</div>")
	return Data{
		Data:     map[string]any{"text/html": b.String(), "text/plain": txt},
		Metadata: map[string]any{},
	}
}

// text is the plain line, in the manner of tqdm:
// "label  42%|████▏     | 420/1000 [00:01<00:02, 350.00 it/s]".
func (p *Progress) text(now time.Time) string {
	var b strings.Builder
	if p.label != "" {
		b.WriteString(p.label + ": ")
	}
	if p.total > 0 {
		frac := min(max(float64(p.n)/float64(p.total), 0), 1)
		const width = 20
		full := int(frac * width)
		b.WriteString(fmt.Sprintf("%3d%%|", int(frac*100)))
		b.WriteString(strings.Repeat("█", full) + strings.Repeat(" ", width-full) + "| ")
	}
	b.WriteString(p.stats(now))
	return b.String()
}

func (p *Progress) stats(now time.Time) string {
	el := now.Sub(p.start)
	rate := 0.0
	if el > 0 {
		rate = float64(p.n) / el.Seconds()
	}
	if p.total > 0 {
		left := "?"
		if rate > 0 {
			left = clock(time.Duration(float64(max(p.total-p.n, 0)) / rate * float64(time.Second)))
		}
		return fmt.Sprintf("%d/%d [%s<%s, %.2f it/s]", p.n, p.total, clock(el), left, rate)
	}
	return fmt.Sprintf("%d [%s, %.2f it/s]", p.n, clock(el), rate)
}

// clock formats d as mm:ss, or h:mm:ss from an hour on.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}
