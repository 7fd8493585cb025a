package widgets

import (
	"time"
)

// Checkbox is a boolean control.
type Checkbox struct{ base }

// NewCheckbox opens a checkbox labelled description.
func NewCheckbox(description string, value bool) *Checkbox {
	m := newModel("Checkbox", "CheckboxModel", controlsModule, controlsVer, map[string]any{
		"description": description, "value": value, "indent": true,
	}, "description", "value")
	m.coerce["value"] = isBool
	return &Checkbox{base{m}}
}

// Value reports whether the box is checked.
func (c *Checkbox) Value() bool { return c.m.get("value").(bool) }

// SetValue checks or unchecks the box and calls the observers if it changed.
func (c *Checkbox) SetValue(v bool) { c.m.set(map[string]any{"value": v}) }

// Observe makes f be called with the new value after every change.
func (c *Checkbox) Observe(f func(bool)) { c.m.observe("value", func(v any) { f(v.(bool)) }) }

// Get returns the value as an any (Control).
func (c *Checkbox) Get() any { return c.Value() }

// OnChange makes f be called after every change of the value (Control).
func (c *Checkbox) OnChange(f func()) { c.m.observe("value", func(any) { f() }) }

// Dropdown chooses one of several labels.
type Dropdown struct {
	base
	options []string
}

// NewDropdown opens a dropdown over options with value selected (the first
// option when value is not one of them). It panics if options is empty.
func NewDropdown(description string, options []string, value string) *Dropdown {
	if len(options) == 0 {
		panic("widgets: NewDropdown needs at least one option")
	}
	opts := append([]string(nil), options...)
	labels := make([]any, len(opts))
	index := 0
	for i, o := range opts {
		labels[i] = o
		if o == value {
			index = i
		}
	}
	m := newModel("Dropdown", "DropdownModel", controlsModule, controlsVer, map[string]any{
		"description": description, "_options_labels": labels, "index": index,
	}, "description", "index")
	d := &Dropdown{base{m}, opts}
	m.coerce["index"] = intBetween(0, len(opts)-1)
	return d
}

// Index returns the position of the chosen option.
func (d *Dropdown) Index() int { return d.m.get("index").(int) }

// Value returns the chosen option.
func (d *Dropdown) Value() string { return d.options[d.Index()] }

// SetValue chooses the option v; an unknown option panics.
func (d *Dropdown) SetValue(v string) {
	for i, o := range d.options {
		if o == v {
			d.m.set(map[string]any{"index": i})
			return
		}
	}
	panic("widgets: Dropdown.SetValue: no option " + v)
}

// Observe makes f be called with the chosen option after every change.
func (d *Dropdown) Observe(f func(string)) {
	d.m.observe("index", func(v any) { f(d.options[v.(int)]) })
}

// Get returns the chosen option as an any (Control).
func (d *Dropdown) Get() any { return d.Value() }

// OnChange makes f be called after every change of the choice (Control).
func (d *Dropdown) OnChange(f func()) { d.m.observe("index", func(any) { f() }) }

// Text is a one-line text field.
type Text struct{ base }

// NewText opens a text field holding value.
func NewText(description, value string) *Text {
	m := newModel("Text", "TextModel", controlsModule, controlsVer, map[string]any{
		"description": description, "value": value, "placeholder": "", "continuous_update": true,
	}, "description", "value")
	m.coerce["value"] = isString
	return &Text{base{m}}
}

// Value returns the field's text.
func (t *Text) Value() string { return t.m.get("value").(string) }

// SetValue replaces the text and calls the observers if it changed.
func (t *Text) SetValue(v string) { t.m.set(map[string]any{"value": v}) }

// Observe makes f be called with the new text after every change.
func (t *Text) Observe(f func(string)) { t.m.observe("value", func(v any) { f(v.(string)) }) }

// Get returns the text as an any (Control).
func (t *Text) Get() any { return t.Value() }

// OnChange makes f be called after every change of the text (Control).
func (t *Text) OnChange(f func()) { t.m.observe("value", func(any) { f() }) }

// Button is a push button.
type Button struct{ base }

// NewButton opens a button labelled description.
func NewButton(description string) *Button {
	m := newModel("Button", "ButtonModel", controlsModule, controlsVer, map[string]any{
		"description": description, "tooltip": "", "icon": "", "button_style": "",
	}, "description")
	b := &Button{base{m}}
	m.custom = func(content map[string]any) {
		if content["event"] == "click" {
			b.Click()
		}
	}
	return b
}

// OnClick makes f be called at every click.
func (b *Button) OnClick(f func()) { b.m.observe("_click", func(any) { f() }) }

// Click calls the click handlers, as a click in the frontend does.
func (b *Button) Click() { b.m.notify(map[string]any{"_click": nil}) }

// Label shows a line of text.
type Label struct{ base }

// NewLabel opens a label showing value.
func NewLabel(value string) *Label {
	return &Label{base{newModel("Label", "LabelModel", controlsModule, controlsVer, map[string]any{"value": value}, "value")}}
}

// Value returns the label's text.
func (l *Label) Value() string { return l.m.get("value").(string) }

// SetValue replaces the label's text.
func (l *Label) SetValue(v string) { l.m.set(map[string]any{"value": v}) }

// HTML shows an HTML fragment.
type HTML struct{ base }

// NewHTML opens an HTML widget showing value.
func NewHTML(value string) *HTML {
	return &HTML{base{newModel("HTML", "HTMLModel", controlsModule, controlsVer, map[string]any{"value": value}, "value")}}
}

// Value returns the HTML shown.
func (h *HTML) Value() string { return h.m.get("value").(string) }

// SetValue replaces the HTML shown.
func (h *HTML) SetValue(v string) { h.m.set(map[string]any{"value": v}) }

// Play counts from min to max by step, one step every interval, when the
// user presses its play button: an animation's clock.
type Play struct{ base }

// NewPlay opens a player at min. It panics if min > max, step <= 0 or
// interval <= 0.
func NewPlay(min, max, step int, interval time.Duration) *Play {
	if min > max || step <= 0 || interval <= 0 {
		panic("widgets: NewPlay needs min <= max, step > 0 and interval > 0")
	}
	m := newModel("Play", "PlayModel", controlsModule, controlsVer, map[string]any{
		"min": min, "max": max, "step": step, "value": min, "interval": int(interval / time.Millisecond),
		"playing": false, "repeat": false, "show_repeat": true, "description": "",
	}, "value", "min", "max", "step")
	p := &Play{base{m}}
	m.coerce["value"] = intIn("min", "max")
	m.coerce["playing"] = isBool
	m.coerce["repeat"] = isBool
	return p
}

// Value returns the current count.
func (p *Play) Value() int { return p.m.get("value").(int) }

// SetValue sets the count (clamped) and calls the observers if it changed.
func (p *Play) SetValue(v int) {
	p.m.set(map[string]any{"value": p.m.coerced("value", v)})
}

// Observe makes f be called with the new count after every change.
func (p *Play) Observe(f func(int)) { p.m.observe("value", func(v any) { f(v.(int)) }) }

// Get returns the count as an any (Control).
func (p *Play) Get() any { return p.Value() }

// OnChange makes f be called after every change of the count (Control).
func (p *Play) OnChange(f func()) { p.m.observe("value", func(any) { f() }) }
