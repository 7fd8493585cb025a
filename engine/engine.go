// Package engine is the contract between the Jupyter protocol server
// (package kernel), the headless notebook runner and the language side
// (package interp), in the manner of xeus's interpreter interface: the
// kernel owns sockets, execution counts and busy/idle; an interpreter only
// runs code and publishes through an Output.
//
// Only Executor is required; the other abilities are optional interfaces
// that the kernel finds by type assertion.
package engine

import (
	"context"
	"errors"
	"strings"

	"github.com/gocalc/gocalc/display"
)

// Output receives everything a running cell produces. Its methods may be
// called from any goroutine, also after Execute has returned (a goroutine
// the cell started); the implementation decides where such late output goes.
type Output interface {
	display.Publisher
	// Stream appends text to the named stream, "stdout" or "stderr".
	Stream(name, text string)
	// Input asks the frontend for one line of input. It returns ErrNoStdin
	// when the frontend does not accept input requests.
	Input(prompt string, password bool) (string, error)
}

// ErrNoStdin is returned by Output.Input when the frontend does not allow
// input requests (allow_stdin false).
var ErrNoStdin = errors.New("this frontend does not accept input (allow_stdin is false)")

// Error is a cell's error, as an error message carries it.
type Error struct {
	Name      string   // ename, e.g. "CompileError", "panic"
	Value     string   // evalue, the message
	Traceback []string // lines shown to the user, most relevant last
}

func (e *Error) Error() string {
	if e.Value == "" {
		return e.Name
	}
	return e.Name + ": " + e.Value
}

// Executor runs cells. It is the one ability every interpreter has.
type Executor interface {
	// Execute runs code. Cancelling ctx interrupts it; Execute then returns
	// promptly with an *Error named "Interrupted". It returns the bundle of
	// the cell's value, or nil when the cell has none, and a cell error as
	// an *Error. It must never panic.
	Execute(ctx context.Context, code string, out Output) (*display.Data, error)
}

// Router is the optional ability to send what runs outside a cell to an
// Output: the kernel runs the handlers of a comm message (widget
// callbacks, interpreted code) in f, so that what they print and display
// goes to out, whose parent is the comm message. An interpreter routes
// the display calls of its cells to the Output it runs them with; nobody
// else installs a display.Publisher.
type Router interface {
	Route(out Output, f func())
}

// Completion is the answer to a completion request. Start and End count
// Unicode code points, as messaging protocol 5.2 and later do.
type Completion struct {
	Matches    []string
	Start, End int
	Metadata   map[string]any
}

// Completer is the optional ability to complete code at a cursor (in code points).
type Completer interface {
	Complete(code string, cursor int) Completion
}

// Inspector is the optional ability to describe the object at a cursor (in
// code points). detail is 0 or 1, as in inspect_request. It reports false
// when nothing is known there.
type Inspector interface {
	Inspect(code string, cursor, detail int) (display.Data, bool)
}

// Completeness values returned by CompletenessChecker.
const (
	Complete   = "complete"
	Incomplete = "incomplete"
	Invalid    = "invalid"
	Unknown    = "unknown"
)

// CompletenessChecker is the optional ability to tell whether code is ready
// to run; for Incomplete it also returns the indent of the next line.
type CompletenessChecker interface {
	IsComplete(code string) (status, indent string)
}

// Evaluator is the optional ability to evaluate an expression in the
// session without side effects on the execution count (user_expressions).
type Evaluator interface {
	Evaluate(ctx context.Context, expr string) (display.Data, error)
}

// Closer is the optional ability to release resources at shutdown.
type Closer interface {
	Close() error
}

// TracebackText joins an error's traceback for a terminal, or its message
// when it has none.
func TracebackText(err error) string {
	var e *Error
	if errors.As(err, &e) && len(e.Traceback) > 0 {
		return strings.Join(e.Traceback, "\n")
	}
	return err.Error()
}
