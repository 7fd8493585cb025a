package widgets

import (
	"fmt"
	"sync"

	"github.com/gocalc/gocalc/display"
)

// Output is an area that shows outputs of Go code: displayed values,
// figures, text. Its outputs are part of its state (nbformat outputs), so
// a saved notebook shows them too.
type Output struct {
	base
	mu sync.Mutex // serialises changes of the outputs
}

// NewOutput opens an empty output area.
func NewOutput() *Output {
	m := newModel("Output", "OutputModel", outputModule, outputVer, map[string]any{
		"outputs": []any{}, "msg_id": "",
	})
	o := &Output{base: base{m}}
	m.describe = func() string { return fmt.Sprintf("Output(%d outputs)", len(o.Outputs())) }
	return o
}

// Outputs returns the outputs shown, as nbformat output objects.
func (o *Output) Outputs() []map[string]any {
	list, _ := o.m.get("outputs").([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func (o *Output) replace(list []any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.m.set(map[string]any{"outputs": list})
}

func (o *Output) append(items ...any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	old, _ := o.m.get("outputs").([]any)
	o.m.set(map[string]any{"outputs": append(append([]any{}, old...), items...)})
}

// Clear removes every output.
func (o *Output) Clear() { o.replace([]any{}) }

// Show appends v, shown richly as display.Show shows it.
func (o *Output) Show(v any) error {
	d, err := display.Bundle(v)
	if err != nil {
		o.append(streamOutput("stderr", "display: "+err.Error()+"\n"))
		return err
	}
	o.append(displayOutput(d))
	return nil
}

// Print appends text formatted as fmt.Print does, as standard output.
func (o *Output) Print(a ...any) { o.append(streamOutput("stdout", fmt.Sprint(a...))) }

// Printf appends text formatted as fmt.Printf does, as standard output.
func (o *Output) Printf(format string, a ...any) {
	o.append(streamOutput("stdout", fmt.Sprintf(format, a...)))
}

// Capture runs f with everything it displays through package display
// (display.Show, figures, display.HTML, ...) and what it prints with fmt,
// print or log appended to o instead of the cell's output. While f runs,
// output from other goroutines is captured too; writes to the os.Stdout
// file pass through a pipe and may reach the cell instead.
func (o *Output) Capture(f func()) {
	c := &capture{}
	func() {
		defer display.SetPublisher(c)()
		f()
	}()
	if items := c.items(); len(items) > 0 {
		o.append(items...)
	}
}

func displayOutput(d display.Data) map[string]any {
	md := d.Metadata
	if md == nil {
		md = map[string]any{}
	}
	return map[string]any{"output_type": "display_data", "data": d.Data, "metadata": md}
}

func streamOutput(name, text string) map[string]any {
	return map[string]any{"output_type": "stream", "name": name, "text": text}
}

// capture is a display.Publisher that collects outputs.
type capture struct {
	mu    sync.Mutex
	list  []any
	ids   map[string][]int // display_id -> positions in list
	clear bool             // clear on the next output
}

func (c *capture) add(x map[string]any, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.clear {
		c.list, c.ids, c.clear = nil, nil, false
	}
	if id != "" {
		if c.ids == nil {
			c.ids = map[string][]int{}
		}
		c.ids[id] = append(c.ids[id], len(c.list))
	}
	c.list = append(c.list, x)
}

func (c *capture) Publish(d display.Data) { c.add(displayOutput(d), d.ID) }

// Stream takes what the captured code prints (display.Streamer); text
// following text of the same stream joins it, as in a cell's output.
func (c *capture) Stream(name, text string) {
	c.mu.Lock()
	if !c.clear && len(c.list) > 0 {
		if last, ok := c.list[len(c.list)-1].(map[string]any); ok && last["output_type"] == "stream" && last["name"] == name {
			last["text"] = last["text"].(string) + text
			c.mu.Unlock()
			return
		}
	}
	c.mu.Unlock()
	c.add(streamOutput(name, text), "")
}

func (c *capture) Update(d display.Data) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, i := range c.ids[d.ID] {
		c.list[i] = displayOutput(d)
	}
}

func (c *capture) Clear(wait bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wait {
		c.clear = true
		return
	}
	c.list, c.ids = nil, nil
}

func (c *capture) items() []any {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]any(nil), c.list...)
}
