package kernel

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

func orDefault(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

// execute answers execute_request: execute_input, the cell's output, its
// execute_result or error, then the reply. After an error with
// stop_on_error, the executes already queued are answered "aborted".
func (s *Server) execute(r *request) {
	if r.abort {
		s.reply(r, map[string]any{"status": "aborted", "execution_count": s.execCount})
		return
	}
	var req executeRequest
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	store := !req.Silent && orDefault(req.StoreHistory, true)
	if store {
		s.execCount++
	}
	count := s.execCount
	if store {
		s.debug.ran(req.Code, count)
	}
	parent := r.msg.RawHeader
	if !req.Silent {
		s.publish(parent, "execute_input", map[string]any{"code": req.Code, "execution_count": count})
	}

	ctx, cancel := context.WithCancel(s.ctx)
	out := s.newCellOutput(ctx, r.msg, req.Silent, orDefault(req.AllowStdin, true))
	r.out = out
	s.lastOut.Store(out)
	s.runMu.Lock()
	s.cancelRun = cancel
	s.runMu.Unlock()
	val, err := s.run(ctx, req.Code, out)
	s.debug.cellEnded()
	s.runMu.Lock()
	s.cancelRun = nil
	s.runMu.Unlock()
	cancel()
	out.flush()

	if store {
		result := ""
		if val != nil {
			if t, ok := val.Data["text/plain"].(string); ok {
				result = t
			}
		}
		if err := s.history.Add(count, req.Code, result); err != nil {
			s.log.Printf("history: %v", err)
		}
	}

	if err != nil {
		ename, evalue, tb := errorParts(err)
		if !req.Silent {
			s.publish(parent, "error", map[string]any{"ename": ename, "evalue": evalue, "traceback": tb})
		}
		if orDefault(req.StopOnError, true) && !req.Silent {
			// Executes received before this reply leaves are aborted;
			// those sent after the client saw it are not. A silent
			// execute never aborts others, as in ipykernel and xeus.
			s.abortUpTo = s.received.Load()
		}
		s.reply(r, map[string]any{
			"status": "error", "execution_count": count,
			"ename": ename, "evalue": evalue, "traceback": tb,
		})
		return
	}
	if val != nil && !req.Silent {
		s.publish(parent, "execute_result", map[string]any{
			"execution_count": count, "data": nonNil(val.Data), "metadata": nonNil(val.Metadata),
		})
	}
	s.reply(r, map[string]any{
		"status": "ok", "execution_count": count, "payload": []any{},
		"user_expressions": s.userExpressions(req.UserExpressions),
	})
}

// run calls the interpreter, turning a panic that escaped it into an error.
func (s *Server) run(ctx context.Context, code string, out engine.Output) (val *display.Data, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("interpreter panicked: %v\n%s", p, debug.Stack())
			val, err = nil, &engine.Error{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{fmt.Sprintf("panic: %v", p)}}
		}
	}()
	return s.cfg.Executor.Execute(ctx, code, out)
}

// errorParts returns ename, evalue and a traceback that is never null.
func errorParts(err error) (ename, evalue string, tb []string) {
	var e *engine.Error
	if errors.As(err, &e) {
		ename, evalue, tb = e.Name, e.Value, e.Traceback
	} else {
		ename, evalue = "Error", err.Error()
	}
	if ename == "" {
		ename = "Error"
	}
	if tb == nil {
		tb = []string{ename + ": " + evalue}
	}
	return ename, evalue, tb
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// userExpressions evaluates user_expressions with the interpreter's
// engine.Evaluator, each one on its own.
func (s *Server) userExpressions(exprs map[string]string) map[string]any {
	res := map[string]any{}
	ev, ok := s.cfg.Executor.(engine.Evaluator)
	for name, expr := range exprs {
		if !ok {
			res[name] = map[string]any{"status": "error", "ename": "NotImplemented",
				"evalue": "this interpreter cannot evaluate expressions", "traceback": []string{}}
			continue
		}
		d, err := s.evaluate(ev, expr)
		if err != nil {
			ename, evalue, tb := errorParts(err)
			res[name] = map[string]any{"status": "error", "ename": ename, "evalue": evalue, "traceback": tb}
			continue
		}
		res[name] = map[string]any{"status": "ok", "data": nonNil(d.Data), "metadata": nonNil(d.Metadata)}
	}
	return res
}

func (s *Server) evaluate(ev engine.Evaluator, expr string) (d display.Data, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	ctx, cancel := context.WithCancel(s.ctx)
	s.runMu.Lock()
	s.cancelRun = cancel
	s.runMu.Unlock()
	defer func() {
		s.runMu.Lock()
		s.cancelRun = nil
		s.runMu.Unlock()
		cancel()
	}()
	return ev.Evaluate(ctx, expr)
}
