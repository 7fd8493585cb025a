package modules

import (
	"context"
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
		if p == "gonum.org/v1/gonum" {
			mod, ver = p, v
		}
	}
	if mod == "" {
		t.Skip("this binary does not link gonum")
	}
	if err := os.WriteFile(filepath.Join(m.Dir, "go.mod"), []byte("module notebook\n\ngo 1.26\n\nrequire gonum.org/v1/gonum v0.15.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := m.Import(context.Background(), "gonum.org/v1/gonum/graph/simple")
	if err == nil || !strings.Contains(err.Error(), "pins gonum.org/v1/gonum v0.15.0, but gocalc is built with gonum.org/v1/gonum "+ver) {
		t.Fatalf("got %v", err)
	}
}
