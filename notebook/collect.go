package notebook

import (
	"sync"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// outputRef locates an output shown with a display_id.
type outputRef struct {
	cell  *Cell
	index int
}

// collector is the engine.Output (and display.Publisher) of a run: it turns
// what a cell produces into the cell's outputs, as nbclient turns iopub
// messages into outputs.
type collector struct {
	mu         sync.Mutex
	cell       *Cell // the running cell; nil between runs
	clearFirst bool  // a clear_output(wait=True) is pending
	ids        map[string][]outputRef
}

var _ engine.Output = (*collector)(nil)

func (c *collector) setCell(cell *Cell) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cell = cell
	c.clearFirst = false
	if cell != nil {
		cell.Outputs = nil
		c.forget(cell)
	}
}

// finishCell applies carriage returns and backspaces to the cell's streams.
func (c *collector) finishCell(cell *Cell) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, o := range cell.Outputs {
		if o["output_type"] == "stream" {
			if s, ok := o["text"].(string); ok {
				o["text"] = applyControl(s)
			}
		}
	}
}

// forget drops the display_id references into cell, whose outputs are gone.
func (c *collector) forget(cell *Cell) {
	for id, refs := range c.ids {
		kept := refs[:0]
		for _, r := range refs {
			if r.cell != cell {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			delete(c.ids, id)
		} else {
			c.ids[id] = kept
		}
	}
}

// add appends o to cell's outputs, first honouring a pending clear.
func (c *collector) add(cell *Cell, o Output) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.addLocked(cell, o, "")
}

func (c *collector) addLocked(cell *Cell, o Output, displayID string) {
	if cell == nil {
		return // output after the run: nobody records it
	}
	if c.clearFirst && cell == c.cell {
		cell.Outputs = nil
		c.forget(cell)
		c.clearFirst = false
	}
	if displayID != "" {
		c.ids[displayID] = append(c.ids[displayID], outputRef{cell, len(cell.Outputs)})
	}
	cell.Outputs = append(cell.Outputs, o)
}

// Stream appends text to the running cell, merged with its last output
// when that is a stream of the same name.
func (c *collector) Stream(name, text string) {
	if text == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cell := c.cell
	if cell == nil {
		return
	}
	if !c.clearFirst && len(cell.Outputs) > 0 {
		last := cell.Outputs[len(cell.Outputs)-1]
		if last["output_type"] == "stream" && last["name"] == name {
			s, _ := last["text"].(string)
			last["text"] = s + text
			return
		}
	}
	c.addLocked(cell, Output{"output_type": "stream", "name": name, "text": text}, "")
}

// Publish records d as display_data of the running cell.
func (c *collector) Publish(d display.Data) {
	o := Output{"output_type": "display_data", "data": normalize(d.Data), "metadata": normalize(d.Metadata)}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.addLocked(c.cell, o, d.ID)
}

// Update replaces the data and metadata of every output shown with d.ID.
// An id never shown is ignored, as nbclient ignores it.
func (c *collector) Update(d display.Data) {
	if d.ID == "" {
		return
	}
	data, md := normalize(d.Data), normalize(d.Metadata)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.ids[d.ID] {
		if r.index < len(r.cell.Outputs) {
			o := r.cell.Outputs[r.index]
			o["data"], o["metadata"] = data, md
		}
	}
}

// Clear clears the running cell's outputs, at once or (wait) just before
// its next output.
func (c *collector) Clear(wait bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cell == nil {
		return
	}
	if wait {
		c.clearFirst = true
		return
	}
	c.cell.Outputs = nil
	c.forget(c.cell)
}

// Input fails: a headless run has nobody to answer.
func (c *collector) Input(prompt string, password bool) (string, error) {
	return "", engine.ErrNoStdin
}
