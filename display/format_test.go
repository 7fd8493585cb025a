package display

import (
	"fmt"
	"strings"
	"testing"
)

type celsius float64

type celsiusView struct{ c celsius }

func (v celsiusView) Render() (Data, error) {
	return New("text/html", fmt.Sprintf("<b>%g °C</b>", float64(v.c))), nil
}

func TestRendererFor(t *testing.T) {
	if _, ok := RendererFor(celsius(20)); ok {
		t.Fatal("celsius has a renderer before any Register")
	}
	Register(func(v any) Renderer {
		if c, ok := v.(celsius); ok {
			return celsiusView{c}
		}
		return nil
	})
	r, ok := RendererFor(celsius(20))
	if !ok {
		t.Fatal("no renderer for celsius after Register")
	}
	if _, isView := r.(celsiusView); !isView {
		t.Errorf("RendererFor(celsius) = %T", r)
	}
	d, err := Bundle(celsius(20))
	if err != nil || d.Data["text/html"] == nil {
		t.Errorf("Bundle(celsius) = %v, %v; want the registered text/html", d.Data, err)
	}
	if _, ok := RendererFor(3); ok {
		t.Error("an int got a renderer")
	}
	if _, ok := RendererFor(nil); ok {
		t.Error("nil got a renderer")
	}
	d, _ = Bundle(3)
	if d.Data["text/plain"] != "3" {
		t.Errorf("Bundle(3) = %v", d.Data)
	}
}

func TestRegisterNilPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "display: ") {
			t.Errorf("recovered %v", r)
		}
	}()
	Register(nil)
}
