package interp

import (
	"context"
	"fmt"
	"github.com/gocalc/gocalc/engine"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/gocalc/gocalc/ad"
)

// Run with: go test -run '^$' -bench . -benchtime 2s ./interp

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		in, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		in.Close()
	}
}

func benchCell(b *testing.B, code string) {
	in := newInterp(b)
	rec := &recorder{}
	ctx := context.Background()
	if _, err := in.Execute(ctx, code, rec); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := in.Execute(ctx, code, rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEmptyCell(b *testing.B)   { benchCell(b, "") }
func BenchmarkOneLineCell(b *testing.B) { benchCell(b, "x := 1 + 2") }
func BenchmarkExprCell(b *testing.B)    { benchCell(b, "math.Sqrt(2)") }

// BenchmarkRedefinition is a cell that redefines a function, which
// rebuilds the session (here with 20 functions and 20 variables).
func BenchmarkRedefinition(b *testing.B) {
	in := newInterp(b)
	for i := range 20 {
		mustRun(b, in, "func f"+string(rune('a'+i))+"(x float64) float64 { return x * 2 }\nv"+string(rune('a'+i))+" := f"+string(rune('a'+i))+"(1)")
	}
	for b.Loop() {
		mustRun(b, in, "func fa(x float64) float64 { return x * 3 }")
	}
}

// BenchmarkCallCompiled measures one call from interpreted code into a
// compiled function (math.Sqrt), net of the interpreted loop around it.
func BenchmarkCallCompiled(b *testing.B) {
	in := newInterp(b)
	const n = 200000
	mustRun(b, in, "func loopCall(n int) float64 { s := 0.0; for i := 0; i < n; i++ { s += math.Sqrt(2) }; return s }\nfunc loopOnly(n int) float64 { s := 0.0; for i := 0; i < n; i++ { s += 1.4 }; return s }")
	spent := timeCells(b, in, "loopCall(200000)", "loopOnly(200000)")
	b.ReportMetric(float64(spent[0]-spent[1])/float64(b.N)/n, "ns/call")
}

// timeCells runs the cells in turn for every round of b.Loop and returns
// the time each took in all.
func timeCells(b *testing.B, in *Interpreter, codes ...string) []time.Duration {
	spent := make([]time.Duration, len(codes))
	for b.Loop() {
		for i, code := range codes {
			t := time.Now()
			mustRun(b, in, code)
			spent[i] += time.Since(t)
		}
	}
	return spent
}

// BenchmarkLoopRatio compares an interpreted loop with the same compiled
// loop.
func BenchmarkLoopRatio(b *testing.B) {
	in := newInterp(b)
	const n = 300000
	mustRun(b, in, "func sumSq(n int) float64 { s := 0.0; for i := 0; i < n; i++ { x := float64(i); s += x * x }; return s }")
	var interp, compiled time.Duration
	for b.Loop() {
		t := time.Now()
		mustRun(b, in, "sumSq(300000)")
		interp += time.Since(t)
		t = time.Now()
		benchSink = sumSq(n)
		compiled += time.Since(t)
	}
	b.ReportMetric(float64(interp)/float64(compiled), "x-slower")
	b.ReportMetric(float64(interp)/float64(b.N)/n, "ns/iter-interp")
}

var benchSink float64

func sumSq(n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		x := float64(i)
		s += x * x
	}
	return s
}

// logSumExp2 is f(x) = sum log(e^x_i + e^x_{i+1}), the function of the
// design notes' gradient measurements.
func logSumExp2(x []*ad.Var) *ad.Var {
	s := x[0].Const(0)
	for i := 0; i < len(x)-1; i++ {
		s = s.Add(x[i].Exp().Add(x[i+1].Exp()).Log())
	}
	return s
}

const adCell = `func logSumExp2(x []*ad.Var) *ad.Var {
	s := x[0].Const(0)
	for i := 0; i < len(x)-1; i++ {
		s = s.Add(x[i].Exp().Add(x[i+1].Exp()).Log())
	}
	return s
}
xs := make([]float64, 1000)
for i := range xs { xs[i] = math.Sin(float64(i)) }`

// BenchmarkGradFromCell is ad.Grad of an interpreted f (N=1000) called
// from a cell, next to the same gradient of the compiled f.
func BenchmarkGradFromCell(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, adCell)
	xs := make([]float64, 1000)
	for i := range xs {
		xs[i] = math.Sin(float64(i))
	}
	var cell, compiled time.Duration
	for b.Loop() {
		t := time.Now()
		mustRun(b, in, "g := ad.Grad(logSumExp2, xs)")
		cell += time.Since(t)
		t = time.Now()
		g := ad.Grad(logSumExp2, xs)
		compiled += time.Since(t)
		benchSink = g[0]
	}
	b.ReportMetric(float64(cell)/float64(b.N)/1e3, "us/grad-cell")
	b.ReportMetric(float64(compiled)/float64(b.N)/1e3, "us/grad-compiled")
	b.ReportMetric(float64(cell)/float64(compiled), "x-slower")
}

// BenchmarkComplete is a member completion on a variable (a type probe).
func BenchmarkComplete(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, "fig := plotting.New()")
	for b.Loop() {
		in.Complete("fig.Li", 6)
	}
}

// BenchmarkExprCellSession runs a one-expression cell in a session of 200
// declarations (100 funcs, 100 vars) and reports how much of a cell the
// go/types front end takes ("check-ns/op"): the front end checks the
// whole session with each cell.
func BenchmarkExprCellSession(b *testing.B) {
	in := newInterp(b)
	rec := &recorder{}
	ctx := context.Background()
	for i := 0; i < 100; i++ {
		if _, err := in.Execute(ctx, fmt.Sprintf("func f%d(x float64) float64 { return x * %d }\nv%d := f%d(1)", i, i, i, i), rec); err != nil {
			b.Fatal(err)
		}
	}
	in.checkTime = 0
	for b.Loop() {
		if _, err := in.Execute(ctx, "math.Sqrt(v7)", rec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(in.checkTime.Nanoseconds())/float64(b.N), "check-ns/op")
}

// BenchmarkRedefinition500 redefines a function in a session of 500
// declarations (250 functions, 250 variables): the whole session is
// rebuilt (issue target: 50 ms).
func BenchmarkRedefinition500(b *testing.B) {
	in := newInterp(b)
	for i := range 250 {
		mustRun(b, in, fmt.Sprintf("func g%d(x float64) float64 { return x * %d }\nw%d := g%d(1)", i, i, i, i))
	}
	for b.Loop() {
		mustRun(b, in, "func g0(x float64) float64 { return x * 3 }")
	}
}

// BenchmarkRedefineType500 redefines a struct type that a variable holds
// in a session of 500 declarations.
func BenchmarkRedefineType500(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, "type T struct{ A int }\ntv := T{1}")
	for i := range 249 {
		mustRun(b, in, fmt.Sprintf("func g%d(x float64) float64 { return x * %d }\nw%d := g%d(1)", i, i, i, i))
	}
	for b.Loop() {
		mustRun(b, in, "type T struct{ A int }")
	}
}

// BenchmarkDebugger runs a loop cell detached, attached with nothing to
// stop at (both at full speed), attached with a breakpoint in another
// cell only, and with a breakpoint of its own on a line it never
// reaches: with a breakpoint anywhere (or panic stops on), cells run
// through yaegi's debugger, so that they can pause, which costs two
// orders of magnitude.
func BenchmarkDebugger(b *testing.B) {
	const loop = "s := 0\nfor i := 0; i < 100000; i++ {\n\ts += i\n}\nif s < 0 {\n\tfmt.Println(s)\n}"
	for _, mode := range []string{"detached", "attached", "elsewhere", "breakpoint"} {
		b.Run(mode, func(b *testing.B) {
			in := newInterp(b)
			if mode != "detached" {
				// attached: a debug session with nothing to stop at.
				in.OnStop(func(s engine.Stop) { go in.Resume(s.Thread, engine.Continue) })
			}
			if mode == "elsewhere" {
				in.SetBreakpoints("other := 1\nother++\n", []int{2})
			}
			if mode == "breakpoint" {
				in.SetBreakpoints(loop, []int{6}) // never reached
			}
			for b.Loop() {
				mustRun(b, in, loop)
			}
		})
	}
}

// BenchmarkDebuggerEmpty runs an empty cell and a one-line cell,
// detached and attached (the round trip a cell pays for yaegi's
// debugger).
func BenchmarkDebuggerEmpty(b *testing.B) {
	for _, cell := range []string{"", "x := 1"} {
		for _, mode := range []string{"detached", "attached"} {
			b.Run(mode+"/"+map[string]string{"": "empty", "x := 1": "define"}[cell], func(b *testing.B) {
				in := newInterp(b)
				if mode == "attached" {
					in.OnStop(func(s engine.Stop) { go in.Resume(s.Thread, engine.Continue) })
				}
				for b.Loop() {
					if _, _, err := run(b, in, cell); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkClosuresInLoop makes a closure in every iteration of a loop
// and hands it to compiled code (sort.Slice of three elements), the case
// front.ClosureLowering changes. It reports the time per iteration and
// the heap objects the loop holds per iteration while it runs (0 once
// each closure is freed with its iteration; about 4 when each kept the
// one before, until the function returned).
func BenchmarkClosuresInLoop(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, `func sorts(n int) int {
	var before, after runtime.MemStats
	s := []int{3, 1, 2}
	for i := 0; i < n; i++ {
		if i == n/10 {
			runtime.GC()
			runtime.ReadMemStats(&before)
		}
		k := i
		sort.Slice(s, func(a, c int) bool { return s[a]+k < s[c]+k })
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return int(after.HeapObjects) - int(before.HeapObjects)
}`)
	const n = 20000
	var kept float64
	var spent time.Duration
	for b.Loop() {
		t := time.Now()
		v, _ := mustRun(b, in, "sorts(20000)")
		spent += time.Since(t)
		objects, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("sorts: %q", v)
		}
		kept += float64(objects) / (n * 9 / 10)
	}
	b.ReportMetric(kept/float64(b.N), "objects-kept/iter")
	b.ReportMetric(float64(spent)/float64(b.N)/n, "ns/iter")
}

// BenchmarkPrintLines prints 20,000 lines with fmt.Println in a cell,
// through the pipe behind the cells' os.Stdout, and 2,000 with
// log.Println in the next (log syncs that pipe first when fmt wrote to
// it, to keep the two in order).
func BenchmarkPrintLines(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, "log.SetFlags(0)")
	spent := timeCells(b, in, "for i := range 20000 { fmt.Println(i) }", "for i := range 2000 { log.Println(i) }")
	b.ReportMetric(float64(spent[0])/float64(b.N)/20000, "ns/fmt-line")
	b.ReportMetric(float64(spent[1])/float64(b.N)/2000, "ns/log-line")
}

// BenchmarkTwoDefers calls a function with two deferred calls, which
// cells.nestDefers runs in a frame of its own each, 20,000 times.
func BenchmarkTwoDefers(b *testing.B) {
	in := newInterp(b)
	mustRun(b, in, "func twoDefers(n *int) (r int) { defer func() { *n++ }(); defer func() { r++ }(); return *n }\nfunc callDefers(k int) int { n := 0; for i := 0; i < k; i++ { twoDefers(&n) }; return n }")
	spent := timeCells(b, in, "callDefers(20000)")
	b.ReportMetric(float64(spent[0])/float64(b.N)/20000, "ns/call")
}
