package interp

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

// The tests of importing modules fetch real modules with the go command
// (from the module proxy) and build them: they need both.
func moduleInterp(t testing.TB) (*Interpreter, string) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	t.Setenv("GOCALC_CACHE", moduleCache(t))
	dir := t.TempDir()
	in, err := New(Options{ModuleDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	return in, dir
}

// moduleCache is one cache for the test binary: the process loads each
// plugin once, as a kernel does. TestMain removes it.
func moduleCache(t testing.TB) string {
	if testModuleCache == "" {
		d, err := os.MkdirTemp("", "gocalc-modules-test-")
		if err != nil {
			t.Fatal(err)
		}
		testModuleCache = d
	}
	return testModuleCache
}

var testModuleCache string

func TestMain(m *testing.M) {
	code := m.Run()
	if testModuleCache != "" {
		os.RemoveAll(testModuleCache)
	}
	os.Exit(code)
}

func TestModuleCompiledKeepsState(t *testing.T) {
	in, dir := moduleInterp(t)
	mustRun(t, in, "x := 41\ntype P struct{ X, Y int }\nfunc twice(n int) int { return 2 * n }")
	v, rec := mustRun(t, in, `import "github.com/google/go-cmp/cmp"
d := cmp.Diff(P{1, 2}, P{1, 3})
fmt.Println(d != "", strings.Contains(d, "Y"), cmp.Equal([]int{x + 1}, []int{42}))
twice(x)`)
	out := rec.stream("stdout")
	if !strings.Contains(out, "true true true\n") || v != "82" {
		t.Fatalf("value %q, stdout %q", v, out)
	}
	if !strings.Contains(out, "go: fetched and built in") || !strings.Contains(out, "github.com/google/go-cmp/cmp v0.") || !strings.Contains(out, "compiled") {
		t.Errorf("the import was not announced: %q", out)
	}
	// Shift+Tab in the call shows the signature and the package's own doc.
	code := "import \"github.com/google/go-cmp/cmp\"\ncmp.Diff("
	if d, ok := in.Inspect(code, len(code), 0); !ok || !strings.Contains(fmt.Sprint(d.Data["text/plain"]), "func Diff(x, y interface{}, opts ...Option) string") || !strings.Contains(fmt.Sprint(d.Data["text/plain"]), "Diff returns a human-readable report") {
		t.Errorf("Shift+Tab in cmp.Diff(: %v %v", d.Data, ok)
	}
	// A cell without the import still has the standard library's cmp.
	if v, _ := mustRun(t, in, "cmp.Compare(1, 2)"); v != "-1" {
		t.Errorf("cmp.Compare(1, 2) = %q", v)
	}
	// The version is pinned beside the notebook.
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || !strings.Contains(string(b), "github.com/google/go-cmp v0.") {
		t.Fatalf("go.mod: %s %v", b, err)
	}
	// A new session in the same process: the loaded plugin, at once.
	in2, err := New(Options{ModuleDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer in2.Close()
	_, rec = mustRun(t, in2, "import gcmp \"github.com/google/go-cmp/cmp\"\nfmt.Println(gcmp.Equal(map[string]int{\"a\": 1}, map[string]int{\"a\": 1}))")
	if out := rec.stream("stdout"); out != "true\n" {
		t.Errorf("second session: %q", out)
	}
}

func TestModuleGenericFromSource(t *testing.T) {
	in, _ := moduleInterp(t)
	mustRun(t, in, "base := 10")
	v, rec := mustRun(t, in, `import "golang.org/x/exp/constraints"
func Max[T constraints.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}
fmt.Println(Max("a", "b"))
Max(3, base)`)
	if v != "10" || !strings.Contains(rec.stream("stdout"), "\nb\n") {
		t.Fatalf("value %q, stdout %q", v, rec.stream("stdout"))
	}
	if out := rec.stream("stdout"); !strings.Contains(out, "(golang.org/x/exp, generic, its API is generic (Complex, Float, Integer, ...)") {
		t.Errorf("the fallback was not said: %q", out)
	}
}

func TestModuleSharesGonum(t *testing.T) {
	in, _ := moduleInterp(t)
	m, _ := mustRun(t, in, "m := mat.NewDense(2, 2, []float64{0, 1, 1, 0})\nm.At(0, 1)")
	if m != "1" {
		t.Fatalf("m.At(0, 1) = %q", m)
	}
	v, rec := mustRun(t, in, `import "gonum.org/v1/gonum/graph/simple"
u := simple.NewUndirectedGraph()
u.SetEdge(simple.Edge{F: simple.Node(1), T: simple.Node(2)})
u.SetEdge(simple.Edge{F: simple.Node(2), T: simple.Node(3)})
u.Nodes().Len()*10 + u.Edges().Len()`)
	if v != "32" {
		t.Fatalf("value %q, stdout %q", v, rec.stream("stdout"))
	}
	// A mat.Dense from the package is gocalc's own mat.Dense.
	v, _ = mustRun(t, in, `dm := simple.NewDirectedMatrix(2, 0, 0, 0)
dm.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(0), T: simple.Node(1), W: 5})
var md *mat.Dense = dm.Matrix().(*mat.Dense)
md.At(0, 1) + m.At(1, 0)`)
	if v != "6" {
		t.Fatalf("value %q", v)
	}
}

func TestModuleErrorsKeepSession(t *testing.T) {
	in, dir := moduleInterp(t)
	mustRun(t, in, "keep := 7")
	_, _, err := run(t, in, "import \"github.com/gocalc/no-such-module-anywhere/pkg\"\nkeep = 8")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrImport || !strings.Contains(e.Value, "1:8: importing \"github.com/gocalc/no-such-module-anywhere/pkg\"") {
		t.Fatalf("got %v", err)
	}
	if v, _ := mustRun(t, in, "keep"); v != "7" {
		t.Errorf("keep = %q after a failed import", v)
	}
	// A generic package that yaegi fails to interpret (samber/lo v1.53.0,
	// pinned: retry.go has a conversion yaegi v0.16.1 rejects), needed
	// because a generic function is called with a cell's type, is said
	// so, with the package's own file and line, and the session lives on.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module notebook\n\ngo 1.26\n\nrequire github.com/samber/lo v1.53.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, in, "type K struct{ N int }\nfunc (k K) Twice() int { return 2 * k.N }\nk := K{21}")
	_, _, err = run(t, in, "import \"github.com/samber/lo\"\nlo.Uniq([]K{{1}, {1}})")
	if !errors.As(err, &e) || e.Name != ErrImport || !strings.Contains(e.Value, "this cell needs github.com/samber/lo interpreted from source") || !strings.Contains(e.Value, "lo@v1.53.0/retry.go:") {
		t.Fatalf("got %v", err)
	}
	if v, _ := mustRun(t, in, "keep + k.Twice()"); v != "49" {
		t.Errorf("keep + k.Twice() = %q after a failed import", v)
	}
}

// BenchmarkModuleCall compares a call into an imported module's package
// with the same work done by a preloaded package: summing 100 floats,
// 1000 times in a cell's loop, with montanaflynn/stats's Sum and with
// gonum's floats.Sum.
func BenchmarkModuleCall(b *testing.B) {
	in, _ := moduleInterp(b)
	mustRun(b, in, "import \"github.com/montanaflynn/stats\"\ndata := make([]float64, 100)\nfor i := range data { data[i] = float64(i) }\nsd := stats.Float64Data(data)")
	for _, c := range []struct{ name, cell string }{
		{"module", "import \"github.com/montanaflynn/stats\"\nfor i := 0; i < 1000; i++ { s, _ := stats.Sum(sd); _ = s }"},
		{"preloaded", "for i := 0; i < 1000; i++ { s := floats.Sum(data); _ = s }"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				mustRun(b, in, c.cell)
			}
		})
	}
}

// Calls of a generic package's functions with type arguments that exist
// outside the cells run compiled instances: samber/lo, which yaegi cannot
// interpret, works for them; golang.org/x/exp/slices.Sort, which
// overflows yaegi's stack when interpreted (a crash of the process), runs
// compiled; a call with a cell's type is interpreted.
func TestModuleGenericCompiledInstances(t *testing.T) {
	in, dir := moduleInterp(t)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module notebook\n\ngo 1.26\n\nrequire github.com/samber/lo v1.53.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, in, "n := 4")
	v, rec := mustRun(t, in, `import "github.com/samber/lo"
fmt.Println(lo.Map([]int{1, 2, 3}, func(x int, _ int) string { return fmt.Sprint(x * x) }))
fmt.Println(lo.Uniq([]int{1, 1, 2}), lo.Sum([]float64{1, 2.5}))
lo.Max([]int{n, 9, 2})`)
	out := rec.stream("stdout")
	if v != "9" || !strings.Contains(out, "[1 4 9]\n[1 2] 3.5\n") {
		t.Fatalf("value %q, stdout %q", v, out)
	}
	if !strings.Contains(out, "go: compiled lo.Map[int, string], lo.Uniq[int, []int], lo.Sum[float64], lo.Max[int] in") {
		t.Errorf("the compiled instances were not announced: %q", out)
	}
	// Again: the instances are loaded, nothing is built.
	if v, rec := mustRun(t, in, "import \"github.com/samber/lo\"\nlo.Max([]int{1, n})"); v != "4" || rec.stream("stdout") != "" {
		t.Errorf("value %q, stdout %q", v, rec.stream("stdout"))
	}
	v, rec = mustRun(t, in, `import "golang.org/x/exp/slices"
s := []int{3, 1, 2}
slices.Sort(s)
type P struct{ N int }
ps := []P{{2}, {1}}
slices.SortFunc(ps, func(a, b P) int { return a.N - b.N })
fmt.Println(s, ps, slices.Index(s, 2))`)
	if out := rec.stream("stdout"); !strings.HasSuffix(out, "[1 2 3] [{1} {2}] 1\n") || !strings.Contains(out, "go: compiled slices.Sort[[]int, int], slices.Index[[]int, int] in") {
		t.Fatalf("stdout %q", out)
	}
}

// A module that the go.mod beside the notebook replaces with a directory
// is built from that directory: the compiler's message when it does not
// build, the code once fixed, a warning when it changes after loading.
func TestModuleLocalReplace(t *testing.T) {
	in, dir := moduleInterp(t)
	lib := filepath.Join(dir, "mylib")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module notebook\n\ngo 1.26\n\nrequire example.com/mylib v0.0.0\n\nreplace example.com/mylib => ./mylib\n")
	write("mylib/go.mod", "module example.com/mylib\n\ngo 1.26\n")
	write("mylib/lib.go", "package mylib\n\n// Double doubles.\nfunc Double(x int) int { return 2 * x + \"\" }\n")
	mustRun(t, in, "kept := 5")
	_, _, err := run(t, in, "import \"example.com/mylib\"\nmylib.Double(kept)")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrImport || !strings.Contains(e.Value, "building example.com/mylib failed") || !strings.Contains(e.Value, "lib.go:4:") || !strings.Contains(e.Value, "mismatched types") {
		t.Fatalf("got %v", err)
	}
	write("mylib/lib.go", "package mylib\n\n// Double doubles.\nfunc Double(x int) int { return 2 * x }\n")
	v, rec := mustRun(t, in, "import \"example.com/mylib\"\nmylib.Double(kept)")
	if v != "10" || !strings.Contains(rec.stream("stdout"), "example.com/mylib local-") {
		t.Fatalf("value %q, stdout %q", v, rec.stream("stdout"))
	}
	write("mylib/lib.go", "package mylib\n\n// Double doubles.\nfunc Double(x int) int { return 3 * x }\n")
	v, rec = mustRun(t, in, "import \"example.com/mylib\"\nmylib.Double(kept)")
	if v != "10" || !strings.Contains(rec.stream("stderr"), "restart the kernel to use the new code") {
		t.Fatalf("value %q, stderr %q", v, rec.stream("stderr"))
	}
}
