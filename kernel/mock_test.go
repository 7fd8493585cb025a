package kernel

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

// mockExec is an interpreter for protocol tests. Each line of a cell is a
// command:
//
//	print TEXT       TEXT and a newline on stdout
//	eprint TEXT      the same on stderr
//	write TEXT       TEXT without newline on stdout
//	flood N          N lines "line i" on stdout
//	value TEXT       the cell's value is TEXT (text/plain)
//	fail TEXT        the cell fails with MockError: TEXT
//	display TEXT     display_data with text/html TEXT
//	show ID TEXT     display_data with display_id ID
//	update ID TEXT   update_display_data for ID
//	clear            clear_output
//	spin             loop until interrupted
//	sleep D          sleep for the duration D
//	input PROMPT     read a line and print "got LINE"
//	panic            panic
//	later TEXT       print TEXT from a goroutine 100ms after the cell ended
//	dhtml TEXT       display.HTML(TEXT), through the process's publisher
type mockExec struct{}

var words = []string{"Println", "Printf", "Print", "Sprintf", "ΔxΔy", "math"}

func (mockExec) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	var val *display.Data
	for _, line := range strings.Split(code, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		switch cmd {
		case "print":
			out.Stream("stdout", arg+"\n")
		case "eprint":
			out.Stream("stderr", arg+"\n")
		case "write":
			out.Stream("stdout", arg)
		case "flood":
			n, _ := strconv.Atoi(arg)
			var b strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "line %d\n", i)
				if b.Len() > 4096 {
					out.Stream("stdout", b.String())
					b.Reset()
				}
			}
			out.Stream("stdout", b.String())
		case "value":
			d := display.New("text/plain", arg)
			val = &d
		case "fail":
			return nil, &engine.Error{Name: "MockError", Value: arg, Traceback: []string{"MockError: " + arg, "  at line 1"}}
		case "display":
			out.Publish(display.New("text/html", arg))
		case "show", "update":
			id, text, _ := strings.Cut(arg, " ")
			d := display.New("text/plain", text)
			d.ID = id
			if cmd == "show" {
				out.Publish(d)
			} else {
				out.Update(d)
			}
		case "clear":
			out.Clear(false)
		case "spin":
			for ctx.Err() == nil {
			}
			return nil, &engine.Error{Name: "Interrupted", Value: "interrupted"}
		case "sleep":
			d, _ := time.ParseDuration(arg)
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return nil, &engine.Error{Name: "Interrupted", Value: "interrupted"}
			}
		case "input":
			s, err := out.Input(arg, false)
			if err != nil {
				return nil, &engine.Error{Name: "InputError", Value: err.Error()}
			}
			out.Stream("stdout", "got "+s+"\n")
		case "panic":
			panic("mock panic")
		case "later":
			go func() {
				time.Sleep(100 * time.Millisecond)
				out.Stream("stdout", arg+"\n")
			}()
		case "dhtml":
			display.HTML(arg)
		case "comm":
			target, data, _ := strings.Cut(arg, " ")
			comm.Open(target, comm.Message{Data: map[string]any{"text": data}}, nil)
		case "":
		default:
			return nil, &engine.Error{Name: "MockError", Value: "unknown command " + cmd}
		}
	}
	return val, nil
}

// Complete completes the word before cursor (in code points) from words.
func (mockExec) Complete(code string, cursor int) engine.Completion {
	rs := []rune(code)
	start := cursor
	for start > 0 && (rs[start-1] == '_' || rs[start-1] >= 'A' && !strings.ContainsRune(" .()\n", rs[start-1])) {
		start--
	}
	prefix := string(rs[start:cursor])
	var m []string
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			m = append(m, w)
		}
	}
	return engine.Completion{Matches: m, Start: start, End: cursor}
}

// Inspect describes the word under cursor when it is one of words.
func (e mockExec) Inspect(code string, cursor, detail int) (display.Data, bool) {
	c := e.Complete(code, cursor)
	for _, w := range c.Matches {
		if utf8.RuneCountInString(w) == c.End-c.Start {
			return display.New("text/plain", fmt.Sprintf("%s (detail %d)", w, detail)), true
		}
	}
	return display.Data{}, false
}

// IsComplete: a trailing "{" is incomplete, "!!" is invalid.
func (mockExec) IsComplete(code string) (string, string) {
	switch {
	case strings.Contains(code, "!!"):
		return engine.Invalid, ""
	case strings.HasSuffix(strings.TrimSpace(code), "{"):
		return engine.Incomplete, "\t"
	}
	return engine.Complete, ""
}

// Evaluate returns the expression in upper case; "bad" fails.
func (mockExec) Evaluate(ctx context.Context, expr string) (display.Data, error) {
	if expr == "bad" {
		return display.Data{}, &engine.Error{Name: "EvalError", Value: "bad expression"}
	}
	return display.New("text/plain", strings.ToUpper(expr)), nil
}
