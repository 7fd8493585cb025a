package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fakeBinary writes an executable file standing for the gocalc binary.
func fakeBinary(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "gocalc")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho gocalc\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func readSpec(t *testing.T, dir string) Spec {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s Spec
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("kernel.json: %v\n%s", err, b)
	}
	return s
}

func TestInstallWritesKernelspec(t *testing.T) {
	root := t.TempDir()
	bin := fakeBinary(t, filepath.Join(root, "bin"))
	data := filepath.Join(root, "data")
	res, err := Install(Options{DataDir: data, Binary: bin})
	if err != nil {
		t.Fatal(err)
	}
	wantDir := filepath.Join(data, "kernels", "gocalc")
	if res.Dir != wantDir || res.Binary != bin || res.Copied {
		t.Errorf("result = %+v, want dir %s binary %s not copied", res, wantDir, bin)
	}
	got := readSpec(t, wantDir)
	want := Spec{
		Argv:          []string{bin, "kernel", "{connection_file}"},
		DisplayName:   "Go (gocalc)",
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{"debugger": true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spec = %+v, want %+v", got, want)
	}
	for _, f := range []struct {
		name string
		size int
	}{{"logo-32x32.png", 32}, {"logo-64x64.png", 64}} {
		b, err := os.ReadFile(filepath.Join(wantDir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if s := img.Bounds().Size(); s.X != f.size || s.Y != f.size {
			t.Errorf("%s is %v, want %dx%d", f.name, s, f.size, f.size)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(data, "kernels"))
	if len(entries) != 1 {
		t.Errorf("kernels/ holds %d entries, want only gocalc (no temporary folder left)", len(entries))
	}
}

func TestInstallReplacesAndUninstallRemoves(t *testing.T) {
	root := t.TempDir()
	bin := fakeBinary(t, filepath.Join(root, "bin"))
	data := filepath.Join(root, "data")
	if _, err := Install(Options{DataDir: data, Binary: bin, Name: "Go-Calc", DisplayName: "First"}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(data, "kernels", "go-calc")
	stale := filepath.Join(dir, "stale.txt")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(Options{DataDir: data, Binary: bin, Name: "go-calc", DisplayName: "Second"}); err != nil {
		t.Fatal(err)
	}
	if got := readSpec(t, dir).DisplayName; got != "Second" {
		t.Errorf("display name after reinstall = %q, want Second", got)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file of the old spec survived the reinstall: %v", err)
	}
	removed, err := Uninstall(data, "go-calc")
	if err != nil || removed != dir {
		t.Fatalf("Uninstall = %q, %v; want %q, nil", removed, err, dir)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("kernelspec still there after uninstall: %v", err)
	}
	if _, err := Uninstall(data, "go-calc"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("second Uninstall error = %v, want ErrNotExist", err)
	}
}

func TestInstallCopiesTemporaryBinary(t *testing.T) {
	root := t.TempDir()
	bin := fakeBinary(t, filepath.Join(root, "go-build1234", "b001", "exe"))
	data := filepath.Join(root, "data")
	res, err := Install(Options{DataDir: data, Binary: bin})
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(data, "kernels", "gocalc", "gocalc")
	if !res.Copied || res.Binary != want {
		t.Fatalf("result = %+v, want a copy at %s", res, want)
	}
	if got := readSpec(t, res.Dir).Argv[0]; got != want {
		t.Errorf("argv[0] = %q, want %q", got, want)
	}
	fi, err := os.Stat(want)
	if err != nil || fi.Mode().Perm()&0o100 == 0 {
		t.Fatalf("copied binary: %v, mode %v", err, fi.Mode())
	}

	// Installing again from the copy must keep a working binary although
	// the folder holding it is replaced.
	res2, err := Install(Options{DataDir: data, Binary: want})
	if err != nil {
		t.Fatal(err)
	}
	if !res2.Copied || res2.Binary != want {
		t.Errorf("reinstall from the copy: %+v", res2)
	}
	if b, err := os.ReadFile(want); err != nil || !bytes.Contains(b, []byte("echo gocalc")) {
		t.Errorf("binary after reinstall from itself: %q, %v", b, err)
	}
}

func TestCleanName(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"", "gocalc", true},
		{"GoCalc", "gocalc", true},
		{"go_calc-1.2", "go_calc-1.2", true},
		{"go calc", "", false},
		{"../x", "", false},
		{"..", "", false},
		{"é", "", false},
	} {
		got, err := CleanName(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("CleanName(%q) = %q, %v; want %q ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestDataDirs(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/srv/jdata")
	if got, _ := UserDataDir(); got != "/srv/jdata" {
		t.Errorf("UserDataDir with JUPYTER_DATA_DIR = %q", got)
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ada")
	if got, _ := UserDataDir(); got != "/home/ada/.local/share/jupyter" {
		t.Errorf("UserDataDir default = %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if got, _ := UserDataDir(); got != "/xdg/jupyter" {
		t.Errorf("UserDataDir with XDG_DATA_HOME = %q", got)
	}

	t.Setenv("VIRTUAL_ENV", "")
	t.Setenv("CONDA_PREFIX", "")
	if _, err := SysPrefixDataDir(); !errors.Is(err, ErrNoSysPrefix) {
		t.Errorf("SysPrefixDataDir without env: %v", err)
	}
	t.Setenv("CONDA_PREFIX", "/opt/conda")
	if got, _ := SysPrefixDataDir(); got != "/opt/conda/share/jupyter" {
		t.Errorf("SysPrefixDataDir conda = %q", got)
	}
	t.Setenv("VIRTUAL_ENV", "/venv")
	if got, _ := SysPrefixDataDir(); got != "/venv/share/jupyter" {
		t.Errorf("SysPrefixDataDir venv = %q", got)
	}
	if got, _ := PrefixDataDir("/usr/local"); got != "/usr/local/share/jupyter" {
		t.Errorf("PrefixDataDir = %q", got)
	}
}

func TestIsTemporary(t *testing.T) {
	for bin, want := range map[string]bool{
		"/tmp/go-build2604/b001/exe/gocalc": true,
		"/root/go/bin/gocalc":               false,
		"/work/main/bin/gocalc":             false,
		"/tmp/gocalc":                       false,
	} {
		if got := IsTemporary(bin); got != want {
			t.Errorf("IsTemporary(%q) = %v, want %v", bin, got, want)
		}
	}
}

func TestLogoPixels(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Logo(64)))
	if err != nil {
		t.Fatal(err)
	}
	// The corner is outside the rounded square: transparent.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha = %d, want 0", a)
	}
	// Near the left edge, mid-height: pure Go blue.
	if r, g, b, a := img.At(6, 32).RGBA(); r>>8 != 0x00 || g>>8 != 0xAD || b>>8 != 0xD8 || a>>8 != 0xFF {
		t.Errorf("background = %x %x %x %x, want 00 ad d8 ff", r>>8, g>>8, b>>8, a>>8)
	}
	// The middle of the stem is white.
	if r, g, b, _ := img.At(32, 32).RGBA(); r>>8 != 0xFF || g>>8 != 0xFF || b>>8 != 0xFF {
		t.Errorf("stem = %x %x %x, want white", r>>8, g>>8, b>>8)
	}
}
