package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"runtime/debug"
	"strings"
)

// request is one message being served, with what its handler produced.
type request struct {
	sock    *socket
	msg     *wire.Message
	out     *cellOutput // the cell's output, flushed before idle
	replied bool
	abort   bool // answer an execute_request with status aborted
}

// handler serves one message type.
type handler func(s *Server, r *request)

// Dispatch tables, one per channel. Requests that touch the interpreter
// live on shell only, so that the interpreter sees one request at a time.
var shellHandlers, controlHandlers map[string]handler

func init() {
	shellHandlers = map[string]handler{
		"kernel_info_request": (*Server).kernelInfo,
		"execute_request":     (*Server).execute,
		"complete_request":    (*Server).complete,
		"inspect_request":     (*Server).inspect,
		"is_complete_request": (*Server).isComplete,
		"history_request":     (*Server).historyRequest,
		"comm_info_request":   (*Server).commInfo,
		"comm_open":           (*Server).commOpen,
		"comm_msg":            (*Server).commMsg,
		"comm_close":          (*Server).commClose,
		"shutdown_request":    (*Server).shutdownRequest,
	}
	controlHandlers = map[string]handler{
		"kernel_info_request": (*Server).kernelInfo,
		"shutdown_request":    (*Server).shutdownRequest,
		"interrupt_request":   (*Server).interruptRequest,
		"comm_info_request":   (*Server).commInfo,
		"history_request":     (*Server).historyRequest,
		"debug_request":       (*Server).debugRequest,
	}
}

// serve is the one place where busy and idle are published: busy before
// the handler runs, idle after it returned (or panicked) and after the
// request's output was flushed, for every message, known or not.
func (s *Server) serve(sk *socket, table map[string]handler, m *wire.Message) {
	r := &request{sock: sk, msg: m}
	s.serveRequest(table, r)
}

func (s *Server) serveRequest(table map[string]handler, r *request) {
	s.publishStatus(r.msg, "busy")
	s.dispatch(table, r)
	if r.out != nil {
		r.out.flush()
	}
	s.publishStatus(r.msg, "idle")
}

func (s *Server) dispatch(table map[string]handler, r *request) {
	typ := r.msg.Header.MsgType
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic serving %s: %v\n%s", typ, p, debug.Stack())
			if !r.replied && strings.HasSuffix(typ, "_request") {
				s.replyError(r, "InternalError", fmt.Sprint(p))
			}
		}
	}()
	h, ok := table[typ]
	if !ok {
		s.log.Printf("unknown message type %q on %s", typ, r.sock.name)
		return
	}
	h(s, r)
}

// decodeContent decodes a request's content into v; a missing or
// malformed content is an error answered with status "error".
func decodeContent(m *wire.Message, v any) error {
	if m.Content == nil {
		return errors.New("content is not a JSON object")
	}
	return json.Unmarshal(m.Content, v)
}

// replyType is the reply's msg_type for a request.
func replyType(typ string) string {
	return strings.TrimSuffix(typ, "_request") + "_reply"
}

// reply answers r on the socket it arrived on.
func (s *Server) reply(r *request, content any) {
	r.replied = true
	s.send(r.sock, r.msg.Identities, replyType(r.msg.Header.MsgType), r.msg.RawHeader, content)
}

// replyError answers r with status "error".
func (s *Server) replyError(r *request, ename, evalue string) {
	s.reply(r, map[string]any{
		"status": "error", "ename": ename, "evalue": evalue,
		"traceback": []string{ename + ": " + evalue},
	})
}

// replyBadRequest answers a request whose content could not be decoded.
func (s *Server) replyBadRequest(r *request, err error) {
	s.log.Printf("bad %s: %v", r.msg.Header.MsgType, err)
	s.replyError(r, "BadRequest", "malformed "+r.msg.Header.MsgType+": "+err.Error())
}

// publish sends a message on iopub with the given parent header.
func (s *Server) publish(parent json.RawMessage, typ string, content any) {
	s.send(s.iopub, [][]byte{[]byte("kernel." + s.session + "." + typ)}, typ, parent, content)
}

// publishStatus publishes busy or idle for the request m.
func (s *Server) publishStatus(m *wire.Message, state string) {
	s.publish(m.RawHeader, "status", map[string]string{"execution_state": state})
}

// send signs and sends one message; failures are logged, never returned,
// since there is nobody else to tell.
func (s *Server) send(sk *socket, idents [][]byte, typ string, parent json.RawMessage, content any) {
	s.sendFull(sk, idents, typ, parent, content, nil, nil)
}

// sendFull is send with the message's metadata (nil is sent as {}) and
// binary buffers after the content, as comm messages carry them.
func (s *Server) sendFull(sk *socket, idents [][]byte, typ string, parent json.RawMessage, content any, metadata map[string]any, buffers [][]byte) {
	body, err := marshalContent(content)
	if err != nil {
		s.log.Printf("cannot encode %s: %v", typ, err)
		return
	}
	m := &wire.Message{
		Identities: idents,
		Header: wire.Header{
			MsgID: wire.NewID(), Session: s.session, Username: s.user,
			Date: wire.Now(), MsgType: typ, Version: wire.ProtocolVersion,
		},
		Parent:   parent,
		Metadata: metadata,
		Content:  body,
		Buffers:  buffers,
	}
	frames, err := wire.Encode(m, s.signer)
	if err != nil {
		s.log.Printf("cannot encode %s: %v", typ, err)
		return
	}
	if err := sk.send(frames); err != nil && !s.stopped() {
		s.log.Printf("cannot send %s on %s: %v", typ, sk.name, err)
	}
}

// marshalContent encodes content as JSON without escaping HTML, so that
// HTML and SVG outputs travel as written.
func marshalContent(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
