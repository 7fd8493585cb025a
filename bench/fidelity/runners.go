package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// outcome is one runner's result on one program.
type outcome struct {
	Pass    bool    `json:"pass"`
	Cause   string  `json:"cause,omitempty"`
	Error   string  `json:"error,omitempty"` // the error's first line
	Got     string  `json:"got,omitempty"`   // the output, clipped, when it is wrong or the run failed
	Stray   string  `json:"stray,omitempty"` // gocalc's own stderr besides its status lines
	Crash   bool    `json:"crash,omitempty"` // the process died (not by our kill)
	Note    string  `json:"note,omitempty"`  // e.g. nondeterminism
	Seconds float64 `json:"seconds"`
}

// config is what the runners need.
type config struct {
	testRoot  string
	work      string // scratch directory
	goBin     string
	yaegi     string
	gocalc    string
	timeout   time.Duration // the interpreters'
	goTimeout time.Duration // compiled Go's
	twice     bool
}

// execResult is a finished command.
type execResult struct {
	out      string // stdout and stderr, interleaved, as one pipe carries them
	stdout   string // only when split was asked
	stderr   string
	exitCode int
	signaled bool
	killed   bool // our timeout killed it
	err      error
}

// runCmd runs a command in dir with a timeout; the whole process group is
// killed on timeout. With split, stdout and stderr are kept apart.
func runCmd(dir string, timeout time.Duration, env []string, split bool, name string, args ...string) execResult {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var both, so, se bytes.Buffer
	if split {
		cmd.Stdout, cmd.Stderr = &so, &se
	} else {
		cmd.Stdout, cmd.Stderr = &both, &both
	}
	err := cmd.Run()
	r := execResult{out: both.String(), stdout: so.String(), stderr: se.String(), err: err}
	if ctx.Err() != nil {
		r.killed = true
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.exitCode = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			r.signaled = true
		}
	} else if err != nil {
		r.exitCode = -1
	}
	return r
}

func since(t time.Time) float64 { return float64(time.Since(t).Milliseconds()) / 1000 }

// runGo builds the program with the go command and runs it, twice when
// asked, in $GOROOT/test as testdir does.
func runGo(c *config, p program, scratch string) *outcome {
	start := time.Now()
	o := &outcome{}
	defer func() { o.Seconds = since(start) }()
	exe := filepath.Join(scratch, "prog")
	b := runCmd(c.testRoot, 5*time.Minute, []string{"GOENV=off", "GOFLAGS="}, false, c.goBin, "build", "-o", exe, p.Rel)
	if b.err != nil {
		o.Cause, o.Error = causeGoBuild, firstLine(b.out, 300)
		return o
	}
	runs := 1
	if c.twice {
		runs = 2
	}
	var first string
	for i := 0; i < runs; i++ {
		r := runCmd(c.testRoot, c.goTimeout, nil, false, exe)
		switch {
		case r.killed:
			o.Cause, o.Error = causeTimeout, fmt.Sprintf("killed after %v", c.goTimeout)
		case r.err != nil:
			o.Cause, o.Error = causeGoExit, fmt.Sprintf("%v: %s", r.err, firstLine(r.out, 200))
		case !sameOutput(r.out, p.Expected):
			o.Cause, o.Got = causeWrongOutput, clip(r.out, 600)
		}
		if o.Cause != "" {
			if i == 1 {
				o.Note = o.Cause + " in the second run only"
				o.Cause = causeNondeterminal
			}
			return o
		}
		if i == 0 {
			first = r.out
		} else if r.out != first {
			o.Cause = causeNondeterminal
			return o
		}
	}
	o.Pass = true
	return o
}

// yaegiEnv makes plain yaegi's CLI closest to Go: unsafe, syscall and the
// unrestricted symbols (os/exec, a real os.Exit) are allowed. These are the
// environment forms of its -unsafe, -syscall and -unrestricted flags, which
// it would also pass to the program in os.Args.
var yaegiEnv = []string{"YAEGI_UNSAFE=1", "YAEGI_SYSCALL=1", "YAEGI_UNRESTRICTED=1"}

// yaegiPanicLog matches the line yaegi writes to stderr for a panic, even
// one the program recovers: "file.go:L:C: panic: main.f(...)".
var yaegiPanicLog = regexp.MustCompile(`(?m)^\S+\.go:\d+:\d+: panic: [\w.]+\(\.\.\.\)\n`)

// runYaegi runs the program with plain yaegi's CLI, in $GOROOT/test.
func runYaegi(c *config, p program) *outcome {
	start := time.Now()
	o := &outcome{}
	defer func() { o.Seconds = since(start) }()
	r := runCmd(c.testRoot, c.timeout, yaegiEnv, false, c.yaegi, "run", p.Rel)
	switch {
	case r.killed:
		o.Cause, o.Error = causeTimeout, fmt.Sprintf("killed after %v", c.timeout)
	case r.err != nil:
		msg := yaegiError(r.out, p.Expected)
		o.Error = clip(strings.ReplaceAll(msg, "\n", " | "), 300)
		panicked := strings.Contains(msg, "panic")
		if !panicked && r.exitCode > 0 && !strings.HasPrefix(msg, "run: ") {
			// The program ended itself with os.Exit(n).
			o.Cause = causeExitN
			o.Error = fmt.Sprintf("exit status %d: %s", r.exitCode, o.Error)
		} else {
			o.Cause = classifyError(msg, yaegiCompileError(msg), panicked)
		}
	case !sameOutput(r.out, p.Expected):
		o.Cause, o.Got = causeWrongOutput, clip(r.out, 600)
		if sameOutput(yaegiPanicLog.ReplaceAllString(r.out, ""), p.Expected) {
			o.Cause = causePanicLog
		}
	default:
		o.Pass = true
	}
	return o
}

// notebookJSON is a one-cell nbformat 4 notebook holding src.
func notebookJSON(src string) ([]byte, error) {
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "gocalc", "display_name": "Go (gocalc)", "language": "go"},
			"language_info": map[string]any{"name": "go"},
		},
		"cells": []any{map[string]any{
			"cell_type": "code", "id": "program", "metadata": map[string]any{},
			"execution_count": nil, "outputs": []any{}, "source": src,
		}},
	}
	return json.MarshalIndent(nb, "", " ")
}

// cellResult is what a cell's outputs say.
type cellResult struct {
	text    string // stream outputs, stdout and stderr, in order
	ename   string
	evalue  string
	display bool // display_data or execute_result outputs
}

// multiline is nbformat's string-or-list-of-strings.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	*m = multiline(strings.Join(l, ""))
	return nil
}

// readCell reads the first cell's outputs of an executed notebook.
func readCell(b []byte) (*cellResult, error) {
	var nb struct {
		Cells []struct {
			Outputs []struct {
				OutputType string    `json:"output_type"`
				Text       multiline `json:"text"`
				Ename      string    `json:"ename"`
				Evalue     string    `json:"evalue"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, err
	}
	if len(nb.Cells) == 0 {
		return nil, errors.New("the executed notebook has no cells")
	}
	cr := &cellResult{}
	var text strings.Builder
	for _, o := range nb.Cells[0].Outputs {
		switch o.OutputType {
		case "stream":
			text.WriteString(string(o.Text))
		case "error":
			cr.ename, cr.evalue = o.Ename, o.Evalue
		case "display_data", "execute_result":
			cr.display = true
		}
	}
	cr.text = text.String()
	return cr, nil
}

// goroutineExit0 starts the line gocalc writes when a goroutine a cell
// started calls os.Exit(0).
const goroutineExit0 = "os.Exit(0) called in a goroutine: "

// gocalcStatus matches gocalc run's own status lines on its stderr.
var gocalcStatus = `gocalc run: `

// runGocalc runs the program as a one-cell notebook with `gocalc run`.
func runGocalc(c *config, p program, scratch string) *outcome {
	start := time.Now()
	o := &outcome{}
	defer func() { o.Seconds = since(start) }()
	src, err := os.ReadFile(filepath.Join(c.testRoot, filepath.FromSlash(p.Rel)))
	if err != nil {
		o.Cause, o.Error = causeCrash, err.Error()
		return o
	}
	nbb, err := notebookJSON(string(src))
	if err != nil {
		o.Cause, o.Error = causeCrash, err.Error()
		return o
	}
	in, out := filepath.Join(scratch, "program.ipynb"), filepath.Join(scratch, "executed.ipynb")
	if err := os.WriteFile(in, nbb, 0o644); err != nil {
		o.Cause, o.Error = causeCrash, err.Error()
		return o
	}
	os.Remove(out)
	// gocalc interrupts the cell at --timeout; the outer limit catches a
	// cell that does not stop when interrupted. Cells run in $GOROOT/test,
	// as compiled Go and yaegi do: some programs run the go command on
	// paths relative to it.
	r := runCmd(scratch, c.timeout+20*time.Second, nil, true, c.gocalc,
		"run", in, "-o", out, "--timeout", c.timeout.String(), "--allow-errors", "--quiet", "--cwd", c.testRoot)
	var stray []string
	for _, l := range strings.Split(strings.TrimRight(r.stderr, "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, gocalcStatus) {
			stray = append(stray, l)
		}
	}
	o.Stray = clip(strings.Join(stray, "\n"), 400)
	if r.stdout != "" {
		o.Stray = clip(strings.TrimSpace("stdout: "+r.stdout+"\n"+o.Stray), 400)
	}
	if r.killed {
		o.Cause, o.Error = causeHang, fmt.Sprintf("killed %v after the cell's timeout", 20*time.Second)
		return o
	}
	nbOut, readErr := os.ReadFile(out)
	if readErr != nil && r.exitCode == 1 && timedOut.MatchString(r.stderr) {
		// gocalc run ends the run at a cell's timeout, --allow-errors or not,
		// and lists the cell's first lines.
		o.Cause, o.Error = causeTimeout, fmt.Sprintf("interrupted after %v", c.timeout)
		o.Stray = ""
		return o
	}
	if r.signaled || r.err != nil || readErr != nil {
		o.Cause, o.Crash = causeCrash, true
		o.Error = fmt.Sprintf("exit %d", r.exitCode)
		if r.signaled {
			o.Error = r.err.Error()
		}
		if l := crashLine(r.stderr); l != "" {
			o.Error += ": " + l
		} else if readErr != nil {
			o.Error += ": no executed notebook written"
		}
		if r.stdout != "" {
			o.Error += "; stdout: " + firstLine(r.stdout, 100)
		}
		return o
	}
	cr, err := readCell(nbOut)
	if err != nil {
		o.Cause, o.Crash, o.Error = causeCrash, true, "reading the executed notebook: "+err.Error()
		return o
	}
	exit0(cr)
	switch {
	case cr.ename != "":
		msg := cr.ename + ": " + cr.evalue
		o.Error = clip(strings.ReplaceAll(msg, "\n", " | "), 300)
		o.Got = clip(cr.text, 300) // what the program printed before failing
		switch {
		case cr.ename == "Interrupted" || strings.Contains(cr.evalue, "timed out") || strings.Contains(cr.evalue, "interrupted"):
			o.Cause = causeTimeout
		default:
			o.Cause = classifyError(msg, cr.ename == "CompileError", cr.ename == "panic")
			if o.Cause == causeCompile && cr.ename == "UnsupportedError" {
				o.Cause = causeUnsupported
			}
		}
	case cr.display:
		o.Cause, o.Got = causeDisplay, clip(cr.text, 600)
	case !sameOutput(cr.text, p.Expected):
		o.Cause, o.Got = causeWrongOutput, clip(cr.text, 600)
		if m := recoveredPanic.FindStringSubmatch(cr.text); m != nil {
			// A goroutine's panic that gocalc recovered and printed.
			o.Error = clip("panic in goroutine: "+m[1], 300)
			o.Cause = classifyError(m[1], false, true)
		}
	default:
		o.Pass = true
	}
	return o
}

// exit0 takes out of a cell's result what gocalc reports of os.Exit(0),
// which go run reports as exit status 0.
func exit0(cr *cellResult) {
	if cr.ename == "Exit" && strings.HasPrefix(cr.evalue, "os.Exit(0) ") {
		// A cell that calls os.Exit(0) ends with an Exit error that says
		// so (the kernel lives on).
		cr.ename, cr.evalue = "", ""
	}
	if i := strings.Index(cr.text, goroutineExit0); i >= 0 && cr.ename == "" {
		// The same, from a goroutine the cell started: gocalc says so on
		// stderr, where the program would have ended.
		cr.text = cr.text[:i]
	}
}

var (
	deathLine      = regexp.MustCompile(`^(fatal error:|panic:|SIG[A-Z]+:|unexpected |runtime: )`)
	timedOut       = regexp.MustCompile(`(?m)^gocalc run: .*: cell \d+ \(In \[\d+\]\) timed out`)
	recoveredPanic = regexp.MustCompile(`panic in goroutine \(recovered by gocalc\): (.*)`)
)

// crashLine finds the line that says why a process died: a Go fatal
// error or panic, else its last non-status line.
func crashLine(stderr string) string {
	lines := strings.Split(stderr, "\n")
	for _, l := range lines {
		if deathLine.MatchString(l) {
			return clip(l, 200)
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, gocalcStatus) {
			return clip(l, 200)
		}
	}
	return ""
}
