package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRecipe(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"// run\n\npackage main\n", "run"},
		{"//go:build linux\n\n// run\n\npackage main\n", "run"},
		{"// +build amd64\n// run\npackage main\n", "run"},
		{"// run -gcflags=-l\n\npackage main\n", "run -gcflags=-l"},
		{"// rundir\n", "rundir"},
		{"\n\n//   run  \npackage main", "run"},
		{"package main\n", "package main"},
		{"", ""},
	} {
		if got := recipe(c.src); got != c.want {
			t.Errorf("recipe(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestClassifyFile(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"// run\n\npackage main\n", ""},
		{"// run\n\n//go:build linux && amd64\n\npackage main\n", ""},
		{"// run\n\n//go:build !amd64\n\npackage main\n", "build constraint not satisfied on linux/amd64 (//go:build !amd64)"},
		{"// run\n\n//go:build cgo\n\npackage main\n", ""},
		{"// run\n\n//go:build go1.1\n\npackage main\n", ""},
		{"// run\n\n//go:build unix\n\npackage main\n", ""},
		{"// run\n\n//go:build windows\n\npackage main\n", "build constraint not satisfied on linux/amd64 (//go:build windows)"},
		// A constraint-looking line after the package clause does not count.
		{"// run\n\npackage main\n//go:build windows\n", ""},
		{"// run arg1 arg2\n\npackage main\n", "`// run` with arguments or compiler flags"},
		{"// runoutput\n\npackage main\n", "not run"},
		{"// errorcheck\n\npackage main\n", "not run"},
	} {
		if got := classifyFile(c.src, "linux", "amd64", true); got != c.want {
			t.Errorf("classifyFile(%q) = %q, want %q", c.src, got, c.want)
		}
	}
	if got := classifyFile("// run\n\n//go:build cgo\n\npackage main\n", "linux", "amd64", false); got == "" {
		t.Errorf("a cgo-only program is selected without cgo")
	}
}

func TestSelectPrograms(t *testing.T) {
	root := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "// run\n\npackage main\nfunc main() {}\n")
	write("a.out", "hello\n")
	write("b.go", "// compile\n\npackage p\n")
	write("fixedbugs/c.go", "// run\n\npackage main\nfunc main() {}\n")
	write("fixedbugs/d.go", "// run -race\n\npackage main\nfunc main() {}\n")
	write("fixedbugs/e.go", "// run\n\n//go:build plan9\n\npackage main\nfunc main() {}\n")
	write("fixedbugs/x.dir/main.go", "// run\n\npackage main\nfunc main() {}\n")
	write("other/f.go", "// run\n\npackage main\nfunc main() {}\n")
	sel, err := selectPrograms(root, "linux", "amd64", true)
	if err != nil {
		t.Fatal(err)
	}
	if sel.Found != 4 {
		t.Errorf("found %d, want 4 (a, c, d, e)", sel.Found)
	}
	want := []program{{Rel: "a.go", Expected: "hello\n", HasOut: true}, {Rel: "fixedbugs/c.go"}}
	if !reflect.DeepEqual(sel.Programs, want) {
		t.Errorf("programs = %+v, want %+v", sel.Programs, want)
	}
	if n := len(sel.Skipped["`// run` with arguments or compiler flags"]); n != 1 {
		t.Errorf("skipped with arguments: %d, want 1 (%v)", n, sel.Skipped)
	}
	if got := sel.Skipped["build constraint not satisfied on linux/amd64"]; len(got) != 1 || !strings.HasPrefix(got[0], "fixedbugs/e.go ") {
		t.Errorf("skipped by constraint: %q", got)
	}
}

func TestMatchesAndSample(t *testing.T) {
	for _, c := range []struct {
		pattern, rel string
		want         bool
	}{
		{"", "a.go", true},
		{"fixed", "fixedbugs/bug1.go", true},
		{"fixed", "ken/chan.go", false},
		{"typeparam/*", "typeparam/map.go", true},
		{"typeparam/*", "typeparam/mdempsky/1.go", false},
		{"bug1*.go", "fixedbugs/bug123.go", true},
		{"ken,chan/", "chan/select.go", true},
	} {
		if got := matches(c.pattern, c.rel); got != c.want {
			t.Errorf("matches(%q, %q) = %v", c.pattern, c.rel, got)
		}
	}
	var ps []program
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		ps = append(ps, program{Rel: n + ".go"})
	}
	names := func(ps []program) string {
		var s []string
		for _, p := range ps {
			s = append(s, strings.TrimSuffix(p.Rel, ".go"))
		}
		return strings.Join(s, "")
	}
	for _, c := range []struct {
		every, offset, limit int
		want                 string
	}{
		{1, 0, 0, "abcdefg"},
		{3, 0, 0, "adg"},
		{3, 1, 0, "be"},
		{1, 0, 2, "ab"},
		{2, 1, 2, "bd"},
	} {
		if got := names(sample(ps, "", c.every, c.offset, c.limit)); got != c.want {
			t.Errorf("sample(every %d, offset %d, limit %d) = %s, want %s", c.every, c.offset, c.limit, got, c.want)
		}
	}
}

func TestSameOutput(t *testing.T) {
	if !sameOutput("a\r\nb\n", "a\nb\n") {
		t.Error("CRLF should compare equal to LF")
	}
	if sameOutput("a\nb", "a\nb\n") {
		t.Error("a missing final newline is a difference")
	}
	if !sameOutput("", "") || sameOutput("x", "") {
		t.Error("without a .out file, the output must be empty")
	}
}

func TestClassifyError(t *testing.T) {
	for _, c := range []struct {
		msg               string
		compile, panicked bool
		want              string
	}{
		{`CompileError: 11:2: package "unsafe" is not available in gocalc: only ...`, true, false, causeUnsafe},
		{`run: x.go:28:8: package unsafe "unsafe" has no symbol Slice`, true, false, causeUnsafe},
		{`CompileError: 21:2: package "os/exec" is not available in gocalc: only ...`, true, false, causeRefused},
		{`CompileError: 11:8: package "runtime/cgo" is not available in gocalc`, true, false, causeRefused},
		{`run: x.go:3:8: import "C" error: unable to find source related to: "C"`, true, false, causeNoPackage},
		{`run: x.go:9:3: package reflect "reflect" has no symbol TypeFor`, true, false, causeNoSymbol},
		{`panic: os.Exit(0)`, false, true, causeExit0},
		{`panic: os.Exit(1)`, false, true, causeExitN},
		{`UnsupportedError: 9:1: the interpreter failed on this code (yaegi: 10040:2: CFG post-order panic: runtime error: ...)`, false, false, causeCFG},
		{`UnsupportedError: 15:1: the interpreter failed on this code (yaegi: interface conversion: reflect.Type is nil, not *reflect.rtype)`, false, false, causeNilType},
		{`panic: runtime error: invalid memory address or nil pointer dereference`, false, true, causeNilDeref},
		{`panic: 10030:8: interface conversion: string is not error: missing method Error`, false, true, causeIface},
		{`panic: reflect.Value.Slice: slice index out of bounds`, false, true, causeIndex},
		{`panic: reflect: call of reflect.Value.Uint on int Value`, false, true, causeReflect},
		{`CompileError: 18:9: too many arguments`, true, false, causeArgs},
		{`CompileError: 54:2: undefined type for K`, true, false, causeGenerics},
		{`CompileError: 16:5: variable definition loop`, true, false, causeDefLoop},
		{`panic: 10054:24: constant 1267650600228229401496703205376 overflows int64`, false, true, causeConst},
		{`CompileError: 20:9: undefined selector: Method`, true, false, causeSelector},
		{`CompileError: 13:16: undefined: x`, true, false, causeUndefined},
		{`CompileError: 21:1: cmp redeclared in this block`, true, false, causeRedeclared},
		{`CompileError: 14:2: template means "text/template" in gocalc sessions; import ...`, true, false, causeImport},
		{`CompileError: 82:39: untyped float does not implement main.OrderedNumeric`, true, false, causeCompile},
		{`panic: FAIL`, false, true, causeCheck},
		{`x.go:10:5: panic: main.main(...) | run: heap object finalized at the wrong time`, false, true, causeCheck},
	} {
		if got := classifyError(c.msg, c.compile, c.panicked); got != c.want {
			t.Errorf("classifyError(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
}

func TestYaegiError(t *testing.T) {
	out := "ok 1\nok 2\nx.go:6:2: panic: main.main(...)\nrun: assignment to entry in nil map\ngoroutine 1 [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\n"
	got := yaegiError(out, "ok 1\nok 2\nok 3\n")
	want := "x.go:6:2: panic: main.main(...)\nrun: assignment to entry in nil map"
	if got != want {
		t.Errorf("yaegiError = %q, want %q", got, want)
	}
	if yaegiCompileError(got) {
		t.Error("a panic is not a compile error")
	}
	if !yaegiCompileError("run: q.go:5:7: undefined: undefinedThing") {
		t.Error("run: FILE:L:C: is a compile error")
	}
}

func TestReadCell(t *testing.T) {
	nb := `{"cells": [{"cell_type": "code", "outputs": [
	 {"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]},
	 {"output_type": "stream", "name": "stderr", "text": "c\n"},
	 {"output_type": "stream", "name": "stdout", "text": "d\n"},
	 {"output_type": "error", "ename": "panic", "evalue": "boom", "traceback": ["panic: boom"]}]}]}`
	cr, err := readCell([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	if cr.text != "a\nb\nc\nd\n" || cr.ename != "panic" || cr.evalue != "boom" || cr.display {
		t.Errorf("readCell = %+v", cr)
	}
	b, err := notebookJSON("package main\n\nfunc main() {}\n")
	if err != nil {
		t.Fatal(err)
	}
	if cr, err := readCell(b); err != nil || cr.text != "" || cr.ename != "" {
		t.Errorf("the input notebook reads back as %+v, %v", cr, err)
	}
	if !strings.Contains(string(b), `"source": "package main\n\nfunc main() {}\n"`) {
		t.Errorf("the cell's source is not the file: %s", b)
	}
}

func TestSummarizeAndCompare(t *testing.T) {
	pass := &outcome{Pass: true}
	fail := func(c string) *outcome { return &outcome{Cause: c} }
	old := &report{Results: []*result{
		{File: "a.go", Go: pass, Yaegi: pass, Gocalc: pass},
		{File: "b.go", Go: pass, Yaegi: pass, Gocalc: fail(causeUndefined)},
		{File: "c.go", Go: pass, Yaegi: fail(causeCFG), Gocalc: fail(causeCFG)},
		{File: "d.go", Go: fail(causeGoExit)},
		{File: "e.go", Go: pass, Yaegi: pass, Gocalc: &outcome{Cause: causeCrash, Crash: true}},
	}}
	s := summarize(old.Results)
	if s.Programs != 5 || s.GoPass != 4 || s.Usable != 4 || s.YaegiPass != 3 || s.GocalcPass != 1 {
		t.Errorf("summary counts: %+v", s)
	}
	if !reflect.DeepEqual(s.GocalcOnly, []string{"b.go", "e.go"}) || !reflect.DeepEqual(s.Crashes, []string{"e.go"}) {
		t.Errorf("gocalc only %v, crashes %v", s.GocalcOnly, s.Crashes)
	}
	if len(s.Causes) != 3 || s.Causes[0].N != 1 {
		t.Errorf("causes: %+v", s.Causes)
	}
	for _, c := range s.Causes {
		if c.Cause == causeCFG && (c.AlsoYaegi != 1 || c.GocalcOnly != 0) {
			t.Errorf("CFG cause: %+v", c)
		}
	}
	cur := &report{Results: []*result{
		{File: "a.go", Go: pass, Yaegi: pass, Gocalc: fail(causeWrongOutput)},
		{File: "b.go", Go: pass, Yaegi: pass, Gocalc: pass},
		{File: "c.go", Go: pass, Yaegi: fail(causeCFG), Gocalc: fail(causeCFG)},
		{File: "new.go", Go: pass, Yaegi: pass, Gocalc: pass},
	}}
	got := compareReports(old, cur)
	want := []change{
		{File: "a.go", Runner: "gocalc", Before: "pass", After: causeWrongOutput},
		{File: "b.go", Runner: "gocalc", Before: causeUndefined, After: "pass", Improved: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compareReports = %+v, want %+v", got, want)
	}
	var sb strings.Builder
	printSummary(&sb, &report{Summary: s, Results: old.Results, Skipped: map[string][]string{}}, true)
	for _, w := range []string{"compiled Go 4/5", "plain yaegi 3 (75.0%), gocalc 1 (25.0%)", "| undefined: X | 1 | 0 | 1 |", "NOT met"} {
		if !strings.Contains(sb.String(), w) {
			t.Errorf("summary lacks %q:\n%s", w, sb.String())
		}
	}
}

func TestExit0(t *testing.T) {
	for _, tc := range []struct {
		in, want cellResult
	}{
		{cellResult{text: "a\n", ename: "Exit", evalue: "os.Exit(0) was called: ..."}, cellResult{text: "a\n"}},
		{cellResult{text: "a\n", ename: "Exit", evalue: "os.Exit(1) was called: ..."}, cellResult{text: "a\n", ename: "Exit", evalue: "os.Exit(1) was called: ..."}},
		{cellResult{text: "a\n" + goroutineExit0 + "the goroutine stopped\nb\n"}, cellResult{text: "a\n"}},
		{cellResult{text: "a\nos.Exit(2) called in a goroutine: x\n"}, cellResult{text: "a\nos.Exit(2) called in a goroutine: x\n"}},
	} {
		got := tc.in
		exit0(&got)
		if got != tc.want {
			t.Errorf("exit0(%+v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
