package notebook

import (
	"encoding/base64"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/gocalc/gocalc/comm"
)

// Widget models travel over comms with this target (ipywidgets protocol 2).
const widgetTarget = "jupyter.widget"

// widgetStateMIME keys the widget state in a notebook's metadata.widgets.
const widgetStateMIME = "application/vnd.jupyter.widget-state+json"

// widgetRecorder is the comm.Transport of a run: it keeps the state of every
// widget model the cells open, as their comm_open and update messages set
// it, so that the saved notebook carries it (as nbclient saves it) and a
// viewer can show the widgets with the values they had.
type widgetRecorder struct {
	mu     sync.Mutex
	run    int64 // this run's number in the process
	ids    int   // comm ids made
	order  []string
	models map[string]*recordedModel
}

type recordedModel struct {
	state   map[string]any
	buffers map[string][]byte // binary top-level values, by key
}

// runs numbers the runs of the process, so that the ids of two runs differ.
var runs atomic.Int64

func newWidgetRecorder() *widgetRecorder {
	return &widgetRecorder{run: runs.Add(1), models: map[string]*recordedModel{}}
}

// NewCommID numbers the comms of a run (comm.IDMaker), so that a notebook
// run again saves the same model ids and its file changes only where its
// outputs do.
func (w *widgetRecorder) NewCommID() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ids++
	return fmt.Sprintf("gocalc-%d-%04d", w.run, w.ids)
}

// Open records a widget model's initial state.
func (w *widgetRecorder) Open(id, target string, m comm.Message) {
	if target != widgetTarget {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.models[id]; !ok {
		w.order = append(w.order, id)
	}
	w.models[id] = &recordedModel{state: map[string]any{}, buffers: map[string][]byte{}}
	w.apply(id, m)
}

// Send applies a model's update.
func (w *widgetRecorder) Send(id string, m comm.Message) {
	if method, _ := m.Data["method"].(string); method != "update" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.apply(id, m)
}

// Close forgets a closed model.
func (w *widgetRecorder) Close(id string, _ comm.Message) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.models[id]; !ok {
		return
	}
	delete(w.models, id)
	for i, x := range w.order {
		if x == id {
			w.order = append(w.order[:i], w.order[i+1:]...)
			break
		}
	}
}

func (w *widgetRecorder) apply(id string, m comm.Message) {
	rm, ok := w.models[id]
	if !ok {
		return
	}
	st, _ := m.Data["state"].(map[string]any)
	for k, v := range normalize(st) {
		rm.state[k] = v
		delete(rm.buffers, k)
	}
	paths, _ := m.Data["buffer_paths"].([]any)
	for i, p := range paths {
		path, _ := p.([]any)
		if i < len(m.Buffers) && len(path) == 1 {
			if k, ok := path[0].(string); ok {
				rm.buffers[k] = append([]byte(nil), m.Buffers[i]...)
				delete(rm.state, k)
			}
		}
	}
}

// metadata returns the notebook's metadata.widgets, nil without widgets.
func (w *widgetRecorder) metadata() map[string]any {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.order) == 0 {
		return nil
	}
	states := map[string]any{}
	for _, id := range w.order {
		rm := w.models[id]
		st := map[string]any{}
		for k, v := range rm.state {
			st[k] = v
		}
		entry := map[string]any{
			"model_name": st["_model_name"], "model_module": st["_model_module"],
			"model_module_version": st["_model_module_version"], "state": st,
		}
		if len(rm.buffers) > 0 {
			var bufs []any
			for k, b := range rm.buffers {
				bufs = append(bufs, map[string]any{"path": []any{k}, "encoding": "base64", "data": base64.StdEncoding.EncodeToString(b)})
			}
			entry["buffers"] = bufs
		}
		states[id] = entry
	}
	return map[string]any{widgetStateMIME: map[string]any{"version_major": 2, "version_minor": 0, "state": states}}
}
