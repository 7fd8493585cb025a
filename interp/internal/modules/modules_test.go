package modules

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// These tests fetch real modules with the go command: they need it, and
// the module proxy.
func manager(t *testing.T) *Manager {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	return &Manager{Cache: filepath.Join(t.TempDir(), "modules"), Dir: t.TempDir()}
}

func TestImportCompiledAndPinned(t *testing.T) {
	m := manager(t)
	var stepsSeen []string
	m.Progress = func(step string, i, n int) { stepsSeen = append(stepsSeen, step) }
	p, err := m.Import(context.Background(), "github.com/google/go-cmp/cmp")
	if err != nil {
		t.Fatal(err)
	}
	if p.Source || p.Name != "cmp" || p.Module != "github.com/google/go-cmp" || !strings.HasPrefix(p.Version, "v0.") {
		t.Fatalf("got %+v", p)
	}
	if !p.Built || len(stepsSeen) != len(steps) {
		t.Errorf("built %v, steps %q", p.Built, stepsSeen)
	}
	syms := p.Symbols["github.com/google/go-cmp/cmp/cmp"]
	if !syms["Diff"].IsValid() || !syms["Equal"].IsValid() {
		t.Fatalf("symbols: %v", p.Symbols)
	}
	if got := syms["Equal"].Call([]reflect.Value{reflect.ValueOf([]int{1, 2}), reflect.ValueOf([]int{1, 2})})[0].Bool(); !got {
		t.Error("cmp.Equal([]int{1, 2}, []int{1, 2}) is false")
	}
	// The version is pinned beside the notebook.
	b, err := os.ReadFile(filepath.Join(m.Dir, "go.mod"))
	if err != nil || !strings.Contains(string(b), "github.com/google/go-cmp "+p.Version) {
		t.Fatalf("go.mod: %s %v", b, err)
	}
	// A second import in the same process is the loaded package.
	q, err := m.Import(context.Background(), "github.com/google/go-cmp/cmp")
	if err != nil || q != p {
		t.Fatalf("second import: %v %v", q, err)
	}
}

func TestPinConflictWithGocalc(t *testing.T) {
	m := manager(t)
	h := thisHost()
	mod, ver := "", ""
	for p, v := range h.deps {
		if p == "golang.org/x/mod" {
			mod, ver = p, v
		}
	}
	if mod == "" {
		t.Fatal("the test binary links golang.org/x/mod, but its build information does not say so")
	}
	if err := os.WriteFile(filepath.Join(m.Dir, "go.mod"), []byte("module notebook\n\ngo 1.26\n\nrequire golang.org/x/mod v0.20.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := m.Import(context.Background(), "golang.org/x/mod/semver")
	if err == nil || !strings.Contains(err.Error(), "pins golang.org/x/mod v0.20.0, but gocalc is built with golang.org/x/mod "+ver) {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkFirstImport fetches (from the module cache, once warm) and
// builds go-cmp into an empty build cache each time: the cost of a first
// import, without loading (a plugin loads once per process).
//
// With GOCALC_BENCH_COLD=1, each import also gets an empty module cache
// and an empty build cache (GOMODCACHE, GOCACHE): everything is
// downloaded and compiled, the standard library included, as on a new
// machine.
func BenchmarkFirstImport(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("no go command")
	}
	for i := 0; i < b.N; i++ {
		m := &Manager{Cache: filepath.Join(b.TempDir(), "modules")}
		if os.Getenv("GOCALC_BENCH_COLD") != "" {
			tmp := b.TempDir()
			m.Env = append(os.Environ(), "GOMODCACHE="+filepath.Join(tmp, "mod"), "GOCACHE="+filepath.Join(tmp, "build"))
			b.Cleanup(func() { exec.Command("chmod", "-R", "u+w", tmp).Run() }) // the module cache is read-only
		}
		if _, err := m.build(context.Background(), "github.com/google/go-cmp/cmp", "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCachedImport is a second import of a built package, as a new
// process does it: reading the cache and opening the plugin.
func BenchmarkCachedImport(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("no go command")
	}
	// Not a b.TempDir: the process keeps the plugin it loaded in a first
	// run of the benchmark, from its directory.
	if benchCache == "" {
		d, err := os.MkdirTemp("", "gocalc-bench-modules-")
		if err != nil {
			b.Fatal(err)
		}
		benchCache = d
	}
	m := &Manager{Cache: benchCache, Dir: b.TempDir()}
	p, err := m.Import(context.Background(), "github.com/google/go-cmp/cmp")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Dir(p.Plugin) // the process may have loaded it from an earlier run
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q, err := m.fromCache(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := openPlugin(q.Plugin); err != nil {
			b.Fatal(err)
		}
	}
}

var benchCache string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchCache != "" {
		os.RemoveAll(benchCache)
	}
	os.Exit(code)
}

// A package whose module needs a newer version of a module gocalc links
// (golang.org/x/tools needs a newer golang.org/x/mod than this binary's)
// is refused, with what conflicts.
func TestVersionConflictWithGocalc(t *testing.T) {
	m := manager(t)
	_, err := m.Import(context.Background(), "golang.org/x/tools/go/packages")
	if err == nil || !strings.Contains(err.Error(), "version conflict with gocalc's own dependencies") || !strings.Contains(err.Error(), "needs golang.org/x/mod v0.") {
		t.Fatalf("got %v", err)
	}
	t.Log(err)
}

func TestNoToolchain(t *testing.T) {
	m := &Manager{Cache: t.TempDir(), Dir: t.TempDir(), Env: []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir()}}
	_, err := m.Import(context.Background(), "github.com/gocalc/not-loaded-here/pkg")
	if !errors.Is(err, ErrNoToolchain) || !strings.Contains(err.Error(), "needs the Go toolchain") {
		t.Fatalf("got %v", err)
	}
}

func TestInterruptedFetch(t *testing.T) {
	m := manager(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Import(ctx, "github.com/google/go-cmp/cmp/cmpopts"); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

// Without the network (here: GOPROXY=off), a module that is not in the
// go command's module cache cannot be fetched, and the error says why.
func TestNoNetwork(t *testing.T) {
	m := manager(t)
	m.Env = append(os.Environ(), "GOPROXY=off")
	_, err := m.Import(context.Background(), "github.com/gocalc/not-in-any-cache/pkg")
	if err == nil || !strings.Contains(err.Error(), "cannot fetch github.com/gocalc/not-in-any-cache/pkg@latest") {
		t.Fatalf("got %v", err)
	}
	t.Log(err)
}

// A version that cannot be recorded (here the pin file is a directory)
// leaves the package usable and says why. cmpopts also shares go-cmp/cmp
// with the plugin TestImportCompiledAndPinned may have loaded: two plugins
// of one process can hold the same package.
func TestUnpinnableStillImports(t *testing.T) {
	m := manager(t)
	if err := os.Mkdir(filepath.Join(m.Dir, "go.mod"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := m.Import(context.Background(), "github.com/google/go-cmp/cmp/cmpopts")
	if err != nil {
		t.Fatal(err)
	}
	if p.PinErr == nil || p.Symbols["github.com/google/go-cmp/cmp/cmpopts/cmpopts"]["EquateEmpty"].Kind() != reflect.Func {
		t.Fatalf("pin error %v, symbols %v", p.PinErr, p.Symbols)
	}
}
