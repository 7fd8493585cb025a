package interp

import (
	"errors"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

// Each case fails on plain yaegi v0.16.1 (see DESIGN.md): a host panic,
// an undefined builtin, or pre-Go 1.22 semantics.
// TestLoopvarGoroutines holds the cases whose cells run closures in
// goroutines (Go 1.22 loop variables seen from goroutines); the race step
// of scripts/test leaves them out: yaegi's closures write back into the
// frame that made them, a race inside yaegi.
func TestLoopvarGoroutines(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ name, code, want string }{
		{"loopvar goroutines", "ch := make(chan int, 3)\nfor i := 0; i < 3; i++ { go func() { ch <- i * i }() }\n<-ch + <-ch + <-ch", "5"},
		{"loopvar waitgroup", "var wg sync.WaitGroup\nvar mu sync.Mutex\nsum := 0\nfor i := range 10 {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tmu.Lock()\n\t\tsum += i\n\t\tmu.Unlock()\n\t}()\n}\nwg.Wait()\nsum", "45"},
		{"loopvar compiled callback", "actx, acancel := context.WithCancel(context.Background())\nres := make(chan int, 3)\nfor k := range 3 { context.AfterFunc(actx, func() { res <- k }) }\nacancel()\n<-res + <-res + <-res", "3"},
	}
	for _, tt := range tests {
		if got, _ := mustRun(t, in, tt.code); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestModernGo(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ name, code, want string }{
		{"shadowing", "i := 100\nfor i := 0; i < 3; i++ {}\ni", "100"},
		{"shadowing other type", "k := 100\nfor k := range []string{\"a\"} { _ = k }\nk", "100"},
		{"range int literal", "s := 0\nfor i := range 5 { s += i }\ns", "10"},
		{"range int var", "n := 4\ncount := 0\nfor range n { count++ }\ncount", "4"},
		{"range int expr", "xs := []int{1, 2, 3}\nlast := 0\nfor i := range len(xs) - 1 { last = i }\nlast", "1"},
		{"range int64 keeps type", "var m int64 = 3\nvar got int64\nfor i := range m { got += i }\ngot", "3"},
		{"range int field", "type Cfg struct{ Steps int }\ncfg := Cfg{Steps: 3}\nsteps := 0\nfor range cfg.Steps { steps++ }\nsteps", "3"},
		{"range int from call", "func count() int { return 2 }\ncn := count()\nhits2 := 0\nfor i := range cn { hits2 += i + 1 }\nhits2", "3"},
		{"range int in func", "func sumTo(n int) int {\n\tt := 0\n\tfor i := range n {\n\t\tt += i\n\t}\n\treturn t\n}\nsumTo(4)", "6"},
		{"range labeled", "hits := 0\nouter:\nfor i := range 3 {\n\tfor j := range 3 {\n\t\tif j > i { continue outer }\n\t\thits++\n\t}\n}\nhits", "6"},
		{"loopvar closures", "var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfs[0]() + fs[1]()*10 + fs[2]()*100", "210"},
		{"loopvar range", "var gs []func() string\nfor _, s := range []string{\"a\", \"b\"} { gs = append(gs, func() string { return s }) }\ngs[0]() + gs[1]()", `"ab"`},
		{"loopvar deferred literals", "func run() (out []int) {\n\tfor i := 0; i < 3; i++ {\n\t\tdefer func() { out = append(out, i) }()\n\t}\n\treturn\n}\nfmt.Sprint(run())", `"[2 1 0]"`},
		{"loopvar pointers", "var ps []*int\nfor i := range 3 { ps = append(ps, &i) }\n*ps[0] + *ps[2]", "2"},
		{"min ints", "min(3, 1, 2)", "1"},
		{"max ints", "max(3, 1, 2)", "3"},
		{"min mixed const", "fx := 2.5\nmin(1, fx)", "1"},
		{"max mixed const", "max(fx, 4)", "4"},
		{"min const floats", "min(1, 0.5)", "0.5"},
		{"min strings", `min("b", "a")`, `"a"`},
		{"max NaN", "max(1, math.NaN())", "NaN"},
		{"clear map", "cm := map[string]int{\"a\": 1}\nclear(cm)\nlen(cm)", "0"},
		{"clear slice", "cs := []int{1, 2}\nclear(cs)\ncs", "[0 0]"},
		{"slices and maps", "ss := []int{3, 1, 2}\nslices.Sort(ss)\nss", "[1 2 3]"},
		{"slices max", "slices.Max(ss)", "3"},
	}
	for _, tt := range tests {
		got, _, err := run(t, in, tt.code)
		if err != nil || got != tt.want {
			t.Errorf("%s: %q: got %q, %v; want %q", tt.name, tt.code, got, err, tt.want)
		}
	}
}

func TestRangeOverFunc(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func seq(yield func(int) bool) {\n\tfor i := 0; i < 5; i++ {\n\t\tif !yield(i) { return }\n\t}\n}\nfunc pairs(yield func(string, int) bool) {\n\t_ = yield(\"a\", 1) && yield(\"b\", 2)\n}")
	tests := []struct{ code, want string }{
		{"total := 0\nfor x := range seq {\n\ttotal += x\n}\ntotal", "10"},
		{"stopped := 0\nfor x := range seq {\n\tif x == 1 { continue }\n\tif x == 3 { break }\n\tstopped += x\n}\nstopped", "2"},
		{"keys := \"\"\nsum := 0\nfor k, v := range pairs {\n\tkeys += k\n\tsum += v\n}\nfmt.Sprint(keys, sum)", `"ab3"`},
		{"it := seq\nn := 0\nfor range it { n++ }\nn", "5"},
	}
	for _, tt := range tests {
		if got, _ := mustRun(t, in, tt.code); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.code, got, tt.want)
		}
	}
}

func TestUnsupportedIsAnError(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func seq(yield func(int) bool) {\n\tfor i := 0; i < 3; i++ {\n\t\tif !yield(i) { return }\n\t}\n}\ntotal := 0")
	// A return inside the body cannot become a yield function.
	_, _, err := run(t, in, "total = 1\nfunc first() int {\n\tfor x := range seq {\n\t\treturn x\n\t}\n\treturn -1\n}")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrUnsupported || !strings.HasPrefix(e.Value, "3:17: cannot range over this function") {
		t.Fatalf("got %v, want UnsupportedError at 3:17", err)
	}
	if got, _ := mustRun(t, in, "total"); got != "0" {
		t.Errorf("after the error: total = %q, want 0", got)
	}
}

// A function ranging over an iterator survives the rebuild that a
// redefinition of the iterator causes, and then uses the new iterator.
func TestRangeOverFuncAcrossRebuild(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func seq(yield func(int) bool) {\n\tfor i := 0; i < 3; i++ {\n\t\tif !yield(i) { return }\n\t}\n}")
	mustRun(t, in, "func total() int {\n\tt := 0\n\tfor x := range seq {\n\t\tt += x\n\t}\n\treturn t\n}")
	if got, _ := mustRun(t, in, "total()"); got != "3" {
		t.Fatalf("got %s, want 3", got)
	}
	_, rec := mustRun(t, in, "func seq(yield func(int) bool) {\n\tfor i := 10; i < 12; i++ {\n\t\tif !yield(i) { return }\n\t}\n}")
	if got, _ := mustRun(t, in, "total()"); got != "21" {
		t.Errorf("after redefining seq: got %s, want 21 (stderr %q)", got, rec.stream("stderr"))
	}
}

// Method expressions of compiled types: plain yaegi panics on
// (*ad.Var).Sin and rejects ad.Dual.Mul with "too many arguments".
func TestMethodExpressions(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, want string }{
		{"tp := ad.NewTape()\nv := tp.Var(0.5)\nsin := (*ad.Var).Sin\nsin(v).Value()", "0.479425538604203"},
		{"ad.Float.Sin(ad.Float(0.5))", "0.479425538604203"},
		{"mul := ad.Dual.Mul\nmul(ad.Dual{V: 2}, ad.Dual{V: 3}).V", "6"},
		{"fs := []func(ad.Float) ad.Float{ad.Float.Exp, ad.Float.Neg}\nfs[1](2)", "-2"},
	}
	for _, tt := range tests {
		if got, _, err := run(t, in, tt.code); got != tt.want {
			t.Errorf("%q: got %q, %v; want %s", tt.code, got, err, tt.want)
		}
	}
}
