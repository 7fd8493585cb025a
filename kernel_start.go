package main

import (
	"context"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp"
)

// startingInterpreter is the interpreter while it starts. The kernel binds
// its sockets meanwhile: jupyter_client connects right after launching the
// kernel, and a connection refused costs it libzmq's 100 ms reconnect wait,
// several times what the interpreter takes to start. Every call waits until
// the interpreter is ready.
type startingInterpreter struct {
	ready chan struct{}
	ip    *interp.Interpreter
	err   error
}

// startInterpreter starts the interpreter in the background.
func startInterpreter() *startingInterpreter {
	s := &startingInterpreter{ready: make(chan struct{})}
	go func() {
		defer close(s.ready)
		s.ip, s.err = interp.New(interp.Options{})
	}()
	return s
}

// wait blocks until the interpreter has started and returns its start-up error.
func (s *startingInterpreter) wait() error {
	<-s.ready
	return s.err
}

func (s *startingInterpreter) get() *interp.Interpreter {
	<-s.ready
	return s.ip
}

func (s *startingInterpreter) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	return s.get().Execute(ctx, code, out)
}

func (s *startingInterpreter) Complete(code string, cursor int) engine.Completion {
	return s.get().Complete(code, cursor)
}

func (s *startingInterpreter) Inspect(code string, cursor, detail int) (display.Data, bool) {
	return s.get().Inspect(code, cursor, detail)
}

func (s *startingInterpreter) IsComplete(code string) (status, indent string) {
	return s.get().IsComplete(code)
}

func (s *startingInterpreter) Evaluate(ctx context.Context, expr string) (display.Data, error) {
	return s.get().Evaluate(ctx, expr)
}

// Variables answers engine.ErrBusy until the interpreter has started,
// rather than holding up the control channel that asks.
func (s *startingInterpreter) Variables(path []string) ([]engine.Variable, error) {
	select {
	case <-s.ready:
	default:
		return nil, engine.ErrBusy
	}
	if s.ip == nil {
		return nil, s.err
	}
	return s.ip.Variables(path)
}

func (s *startingInterpreter) Close() error { return s.get().Close() }

// The debugger's calls wait for the interpreter (the frontend sets
// breakpoints before it runs a cell) and do nothing when it failed to
// start.

func (s *startingInterpreter) SetBreakpoints(code string, lines []int) []bool {
	if ip := s.get(); ip != nil {
		return ip.SetBreakpoints(code, lines)
	}
	return make([]bool, len(lines))
}

func (s *startingInterpreter) OnStop(f func(engine.Stop)) {
	if ip := s.get(); ip != nil {
		ip.OnStop(f)
	}
}

func (s *startingInterpreter) Threads() []engine.Thread {
	if ip := s.get(); ip != nil {
		return ip.Threads()
	}
	return nil
}

func (s *startingInterpreter) StackTrace(thread int) ([]engine.Frame, error) {
	if ip := s.get(); ip != nil {
		return ip.StackTrace(thread)
	}
	return nil, s.err
}

func (s *startingInterpreter) FrameVariables(frame int, path []string) ([]engine.Variable, error) {
	if ip := s.get(); ip != nil {
		return ip.FrameVariables(frame, path)
	}
	return nil, s.err
}

func (s *startingInterpreter) Resume(thread int, how engine.Resume) error {
	if ip := s.get(); ip != nil {
		return ip.Resume(thread, how)
	}
	return s.err
}

func (s *startingInterpreter) Detach() {
	if ip := s.get(); ip != nil {
		ip.Detach()
	}
}

func (s *startingInterpreter) StopOnPanic(on bool) {
	if ip := s.get(); ip != nil {
		ip.StopOnPanic(on)
	}
}

func (s *startingInterpreter) Pause(thread int) error {
	if ip := s.get(); ip != nil {
		return ip.Pause(thread)
	}
	return s.err
}

func (s *startingInterpreter) EvaluateInFrame(frame int, expr string) (engine.Variable, error) {
	if ip := s.get(); ip != nil {
		return ip.EvaluateInFrame(frame, expr)
	}
	return engine.Variable{}, s.err
}

// The kernel finds optional abilities by type assertion: keep them all.
var (
	_ engine.Completer           = (*startingInterpreter)(nil)
	_ engine.Inspector           = (*startingInterpreter)(nil)
	_ engine.CompletenessChecker = (*startingInterpreter)(nil)
	_ engine.Evaluator           = (*startingInterpreter)(nil)
	_ engine.VariableInspector   = (*startingInterpreter)(nil)
	_ engine.Closer              = (*startingInterpreter)(nil)
	_ engine.Debugger            = (*startingInterpreter)(nil)
	_ engine.PanicStopper        = (*startingInterpreter)(nil)
	_ engine.Pauser              = (*startingInterpreter)(nil)
	_ engine.FrameEvaluator      = (*startingInterpreter)(nil)
)
