package comm

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"sync"
)

// Message is what a comm message carries besides its comm id.
type Message struct {
	Data     map[string]any // the JSON object; nil is sent as {}
	Metadata map[string]any // nil is sent as {}
	Buffers  [][]byte       // binary buffers, in order
}

// Transport sends comm messages from the process to the frontend. Its
// methods may be called from any goroutine.
type Transport interface {
	// Open announces a comm the process opened (comm_open).
	Open(id, target string, m Message)
	// Send sends a message on an open comm (comm_msg).
	Send(id string, m Message)
	// Close closes a comm from the process's side (comm_close).
	Close(id string, m Message)
}

// IDMaker is the optional ability of a Transport to choose the ids of the
// comms the process opens, for instance to make them the same in every
// headless run of a notebook.
type IDMaker interface {
	NewCommID() string
}

// Handler receives the frontend's messages on one comm.
type Handler interface {
	// HandleMsg receives a comm_msg.
	HandleMsg(c *Comm, m Message)
	// HandleClose receives the frontend's comm_close; the comm is already
	// closed when it is called.
	HandleClose(c *Comm, m Message)
}

// Comm is one open comm.
type Comm struct {
	id, target string

	mu      sync.Mutex
	handler Handler
	closed  bool
}

// ID returns the comm's id (a widget's model id).
func (c *Comm) ID() string { return c.id }

// Target returns the target name the comm was opened with.
func (c *Comm) Target() string { return c.target }

// SetHandler makes h receive the frontend's messages on c.
func (c *Comm) SetHandler(h Handler) {
	c.mu.Lock()
	c.handler = h
	c.mu.Unlock()
}

func (c *Comm) getHandler() Handler {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.handler
}

// Send sends m to the frontend on c. Sending on a closed comm does nothing.
func (c *Comm) Send(m Message) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return
	}
	if t := transport(); t != nil {
		t.Send(c.id, m)
	}
}

// Close closes c from the process's side, sending m with the comm_close.
// Closing twice does nothing.
func (c *Comm) Close(m Message) {
	if !reg.remove(c) {
		return
	}
	if t := transport(); t != nil {
		t.Close(c.id, m)
	}
}

// Closed reports whether c was closed, by either side.
func (c *Comm) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// OpenFunc is called when the frontend opens a comm to a registered target,
// with the comm_open's content; it usually sets the comm's handler.
type OpenFunc func(c *Comm, m Message)

type registry struct {
	mu      sync.Mutex
	comms   map[string]*Comm
	targets map[string]OpenFunc
	t       Transport
}

var reg = &registry{comms: map[string]*Comm{}, targets: map[string]OpenFunc{}}

func (r *registry) remove(c *Comm) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.closed = true
	if r.comms[c.id] == c {
		delete(r.comms, c.id)
	}
	return true
}

func transport() Transport {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.t
}

// SetTransport makes t the current transport and returns a function that
// restores the previous one.
func SetTransport(t Transport) (restore func()) {
	reg.mu.Lock()
	prev := reg.t
	reg.t = t
	reg.mu.Unlock()
	return func() {
		reg.mu.Lock()
		reg.t = prev
		reg.mu.Unlock()
	}
}

// RegisterTarget makes open receive the comms the frontend opens to target.
// Registering a target twice replaces the first registration; a nil open
// removes it.
func RegisterTarget(target string, open OpenFunc) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if open == nil {
		delete(reg.targets, target)
		return
	}
	reg.targets[target] = open
}

// NewID returns a fresh random comm id (32 hex digits, as ipykernel makes them).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("comm: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// Open opens a comm to the frontend's target with a fresh id (one the
// transport makes if it is an IDMaker), sending m
// with the comm_open, and makes h receive the frontend's messages on it.
func Open(target string, m Message, h Handler) *Comm {
	reg.mu.Lock()
	t := reg.t
	id := NewID()
	if m, ok := t.(IDMaker); ok {
		id = m.NewCommID()
	}
	c := &Comm{id: id, target: target, handler: h}
	reg.comms[c.id] = c
	reg.mu.Unlock()
	if t != nil {
		t.Open(c.id, target, m)
	}
	return c
}

// Get returns the open comm with the given id.
func Get(id string) (*Comm, bool) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	c, ok := reg.comms[id]
	return c, ok
}

// List returns the ids and targets of the open comms, only those of target
// unless it is empty, as comm_info_reply lists them.
func List(target string) map[string]string {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	out := map[string]string{}
	for id, c := range reg.comms {
		if target == "" || c.target == target {
			out[id] = c.target
		}
	}
	return out
}

// Targets returns the registered target names, sorted.
func Targets() []string {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	var out []string
	for t := range reg.targets {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// ErrNoTarget is returned by Deliver for a comm_open whose target is not
// registered; the caller closes the comm, as Jupyter kernels do.
var ErrNoTarget = fmt.Errorf("comm: no such target")

// ErrNoComm is returned by Deliver for a message on a comm that is not open.
var ErrNoComm = fmt.Errorf("comm: no such comm")

// Delivery kinds, the comm message types of the Jupyter protocol.
const (
	KindOpen  = "comm_open"
	KindMsg   = "comm_msg"
	KindClose = "comm_close"
)

// Deliver hands a message from the frontend to its comm: kind is comm_open
// (with target), comm_msg or comm_close. A panic in a handler is returned
// as an error; the comm stays open.
func Deliver(kind, id, target string, m Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("comm %s: %s handler panicked: %v", id, kind, p)
		}
	}()
	switch kind {
	case KindOpen:
		reg.mu.Lock()
		open, ok := reg.targets[target]
		if ok {
			if _, dup := reg.comms[id]; dup {
				reg.mu.Unlock()
				return fmt.Errorf("comm: comm_open for %s, which is already open", id)
			}
		}
		c := &Comm{id: id, target: target}
		if ok {
			reg.comms[id] = c
		}
		reg.mu.Unlock()
		if !ok {
			return fmt.Errorf("%w %q", ErrNoTarget, target)
		}
		open(c, m)
		return nil
	case KindMsg:
		c, ok := Get(id)
		if !ok {
			return fmt.Errorf("%w %s", ErrNoComm, id)
		}
		if h := c.getHandler(); h != nil {
			h.HandleMsg(c, m)
		}
		return nil
	case KindClose:
		c, ok := Get(id)
		if !ok {
			return fmt.Errorf("%w %s", ErrNoComm, id)
		}
		reg.remove(c)
		if h := c.getHandler(); h != nil {
			h.HandleClose(c, m)
		}
		return nil
	}
	panic("comm: Deliver of unknown kind " + kind)
}
