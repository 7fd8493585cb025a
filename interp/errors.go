package interp

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
)

// Names of the errors Execute returns (engine.Error.Name).
const (
	ErrCompile     = "CompileError"     // the cell does not parse or type-check
	ErrPanic       = "panic"            // the cell panicked at run time
	ErrInterrupted = "Interrupted"      // the context was cancelled
	ErrUnsupported = "UnsupportedError" // a Go feature the interpreter lacks
	ErrInternal    = "InternalError"    // a failure inside the interpreter itself
	ErrExit        = "Exit"             // the cell called os.Exit
)

// pos is a position in a cell.
type pos struct{ cell, line, col int }

// posRe finds generated positions in yaegi's messages, with or without the
// file name: "_.go:3000002:5: " or "3000002:5: ".
var posRe = regexp.MustCompile(`(?:_\.go:)?([0-9]{5,}):([0-9]+)`)

// cellMessage rewrites every generated position in msg as "cell n, line
// l:c" (or "line l:c" for the current cell), and returns the first one.
func (in *Interpreter) cellMessage(msg string, cur int) (string, *pos) {
	var first *pos
	out := posRe.ReplaceAllStringFunc(msg, func(m string) string {
		sub := posRe.FindStringSubmatch(m)
		l, _ := strconv.Atoi(sub[1])
		c, _ := strconv.Atoi(sub[2])
		cell, line := cells.DecodeLine(l)
		if first == nil {
			first = &pos{cell, line, c}
		}
		if cell == cur {
			return fmt.Sprintf("%d:%d", line, c)
		}
		return fmt.Sprintf("cell %d, %d:%d", cell, line, c)
	})
	return out, first
}

// sourceLine returns the line of a cell's source with a caret under col.
func (in *Interpreter) sourceLine(p *pos) []string {
	src, ok := in.sources[p.cell]
	if !ok {
		return nil
	}
	lines := strings.Split(src, "\n")
	if p.line < 1 || p.line > len(lines) {
		return nil
	}
	text := strings.ReplaceAll(lines[p.line-1], "\t", "    ")
	prefix := fmt.Sprintf("%4d | ", p.line)
	out := []string{prefix + text}
	if p.col >= 1 {
		// Count the caret offset in runes, with tabs as four spaces.
		raw := lines[p.line-1]
		width := 0
		for i, r := range raw {
			if i >= p.col-1 {
				break
			}
			if r == '\t' {
				width += 4
			} else {
				width++
			}
		}
		out = append(out, strings.Repeat(" ", len(prefix)-2)+"| "+strings.Repeat(" ", width)+"^")
	}
	return out
}

// clamp moves a position past the end of its cell (an error at the end
// of the generated wrapper) to just after the cell's last character.
func (in *Interpreter) clamp(p *pos) *pos {
	src, ok := in.sources[p.cell]
	if !ok {
		return p
	}
	lines := strings.Split(strings.TrimRight(src, " \t\r\n"), "\n")
	if p.line > len(lines) || p.line == len(lines) && p.col > len(lines[len(lines)-1])+1 {
		return &pos{p.cell, len(lines), len(lines[len(lines)-1]) + 1}
	}
	return p
}

// where names a position for a traceback header.
func where(p *pos, cur int) string {
	if p.cell == cur {
		return fmt.Sprintf("line %d, column %d", p.line, p.col)
	}
	return fmt.Sprintf("cell %d, line %d, column %d", p.cell, p.line, p.col)
}

// compileError converts a parse or compile error into an *engine.Error
// that names the cell's own line and column and shows the line.
func (in *Interpreter) compileError(err error, cur int) *engine.Error {
	var perr cells.ParseErrors
	if errors.As(err, &perr) {
		var tb []string
		var first string
		for i, e := range perr {
			cell, line := cells.DecodeLine(e.Pos.Line)
			p := in.clamp(&pos{cell, line, e.Pos.Column})
			msg := e.Msg
			if e.Pos.Line == 0 {
				p = nil
			}
			if p != nil {
				msg = fmt.Sprintf("%d:%d: %s", p.line, p.col, e.Msg)
			}
			if i == 0 {
				first = msg
			}
			if i < 5 {
				tb = append(tb, "syntax error: "+msg)
				if p != nil {
					tb = append(tb, in.sourceLine(p)...)
				}
			}
		}
		return &engine.Error{Name: ErrCompile, Value: first, Traceback: tb}
	}
	msg, p := in.cellMessage(err.Error(), cur)
	msg = strings.Replace(msg, "unsupported assign expression", "assignment mismatch: as many variables as values needed", 1)
	msg = strings.ReplaceAll(msg, cells.MainName, "main")
	msg = in.goNames(msg)
	tb := []string{ErrCompile + ": " + msg}
	if p != nil {
		tb = append(tb, in.sourceLine(p)...)
	}
	return &engine.Error{Name: ErrCompile, Value: msg, Traceback: tb}
}

// framePos reads a position out of one of yaegi's panic lines.
var frameRe = regexp.MustCompile(`^([0-9]+):([0-9]+): panic: (.*)$`)

// runtimeError builds the error of a panic, with the interpreted frames
// yaegi reported, innermost first, each with its source line.
func (in *Interpreter) runtimeError(val any, frames []string, cur int) *engine.Error {
	if rv, ok := val.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		val = rv.Interface()
	}
	if code, ok := val.(exitCode); ok {
		msg := fmt.Sprintf("os.Exit(%d) was called: the cell stopped there; the kernel and the session's variables are kept", int(code))
		return &engine.Error{Name: ErrExit, Value: msg, Traceback: []string{ErrExit + ": " + msg}}
	}
	msg := in.goNames(panicMessage(val))
	tb := []string{"panic: " + msg}
	seen := map[pos]bool{}
	for _, fr := range cellFrames(frames) {
		p, fn := fr.at, in.goNames(fr.fn)
		if fn == "main" || strings.HasPrefix(fn, "_gocalc") || seen[p] {
			continue
		}
		seen[p] = true
		if fn == "func" {
			// The cell's own statements run in a function literal too.
			tb = append(tb, "  "+where(&p, cur))
		} else {
			tb = append(tb, fmt.Sprintf("  %s, in %s", where(&p, cur), fn))
		}
		tb = append(tb, in.sourceLine(&p)...)
	}
	return &engine.Error{Name: ErrPanic, Value: msg, Traceback: tb}
}

// reportFrame is one frame of yaegi's report of a panic, in a cell.
type reportFrame struct {
	at pos
	fn string // the function, without "main." and "(...)"
}

// cellFrames parses yaegi's report of a panic (its frames, innermost
// first) into the frames that are in cells.
func cellFrames(report []string) []reportFrame {
	var out []reportFrame
	for _, f := range report {
		m := frameRe.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		l, _ := strconv.Atoi(m[1])
		c, _ := strconv.Atoi(m[2])
		cell, line := cells.DecodeLine(l)
		if cell == 0 {
			continue
		}
		out = append(out, reportFrame{pos{cell, line, c}, strings.TrimSuffix(strings.TrimPrefix(m[3], "main."), "(...)")})
	}
	return out
}

// panicMessage formats a panic value as Go's runtime does, translating
// reflect's wording of index errors into Go's.
func panicMessage(v any) string {
	// yaegi may hand over the panic value still wrapped in a reflect.Value
	// (panic(err) did: its String method printed "<error Value>").
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	var s string
	switch v := v.(type) {
	case error:
		s = v.Error()
	case fmt.Stringer:
		s = v.String()
	default:
		s = fmt.Sprint(v)
	}
	// yaegi puts its own position in front of some messages
	// (interface conversions): the traceback says where.
	if m := leadingPos.FindString(s); m != "" {
		s = s[len(m):]
	}
	s = strings.ReplaceAll(s, cells.MainName, "main")
	// reflect's words for the runtime errors that compiled Go reports in
	// its own (the index and length, which reflect does not give, are
	// missing).
	switch {
	case strings.HasPrefix(s, "reflect: slice index out of range"), strings.HasPrefix(s, "reflect: array index out of range"),
		strings.HasPrefix(s, "reflect: string index out of range"):
		return "runtime error: index out of range"
	case strings.HasPrefix(s, "reflect: slice bounds out of range"):
		return "runtime error: slice bounds out of range"
	case strings.HasPrefix(s, "reflect: call of reflect.Value.Call on") && !strings.HasSuffix(s, "zero Value"):
		return "cannot range over this value: gocalc could not tell that it is an integer; write for i := 0; i < n; i++ (" + s + ")"
	case strings.HasSuffix(s, "on zero Value") || strings.HasPrefix(s, "reflect: indirection through nil pointer"):
		return "runtime error: invalid memory address or nil pointer dereference"
	}
	return s
}

// leadingPos is a generated position at the start of a message.
var leadingPos = regexp.MustCompile(`^(?:_\.go:)?[0-9]{5,}:[0-9]+: `)

// goNames writes the names of the concrete copies of generic declarations
// in s as Go does: List[int] for _gocalc_List_int_1a2b3c4d.
func (in *Interpreter) goNames(s string) string {
	if !strings.Contains(s, "_gocalc_") || len(in.sess.monos) == 0 {
		return s
	}
	var pairs []string
	for _, e := range in.sess.monos {
		m := e.Mono
		if m.Recv != "" {
			continue
		}
		pairs = append(pairs, m.Name, strings.TrimPrefix(m.GoName, "main."))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
