package interp

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
)

func TestRichValues(t *testing.T) {
	in := newInterp(t)
	rec := &recorder{}
	d, err := in.Execute(context.Background(), "type Badge struct{ Name string }\nfunc (b Badge) Render() (display.Data, error) {\n\treturn display.New(\"text/html\", \"<b>\"+b.Name+\"</b>\"), nil\n}\nBadge{\"ok\"}", rec)
	if err != nil || d == nil || d.Data["text/html"] != "<b>ok</b>" {
		t.Fatalf("cell type with Render: got %v, %v; want text/html <b>ok</b>", d, err)
	}
	d, err = in.Execute(context.Background(), "display.New(\"text/markdown\", \"*hi*\")", rec)
	if err != nil || d == nil || d.Data["text/markdown"] != "*hi*" {
		t.Fatalf("a display.Data value: got %v, %v; want its bundle", d, err)
	}
	d, err = in.Execute(context.Background(), "plotting.Plot([]float64{0, 1, 2}, []float64{0, 1, 4}, \"x\", \"y\")", rec)
	if err != nil || d == nil || d.Data["image/png"] == nil {
		t.Fatalf("figure: got %v, %v; want an image/png bundle", d != nil, err)
	}
	d, err = in.Execute(context.Background(), "display.HTML(\"<i>hi</i>\")\nfig := plotting.Plot([]float64{0, 1}, []float64{1, 0}, \"\", \"\")", rec)
	if err != nil || d != nil {
		t.Fatalf("display.HTML cell: got %v, %v; want no value", d, err)
	}
	if len(rec.pub) != 1 || rec.pub[0].Data["text/html"] != "<i>hi</i>" {
		t.Errorf("published %v; want one text/html output", rec.pub)
	}
	if d, _ := in.Execute(context.Background(), "fig", rec); d == nil || d.Data["image/png"] == nil {
		t.Errorf("a figure variable: want an image/png bundle")
	}
}

// The ad package gives Float, Dual and *Var the same method set; a cell
// declares the generic interface itself and runs one function in plain,
// forward and reverse mode. f(x) = x sin x + x, f'(x) = sin x + x cos x + 1.
func TestGenericsOverAD(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, `type Scalar[T any] interface {
	Value() float64
	Add(y T) T
	Mul(y T) T
	Sin() T
}

func f[T Scalar[T]](x T) T { return x.Sin().Mul(x).Add(x) }`)
	tests := []struct{ code, want string }{
		{"f(ad.Float(0.5)).Value()", "0.7397127693021015"},
		{"f(ad.Dual{V: 0.5, D: 1}).D", "1.9182168195493894"},
		{"tape := ad.NewTape()\nxv := tape.Var(0.5)\ny := f(xv)\ny.Backward()\nxv.Grad()", "1.9182168195493894"},
		{"yd := f(ad.Dual{V: 0.5, D: 1})\nyd.D", "1.9182168195493894"},
	}
	for _, tt := range tests {
		got, _ := mustRun(t, in, tt.code)
		if len(got) < 12 || got[:12] != tt.want[:12] {
			t.Errorf("%q: got %s, want %s", tt.code, got, tt.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "r := 3.0")
	d, err := in.Evaluate(context.Background(), "r * 2")
	if err != nil || d.Data["text/plain"] != "6" {
		t.Errorf("got %v, %v; want 6", d.Data, err)
	}
	if _, err := in.Evaluate(context.Background(), "nope +"); err == nil {
		t.Errorf("a bad expression: want an error")
	}
}

// What code prints inside widgets.Output.Capture goes to the Output, not
// to the cell (display.Streamer).
func TestCapturePrints(t *testing.T) {
	in := newInterp(t)
	got, rec := mustRun(t, in, "o := widgets.NewOutput()\no.Capture(func() {\n\tfmt.Println(\"inside\")\n\tfmt.Print(\"more\")\n\tlog.SetFlags(0)\n\tlog.Print(\"logged\")\n})\nfmt.Println(\"outside\")\nlen(o.Outputs())")
	if got != "2" || rec.stream("stdout") != "outside\n" || rec.stream("stderr") != "" {
		t.Errorf("value %q, stdout %q, stderr %q; want 2 outputs captured and only \"outside\" in the cell", got, rec.stream("stdout"), rec.stream("stderr"))
	}
	if got, _ := mustRun(t, in, "fmt.Sprint(o.Outputs()[0][\"text\"], \"|\", o.Outputs()[1][\"name\"])"); got != `"inside\nmore|stderr"` {
		t.Errorf("captured %s", got)
	}
}

// The interpreter owns where display calls go: a cell's displays go to its
// Output, those of a goroutine it left running to the last cell's, and
// what runs under Route (a comm message's handlers) to the Output given,
// text and displays alike. No caller installs a display.Publisher.
func TestDisplayRouting(t *testing.T) {
	in := newInterp(t)
	texts := func(r *recorder) []string {
		r.mu.Lock()
		defer r.mu.Unlock()
		var s []string
		for _, d := range r.pub {
			s = append(s, d.Data["text/plain"].(string))
		}
		return s
	}
	// The goroutine displays after its cell returned, and ends before the
	// next cell starts (yaegi races with a goroutine that runs beside a
	// cell).
	_, first := mustRun(t, in, `display.Text("in the cell")
go func() { time.Sleep(50 * time.Millisecond); display.Text("late") }()`)
	if !in.rt.live.wait(5 * time.Second) {
		t.Fatal("the goroutine did not end")
	}
	if got := texts(first); len(got) != 2 || got[0] != "in the cell" || got[1] != "late" {
		t.Errorf("first cell's displays %q, want the cell's and the late one", got)
	}
	// A button's click handler, run as the kernel runs a comm_msg.
	id, last := mustRun(t, in, `b := widgets.NewButton("go")
b.OnClick(func() { fmt.Println("printed"); display.Text("shown") })
b.ModelID()`)
	id = strings.Trim(id, "\"")
	click := comm.Message{Data: map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}}
	fromComm := &recorder{}
	in.Route(fromComm, func() {
		if err := comm.Deliver(comm.KindMsg, id, "", click); err != nil {
			t.Error(err)
		}
	})
	if got := texts(fromComm); len(got) != 1 || got[0] != "shown" {
		t.Errorf("the handler's displays %q", got)
	}
	if got := fromComm.stream("stdout"); got != "printed\n" {
		t.Errorf("the handler's text %q", got)
	}
	if got := texts(last); len(got) != 0 {
		t.Errorf("the last cell's displays %q, want none", got)
	}
	// Afterwards, a display from outside a cell goes to the last cell again.
	display.Text("after")
	if got := texts(last); len(got) != 1 || got[0] != "after" {
		t.Errorf("the last cell's displays %q, want \"after\"", got)
	}
}
