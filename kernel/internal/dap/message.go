package dap

import (
	"encoding/json"
	"errors"
)

// Request is a DAP request, the content of a debug_request.
type Request struct {
	Seq       int             `json:"seq"`
	Type      string          `json:"type"` // "request"
	Command   string          `json:"command"`
	Arguments json.RawMessage `json:"arguments,omitempty"`
}

// Decode reads a request from a debug_request's content. A content that
// is not a request (no command) is an error.
func Decode(content []byte) (Request, error) {
	var r Request
	if err := json.Unmarshal(content, &r); err != nil {
		return Request{}, err
	}
	if r.Command == "" {
		return Request{}, errors.New("a debug request needs a command")
	}
	return r, nil
}

// Args decodes the request's arguments into v; absent arguments leave v
// as it is.
func (r Request) Args(v any) error {
	if len(r.Arguments) == 0 || string(r.Arguments) == "null" {
		return nil
	}
	return json.Unmarshal(r.Arguments, v)
}

// Response is a DAP response, the content of a debug_reply.
type Response struct {
	Seq        int    `json:"seq"`
	Type       string `json:"type"` // "response"
	RequestSeq int    `json:"request_seq"`
	Success    bool   `json:"success"`
	Command    string `json:"command"`
	// Message says why a request failed.
	Message string `json:"message,omitempty"`
	Body    any    `json:"body,omitempty"`
}

// OK is the successful response to r with body.
func OK(r Request, seq int, body any) Response {
	return Response{Seq: seq, Type: "response", RequestSeq: r.Seq, Success: true, Command: r.Command, Body: body}
}

// Fail is the failed response to r, with the message shown to the user.
func Fail(r Request, seq int, message string) Response {
	return Response{Seq: seq, Type: "response", RequestSeq: r.Seq, Command: r.Command, Message: message,
		Body: map[string]any{"error": map[string]any{"id": 1, "format": message, "showUser": true}}}
}

// Event is a DAP event, the content of a debug_event.
type Event struct {
	Seq   int    `json:"seq"`
	Type  string `json:"type"` // "event"
	Event string `json:"event"`
	Body  any    `json:"body,omitempty"`
}

// NewEvent is the event named name with body.
func NewEvent(seq int, name string, body any) Event {
	return Event{Seq: seq, Type: "event", Event: name, Body: body}
}

// Variable is one row of a variables panel. VariablesReference, when not
// 0, is what a variables request sends to list the variable's parts.
type Variable struct {
	Name               string `json:"name"`
	Value              string `json:"value"`
	Type               string `json:"type"`
	EvaluateName       string `json:"evaluateName,omitempty"`
	VariablesReference int    `json:"variablesReference"`
}

// Breakpoint is a breakpoint as setBreakpoints answers it.
type Breakpoint struct {
	Verified bool   `json:"verified"`
	Line     int    `json:"line"`
	Source   Source `json:"source"`
	Message  string `json:"message,omitempty"`
}

// SourceBreakpoint is a breakpoint as setBreakpoints asks for it.
type SourceBreakpoint struct {
	Line int `json:"line"`
}

// Source names a source file by its path.
type Source struct {
	// Name is what a frontend shows for the source ("Cell [3]");
	// JupyterLab finds the cell by Path.
	Name string `json:"name,omitempty"`
	Path string `json:"path"`
}
