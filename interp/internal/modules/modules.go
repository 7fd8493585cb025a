// Package modules brings a Go package that is neither in the standard
// library nor preloaded into a session: it fetches the package's module
// with the user's own go command and settings, builds the package as a Go
// plugin holding its yaegi symbol table (so that its code runs compiled,
// as the preloaded packages' does), and loads the plugin into the process.
//
// A package whose exported API is generic has no compiled code to call
// until it is instantiated: such a package is interpreted from its source
// instead, and the Package says so and why.
//
// Builds are cached under the user's cache directory, keyed by the
// package, its module's version and the running binary's build (its Go
// version, flags and the versions of every module it links), so that two
// versions never mix and a second import, also in a new process, loads
// the cached plugin without the network or the go command.
//
// Versions come from a go.mod file in the notebook's directory when it
// requires the package's module; otherwise the latest version is fetched
// and written there, so that later runs get the same one.
package modules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Package is an imported package, ready for a session.
type Package struct {
	Path    string `json:"path"`    // import path
	Name    string `json:"name"`    // package name
	Module  string `json:"module"`  // the module that provides it
	Version string `json:"version"` // the module's version

	// Source is true when the package is interpreted from its source
	// rather than compiled; Why says why.
	Source bool   `json:"source,omitempty"`
	Why    string `json:"why,omitempty"`

	// Exports maps the import path of the package and of each of its
	// dependencies outside the standard library to its export data file,
	// for the type checker.
	Exports map[string]string `json:"exports"`
	// Dirs maps the same import paths to their source directories (for
	// packages interpreted from source).
	Dirs map[string]string `json:"dirs,omitempty"`
	// Local is the directory of the module when the pin file replaces it
	// with one (Version is then a digest of its content).
	Local string `json:"local,omitempty"`
	// Docs is a JSON file of the package's documentation (godoc.Entry
	// values keyed as godoc.Add keys them), when it could be read.
	Docs string `json:"docs,omitempty"`
	// Plugin is the plugin file of a compiled package.
	Plugin string `json:"plugin,omitempty"`

	// Symbols is the yaegi symbol table of a compiled package.
	Symbols map[string]map[string]reflect.Value `json:"-"`
	// PinErr says why the version could not be recorded in the pin file.
	PinErr error `json:"-"`
	// Built is true when this call fetched and built the package, false
	// when it came from the cache or was already loaded.
	Built bool `json:"-"`
}

// Manager imports packages. Its zero value is not usable: set Cache, or
// use New.
type Manager struct {
	// Cache is the root of the build cache.
	Cache string
	// Dir is the directory whose go.mod pins module versions (the
	// notebook's). Empty: versions are not pinned and not recorded.
	Dir string
	// Env is the go command's environment; nil means the process's.
	Env []string
	// Known tells which packages the interpreter has already (compiled
	// in): they are not built again.
	Known func(path string) bool
	// Progress, when set, hears of each step of a build.
	Progress func(step string, i, n int)
}

// New returns a manager with its cache under the user's cache directory
// (or $GOCALC_CACHE) and pins in dir.
func New(dir string, env []string) (*Manager, error) {
	root := os.Getenv("GOCALC_CACHE")
	if root == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("no cache directory for modules: %w", err)
		}
		root = filepath.Join(c, "gocalc")
	}
	return &Manager{Cache: filepath.Join(root, "modules"), Dir: dir, Env: env}, nil
}

// The packages loaded into this process, by import path: a plugin loads
// once per process, and every session of the process shares it.
var (
	loadMu sync.Mutex
	loaded = map[string]*Package{}
)

// Loaded returns the packages loaded into the process, sorted by path.
func Loaded() []*Package {
	loadMu.Lock()
	defer loadMu.Unlock()
	out := make([]*Package, 0, len(loaded))
	for _, p := range loaded {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Import makes the package at path ready: from this process, from the
// cache, or fetched and built.
func (m *Manager) Import(ctx context.Context, path string) (*Package, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if p := loaded[path]; p != nil {
		return p, nil
	}
	h := thisHost()
	if mod, dir := m.localReplace(path); dir != "" {
		return m.importLocal(ctx, path, mod, dir)
	}
	mod, ver := m.pinned(path)
	if hv, ok := h.deps[mod]; ok && mod != "" && ver != hv {
		return nil, fmt.Errorf("%s pins %s %s, but gocalc is built with %s %s and the two must be the same: require %s %s in %s",
			m.pinFile(), mod, ver, mod, hv, mod, hv, m.pinFile())
	}
	if mod == "" {
		// A package of a module gocalc itself links comes at gocalc's version.
		for dm, dv := range h.deps {
			if (path == dm || strings.HasPrefix(path, dm+"/")) && len(dm) > len(mod) {
				mod, ver = dm, dv
			}
		}
	}
	if ver != "" {
		if p, err := m.fromCache(m.buildDir(path, mod, ver)); err == nil {
			return m.finish(p)
		}
	}
	p, err := m.buildFrom(ctx, path, mod, ver, "")
	if err != nil {
		return nil, err
	}
	p.Built = true
	if err := m.pin(p.Module, p.Version); err != nil {
		// The package works; only the record of its version is missing.
		p.PinErr = err
	}
	return m.finish(p)
}

// importLocal imports a package of a module that the pin file replaces
// with a directory: built from that directory, keyed by its content.
func (m *Manager) importLocal(ctx context.Context, path, mod, dir string) (*Package, error) {
	if st, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil || st.IsDir() {
		return nil, fmt.Errorf("%s replaces %s with %s, which holds no go.mod", m.pinFile(), mod, dir)
	}
	ver, err := contentVersion(dir)
	if err != nil {
		return nil, err
	}
	if p, err := m.fromCache(m.buildDir(path, mod, ver)); err == nil {
		return m.finish(p)
	}
	p, err := m.buildFrom(ctx, path, mod, ver, dir)
	if err != nil {
		return nil, err
	}
	p.Built = true
	return m.finish(p)
}

// finish loads a package's plugin and records it as loaded.
func (m *Manager) finish(p *Package) (*Package, error) {
	if p.Plugin != "" {
		syms, err := openPlugin(p.Plugin)
		if err != nil {
			return nil, fmt.Errorf("loading the plugin built for %s: %w", p.Path, err)
		}
		p.Symbols = syms
	}
	registerSources(p.Dirs)
	loaded[p.Path] = p
	return p, nil
}

// buildDir is where a package built at a module version lives.
func (m *Manager) buildDir(path, mod, ver string) string {
	d := sha256.Sum256([]byte(thisHost().key + "\x00" + path + "\x00" + mod + "@" + ver))
	safe := strings.NewReplacer("/", "_", "@", "_", ":", "_").Replace(path)
	if len(safe) > 60 {
		safe = safe[len(safe)-60:]
	}
	return filepath.Join(m.Cache, safe+"-"+hex.EncodeToString(d[:])[:16])
}

const manifestName = "package.json"

// fromCache reads a finished build.
func (m *Manager) fromCache(dir string) (*Package, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	var p Package
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, err
	}
	for k, f := range p.Exports {
		p.Exports[k] = filepath.Join(dir, f)
		if _, err := os.Stat(p.Exports[k]); err != nil {
			return nil, err
		}
	}
	if p.Plugin != "" {
		p.Plugin = filepath.Join(dir, p.Plugin)
	}
	if p.Docs != "" {
		p.Docs = filepath.Join(dir, p.Docs)
	}
	for _, d := range p.Dirs {
		if _, err := os.Stat(d); err != nil {
			return nil, err // the module cache was cleaned
		}
	}
	return &p, nil
}

// goCmd runs the go command in dir and returns its standard output; its
// error carries the command's standard error.
func (m *Manager) goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	env := m.env()
	goBin := lookGo(env)
	if goBin == "" {
		return nil, ErrNoToolchain
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return stdout.Bytes(), &CommandError{Args: args, Output: msg}
	}
	return stdout.Bytes(), nil
}

// ErrNoToolchain says that importing a new module needs the go command.
var ErrNoToolchain = errors.New("importing a package that is not preloaded needs the Go toolchain (the go command, " + thisHostVersion() + "), and go is not on PATH; everything else works without it")

func thisHostVersion() string { return thisHost().goVersion }

// CommandError is a go command that failed, with what it said.
type CommandError struct {
	Args   []string
	Output string
}

func (e *CommandError) Error() string {
	return "go " + strings.Join(e.Args, " ") + ":\n" + e.Output
}

// env is the go command's environment: the user's, with the toolchain,
// cgo and architecture settings of the running binary.
func (m *Manager) env() []string {
	h := thisHost()
	env := m.Env
	if env == nil {
		env = os.Environ()
	}
	out := make([]string, 0, len(env)+8)
	flags := ""
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOTOOLCHAIN", "CGO_ENABLED", "GOOS", "GOARCH", "GOAMD64", "GOARM64", "GOARM", "GO386", "GOEXPERIMENT", "GOWORK", "GO111MODULE":
			continue
		case "GOFLAGS":
			flags = v
			continue
		}
		out = append(out, kv)
	}
	if t := h.toolchain(); t != "" {
		out = append(out, "GOTOOLCHAIN="+t)
	}
	out = append(out, h.env...)
	cgo := "CGO_ENABLED=0"
	if h.cgo {
		cgo = "CGO_ENABLED=1"
	}
	out = append(out, cgo, "GOWORK=off", "GO111MODULE=on", "GOFLAGS="+strings.TrimSpace(flags+" -mod=mod"))
	return out
}

// Lookup returns the package at path if the process has loaded it.
func Lookup(path string) *Package {
	loadMu.Lock()
	defer loadMu.Unlock()
	return loaded[path]
}

// lookGo finds the go command on the PATH of env.
func lookGo(env []string) string {
	path := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		f := filepath.Join(dir, "go")
		if st, err := os.Stat(f); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return f
		}
	}
	return ""
}

// Stale tells whether a package of a local module has changed on disk
// since it was built.
func (p *Package) Stale() bool {
	if p.Local == "" {
		return false
	}
	v, err := contentVersion(p.Local)
	return err == nil && v != p.Version
}
