package kernel

import (
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"unicode/utf8"

	"github.com/gocalc/gocalc/engine"
)

// kernelInfo answers kernel_info_request, on shell and control alike.
func (s *Server) kernelInfo(r *request) {
	links := s.cfg.HelpLinks
	if links == nil {
		links = []HelpLink{}
	}
	s.reply(r, map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         s.cfg.Implementation,
		"implementation_version": s.cfg.Version,
		"language_info": map[string]any{
			"name":            "go",
			"version":         s.cfg.LanguageVersion,
			"mimetype":        "text/x-go",
			"file_extension":  ".go",
			"pygments_lexer":  "go",
			"codemirror_mode": "go",
		},
		"banner":     s.cfg.Banner,
		"help_links": links,
		// Both: JupyterLab 4 reads supported_features, older frontends
		// the debugger flag.
		"supported_features": []string{"debugger"},
		"debugger":           true,
	})
}

// clampCursor keeps a cursor position (in code points) inside code.
func clampCursor(code string, pos *int) int {
	n := utf8.RuneCountInString(code)
	if pos == nil || *pos > n {
		return n
	}
	if *pos < 0 {
		return 0
	}
	return *pos
}

type codeRequest struct {
	Code      string `json:"code"`
	CursorPos *int   `json:"cursor_pos"`
	Detail    int    `json:"detail_level"`
}

// complete answers complete_request. Cursor positions count code points on
// the wire and in engine.Completer alike, so they pass through unchanged.
func (s *Server) complete(r *request) {
	var req codeRequest
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	cursor := clampCursor(req.Code, req.CursorPos)
	c := engine.Completion{Start: cursor, End: cursor}
	if cp, ok := s.cfg.Executor.(engine.Completer); ok {
		c = cp.Complete(req.Code, cursor)
	}
	if c.Matches == nil {
		c.Matches = []string{}
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	s.reply(r, map[string]any{
		"status": "ok", "matches": c.Matches,
		"cursor_start": c.Start, "cursor_end": c.End, "metadata": c.Metadata,
	})
}

// inspect answers inspect_request; found is false when nothing is known.
func (s *Server) inspect(r *request) {
	var req codeRequest
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	cursor := clampCursor(req.Code, req.CursorPos)
	data, md, found := map[string]any{}, map[string]any{}, false
	if in, ok := s.cfg.Executor.(engine.Inspector); ok {
		d, f := in.Inspect(req.Code, cursor, req.Detail)
		if f && d.Data != nil {
			data, found = d.Data, true
			if d.Metadata != nil {
				md = d.Metadata
			}
		}
	}
	s.reply(r, map[string]any{"status": "ok", "found": found, "data": data, "metadata": md})
}

// isComplete answers is_complete_request: complete, incomplete (with the
// next line's indent), invalid, or unknown without a checker.
func (s *Server) isComplete(r *request) {
	var req codeRequest
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	status, indent := engine.Unknown, ""
	if c, ok := s.cfg.Executor.(engine.CompletenessChecker); ok {
		status, indent = c.IsComplete(req.Code)
	}
	content := map[string]any{"status": status}
	if status == engine.Incomplete {
		content["indent"] = indent
	}
	s.reply(r, content)
}

// shutdownRequest replies, broadcasts the reply on iopub as protocol 5.4
// asks, and makes Serve return.
func (s *Server) shutdownRequest(r *request) {
	var req struct {
		Restart bool `json:"restart"`
	}
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	content := map[string]any{"status": "ok", "restart": req.Restart}
	s.Interrupt()
	s.reply(r, content)
	s.publish(r.msg.RawHeader, "shutdown_reply", content)
	s.finish(req.Restart)
}

// interruptRequest stops the running cell and replies.
func (s *Server) interruptRequest(r *request) {
	s.Interrupt()
	s.reply(r, map[string]any{"status": "ok"})
}
