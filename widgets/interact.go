package widgets

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/gocalc/gocalc/display"
)

// Control is a widget with a value that Interact can pass to a function:
// the sliders, Checkbox, Dropdown, Text and Play.
type Control interface {
	Widget
	// Get returns the control's value: a float64, int, bool or string.
	Get() any
	// OnChange makes f be called after every change of the value.
	OnChange(f func())
}

// Interactive is a function shown with its controls above the output of
// its last call. Interact returns it.
type Interactive struct {
	*Box
	out      *Output
	fn       reflect.Value
	controls []Control

	mu             sync.Mutex
	running, stale bool
	calls          int
}

// Interact calls f with the values of controls, now and after every change
// of one of them, and shows f's results (figures and other values shown
// richly, a non-nil error as an error) and what f displays through package
// display in an Output below the controls, replacing the previous ones.
//
// f must be a function taking one argument per control, of a type the
// control's value converts to (float64 for a FloatSlider, int for an
// IntSlider or a Play, bool for a Checkbox, string for a Text or a Dropdown).
// Interact panics if it is not.
//
// A slow f is not called for every intermediate value: changes that arrive
// while it runs are folded into one more call with the latest values. (The
// frontend also sends a control's next value only after the kernel has
// handled the previous one.) A panic in f is shown in the output.
func Interact(f any, controls ...Control) *Interactive {
	fn := reflect.ValueOf(f)
	if fn.Kind() != reflect.Func {
		panic(fmt.Sprintf("widgets: Interact needs a function, not %T", f))
	}
	t := fn.Type()
	if t.NumIn() != len(controls) || t.IsVariadic() {
		panic(fmt.Sprintf("widgets: Interact: the function takes %d arguments, but %d controls were given", t.NumIn(), len(controls)))
	}
	for i, c := range controls {
		if c == nil {
			panic("widgets: Interact: a nil control")
		}
		if vt := reflect.TypeOf(c.Get()); !vt.ConvertibleTo(t.In(i)) {
			panic(fmt.Sprintf("widgets: Interact: argument %d is a %v, but the control's value is a %v", i+1, t.In(i), vt))
		}
	}
	out := NewOutput()
	children := make([]Widget, 0, len(controls)+1)
	for _, c := range controls {
		children = append(children, c)
	}
	children = append(children, out)
	box := newBox("VBox", children, "widget-interact")
	it := &Interactive{Box: box, out: out, fn: fn, controls: append([]Control(nil), controls...)}
	for _, c := range controls {
		c.OnChange(it.Update)
	}
	it.Update()
	return it
}

// Output returns the output area below the controls.
func (it *Interactive) Output() *Output { return it.out }

// Calls returns how many times the function was called.
func (it *Interactive) Calls() int {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.calls
}

// Update calls the function again with the controls' current values, as a
// change of a control does. If a call is running, Update returns at once
// and the running call is followed by one more.
func (it *Interactive) Update() {
	it.mu.Lock()
	if it.running {
		it.stale = true
		it.mu.Unlock()
		return
	}
	it.running = true
	it.mu.Unlock()
	for {
		it.call()
		it.mu.Lock()
		if !it.stale {
			it.running = false
			it.mu.Unlock()
			return
		}
		it.stale = false
		it.mu.Unlock()
	}
}

// call calls the function once and replaces the output with what it showed.
func (it *Interactive) call() {
	it.mu.Lock()
	it.calls++
	it.mu.Unlock()
	t := it.fn.Type()
	args := make([]reflect.Value, len(it.controls))
	for i, c := range it.controls {
		args[i] = reflect.ValueOf(c.Get()).Convert(t.In(i))
	}
	c := &capture{}
	var results []reflect.Value
	var failure any
	func() {
		defer func() { failure = recover() }()
		defer display.SetPublisher(c)()
		results = it.fn.Call(args)
	}()
	items := c.items()
	if failure != nil {
		items = append(items, errorOutput("panic", fmt.Sprint(failure)))
	}
	// A non-nil error replaces the other results, as Go callers read them.
	for _, r := range results {
		if r.IsValid() && r.Kind() == reflect.Interface && !r.IsNil() {
			if err, ok := r.Interface().(error); ok {
				items = append(items, errorOutput("error", err.Error()))
				results = nil
			}
		}
	}
	for _, r := range results {
		if !r.IsValid() || (isNilable(r.Kind()) && r.IsNil()) {
			continue
		}
		v := r.Interface()
		if d, err := display.Bundle(v); err != nil {
			items = append(items, errorOutput("render", err.Error()))
		} else {
			items = append(items, displayOutput(d))
		}
	}
	it.out.replace(items)
}

func isNilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}

func errorOutput(name, value string) map[string]any {
	return map[string]any{"output_type": "error", "ename": name, "evalue": value, "traceback": []any{name + ": " + value}}
}

// Render shows the controls and the output as a widget view. Beside it, for
// frontends and viewers without the widget manager (nbconvert's HTML, a
// notebook viewer without the saved widget state), the bundle carries the
// output's last rich result (a figure's PNG, HTML) and a text/plain line
// with the controls' values.
func (it *Interactive) Render() (display.Data, error) {
	d, err := it.Box.Render()
	if err != nil {
		return d, err
	}
	d.Data["text/plain"] = it.String()
	outs := it.out.Outputs()
	for i := len(outs) - 1; i >= 0; i-- {
		data, _ := outs[i]["data"].(map[string]any)
		if data == nil {
			continue
		}
		for mime, v := range data {
			if mime != "text/plain" {
				d.Data[mime] = v
			}
		}
		if md, ok := outs[i]["metadata"].(map[string]any); ok {
			for k, v := range md {
				d.Metadata[k] = v
			}
		}
		break
	}
	return d, nil
}

// String names the controls' values: Interact(x₀=0.5).
func (it *Interactive) String() string {
	parts := make([]string, len(it.controls))
	for i, c := range it.controls {
		desc, _ := stateOf(c)["description"].(string)
		if desc == "" {
			desc = fmt.Sprint("arg", i+1)
		}
		parts[i] = fmt.Sprintf("%s=%v", desc, c.Get())
	}
	return "Interact(" + strings.Join(parts, ", ") + ")"
}

// stateOf returns the state of a widget of this package, nil for others.
func stateOf(w Widget) map[string]any {
	type modeled interface{ model() *model }
	if m, ok := w.(modeled); ok {
		return m.model().fullState()
	}
	return nil
}
