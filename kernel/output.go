package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/gocalc/gocalc/kernel/internal/wire"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// cellOutput is the engine.Output of one execute_request: everything the
// cell produces is published on iopub with the request as parent. It stays
// usable after the cell returned, so that output from goroutines the cell
// started still reaches the frontend, under the cell that started them.
type cellOutput struct {
	s          *Server
	ctx        context.Context // done when the cell ends or is interrupted
	parent     json.RawMessage
	idents     [][]byte
	silent     bool
	allowStdin bool
	streams    *streamBuffer
}

var _ engine.Output = (*cellOutput)(nil)

func (s *Server) newCellOutput(ctx context.Context, m *wire.Message, silent, allowStdin bool) *cellOutput {
	o := &cellOutput{s: s, ctx: ctx, parent: m.RawHeader, idents: m.Identities, silent: silent, allowStdin: allowStdin}
	o.streams = newStreamBuffer(func(name, text string) {
		s.publish(o.parent, "stream", map[string]string{"name": name, "text": text})
	})
	return o
}

func (o *cellOutput) flush() { o.streams.flush() }

// Stream buffers text for the named stream ("stdout" or "stderr").
func (o *cellOutput) Stream(name, text string) {
	if o.silent {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	o.streams.write(name, text)
}

func displayContent(d display.Data) map[string]any {
	c := map[string]any{"data": nonNil(d.Data), "metadata": nonNil(d.Metadata), "transient": map[string]any{}}
	if d.ID != "" {
		c["transient"] = map[string]any{"display_id": d.ID}
	}
	return c
}

// Publish sends d as display_data, after the text buffered before it.
func (o *cellOutput) Publish(d display.Data) {
	if o.silent {
		return
	}
	o.flush()
	o.s.publish(o.parent, "display_data", displayContent(d))
}

// Update sends d as update_display_data; d.ID names the output to replace.
func (o *cellOutput) Update(d display.Data) {
	if o.silent {
		return
	}
	if d.ID == "" {
		o.s.log.Printf("update_display_data without a display_id ignored")
		return
	}
	o.flush()
	o.s.publish(o.parent, "update_display_data", displayContent(d))
}

// Clear sends clear_output.
func (o *cellOutput) Clear(wait bool) {
	if o.silent {
		return
	}
	o.flush()
	o.s.publish(o.parent, "clear_output", map[string]any{"wait": wait})
}

// Input sends an input_request on stdin to the client that sent the
// execute_request and waits for its input_reply. It returns
// engine.ErrNoStdin when that client does not accept input, and an error
// when the cell is interrupted or has ended while it waits.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", engine.ErrNoStdin
	}
	if err := o.ctx.Err(); err != nil {
		return "", fmt.Errorf("input request abandoned: %w", err)
	}
	o.flush()
	s := o.s
	s.inputMu.Lock()
	defer s.inputMu.Unlock()
	if err := o.ctx.Err(); err != nil { // interrupted while another input was pending
		return "", fmt.Errorf("input request abandoned: %w", err)
	}
	for drained := false; !drained; {
		select {
		case <-s.stdinReplies:
		default:
			drained = true
		}
	}
	s.send(s.stdin, o.idents, "input_request", o.parent, map[string]any{"prompt": prompt, "password": password})
	select {
	case m := <-s.stdinReplies:
		var rep struct {
			Value string `json:"value"`
		}
		if err := decodeContent(m, &rep); err != nil {
			return "", fmt.Errorf("malformed input_reply: %v", err)
		}
		return rep.Value, nil
	case <-o.ctx.Done():
		return "", fmt.Errorf("input request interrupted: %w", o.ctx.Err())
	}
}
