package widgets

import (
	"github.com/gocalc/gocalc/comm"
)

func init() {
	comm.RegisterTarget(ControlTarget, func(c *comm.Comm, _ comm.Message) { c.SetHandler(controlComm{}) })
}

// controlComm serves the jupyter.widget.control comm: JupyterLab opens it
// when it connects to a kernel and asks for every widget's state at once,
// so that the widgets of a reloaded page come back.
type controlComm struct{}

func (controlComm) HandleMsg(c *comm.Comm, m comm.Message) {
	if method, _ := m.Data["method"].(string); method != "request_states" {
		return
	}
	states, paths, bufs := States()
	c.Send(comm.Message{Data: map[string]any{"method": "update_states", "states": states, "buffer_paths": paths}, Buffers: bufs})
}

func (controlComm) HandleClose(*comm.Comm, comm.Message) {}

// States returns the state of every open widget, keyed by model id, in the
// layout of update_states and of a notebook's saved widget state:
// {model_name, model_module, model_module_version, state}. Binary values
// are returned apart, as buffers with their paths ([id, key]).
func States() (states map[string]any, bufferPaths []any, buffers [][]byte) {
	liveMu.Lock()
	ms := make([]*model, 0, len(order))
	for _, id := range order {
		ms = append(ms, live[id])
	}
	liveMu.Unlock()
	states, bufferPaths = map[string]any{}, []any{}
	for _, m := range ms {
		st := m.fullState()
		for k, v := range st {
			if b, ok := v.([]byte); ok {
				bufferPaths = append(bufferPaths, []any{m.id(), k})
				buffers = append(buffers, b)
				delete(st, k)
			}
		}
		states[m.id()] = map[string]any{
			"model_name": st["_model_name"], "model_module": st["_model_module"],
			"model_module_version": st["_model_module_version"], "state": st,
		}
	}
	return states, bufferPaths, buffers
}
