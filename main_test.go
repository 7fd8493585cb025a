package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestParseFlagsAfterArguments(t *testing.T) {
	for _, c := range []struct {
		args    []string
		pos     []string
		out     string
		allow   bool
		code    int
		done    bool
		min, mx int
	}{
		{args: []string{"nb.ipynb", "-o", "out.ipynb"}, pos: []string{"nb.ipynb"}, out: "out.ipynb", min: 1, mx: 1},
		{args: []string{"--allow-errors", "nb.ipynb", "--output=x"}, pos: []string{"nb.ipynb"}, out: "x", allow: true, min: 1, mx: 1},
		{args: []string{"--", "-weird.ipynb"}, pos: []string{"-weird.ipynb"}, min: 1, mx: 1},
		{args: []string{}, code: 2, done: true, min: 1, mx: 1},
		{args: []string{"a", "b"}, code: 2, done: true, min: 1, mx: 1},
		{args: []string{"--nope"}, code: 2, done: true, min: 0, mx: 0},
		{args: []string{"--help"}, code: 0, done: true, min: 1, mx: 1},
	} {
		fs := newFlagSet("run", "", "")
		out := fs.String("o", "", "")
		fs.StringVar(out, "output", "", "")
		allow := fs.Bool("allow-errors", false, "")
		devnull, _ := os.Open(os.DevNull)
		stdout, stderr := os.Stdout, os.Stderr
		os.Stdout, os.Stderr = devnull, devnull
		pos, code, done := parse(fs, c.args, c.min, c.mx)
		os.Stdout, os.Stderr = stdout, stderr
		devnull.Close()
		if code != c.code || done != c.done {
			t.Errorf("parse(%q) = code %d done %v, want %d %v", c.args, code, done, c.code, c.done)
			continue
		}
		if done {
			continue
		}
		if !reflect.DeepEqual(pos, c.pos) || *out != c.out || *allow != c.allow {
			t.Errorf("parse(%q) = %q, -o %q, allow %v; want %q, %q, %v", c.args, pos, *out, *allow, c.pos, c.out, c.allow)
		}
	}
}

func TestDurationFlag(t *testing.T) {
	for in, want := range map[string]time.Duration{"90s": 90 * time.Second, "2m": 2 * time.Minute, "30": 30 * time.Second, "0.5": 500 * time.Millisecond} {
		var f durationFlag
		if err := f.Set(in); err != nil || f.d != want {
			t.Errorf("Set(%q) = %v, %v; want %v", in, f.d, err, want)
		}
	}
	for _, bad := range []string{"soon", "-3", "-1s"} {
		var f durationFlag
		if err := f.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}

func TestLocationDataDir(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/j")
	t.Setenv("VIRTUAL_ENV", "/v")
	for _, c := range []struct {
		loc  location
		want string
		ok   bool
	}{
		{location{}, "/j", true},
		{location{user: true}, "/j", true},
		{location{sysPrefix: true}, "/v/share/jupyter", true},
		{location{prefix: "/p"}, "/p/share/jupyter", true},
		{location{user: true, prefix: "/p"}, "", false},
		{location{user: true, sysPrefix: true}, "", false},
	} {
		got, err := c.loc.dataDir()
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%+v.dataDir() = %q, %v; want %q ok=%v", c.loc, got, err, c.want, c.ok)
		}
	}
}

func TestInstallAndUninstallCommands(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	stdout := os.Stdout
	os.Stdout = devnull
	code := dispatch([]string{"install", "--name", "gocalc-test", "--display-name", "Go test"})
	os.Stdout = stdout
	if code != 0 {
		t.Fatalf("install exit status %d", code)
	}
	dir := filepath.Join(data, "kernels", "gocalc-test")
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		InterruptMode string   `json:"interrupt_mode"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	// The test binary lives in a go-build folder, so install copied it.
	wantBin := filepath.Join(dir, "gocalc")
	if !reflect.DeepEqual(spec.Argv, []string{wantBin, "kernel", "{connection_file}"}) || spec.DisplayName != "Go test" || spec.InterruptMode != "message" {
		t.Errorf("kernel.json = %+v", spec)
	}
	if fi, err := os.Stat(wantBin); err != nil || fi.Size() == 0 {
		t.Errorf("copied binary: %v", err)
	}
	os.Stdout = devnull
	code = dispatch([]string{"uninstall", "--name", "gocalc-test"})
	os.Stdout = stdout
	if code != 0 {
		t.Fatalf("uninstall exit status %d", code)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("kernelspec left after uninstall: %v", err)
	}
	os.Stderr, stdout = devnull, os.Stderr
	code = dispatch([]string{"uninstall", "--name", "gocalc-test"})
	os.Stderr = stdout
	if code != 1 {
		t.Errorf("uninstalling a missing kernelspec: status %d, want 1", code)
	}
}

func TestDispatchUnknownAndHelp(t *testing.T) {
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = devnull, devnull
	defer func() { os.Stdout, os.Stderr = stdout, stderr }()
	for _, c := range []struct {
		args []string
		want int
	}{
		{nil, 2}, {[]string{"bogus"}, 2}, {[]string{"--help"}, 0}, {[]string{"help"}, 0},
		{[]string{"help", "run"}, 0}, {[]string{"help", "nope"}, 2}, {[]string{"version"}, 0},
		{[]string{"install", "--help"}, 0}, {[]string{"run", "--help"}, 0}, {[]string{"uninstall", "-h"}, 0},
		{[]string{"run"}, 2}, {[]string{"version", "extra"}, 2},
	} {
		if got := dispatch(c.args); got != c.want {
			t.Errorf("gocalc %q: status %d, want %d", c.args, got, c.want)
		}
	}
}
