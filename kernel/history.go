package kernel

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
)

// historyEntry is one executed cell: the session it ran in (numbered from
// 1, one per kernel start), its line (the execution count), its source and
// the text of its result.
type historyEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
	Output  string `json:"output,omitempty"`
}

// historyFile is the record of executed cells, kept in a JSON-lines file so
// that a restarted kernel still has it. Its methods are safe for
// concurrent use.
type historyFile struct {
	mu      sync.Mutex
	f       *os.File
	entries []historyEntry
	session int
}

// historyKeep bounds how many entries are loaded and kept.
const historyKeep = 10000

// DefaultHistoryPath returns gocalc/history.jsonl in the user's Jupyter
// data directory: $JUPYTER_DATA_DIR, else the platform's default
// (~/.local/share/jupyter, ~/Library/Jupyter, %APPDATA%\jupyter).
func DefaultHistoryPath() string {
	return filepath.Join(jupyterDataDir(), "gocalc", "history.jsonl")
}

func jupyterDataDir() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter")
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter")
		}
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter")
	}
	return filepath.Join(home, ".local", "share", "jupyter")
}

// openHistory loads the history file at path, creating it (and its
// directory) if needed, and starts a new session after the last one it
// holds. An empty path keeps history in memory only.
func openHistory(path string) (*historyFile, error) {
	h := &historyFile{session: 1}
	if path == "" {
		return h, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := h.load(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	h.f = f
	return h, nil
}

func (h *historyFile) load(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	last := 0
	for sc.Scan() {
		var e historyEntry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Session <= 0 {
			continue // a torn or foreign line: skip it
		}
		last = max(last, e.Session)
		h.entries = append(h.entries, e)
		if len(h.entries) > 2*historyKeep {
			h.entries = append(h.entries[:0], h.entries[len(h.entries)-historyKeep:]...)
		}
	}
	if len(h.entries) > historyKeep {
		h.entries = h.entries[len(h.entries)-historyKeep:]
	}
	h.session = last + 1
	return sc.Err()
}

// Session returns the number of the current session.
func (h *historyFile) Session() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.session
}

// Add records a cell run in the current session as line and appends it
// to the file.
func (h *historyFile) Add(line int, input, output string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := historyEntry{Session: h.session, Line: line, Input: input, Output: output}
	h.entries = append(h.entries, e)
	if len(h.entries) > 2*historyKeep {
		h.entries = append(h.entries[:0], h.entries[len(h.entries)-historyKeep:]...)
	}
	if h.f == nil {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = h.f.Write(append(b, '\n'))
	return err
}

// Tail returns the last n entries (all when n <= 0), oldest first; with
// unique, only the latest run of each distinct input.
func (h *historyFile) Tail(n int, unique bool) []historyEntry {
	return h.Search("*", n, unique)
}

// Range returns the entries of a session with start <= line < stop (no
// upper bound when stop <= 0). Session 0 is the current one and a
// negative session counts back from it.
func (h *historyFile) Range(session, start, stop int) []historyEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	if session <= 0 {
		session += h.session
	}
	var out []historyEntry
	for _, e := range h.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// Search returns the entries whose input matches the glob pattern (* any
// text, ? one character, [...] a class), oldest first: the last n of
// them when n > 0, and only the latest of equal inputs with unique.
func (h *historyFile) Search(pattern string, n int, unique bool) []historyEntry {
	re := globRegexp(pattern)
	h.mu.Lock()
	defer h.mu.Unlock()
	var rev []historyEntry
	seen := map[string]bool{}
	for i := len(h.entries) - 1; i >= 0 && (n <= 0 || len(rev) < n); i-- {
		e := h.entries[i]
		if !re.MatchString(e.Input) || (unique && seen[e.Input]) {
			continue
		}
		seen[e.Input] = true
		rev = append(rev, e)
	}
	out := make([]historyEntry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// Close closes the history file.
func (h *historyFile) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f = nil
	return err
}

// globRegexp translates a glob as SQLite's GLOB reads it into an anchored
// regular expression.
func globRegexp(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	rs := []rune(glob)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := i + 1
			if j < len(rs) && (rs[j] == '^' || rs[j] == '!') {
				j++
			}
			if j < len(rs) && rs[j] == ']' {
				j++
			}
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			if j >= len(rs) {
				b.WriteString(`\[`)
				continue
			}
			class := string(rs[i+1 : j])
			neg := strings.HasPrefix(class, "^") || strings.HasPrefix(class, "!")
			if neg {
				class = class[1:]
			}
			class = strings.ReplaceAll(strings.ReplaceAll(class, `\`, `\\`), "[", `\[`)
			if neg {
				fmt.Fprintf(&b, "[^%s]", class)
			} else {
				fmt.Fprintf(&b, "[%s]", class)
			}
			i = j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(`^` + regexp.QuoteMeta(glob) + `$`)
	}
	return re
}

type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// historyRequest answers history_request (tail, range, search).
func (s *Server) historyRequest(r *request) {
	var req historyRequest
	if err := decodeContent(r.msg, &req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	var es []historyEntry
	switch req.HistAccessType {
	case "tail":
		es = s.history.Tail(req.N, req.Unique)
	case "range":
		es = s.history.Range(req.Session, req.Start, req.Stop)
	case "search":
		if req.Pattern == "" {
			req.Pattern = "*"
		}
		es = s.history.Search(req.Pattern, req.N, req.Unique)
	default:
		s.replyError(r, "BadRequest", fmt.Sprintf("unknown hist_access_type %q", req.HistAccessType))
		return
	}
	items := make([]any, 0, len(es))
	for _, e := range es {
		if req.Output {
			var out any
			if e.Output != "" {
				out = e.Output
			}
			items = append(items, []any{e.Session, e.Line, []any{e.Input, out}})
		} else {
			items = append(items, []any{e.Session, e.Line, e.Input})
		}
	}
	s.reply(r, map[string]any{"status": "ok", "history": items})
}
