package interp

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/engine"
)

func TestValues(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, want string }{
		{"1 + 2", "3"},
		{"x := 3\nx * 2", "6"},
		{"math.Sqrt(2)", "1.4142135623730951"},
		{`"str"`, `"str"`},
		{"[]float64{1, 2.5}", "[1 2.5]"},
		{"func two() (int, error) { return 1, nil }\ntwo()", "1, <nil>"},
		{"type P struct{ X int }\nfunc (p P) String() string { return fmt.Sprintf(\"P(%d)\", p.X) }\nP{4}", "P(4)"},
		{"errors.New(\"bad\")", "bad"},
		{"x = 7", ""},
		{"fmt.Println(\"printed\")", ""},
		{"func void() {}\nvoid()", ""},
		{"var z int", ""},
		{"", ""},
		{"// just a comment", ""},
		{"mat.NewDense(2, 2, []float64{1, 2, 3, 4})", "⎡1  2⎤\n⎣3  4⎦"},
		{"len(fmt.Sprint(make([]int, 30000)))", "60001"},
		{"var nilDense *mat.Dense\nnilDense", "<nil>"},
	}
	for _, tt := range tests {
		got, _ := mustRun(t, in, tt.code)
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestOutputCapture(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, stdout, stderr string }{
		{`fmt.Println("a"); fmt.Printf("%d\n", 2); fmt.Print("b\n")`, "a\n2\nb\n", ""},
		{`println("p", 1)`, "p 1\n", ""},
		{`os.Stdout.WriteString("w\n"); fmt.Fprintln(os.Stdout, "f")`, "w\nf\n", ""},
		{`fmt.Fprintln(os.Stderr, "e")`, "", "e\n"},
		{`log.SetFlags(0); log.Println("logged")`, "", "logged\n"},
	}
	for _, tt := range tests {
		_, rec := mustRun(t, in, tt.code)
		if got := rec.stream("stdout"); got != tt.stdout {
			t.Errorf("%q: stdout %q, want %q", tt.code, got, tt.stdout)
		}
		if got := rec.stream("stderr"); got != tt.stderr {
			t.Errorf("%q: stderr %q, want %q", tt.code, got, tt.stderr)
		}
	}
}

func TestCompileErrorPosition(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, value, line string }{
		{"undefinedVar", "1:1: undefined: undefinedVar", "   1 | undefinedVar"},
		{"x := nope", "1:6: undefined: nope", "   1 | x := nope"},
		{"p, q := 1", "1:9: assignment mismatch: 2 variables but 1 value", "   1 | p, q := 1"},
		{"a := 1\nfunc g() int {\n\treturn undefinedZ\n}", "3:9: undefined: undefinedZ", "   3 |     return undefinedZ"},
		{"b := 2\ntype T struct{ F undefinedType }", "2:18: undefined: undefinedType", "   2 | type T struct{ F undefinedType }"},
		{"fmt.Println(\"a\", 1,\n\tundefinedThing)", "2:2: undefined: undefinedThing", "   2 |     undefinedThing)"},
		{"x := 1\ny := x + nope", "2:10: undefined: nope", "   2 | y := x + nope"},
		{"a := 1\nfor {\n", "2:6: expected '}', found 'EOF'", "   2 | for {"},
	}
	for _, tt := range tests {
		_, _, err := run(t, in, tt.code)
		var e *engine.Error
		if !errors.As(err, &e) {
			t.Fatalf("%q: got %v, want *engine.Error", tt.code, err)
		}
		if e.Name != ErrCompile || e.Value != tt.value {
			t.Errorf("%q: got %s %q, want %s %q", tt.code, e.Name, e.Value, ErrCompile, tt.value)
		}
		if tt.line != "" && (len(e.Traceback) < 2 || e.Traceback[1] != tt.line) {
			t.Errorf("%q: traceback %q, want line %q", tt.code, e.Traceback, tt.line)
		}
	}
}

func TestRuntimePanic(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func at(s []int, i int) int {\n\treturn s[i]\n}")
	_, _, err := run(t, in, "v := 1\nat([]int{1}, 3)")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrPanic {
		t.Fatalf("got %v, want a panic error", err)
	}
	tb := strings.Join(e.Traceback, "\n")
	if !strings.Contains(e.Value, "index out of range") || !strings.Contains(tb, "cell 1, line 2") || !strings.Contains(tb, "return s[i]") {
		t.Errorf("traceback:\n%s", tb)
	}
	if got, _ := mustRun(t, in, "v + 1"); got != "2" {
		t.Errorf("after panic: got %q, want 2", got)
	}
	_, _, err = run(t, in, `panic("boom")`)
	if !errors.As(err, &e) || e.Value != "boom" {
		t.Errorf("got %v, want panic boom", err)
	}
	// An error value shows its message (yaegi hands it over in a reflect.Value).
	_, _, err = run(t, in, "_, err := strconv.Atoi(\"x\")\npanic(err)")
	if !errors.As(err, &e) || e.Value != `strconv.Atoi: parsing "x": invalid syntax` {
		t.Errorf("panic(err): got %v, want the error's message", err)
	}
}

func TestInterrupt(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "n := 0")
	for _, code := range []string{"for { n++ }", "select {}", "time.Sleep(time.Hour)", "for i := 0; ; i++ { n = i }"} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := in.Execute(ctx, code, &recorder{})
		took := time.Since(start) - 50*time.Millisecond
		var e *engine.Error
		if !errors.As(err, &e) || e.Name != ErrInterrupted {
			t.Errorf("%q: got %v, want Interrupted", code, err)
		}
		if took > 100*time.Millisecond {
			t.Errorf("%q: stopped %v after the cancel, want < 100ms", code, took)
		}
	}
	got1, _ := mustRun(t, in, "n")
	time.Sleep(20 * time.Millisecond)
	got2, _ := mustRun(t, in, "n")
	if got1 != got2 {
		t.Errorf("a cancelled loop resumed: n went from %s to %s", got1, got2)
	}
}

// Execute returns from an interrupt once the cell's code has stopped: a
// loop in the middle of a long compiled call (here ~0.3 s) stops after it,
// before the next cell runs.
func TestInterruptWaitsForTheCell(t *testing.T) {
	in := newInterp(t)
	mark := filepath.Join(t.TempDir(), "mark")
	mustRun(t, in, "n := 0")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := in.Execute(ctx, fmt.Sprintf("import \"os/exec\"\nexec.Command(\"sh\", \"-c\", \"sleep 0.3; echo x > %s\").Run()\nn++", mark), &recorder{})
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrInterrupted || e.Value != "the cell was interrupted" {
		t.Fatalf("got %v, want a plain Interrupted", err)
	}
	if _, err := os.Stat(mark); err != nil {
		t.Errorf("Execute returned before the compiled call the cell was in: %v", err)
	}
	got2, _ := mustRun(t, in, "n")
	if got2 != "0" {
		t.Errorf("n = %s: the cell went on after the call", got2)
	}
}

// Code blocked in a compiled call that never returns is left behind after
// interruptGrace, and the error says so. (Under the race detector, the
// goroutine left behind races with yaegi's resizing of its global frame
// in the next cell: the race run leaves this test out.)
func TestInterruptStuckCall(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "n := 0")
	var e *engine.Error
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := in.Execute(ctx, "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()", &recorder{})
	if !errors.As(err, &e) || e.Name != ErrInterrupted || !strings.Contains(e.Value, "did not stop within 2s") {
		t.Fatalf("got %v, want Interrupted saying the code goes on", err)
	}
	if took := time.Since(start); took > interruptGrace+time.Second {
		t.Errorf("returned after %v", took)
	}
	if got, _ := mustRun(t, in, "n"); got != "0" {
		t.Errorf("n = %s after a stuck cell, want 0", got)
	}
}

func TestGoroutinePanicKeepsKernel(t *testing.T) {
	in := newInterp(t)
	_, rec := mustRun(t, in, "done := make(chan bool)\ngo func() {\n\tdefer close(done)\n\tpanic(\"in goroutine\")\n}()\n<-done\ntime.Sleep(10 * time.Millisecond)")
	if got := rec.stream("stderr"); !strings.Contains(got, "panic in goroutine") || !strings.Contains(got, "in goroutine") {
		t.Errorf("stderr %q: want the goroutine's panic reported", got)
	}
	// go with arguments evaluates them before the goroutine starts.
	got, _ := mustRun(t, in, "res := make(chan int, 3)\nfor i := 0; i < 3; i++ { go func(k int) { res <- k * k }(i) }\n<-res + <-res + <-res")
	if got != "5" {
		t.Errorf("got %q, want 5", got)
	}
	if got, _ := mustRun(t, in, "1 + 1"); got != "2" {
		t.Errorf("after a goroutine panic: got %q", got)
	}
}

func TestCompilerPanicKeepsKernel(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "kept := 11")
	// Range over a function whose body defers crashes yaegi's compiler
	// (gocalc rewrites only bodies without return, defer or goto).
	_, _, err := run(t, in, "for x := range func(yield func(int) bool) { yield(1) } { defer println(x) }")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrUnsupported {
		t.Fatalf("got %v, want UnsupportedError", err)
	}
	if got, _ := mustRun(t, in, "kept"); got != "11" {
		t.Errorf("after a compiler panic: kept = %q", got)
	}
}

// TestRecursiveGenericTypes: generic types that refer to each other, or
// a generic type with several type parameters that refers to itself, take
// yaegi's compiler into a stack overflow that would end the process; the
// cell fails instead, and changes nothing.
func TestRecursiveGenericTypes(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "kept := 11")
	// Instantiated with types a cell can write, they run as concrete
	// copies (front.MonoLowering).
	for code, want := range map[string]string{
		"type Elem[T any] struct{ list *List[T]; v T }\ntype List[T any] struct{ root *Elem[T] }\nvar l List[int]\nl.root = &Elem[int]{list: &l, v: kept}\nl.root.list.root.v": "11",
		"type node[K, V any] struct{ key K; val V; left *node[K, V] }\nvar n = node[int, string]{key: kept, left: &node[int, string]{val: \"x\"}}\nn.left.val":                 `"x"`,
	} {
		if got, _ := mustRun(t, in, code); got != want {
			t.Errorf("%s: got %s, want %s", code, got, want)
		}
	}
	// With a type declared in a function, yaegi instantiates them: that
	// is refused.
	_, _, err := run(t, in, "type node2[K, V any] struct{ key K; val V; left *node2[K, V] }\nfunc f() int { type loc struct{}; var n node2[loc, int]; return n.val }")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrUnsupported || !strings.Contains(e.Value, "refer") {
		t.Errorf("a local type argument: got %v, want UnsupportedError", err)
	}
	// Declared only, or instantiated with type parameters only, they are
	// fine.
	mustRun(t, in, "type Foo[T any] interface{ Foo(Bar[T]) string }\ntype Bar[T any] interface{ Bar(Foo[T]) string }")
	if got, _ := mustRun(t, in, "type Node[T any] struct{ val T; next *Node[T] }\n(&Node[int]{val: kept}).val"); got != "11" {
		t.Errorf("a generic type with one type parameter that refers to itself: got %q", got)
	}
}

// TestCrashesKeepKernel: what ends a compiled program at once (a fault
// at a bad address in unsafe code, runtime.Breakpoint without a debugger)
// fails the cell instead.
func TestCrashesKeepKernel(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the fault needs mmap and mprotect")
	}
	in := newInterp(t)
	mustRun(t, in, "kept := 11")
	for _, code := range []string{
		"import (\"syscall\"; \"unsafe\")\nb, _ := syscall.Mmap(-1, 0, syscall.Getpagesize(), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)\nsyscall.Mprotect(b, syscall.PROT_NONE)\n*(*byte)(unsafe.Pointer(&b[0]))",
		"runtime.Breakpoint()",
	} {
		_, _, err := run(t, in, code)
		var e *engine.Error
		if !errors.As(err, &e) || e.Name != ErrPanic {
			t.Errorf("%s: got %v, want a panic", code, err)
		}
	}
	if got, _ := mustRun(t, in, "kept"); got != "11" {
		t.Errorf("after the crashes: kept = %q", got)
	}
}

func TestStdin(t *testing.T) {
	in := newInterp(t)
	rec := &recorder{inputs: []string{"42", "hello world"}}
	d, err := in.Execute(context.Background(), "var n int\nfmt.Scan(&n)\nr := bufio.NewReader(os.Stdin)\nline, _ := r.ReadString('\\n')\nfmt.Sprint(n*2, strings.TrimSpace(line))", rec)
	if err != nil {
		t.Fatal(engine.TracebackText(err))
	}
	if got := d.Data["text/plain"]; got != `"84hello world"` {
		t.Errorf("got %v, want \"84hello world\"", got)
	}
	rec = &recorder{}
	d, err = in.Execute(context.Background(), "var m int\n_, serr := fmt.Scan(&m)\nserr", rec)
	if err != nil || !strings.Contains(d.Data["text/plain"].(string), "does not accept input") {
		t.Errorf("without stdin: got %v, %v; want the ErrNoStdin explanation", d, err)
	}
}

func TestCellOrder(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, want string }{
		// A function may be called above its declaration.
		{"twice(21)\nfunc twice(x int) int { return 2 * x }", "42"},
		// A function using a variable the same cell declares runs after it.
		{"n := 10\nfunc scaled() int { return n * 3 }\nscaled()", "30"},
		{"k := 2\nfunc inner() int { return k }\nfunc outer() int { return inner() + 1 }\nouter()", "3"},
		{"import \"strings\"\nu := strings.ToUpper(\"go\")\nu", `"GO"`},
		{"import \"strings\"\nstrings.Repeat(\"a\", 2)", `"aa"`},
		{"import m \"math\"\nm.Floor(2.5)", "2"},
		{"import m \"math\"\nm.Ceil(2.5)", "3"},
	}
	for _, tt := range tests {
		if got, _ := mustRun(t, in, tt.code); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.code, got, tt.want)
		}
	}
}

// timedRecorder notes when the first stream output arrived.
type timedRecorder struct {
	recorder
	first time.Time
}

func (r *timedRecorder) Stream(name, text string) {
	if r.first.IsZero() {
		r.first = time.Now()
	}
	r.recorder.Stream(name, text)
}

func TestOutputIsLive(t *testing.T) {
	in := newInterp(t)
	rec := &timedRecorder{}
	if _, err := in.Execute(context.Background(), "fmt.Println(\"early\")\ntime.Sleep(150 * time.Millisecond)", rec); err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	if rec.first.IsZero() || end.Sub(rec.first) < 100*time.Millisecond {
		t.Errorf("output arrived %v before the cell ended; want it streamed while the cell sleeps", end.Sub(rec.first))
	}
}

func TestInterruptStopsGoroutines(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "ticks := 0\ngo func() {\n\tfor {\n\t\tticks++\n\t}\n}()")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	if _, err := in.Execute(ctx, "select {}", &recorder{}); err == nil {
		t.Fatal("want Interrupted")
	}
	a, _ := mustRun(t, in, "ticks")
	time.Sleep(20 * time.Millisecond)
	b, _ := mustRun(t, in, "ticks")
	if a != b || a == "0" {
		t.Errorf("the goroutine kept running after the interrupt: ticks %s then %s", a, b)
	}
	if n := in.rt.live.Load(); n != 0 {
		t.Errorf("%d goroutines still running", n)
	}
}

func TestImportErrors(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, want string }{
		{`import "github.com/nope/nope"`, `importing "github.com/nope/nope": cannot find github.com/nope/nope@latest`},
		{`import "nosuchstd/pkg"`, `package "nosuchstd/pkg" is not available in gocalc`},
		{"import \"nosuchstd/pkg\"\n1", `package "nosuchstd/pkg" is not available in gocalc`},
	}
	for _, tt := range tests {
		_, _, err := run(t, in, tt.code)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want an error containing %q", tt.code, err, tt.want)
		}
	}
	// Each cell has its own imports: crypto/rand's rand in this cell, and
	// an unused import (a dot import too) binds nothing.
	if got, _ := mustRun(t, in, "import \"crypto/rand\"\nimport . \"math\"\nb := make([]byte, 4)\nrand.Read(b)\nlen(b)"); got != "4" {
		t.Errorf("crypto/rand in a cell: got %q", got)
	}
	if got, _ := mustRun(t, in, "rand.Seed(1)\nrand.Intn(1)"); got != "0" {
		t.Errorf("math/rand in the next cell: got %q", got)
	}
	if got, _ := mustRun(t, in, "import crand \"crypto/rand\"\nb := make([]byte, 4)\ncrand.Read(b)\nlen(b)"); got != "4" {
		t.Errorf("aliased import: got %q", got)
	}
	if got, _ := mustRun(t, in, "import crand \"crypto/rand\"\n1"); got != "1" {
		t.Errorf("repeated import: got %q", got)
	}
}

func TestExitDoesNotKill(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "kept := 41")
	for _, code := range []string{"3", "0"} {
		_, _, err := run(t, in, "fmt.Println(\"before\")\nos.Exit("+code+")\nfmt.Println(\"after\")")
		var e *engine.Error
		want := "os.Exit(" + code + ") was called: the cell stopped there; the kernel and the session's variables are kept"
		if !errors.As(err, &e) || e.Name != ErrExit || e.Value != want {
			t.Errorf("got %v, want %s: %s", err, ErrExit, want)
		}
	}
	if got, _ := mustRun(t, in, "kept + 1"); got != "42" {
		t.Errorf("after os.Exit: got %q, want 42", got)
	}
}

// The kernel is the user's own process: unsafe, syscall, os/exec and
// runtime/debug can be imported, and os.Args is a program's.
func TestProcessPackages(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"import \"unsafe\"\nunsafe.Sizeof(int64(0))", "8"},
		{"import \"syscall\"\nsyscall.Getpid() == os.Getpid()", "true"},
		{"import \"os/exec\"\nout, _ := exec.Command(\"echo\", \"hi\").Output()\nstring(out)", `"hi\n"`},
		{"import \"runtime/debug\"\ndebug.SetGCPercent(debug.SetGCPercent(100)) >= -1", "true"},
		{"os.Args", "[main]"},
		{"import \"syscall\"\nsyscall.Kill(os.Getpid(), 0) == nil", "true"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			in := newInterp(t)
			got, _, err := run(t, in, tc.code)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// testing.Main in a cell runs the tests as a test binary does, prints
// what go test prints, and ends the cell as os.Exit(code) does: the
// kernel and the session stay, and it can run again.
func TestTestingMain(t *testing.T) {
	// The cell's tests run with this test binary's testing flags, which
	// the kernel has at their defaults: -run and -skip would filter them.
	for _, name := range []string{"test.run", "test.skip"} {
		f := flag.Lookup(name)
		prev := f.Value.String()
		f.Value.Set("")
		t.Cleanup(func() { f.Value.Set(prev) })
	}
	in := newInterp(t)
	mustRun(t, in, `import (
	"regexp"
	"testing"
)
var runs int
func match(pat, str string) (bool, error) { return regexp.MatchString(pat, str) }
func TestGood(t *testing.T) { runs++; t.Log("logged") }
func TestBad(t *testing.T) { runs++; t.Errorf("bad %d", 1) }`)
	for _, tc := range []struct {
		tests, out string
		code       int
	}{
		{"TestGood", "PASS\n", 0},
		{"TestGood, TestBad", "--- FAIL: TestBad", 1},
	} {
		code := "import \"testing\"\ntesting.Main(match, []testing.InternalTest{"
		for _, name := range strings.Split(tc.tests, ", ") {
			code += "{Name: \"" + name + "\", F: " + name + "}, "
		}
		_, rec, err := run(t, in, code+"}, nil, nil)")
		var e *engine.Error
		if !errors.As(err, &e) || e.Name != ErrExit || !strings.Contains(e.Value, fmt.Sprintf("os.Exit(%d)", tc.code)) {
			t.Errorf("%s: error %v, want os.Exit(%d)", tc.tests, err, tc.code)
		}
		if out := rec.stream("stdout"); !strings.Contains(out, tc.out) {
			t.Errorf("%s: stdout %q, want %q in it", tc.tests, out, tc.out)
		}
	}
	if got, _ := mustRun(t, in, "runs"); got != "3" {
		t.Errorf("runs = %s, want 3", got)
	}
}

// A panicking finalizer is reported on stderr; it does not end the
// process (the runtime runs finalizers on a goroutine of its own).
func TestFinalizerPanic(t *testing.T) {
	in := newInterp(t)
	rec := &recorder{}
	in.sink.set(rec)
	for i := 0; i < 10; i++ {
		in.rt.setFinalizer(new([64]byte), func(*[64]byte) { panic("finalizer boom") })
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(rec.stream("stderr"), "finalizer boom") {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(rec.stream("stderr"), "panic in finalizer (recovered by gocalc): finalizer boom") {
		t.Errorf("stderr %q: want the finalizer's panic", rec.stream("stderr"))
	}
}

func TestStreamOrder(t *testing.T) {
	in := newInterp(t)
	_, rec := mustRun(t, in, "log.SetFlags(0)\nfor i := range 3 {\n\tfmt.Println(\"out\", i)\n\tlog.Println(\"err\", i)\n}")
	want := []string{"stdout:out 0\n", "stderr:err 0\n", "stdout:out 1\n", "stderr:err 1\n", "stdout:out 2\n", "stderr:err 2\n"}
	if strings.Join(rec.streams, "") != strings.Join(want, "") {
		t.Errorf("got %q, want %q", rec.streams, want)
	}
}

// What fmt prints and what compiled code writes to os.Stdout (a
// tabwriter, a json.Encoder) arrive in the order they were written.
func TestStdoutOrder(t *testing.T) {
	in := newInterp(t)
	_, rec := mustRun(t, in, "import (\n\t\"encoding/json\"\n\t\"os\"\n)\nfor i := range 3 {\n\tfmt.Println(\"fmt\", i)\n\tfmt.Fprintln(os.Stdout, \"file\", i)\n\tjson.NewEncoder(os.Stdout).Encode(i)\n\tprintln(\"builtin\", i)\n}")
	want := ""
	for i := range 3 {
		want += fmt.Sprintf("fmt %d\nfile %d\n%d\nbuiltin %d\n", i, i, i, i)
	}
	if got := rec.stream("stdout"); got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
}

// What fmt printed before a write to os.Stderr reaches the Output before
// it (the two pipes would otherwise race).
func TestStdoutBeforeStderr(t *testing.T) {
	in := newInterp(t)
	for i := range 20 {
		_, rec := mustRun(t, in, "import \"os\"\nfmt.Println(\"line 1\")\nfmt.Println(\"line 2\")\nfmt.Fprintln(os.Stderr, \"warn\")")
		if got := strings.Join(rec.streams, ""); got != "stdout:line 1\nstdout:line 2\nstderr:warn\n" && got != "stdout:line 1\nline 2\nstderr:warn\n" {
			t.Fatalf("run %d: streams %q, want both stdout lines before stderr", i, rec.streams)
		}
	}
}

func TestWholeProgram(t *testing.T) {
	in := newInterp(t)
	_, rec := mustRun(t, in, "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello from main\")\n}")
	if got := rec.stream("stdout"); got != "hello from main\n" {
		t.Errorf("stdout %q, want main to run once", got)
	}
	_, rec = mustRun(t, in, "1 + 1")
	if got := rec.stream("stdout"); got != "" {
		t.Errorf("a later cell ran main again: stdout %q", got)
	}
}

func TestLongValueIsTruncated(t *testing.T) {
	in := newInterp(t)
	got, _ := mustRun(t, in, "make([]int, 30000)")
	if len(got) > maxText+100 || !strings.HasSuffix(got, "(40001 more bytes)") {
		t.Errorf("got %d bytes ending %q", len(got), got[len(got)-30:])
	}
}

func TestAfterFuncPanicKeepsKernel(t *testing.T) {
	in := newInterp(t)
	_, rec := mustRun(t, in, "fired := make(chan bool)\ntime.AfterFunc(time.Millisecond, func() {\n\tdefer close(fired)\n\tpanic(\"late\")\n})\n<-fired\ntime.Sleep(10 * time.Millisecond)")
	if got := rec.stream("stderr"); !strings.Contains(got, "late") {
		t.Errorf("stderr %q: want the AfterFunc panic reported", got)
	}
}

// A cell cannot take the display publisher away from the kernel.
func TestCellCannotSetPublisher(t *testing.T) {
	in := newInterp(t)
	_, _, err := run(t, in, "display.SetPublisher(nil)")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrPanic || !strings.Contains(e.Value, "display.SetPublisher cannot be called from a cell") {
		t.Errorf("got %v, want a panic saying the kernel owns the publisher", err)
	}
	_, _, err = run(t, in, "display.SetFlusher(nil)")
	if !errors.As(err, &e) || e.Name != ErrPanic || !strings.Contains(e.Value, "display.SetFlusher cannot be called from a cell") {
		t.Errorf("got %v, want a panic saying the kernel owns the flusher", err)
	}
	_, rec, err := run(t, in, "display.HTML(\"<b>still shown</b>\")")
	if err != nil || len(rec.pub) != 1 {
		t.Errorf("after the attempt: err %v, %d outputs published, want 1", err, len(rec.pub))
	}
}

// TestMultiValueGlobals: global variables defined together from one
// multi-value expression, with types of packages, are usable in later
// cells and survive a redefinition of what they were computed from.
func TestMultiValueGlobals(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "var calls int\nfunc pair() (time.Duration, string) { calls++; return time.Second, \"s\" }\nd, s := pair()\nm := map[string]int{\"a\": 1}\nvar n, found = m[\"a\"]")
	if got, _ := mustRun(t, in, "fmt.Sprint(d*2, \" \", s, \" \", n, found, calls)"); got != `"2s s 1 true 1"` {
		t.Errorf("got %s", got)
	}
	// In one cell, after a variable they depend on (yaegi failed there).
	if got, _ := mustRun(t, in, "var c = b\nvar a, b = two()\nfunc two() (int, int) { return 1, 2 }\nfmt.Sprint(a, b, c)"); got != `"1 2 2"` {
		t.Errorf("got %s", got)
	}
	mustRun(t, in, "func pair() (time.Duration, string) { return time.Minute, \"m\" }")
	if got, _ := mustRun(t, in, "fmt.Sprint(d, s, calls)"); got != `"1ss1"` {
		t.Errorf("after a redefinition: got %s", got)
	}
}
