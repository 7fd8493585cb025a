package main

import (
	"regexp"
	"strings"
)

// Failure causes. A failing run gets exactly one; the table groups by it.
const (
	causeCrash         = "process crash"
	causeHang          = "hang: did not stop after the timeout's interrupt"
	causeTimeout       = "timeout"
	causeUnsafe        = "`unsafe` refused"
	causeRefused       = "import refused (os/exec, syscall, runtime/...)"
	causeNoPackage     = "package not available"
	causeNoSymbol      = "stdlib symbol missing"
	causeSelector      = "undefined selector"
	causeExit0         = "os.Exit(0) reported as a failure"
	causeExitN         = "program's own check failed (os.Exit(n))"
	causeCFG           = "yaegi \"CFG post-order panic\""
	causeNilType       = "nil reflect type"
	causeReflect       = "reflect panic inside the interpreter"
	causeNilDeref      = "nil pointer dereference"
	causeIface         = "interface conversion"
	causeIndex         = "index/slice out of range"
	causeRuntime       = "other runtime error"
	causeArgs          = "too many / not enough arguments (method expressions ...)"
	causeGenerics      = "generics"
	causeConst         = "constants (overflow, constant expressions)"
	causeDefLoop       = "definition loop"
	causeUndefined     = "undefined: X"
	causeRedeclared    = "redeclared / name clash"
	causeImport        = "import policy (dot import, names)"
	causeCompile       = "other compile error"
	causeUnsupported   = "interpreter failed on the code (other)"
	causeCheck         = "the program's own check panics"
	causeInternal      = "internal panic (interpreter)"
	causeWrongOutput   = "wrong output"
	causePanicLog      = "right output, plus yaegi's log lines of recovered panics"
	causeDisplay       = "unexpected display output"
	causeGoBuild       = "go build failed"
	causeGoExit        = "non-zero exit"
	causeNondeterminal = "nondeterministic output"
)

type rule struct {
	cause string
	re    *regexp.Regexp
}

// rules classify an error message (for gocalc "ename: evalue", for yaegi
// the error lines of its output), first match wins.
var rules = []rule{
	{causeUnsafe, regexp.MustCompile(`package "unsafe" is not available|unsafe.* has no symbol`)},
	{causeRefused, regexp.MustCompile(`package "(os/exec|syscall|runtime/[^"]*|os/signal|plugin|unique|weak)" is not available`)},
	{causeNoPackage, regexp.MustCompile(`is not available in gocalc|unable to find source related to|cannot find package|import "[^"]*" error`)},
	{causeNoSymbol, regexp.MustCompile(`has no symbol`)},
	{causeExit0, regexp.MustCompile(`os\.Exit\(0\)`)},
	{causeExitN, regexp.MustCompile(`os\.Exit\(-?[1-9][0-9]*\)|^exit status`)},
	{causeCFG, regexp.MustCompile(`CFG post-order panic`)},
	{causeNilType, regexp.MustCompile(`reflect\.Type is nil|nil reflect type|reflect: nil type|nil type`)},
	{causeNilDeref, regexp.MustCompile(`nil pointer dereference|invalid memory address`)},
	{causeIface, regexp.MustCompile(`interface conversion`)},
	{causeIndex, regexp.MustCompile(`out of range|index out of`)},
	{causeReflect, regexp.MustCompile(`reflect[:.]|reflect\.Value|call of .* on zero Value`)},
	{causeRuntime, regexp.MustCompile(`runtime error`)},
	{causeArgs, regexp.MustCompile(`too many arguments|not enough arguments|too few arguments`)},
	{causeGenerics, regexp.MustCompile(`generic|type param|instantiat|infer|not found: [A-Za-z_0-9.]+\[|undefined type for|type not found`)},
	{causeDefLoop, regexp.MustCompile(`definition loop|initialization cycle|initialization loop`)},
	{causeConst, regexp.MustCompile(`overflow|constant|truncated`)},
	{causeSelector, regexp.MustCompile(`undefined selector|undefined field|undefined method|has no field or method`)},
	{causeUndefined, regexp.MustCompile(`undefined: `)},
	{causeRedeclared, regexp.MustCompile(`redeclared|already declared|name clash`)},
	{causeImport, regexp.MustCompile(`dot import|import path|imported and not used|import policy|means "[^"]+" in gocalc`)},
}

// classifyError names the cause of an error message. compile tells that
// the message is a compile error (gocalc's CompileError, yaegi's "run:
// file:l:c:" before any output); panicked that it is a panic.
func classifyError(msg string, compile, panicked bool) string {
	for _, r := range rules {
		if r.re.MatchString(msg) {
			return r.cause
		}
	}
	switch {
	case compile:
		return causeCompile
	case panicked && looksInternal(msg):
		return causeInternal
	case panicked:
		return causeCheck
	}
	return causeCompile
}

// looksInternal tells a panic raised inside the interpreter (a Go runtime
// or library message) from one the program raised itself.
func looksInternal(msg string) bool {
	return strings.Contains(msg, "runtime.") || strings.Contains(msg, "interp.") || strings.Contains(msg, "goroutine ")
}

// normalize makes outputs comparable: Windows line ends become "\n", as
// testdir does.
func normalize(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// sameOutput compares a run's stdout+stderr with the expected output.
func sameOutput(got, want string) bool { return normalize(got) == normalize(want) }

// stackLine matches the lines of a Go goroutine dump.
var stackLine = regexp.MustCompile(`^(\t|goroutine \d+ \[|created by |\[signal |exit status|\s*$)|\.go:\d+ \+0x|^[\w./*()\[\]{}-]+\(.*\)$`)

// yaegiError extracts the error text from plain yaegi's output: what
// follows the longest common prefix with the expected output, without
// goroutine dumps, at most a few lines.
func yaegiError(out, want string) string {
	i := 0
	for i < len(out) && i < len(want) && out[i] == want[i] {
		i++
	}
	// Back up to the start of the line.
	if j := strings.LastIndexByte(out[:i], '\n'); j >= 0 {
		i = j + 1
	} else {
		i = 0
	}
	var keep []string
	for _, l := range strings.Split(out[i:], "\n") {
		if stackLine.MatchString(l) {
			continue
		}
		keep = append(keep, l)
		if len(keep) == 4 {
			break
		}
	}
	return strings.Join(keep, "\n")
}

// yaegiCompileError tells whether plain yaegi's error text is a compile
// error: yaegi's CLI prints "run: FILE:L:C: message" for those, and
// "FILE:L:C: panic: ..." for a panic.
func yaegiCompileError(errText string) bool {
	first, _, _ := strings.Cut(errText, "\n")
	return strings.HasPrefix(first, "run: ") && !strings.Contains(errText, "panic")
}

// firstLine returns s's first non-empty line, cut to n bytes.
func firstLine(s string, n int) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return clip(l, n)
		}
	}
	return ""
}

// clip cuts s to at most n bytes, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
