package widgets

import (
	"math"
)

// FloatSlider is a slider over real numbers.
type FloatSlider struct{ base }

// NewFloatSlider shows nothing yet: it opens a slider from min to max by
// step, at value (clamped to [min, max]). It panics if min > max or step <= 0.
func NewFloatSlider(description string, min, max, step, value float64) *FloatSlider {
	if min > max || !(step > 0) {
		panic("widgets: NewFloatSlider needs min <= max and step > 0")
	}
	m := newModel("FloatSlider", "FloatSliderModel", controlsModule, controlsVer, map[string]any{
		"description": description, "min": min, "max": max, "step": step,
		"value": math.Min(math.Max(value, min), max), "readout_format": ".2f",
		"continuous_update": true, "orientation": "horizontal", "readout": true,
	}, "description", "value", "min", "max", "step")
	s := &FloatSlider{base{m}}
	m.coerce["value"] = floatIn("min", "max")
	return s
}

// Value returns the slider's value.
func (s *FloatSlider) Value() float64 { return s.m.get("value").(float64) }

// SetValue moves the slider to v (clamped to its range), in the frontend
// too, and calls the observers if the value changed.
func (s *FloatSlider) SetValue(v float64) {
	s.m.set(map[string]any{"value": s.m.coerced("value", v)})
}

// Observe makes f be called with the new value after every change, from the
// frontend or from SetValue.
func (s *FloatSlider) Observe(f func(float64)) { s.m.observe("value", func(v any) { f(v.(float64)) }) }

// Get returns the value as an any (Control).
func (s *FloatSlider) Get() any { return s.Value() }

// OnChange makes f be called after every change of the value (Control).
func (s *FloatSlider) OnChange(f func()) { s.m.observe("value", func(any) { f() }) }

// IntSlider is a slider over integers.
type IntSlider struct{ base }

// NewIntSlider opens a slider from min to max by step, at value (clamped).
// It panics if min > max or step <= 0.
func NewIntSlider(description string, min, max, step, value int) *IntSlider {
	if min > max || step <= 0 {
		panic("widgets: NewIntSlider needs min <= max and step > 0")
	}
	m := newModel("IntSlider", "IntSliderModel", controlsModule, controlsVer, map[string]any{
		"description": description, "min": min, "max": max, "step": step,
		"value": clampInt(value, min, max), "readout_format": "d",
		"continuous_update": true, "orientation": "horizontal", "readout": true,
	}, "description", "value", "min", "max", "step")
	s := &IntSlider{base{m}}
	m.coerce["value"] = intIn("min", "max")
	return s
}

// Value returns the slider's value.
func (s *IntSlider) Value() int { return s.m.get("value").(int) }

// SetValue moves the slider to v (clamped to its range) and calls the
// observers if the value changed.
func (s *IntSlider) SetValue(v int) {
	s.m.set(map[string]any{"value": s.m.coerced("value", v)})
}

// Observe makes f be called with the new value after every change.
func (s *IntSlider) Observe(f func(int)) { s.m.observe("value", func(v any) { f(v.(int)) }) }

// Get returns the value as an any (Control).
func (s *IntSlider) Get() any { return s.Value() }

// OnChange makes f be called after every change of the value (Control).
func (s *IntSlider) OnChange(f func()) { s.m.observe("value", func(any) { f() }) }

// FloatLogSlider is a slider whose position is the logarithm of its value:
// each decade takes the same length.
type FloatLogSlider struct{ base }

// NewFloatLogSlider opens a logarithmic slider from min to max (values, not
// exponents), at value (clamped), in 100 steps. It panics unless 0 < min <= max.
func NewFloatLogSlider(description string, min, max, value float64) *FloatLogSlider {
	if !(min > 0) || min > max {
		panic("widgets: NewFloatLogSlider needs 0 < min <= max")
	}
	lo, hi := math.Log10(min), math.Log10(max)
	step := (hi - lo) / 100
	if step == 0 {
		step = 0.01
	}
	m := newModel("FloatLogSlider", "FloatLogSliderModel", controlsModule, controlsVer, map[string]any{
		"description": description, "base": 10.0, "min": lo, "max": hi, "step": step,
		"value": math.Min(math.Max(value, min), max), "readout_format": ".3g",
		"continuous_update": true, "orientation": "horizontal", "readout": true,
	}, "description", "value")
	s := &FloatLogSlider{base{m}}
	m.coerce["value"] = floatBetween(min, max)
	return s
}

// Value returns the slider's value.
func (s *FloatLogSlider) Value() float64 { return s.m.get("value").(float64) }

// SetValue moves the slider to v (clamped) and calls the observers if the
// value changed.
func (s *FloatLogSlider) SetValue(v float64) {
	s.m.set(map[string]any{"value": s.m.coerced("value", v)})
}

// Observe makes f be called with the new value after every change.
func (s *FloatLogSlider) Observe(f func(float64)) {
	s.m.observe("value", func(v any) { f(v.(float64)) })
}

// Get returns the value as an any (Control).
func (s *FloatLogSlider) Get() any { return s.Value() }

// OnChange makes f be called after every change of the value (Control).
func (s *FloatLogSlider) OnChange(f func()) { s.m.observe("value", func(any) { f() }) }

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
