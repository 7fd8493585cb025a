package comm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

type recorder struct{ got []string }

func (r *recorder) Open(id, target string, m Message) { r.got = append(r.got, "open "+target) }
func (r *recorder) Send(id string, m Message)         { r.got = append(r.got, "msg") }
func (r *recorder) Close(id string, m Message)        { r.got = append(r.got, "close") }

type handler struct{ got []string }

func (h *handler) HandleMsg(c *Comm, m Message) {
	if m.Data["panic"] == true {
		panic("boom")
	}
	h.got = append(h.got, "msg")
}
func (h *handler) HandleClose(c *Comm, m Message) { h.got = append(h.got, "close") }

func TestDeliver(t *testing.T) {
	h := &handler{}
	RegisterTarget("t.test", func(c *Comm, m Message) { c.SetHandler(h) })
	defer RegisterTarget("t.test", nil)

	tests := []struct {
		name, kind, id, target string
		data                   map[string]any
		wantErr                error
		wantPanicMsg           bool
	}{
		{"unknown target", KindOpen, "a", "t.none", nil, ErrNoTarget, false},
		{"open", KindOpen, "a", "t.test", nil, nil, false},
		{"message", KindMsg, "a", "", nil, nil, false},
		{"unknown comm", KindMsg, "zz", "", nil, ErrNoComm, false},
		{"panicking handler", KindMsg, "a", "", map[string]any{"panic": true}, nil, true},
		{"close", KindClose, "a", "", nil, nil, false},
		{"message after close", KindMsg, "a", "", nil, ErrNoComm, false},
	}
	for _, tt := range tests {
		err := Deliver(tt.kind, tt.id, tt.target, Message{Data: tt.data})
		switch {
		case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
			t.Errorf("%s: err %v, want %v", tt.name, err, tt.wantErr)
		case tt.wantPanicMsg && (err == nil || !strings.Contains(err.Error(), "boom")):
			t.Errorf("%s: err %v, want the panic", tt.name, err)
		case tt.wantErr == nil && !tt.wantPanicMsg && err != nil:
			t.Errorf("%s: err %v", tt.name, err)
		}
	}
	if !reflect.DeepEqual(h.got, []string{"msg", "close"}) {
		t.Errorf("handler saw %v", h.got)
	}
}

func TestOpenSendCloseList(t *testing.T) {
	r := &recorder{}
	defer SetTransport(r)()
	c := Open("t.kernel", Message{}, nil)
	c.Send(Message{})
	if got := List("t.kernel"); !reflect.DeepEqual(got, map[string]string{c.ID(): "t.kernel"}) {
		t.Errorf("List = %v", got)
	}
	if got := List("t.other"); len(got) != 0 {
		t.Errorf("List(other) = %v", got)
	}
	c.Close(Message{})
	c.Close(Message{})
	c.Send(Message{})
	if !reflect.DeepEqual(r.got, []string{"open t.kernel", "msg", "close"}) || !c.Closed() {
		t.Errorf("sent %v, closed %v", r.got, c.Closed())
	}
	if _, ok := Get(c.ID()); ok {
		t.Errorf("a closed comm is still registered")
	}
}

type numbering struct {
	recorder
	n int
}

func (n *numbering) NewCommID() string { n.n++; return "c" + string(rune('0'+n.n)) }

func TestIDMaker(t *testing.T) {
	defer SetTransport(&numbering{})()
	a, b := Open("t.ids", Message{}, nil), Open("t.ids", Message{}, nil)
	defer a.Close(Message{})
	defer b.Close(Message{})
	if a.ID() != "c1" || b.ID() != "c2" {
		t.Errorf("ids %s %s, want c1 c2", a.ID(), b.ID())
	}
}
