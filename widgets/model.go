package widgets

import (
	"fmt"
	"log"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
)

// Protocol constants of ipywidgets 8 (widget messaging protocol 2.1).
const (
	// ViewMIME is the MIME type of a widget view in a display_data.
	ViewMIME = "application/vnd.jupyter.widget-view+json"
	// StateMIME is the MIME type of the widget state saved in a notebook's
	// metadata.widgets.
	StateMIME = "application/vnd.jupyter.widget-state+json"
	// Target is the comm target of widget models.
	Target = "jupyter.widget"
	// ControlTarget is the comm target through which a frontend asks for
	// every widget's state at once (after a page reload).
	ControlTarget = "jupyter.widget.control"
	// ProtocolVersion is the widget messaging protocol version spoken.
	ProtocolVersion = "2.1.0"

	controlsModule = "@jupyter-widgets/controls"
	outputModule   = "@jupyter-widgets/output"
	controlsVer    = "2.0.0"
	outputVer      = "1.0.0"
	baseModule     = "@jupyter-widgets/base"
	baseVer        = "2.0.0"
)

// model is the kernel side of one widget model: its state, kept as the JSON
// values the frontend sees, and the comm it is synchronised over.
type model struct {
	comm *comm.Comm
	kind string   // the Go type's name, for text/plain
	text []string // the state keys text/plain shows

	mu        sync.Mutex
	state     map[string]any
	coerce    map[string]coercion // keys the frontend may set
	observers map[string][]func(any)
	custom    func(content map[string]any)
	describe  func() string // text/plain, when the state keys do not say it
}

var (
	liveMu sync.Mutex
	live   = map[string]*model{} // open models by id, for request_states
	order  []string              // ids in creation order
)

// newModel opens a widget model with the given names and initial state.
func newModel(kind, modelName, module, version string, state map[string]any, text ...string) *model {
	view := strings.TrimSuffix(modelName, "Model") + "View"
	viewModule, viewVersion := module, version
	st := map[string]any{
		"_model_name": modelName, "_model_module": module, "_model_module_version": version,
		"_view_name": view, "_view_module": viewModule, "_view_module_version": viewVersion,
	}
	for k, v := range state {
		st[k] = v
	}
	m := &model{kind: kind, text: text, state: st, coerce: map[string]coercion{}, observers: map[string][]func(any){}}
	data, bufs := splitState(copyMap(st))
	m.comm = comm.Open(Target, comm.Message{Data: data, Metadata: map[string]any{"version": ProtocolVersion}, Buffers: bufs}, m)
	liveMu.Lock()
	live[m.comm.ID()] = m
	order = append(order, m.comm.ID())
	liveMu.Unlock()
	return m
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// splitState moves binary values ([]byte) of a state out into buffers, as
// the protocol sends them: {state, buffer_paths} and the buffers in order.
func splitState(st map[string]any) (map[string]any, [][]byte) {
	var paths []any
	var bufs [][]byte
	keys := make([]string, 0, len(st))
	for k := range st {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if b, ok := st[k].([]byte); ok {
			paths = append(paths, []any{k})
			bufs = append(bufs, b)
			delete(st, k)
		}
	}
	if paths == nil {
		paths = []any{}
	}
	return map[string]any{"state": st, "buffer_paths": paths}, bufs
}

func (m *model) id() string { return m.comm.ID() }

func (m *model) get(key string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[key]
}

// fullState returns a copy of the state.
func (m *model) fullState() map[string]any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return copyMap(m.state)
}

// set changes keys from Go: it sends an update with the values that
// changed, then calls their observers.
func (m *model) set(kv map[string]any) {
	changed := map[string]any{}
	m.mu.Lock()
	for k, v := range kv {
		if !same(m.state[k], v) {
			m.state[k] = v
			changed[k] = v
		}
	}
	m.mu.Unlock()
	if len(changed) == 0 {
		return
	}
	m.send("update", changed)
	m.notify(changed)
}

func (m *model) send(method string, state map[string]any) {
	data, bufs := splitState(copyMap(state))
	data["method"] = method
	m.comm.Send(comm.Message{Data: data, Buffers: bufs})
}

func (m *model) notify(changed map[string]any) {
	keys := make([]string, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m.mu.Lock()
		obs := append([]func(any){}, m.observers[k]...)
		m.mu.Unlock()
		for _, f := range obs {
			f(changed[k])
		}
	}
}

func (m *model) observe(key string, f func(any)) {
	if f == nil {
		panic("widgets: Observe with a nil function")
	}
	m.mu.Lock()
	m.observers[key] = append(m.observers[key], f)
	m.mu.Unlock()
}

// HandleMsg applies the frontend's messages (comm.Handler).
func (m *model) HandleMsg(_ *comm.Comm, msg comm.Message) {
	switch method, _ := msg.Data["method"].(string); method {
	case "update":
		st, _ := msg.Data["state"].(map[string]any)
		putBuffers(st, msg.Data["buffer_paths"], msg.Buffers)
		m.update(st)
	case "request_state":
		m.send("update", m.fullState())
	case "custom":
		content, _ := msg.Data["content"].(map[string]any)
		m.mu.Lock()
		f := m.custom
		m.mu.Unlock()
		if f != nil {
			f(content)
		}
	default:
		log.Printf("widgets: %s %s: unknown method %q ignored", m.kind, m.id(), method)
	}
}

// update applies a frontend update: it echoes the keys the model knows
// (echo_update, so that other frontends follow), stores them, corrects
// the frontend when a value was out of range, and calls the observers.
func (m *model) update(st map[string]any) {
	echo, fix, changed := map[string]any{}, map[string]any{}, map[string]any{}
	m.mu.Lock()
	for k, v := range st {
		c, ok := m.coerce[k]
		if !ok {
			continue
		}
		echo[k] = v
		nv, ok := c(m.state, v)
		if !ok {
			fix[k] = m.state[k]
			continue
		}
		if !same(nv, v) {
			fix[k] = nv
		}
		if !same(m.state[k], nv) {
			m.state[k] = nv
			changed[k] = nv
		}
	}
	m.mu.Unlock()
	if len(echo) > 0 {
		m.send("echo_update", echo)
	}
	if len(fix) > 0 {
		m.send("update", fix)
	}
	m.notify(changed)
}

// HandleClose forgets a model the frontend closed (comm.Handler).
func (m *model) HandleClose(*comm.Comm, comm.Message) { forget(m.id()) }

func forget(id string) {
	liveMu.Lock()
	defer liveMu.Unlock()
	delete(live, id)
	for i, x := range order {
		if x == id {
			order = append(order[:i], order[i+1:]...)
			break
		}
	}
}

// putBuffers puts binary buffers back into st at their paths (top-level
// keys only: no widget of this package has nested binary values).
func putBuffers(st map[string]any, paths any, bufs [][]byte) {
	ps, _ := paths.([]any)
	for i, p := range ps {
		path, _ := p.([]any)
		if i >= len(bufs) || len(path) != 1 || st == nil {
			continue
		}
		if k, ok := path[0].(string); ok {
			st[k] = bufs[i]
		}
	}
}

func same(a, b any) bool {
	switch a.(type) {
	case float64, int, bool, string, nil:
		return a == b
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// coercion converts a value for a key to the type the model stores,
// within the bounds the state st gives; it is called with the model locked.
type coercion func(st map[string]any, v any) (any, bool)

// coerced converts v with the key's coercion, for a change made from Go.
func (m *model) coerced(key string, v any) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, _ := m.coerce[key](m.state, v)
	return c
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, !math.IsNaN(v)
	case int:
		return float64(v), true
	}
	return 0, false
}

// floatIn clamps a number to [st[lo], st[hi]].
func floatIn(lo, hi string) coercion {
	return func(st map[string]any, v any) (any, bool) {
		f, ok := toFloat(v)
		if !ok {
			return nil, false
		}
		return math.Min(math.Max(f, st[lo].(float64)), st[hi].(float64)), true
	}
}

// floatBetween clamps a number to [lo, hi].
func floatBetween(lo, hi float64) coercion {
	return func(_ map[string]any, v any) (any, bool) {
		f, ok := toFloat(v)
		if !ok {
			return nil, false
		}
		return math.Min(math.Max(f, lo), hi), true
	}
}

// intIn rounds a number and clamps it to [st[lo], st[hi]].
func intIn(lo, hi string) coercion {
	return func(st map[string]any, v any) (any, bool) {
		f, ok := toFloat(v)
		if !ok {
			return nil, false
		}
		return min(max(int(math.Round(f)), st[lo].(int)), st[hi].(int)), true
	}
}

// intBetween rounds a number and clamps it to [lo, hi].
func intBetween(lo, hi int) coercion {
	return func(_ map[string]any, v any) (any, bool) {
		f, ok := toFloat(v)
		if !ok {
			return nil, false
		}
		return min(max(int(math.Round(f)), lo), hi), true
	}
}

func isBool(_ map[string]any, v any) (any, bool)   { b, ok := v.(bool); return b, ok }
func isString(_ map[string]any, v any) (any, bool) { s, ok := v.(string); return s, ok }

// base is what every widget has: its model, its id and its view.
type base struct{ m *model }

func (b base) model() *model { return b.m }

// ModelID returns the widget's model id (its comm id).
func (b base) ModelID() string { return b.m.id() }

// Render shows the widget as a widget view, with a text fallback for
// frontends without the widget manager.
func (b base) Render() (display.Data, error) {
	d := display.Data{
		Data: map[string]any{
			ViewMIME:     map[string]any{"version_major": 2, "version_minor": 0, "model_id": b.m.id()},
			"text/plain": b.String(),
		},
		Metadata: map[string]any{},
	}
	return d, nil
}

// String describes the widget and its main values.
func (b base) String() string {
	if b.m.describe != nil {
		return b.m.describe()
	}
	st := b.m.fullState()
	parts := make([]string, 0, len(b.m.text))
	for _, k := range b.m.text {
		switch v := st[k].(type) {
		case string:
			parts = append(parts, k+"="+strconv.Quote(v))
		case float64:
			parts = append(parts, k+"="+strconv.FormatFloat(v, 'g', -1, 64))
		default:
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return b.m.kind + "(" + strings.Join(parts, ", ") + ")"
}

// Close closes the widget's model: its views disappear from the frontend.
func (b base) Close() {
	forget(b.m.id())
	b.m.comm.Close(comm.Message{})
}

// Widget is anything this package shows in the frontend. Its Render shows
// its view; passing it to display.Show, or making it a cell's value, shows it.
type Widget interface {
	ModelID() string
	Render() (display.Data, error)
}

// ref is how a state refers to another widget.
func ref(w Widget) string { return "IPY_MODEL_" + w.ModelID() }
