package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// DefaultName is the kernelspec name used when none is given.
const DefaultName = "gocalc"

// DefaultDisplayName is the name shown in Jupyter's kernel picker by default.
const DefaultDisplayName = "Go (gocalc)"

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

// NewSpec returns the kernelspec that starts binary as a kernel.
func NewSpec(binary, displayName string) Spec {
	if displayName == "" {
		displayName = DefaultDisplayName
	}
	return Spec{
		Argv:          []string{binary, "kernel", "{connection_file}"},
		DisplayName:   displayName,
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{"debugger": true},
	}
}

// Options says what to install where. The zero value of each field but
// DataDir means its default.
type Options struct {
	DataDir     string // the Jupyter data dir; the spec goes in DataDir/kernels/Name
	Name        string // kernelspec name; DefaultName when empty
	DisplayName string // DefaultDisplayName when empty
	Binary      string // the gocalc binary; os.Executable() when empty
}

// Result tells what Install did.
type Result struct {
	Dir    string // the kernelspec folder
	Binary string // the absolute binary path kernel.json starts
	Copied bool   // whether Binary is a copy made because the original was temporary
}

// BinaryName is the file name of a binary copied into a kernelspec folder.
const BinaryName = "gocalc"

var namePattern = regexp.MustCompile(`^[a-z0-9._-]+$`)

// CleanName lower-cases name and checks it against Jupyter's kernel name
// pattern; an empty name gives DefaultName.
func CleanName(name string) (string, error) {
	if name == "" {
		return DefaultName, nil
	}
	n := strings.ToLower(name)
	if !namePattern.MatchString(n) || n == "." || n == ".." {
		return "", fmt.Errorf("invalid kernel name %q: use letters, digits, '.', '_' and '-' only", name)
	}
	return n, nil
}

// KernelDir returns the kernelspec folder for name under dataDir.
func KernelDir(dataDir, name string) string {
	return filepath.Join(dataDir, "kernels", name)
}

// Install writes the kernelspec, replacing any existing one of the same
// name. The new folder is built beside the old one and renamed into place,
// so a failure leaves the old spec as it was.
func Install(opts Options) (*Result, error) {
	if opts.DataDir == "" {
		return nil, errors.New("install: no data dir")
	}
	name, err := CleanName(opts.Name)
	if err != nil {
		return nil, err
	}
	bin := opts.Binary
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("finding the gocalc binary: %w", err)
		}
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return nil, err
	}
	if resolved, err := filepath.EvalSymlinks(bin); err == nil {
		bin = resolved
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("gocalc binary: %w", err)
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, err
	}
	dir := KernelDir(dataDir, name)
	kernels := filepath.Dir(dir)
	if err := os.MkdirAll(kernels, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(kernels, "."+name+".new-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}

	res := &Result{Dir: dir, Binary: bin}
	if IsTemporary(bin) || within(bin, dir) {
		if err := copyFile(bin, filepath.Join(tmp, BinaryName), 0o755); err != nil {
			return nil, fmt.Errorf("copying the gocalc binary: %w", err)
		}
		res.Binary, res.Copied = filepath.Join(dir, BinaryName), true
	}
	spec, err := json.MarshalIndent(NewSpec(res.Binary, opts.DisplayName), "", " ")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"kernel.json":    append(spec, '\n'),
		"logo-32x32.png": Logo(32),
		"logo-64x64.png": Logo(64),
	}
	for f, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
			return nil, err
		}
	}
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return nil, fmt.Errorf("replacing %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return nil, err
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return res, fmt.Errorf("removing the old kernelspec: %w", err)
		}
	}
	return res, nil
}

// Uninstall removes the kernelspec called name (DefaultName when empty)
// from dataDir. It returns the removed folder, or an error wrapping
// fs.ErrNotExist when there was none.
func Uninstall(dataDir, name string) (string, error) {
	name, err := CleanName(name)
	if err != nil {
		return "", err
	}
	dir := KernelDir(dataDir, name)
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("no kernelspec %q in %s: %w", name, filepath.Dir(dir), fs.ErrNotExist)
		}
		return "", err
	}
	return dir, os.RemoveAll(dir)
}

// IsTemporary reports whether bin looks like a binary that `go run` or
// `go test` built in a temporary folder, which is deleted when it exits.
func IsTemporary(bin string) bool {
	for _, part := range strings.Split(filepath.ToSlash(filepath.Dir(bin)), "/") {
		if strings.HasPrefix(part, "go-build") {
			return true
		}
	}
	return false
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
