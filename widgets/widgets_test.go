package widgets

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
)

// wire records what the process sends, as a frontend would see it.
type wire struct {
	mu   sync.Mutex
	msgs []sent
}

type sent struct {
	kind, id, target string
	m                comm.Message
}

func (w *wire) Open(id, target string, m comm.Message) { w.add(sent{"open", id, target, m}) }
func (w *wire) Send(id string, m comm.Message)         { w.add(sent{"msg", id, "", m}) }
func (w *wire) Close(id string, m comm.Message)        { w.add(sent{"close", id, "", m}) }
func (w *wire) add(s sent) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, s)
}

// take returns and forgets what was sent.
func (w *wire) take() []sent {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.msgs
	w.msgs = nil
	return out
}

func record(t *testing.T) *wire {
	w := &wire{}
	restore := comm.SetTransport(w)
	t.Cleanup(restore)
	return w
}

// fromFrontend delivers a comm_msg as the kernel does.
func fromFrontend(t *testing.T, id string, data string) {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		t.Fatal(err)
	}
	if err := comm.Deliver(comm.KindMsg, id, "", comm.Message{Data: d}); err != nil {
		t.Fatal(err)
	}
}

func TestSliderOpenState(t *testing.T) {
	w := record(t)
	s := NewFloatSlider("x₀", -2, 2, 0.1, 0.5)
	msgs := w.take()
	if len(msgs) != 1 || msgs[0].kind != "open" || msgs[0].target != Target || msgs[0].id != s.ModelID() {
		t.Fatalf("sent %+v, want one comm_open to %s", msgs, Target)
	}
	m := msgs[0].m
	if m.Metadata["version"] != ProtocolVersion {
		t.Errorf("metadata %v, want version %s", m.Metadata, ProtocolVersion)
	}
	st := m.Data["state"].(map[string]any)
	want := map[string]any{
		"_model_name": "FloatSliderModel", "_view_name": "FloatSliderView",
		"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
		"_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
		"description": "x₀", "min": -2.0, "max": 2.0, "step": 0.1, "value": 0.5,
	}
	for k, v := range want {
		if st[k] != v {
			t.Errorf("state[%q] = %v, want %v", k, st[k], v)
		}
	}
	if bp, ok := m.Data["buffer_paths"].([]any); !ok || len(bp) != 0 {
		t.Errorf("buffer_paths %v, want []", m.Data["buffer_paths"])
	}
}

func TestFrontendUpdate(t *testing.T) {
	w := record(t)
	s := NewFloatSlider("x", 0, 1, 0.01, 0.5)
	var seen []float64
	s.Observe(func(v float64) { seen = append(seen, v) })
	w.take()
	fromFrontend(t, s.ModelID(), `{"method":"update","state":{"value":0.25},"buffer_paths":[]}`)
	if s.Value() != 0.25 || !reflect.DeepEqual(seen, []float64{0.25}) {
		t.Errorf("Value %v, observed %v; want 0.25, [0.25]", s.Value(), seen)
	}
	msgs := w.take()
	if len(msgs) != 1 || msgs[0].m.Data["method"] != "echo_update" {
		t.Fatalf("sent %+v, want one echo_update", msgs)
	}
	// Out of range: clamped, and the frontend is told.
	fromFrontend(t, s.ModelID(), `{"method":"update","state":{"value":7},"buffer_paths":[]}`)
	if s.Value() != 1 {
		t.Errorf("Value %v after 7, want 1 (clamped)", s.Value())
	}
	msgs = w.take()
	if len(msgs) != 2 || msgs[1].m.Data["method"] != "update" || msgs[1].m.Data["state"].(map[string]any)["value"] != 1.0 {
		t.Errorf("sent %+v, want echo_update then update value 1", msgs)
	}
	// The same value again changes nothing.
	fromFrontend(t, s.ModelID(), `{"method":"update","state":{"value":1},"buffer_paths":[]}`)
	if len(seen) != 2 {
		t.Errorf("observed %v, want two changes", seen)
	}
}

func TestSetValueAndRequestState(t *testing.T) {
	w := record(t)
	s := NewIntSlider("n", 0, 10, 1, 3)
	var seen []int
	s.Observe(func(v int) { seen = append(seen, v) })
	w.take()
	s.SetValue(12)
	if s.Value() != 10 || !reflect.DeepEqual(seen, []int{10}) {
		t.Errorf("Value %v, observed %v; want 10, [10]", s.Value(), seen)
	}
	msgs := w.take()
	if len(msgs) != 1 || msgs[0].m.Data["method"] != "update" {
		t.Fatalf("sent %+v, want one update", msgs)
	}
	fromFrontend(t, s.ModelID(), `{"method":"request_state"}`)
	msgs = w.take()
	if len(msgs) != 1 || msgs[0].m.Data["state"].(map[string]any)["_model_name"] != "IntSliderModel" {
		t.Fatalf("sent %+v, want the full state", msgs)
	}
}

func TestButtonClick(t *testing.T) {
	record(t)
	b := NewButton("go")
	n := 0
	b.OnClick(func() { n++ })
	fromFrontend(t, b.ModelID(), `{"method":"custom","content":{"event":"click"}}`)
	b.Click()
	if n != 2 {
		t.Errorf("%d clicks seen, want 2", n)
	}
}

func TestControls(t *testing.T) {
	record(t)
	tests := []struct {
		name   string
		make   func() Control
		update string
		want   any
	}{
		{"checkbox", func() Control { return NewCheckbox("c", false) }, `{"value":true}`, true},
		{"dropdown", func() Control { return NewDropdown("d", []string{"sin", "exp"}, "sin") }, `{"index":1}`, "exp"},
		{"text", func() Control { return NewText("t", "a") }, `{"value":"b"}`, "b"},
		{"play", func() Control { return NewPlay(0, 5, 1, 100*time.Millisecond) }, `{"value":4,"playing":true}`, 4},
		{"log slider", func() Control { return NewFloatLogSlider("h", 1e-3, 1, 0.1) }, `{"value":0.01}`, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.make()
			changes := 0
			c.OnChange(func() { changes++ })
			fromFrontend(t, c.ModelID(), `{"method":"update","buffer_paths":[],"state":`+tt.update+`}`)
			if c.Get() != tt.want || changes != 1 {
				t.Errorf("Get() = %v after %d changes, want %v after 1", c.Get(), changes, tt.want)
			}
		})
	}
}

func TestRenderAndStates(t *testing.T) {
	record(t)
	s := NewFloatSlider("x", 0, 1, 0.1, 0.5)
	box := NewHBox(s, NewLabel("hi"))
	d, err := display.Bundle(box)
	if err != nil {
		t.Fatal(err)
	}
	view := d.Data[ViewMIME].(map[string]any)
	if view["model_id"] != box.ModelID() || view["version_major"] != 2 {
		t.Errorf("view %v", view)
	}
	if got := s.String(); got != `FloatSlider(description="x", value=0.5, min=0, max=1, step=0.1)` {
		t.Errorf("String() = %s", got)
	}
	states, paths, _ := States()
	st := states[box.ModelID()].(map[string]any)
	children := st["state"].(map[string]any)["children"].([]any)
	if st["model_name"] != "HBoxModel" || children[0] != "IPY_MODEL_"+s.ModelID() || len(paths) != 0 {
		t.Errorf("state %v, buffer paths %v", st, paths)
	}
	box.Close()
	if states, _, _ := States(); states[box.ModelID()] != nil {
		t.Errorf("a closed widget is still in States")
	}
}

func TestControlComm(t *testing.T) {
	w := record(t)
	s := NewFloatSlider("x", 0, 1, 0.1, 0.5)
	if err := comm.Deliver(comm.KindOpen, "ctl-1", ControlTarget, comm.Message{}); err != nil {
		t.Fatal(err)
	}
	w.take()
	fromFrontend(t, "ctl-1", `{"method":"request_states"}`)
	msgs := w.take()
	if len(msgs) != 1 || msgs[0].id != "ctl-1" || msgs[0].m.Data["method"] != "update_states" {
		t.Fatalf("sent %+v, want update_states on ctl-1", msgs)
	}
	states := msgs[0].m.Data["states"].(map[string]any)
	if _, ok := states[s.ModelID()]; !ok {
		t.Errorf("update_states lacks the slider")
	}
}

func TestInteract(t *testing.T) {
	record(t)
	x := NewFloatSlider("x", 0, 10, 1, 2)
	f := NewDropdown("f", []string{"double", "fail"}, "double")
	it := Interact(func(x float64, f string) (string, error) {
		if f == "fail" {
			return "", errors.New("no")
		}
		display.HTML("<b>hi</b>")
		return strings.Repeat("*", int(2*x)), nil
	}, x, f)
	outs := it.Output().Outputs()
	if len(outs) != 2 || outs[1]["data"].(map[string]any)["text/plain"] != "****" {
		t.Fatalf("outputs %v, want the HTML then ****", outs)
	}
	fromFrontend(t, x.ModelID(), `{"method":"update","state":{"value":3},"buffer_paths":[]}`)
	if outs := it.Output().Outputs(); outs[1]["data"].(map[string]any)["text/plain"] != "******" {
		t.Errorf("outputs after x=3: %v", outs)
	}
	f.SetValue("fail")
	if outs := it.Output().Outputs(); len(outs) != 1 || outs[0]["output_type"] != "error" {
		t.Errorf("outputs after fail: %v", outs)
	}
}

func TestInteractFoldsStaleCalls(t *testing.T) {
	record(t)
	x := NewIntSlider("x", 0, 1000, 1, 0)
	var mu sync.Mutex
	var got []int
	it := Interact(func(x int) int {
		mu.Lock()
		got = append(got, x)
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		return x
	}, x)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 1; i <= 50; i++ {
				x.SetValue(g*50 + i)
			}
		}(g)
	}
	wg.Wait()
	last := x.Value()
	mu.Lock()
	defer mu.Unlock()
	if it.Calls() >= 200 || got[len(got)-1] != last {
		t.Errorf("%d calls for 200 changes, last with %d; want fewer calls, the last with %d", it.Calls(), got[len(got)-1], last)
	}
}

func TestInteractMisuse(t *testing.T) {
	record(t)
	x := NewFloatSlider("x", 0, 1, 0.1, 0)
	for name, f := range map[string]func(){
		"not a func":    func() { Interact(3, x) },
		"arity":         func() { Interact(func(a, b float64) {}, x) },
		"argument type": func() { Interact(func(s string) {}, x) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if p := recover(); p == nil || !strings.HasPrefix(p.(string), "widgets: ") {
					t.Errorf("panic %v, want one starting with widgets:", p)
				}
			}()
			f()
		})
	}
}

func TestInteractRenderFallback(t *testing.T) {
	record(t)
	x := NewFloatSlider("x", 0, 1, 0.5, 0.5)
	it := Interact(func(x float64) display.Data { return display.New("text/html", "<i>x</i>") }, x)
	d, err := it.Render()
	if err != nil {
		t.Fatal(err)
	}
	if d.Data["text/plain"] != "Interact(x=0.5)" || d.Data["text/html"] != "<i>x</i>" || d.Data[ViewMIME] == nil {
		t.Errorf("bundle %v", d.Data)
	}
}
