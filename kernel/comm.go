package kernel

import (
	"encoding/json"
	"errors"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/engine"
)

// Comms (messaging spec, "Custom messages"). The comm registry lives in
// package comm; the kernel only moves messages between it and the wire.
//
// A comm_open, comm_msg or comm_close from the frontend is a shell request
// like any other: it waits its turn behind a running cell and is handled on
// the shell worker, so that widget callbacks (interpreted code) never run
// beside a cell. While it is handled, the request is the parent of what
// the handlers send and display, so that the frontend sees the messages a
// comm_msg caused between its busy and idle (ipywidgets throttles a
// control's updates on that idle, and matches echo_update to its request).

type commRequest struct {
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name"`
	Data       map[string]any `json:"data"`
}

func (s *Server) decodeComm(r *request) (commRequest, bool) {
	var req commRequest
	if err := decodeContent(r.msg, &req); err != nil || req.CommID == "" {
		s.log.Printf("malformed %s ignored", r.msg.Header.MsgType)
		return req, false
	}
	return req, true
}

// deliverComm hands a frontend comm message to package comm, with r as the
// parent of everything the handlers send or display meanwhile.
func (s *Server) deliverComm(r *request, kind string, req commRequest) error {
	out := s.newCellOutput(s.ctx, r.msg, false, false)
	r.out = out
	prev := s.lastOut.Swap(out)
	defer s.lastOut.CompareAndSwap(out, prev)
	m := comm.Message{Data: req.Data, Metadata: r.msg.Metadata, Buffers: r.msg.Buffers}
	var err error
	deliver := func() { err = comm.Deliver(kind, req.CommID, req.TargetName, m) }
	if rt, ok := s.cfg.Executor.(engine.Router); ok {
		rt.Route(out, deliver)
	} else {
		deliver()
	}
	if err != nil && !errors.Is(err, comm.ErrNoTarget) && !errors.Is(err, comm.ErrNoComm) {
		// A failing handler: say so where the frontend logs the output
		// of comm messages (JupyterLab's log console).
		out.Stream("stderr", err.Error()+"\n")
	}
	return err
}

// commOpen opens a comm to a registered target; one to an unknown target is
// closed at once, as the spec asks.
func (s *Server) commOpen(r *request) {
	req, ok := s.decodeComm(r)
	if !ok {
		return
	}
	err := s.deliverComm(r, comm.KindOpen, req)
	if errors.Is(err, comm.ErrNoTarget) {
		s.log.Printf("no comm target %q: closing comm %s", req.TargetName, req.CommID)
		s.publish(r.msg.RawHeader, "comm_close", map[string]any{"comm_id": req.CommID, "data": map[string]any{}})
		return
	}
	if err != nil {
		s.log.Printf("%v", err)
	}
}

// commMsg passes a comm_msg to its comm's handler.
func (s *Server) commMsg(r *request) {
	if req, ok := s.decodeComm(r); ok {
		if err := s.deliverComm(r, comm.KindMsg, req); err != nil {
			s.log.Printf("%v", err)
		}
	}
}

// commClose closes a comm from the frontend's side.
func (s *Server) commClose(r *request) {
	if req, ok := s.decodeComm(r); ok {
		if err := s.deliverComm(r, comm.KindClose, req); err != nil {
			s.log.Printf("%v", err)
		}
	}
}

// commInfo answers comm_info_request with the open comms, only those of
// content.target_name when it is given.
func (s *Server) commInfo(r *request) {
	var req struct {
		TargetName string `json:"target_name"`
	}
	if r.msg.Content != nil {
		_ = json.Unmarshal(r.msg.Content, &req) // a malformed filter lists all
	}
	comms := map[string]any{}
	for id, target := range comm.List(req.TargetName) {
		comms[id] = map[string]string{"target_name": target}
	}
	s.reply(r, map[string]any{"status": "ok", "comms": comms})
}

// commTransport is the process's comm.Transport while the Server serves:
// comm messages from the process are published on iopub with the request being served
// (the running cell, a comm message, or the last cell) as parent, after the
// text that request's output buffered.

type commTransport struct{ s *Server }

// Open publishes comm_open.
func (t commTransport) Open(id, target string, m comm.Message) {
	t.s.publishComm("comm_open", map[string]any{"comm_id": id, "target_name": target, "data": nonNil(m.Data)}, m)
}

// Send publishes comm_msg.
func (t commTransport) Send(id string, m comm.Message) {
	t.s.publishComm("comm_msg", map[string]any{"comm_id": id, "data": nonNil(m.Data)}, m)
}

// Close publishes comm_close.
func (t commTransport) Close(id string, m comm.Message) {
	t.s.publishComm("comm_close", map[string]any{"comm_id": id, "data": nonNil(m.Data)}, m)
}

func (s *Server) publishComm(typ string, content map[string]any, m comm.Message) {
	parent := json.RawMessage("{}")
	if o := s.lastOut.Load(); o != nil {
		o.flush()
		parent = o.parent
	}
	s.sendFull(s.iopub, [][]byte{[]byte("kernel." + s.session + "." + typ)}, typ, parent, content, m.Metadata, m.Buffers)
}
