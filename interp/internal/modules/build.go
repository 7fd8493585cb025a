package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/godoc"
)

// listed is what `go list -json` says of a package.
type listed struct {
	ImportPath string
	Name       string
	Dir        string
	Export     string
	Standard   bool
	Imports    []string
	GoFiles    []string
	CgoFiles   []string
	SFiles     []string
	Module     *struct {
		Path    string
		Version string
		Replace *struct{ Path, Version string }
	}
	Error *struct{ Err string }
}

// steps of a build, for progress.
var steps = []string{"resolving", "fetching", "listing", "extracting symbols", "compiling"}

func (m *Manager) step(i int, what string) {
	if m.Progress != nil {
		m.Progress(steps[i]+" "+what, i, len(steps))
	}
}

// build fetches and builds the package at path into the cache. mod and
// ver are the pinned module and version ("" when not pinned).
func (m *Manager) build(ctx context.Context, path, mod, ver string) (*Package, error) {
	return m.buildFrom(ctx, path, mod, ver, "")
}

// buildFrom is build, with the module mod taken from the directory local
// when it is not "" (ver is then gocalc's content version of it).
func (m *Manager) buildFrom(ctx context.Context, path, mod, ver, local string) (*Package, error) {
	h := thisHost()
	if err := os.MkdirAll(m.Cache, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp(m.Cache, "build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	// A module that requires every module gocalc links, at gocalc's
	// versions: what the package shares with gocalc is then built from the
	// same code.
	var gomod strings.Builder
	// The module path is the plugin's path, which must be unique in a
	// process.
	fmt.Fprintf(&gomod, "module gocalc.plugin/%s\n\ngo %s\n\nrequire (\n", strings.NewReplacer(".", "_", "~", "_").Replace(path), h.goDirective())
	deps := make([]string, 0, len(h.deps))
	for p := range h.deps {
		deps = append(deps, p)
	}
	sort.Strings(deps)
	for _, p := range deps {
		fmt.Fprintf(&gomod, "\t%s %s\n", p, h.deps[p])
	}
	gomod.WriteString(")\n")
	if local != "" {
		fmt.Fprintf(&gomod, "\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n", mod, mod, local)
	}
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte(gomod.String()), 0o644); err != nil {
		return nil, err
	}
	query := "latest"
	if ver != "" {
		query = ver
	}
	m.step(0, path+"@"+query)
	m.step(1, path+"@"+query)
	// (A local module's own requirements are resolved by go list below,
	// with -mod=mod.)
	if local == "" {
		if _, err := m.goCmd(ctx, work, "get", path+"@"+query); err != nil {
			return nil, fetchError(path, query, err)
		}
	}
	m.step(2, path)
	out, err := m.goCmd(ctx, work, "list", "-e", "-deps", "-export", "-json", path)
	if err != nil {
		return nil, fmt.Errorf("building %s failed:\n%w", path, unwrapCmd(err))
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var l listed
		if err := dec.Decode(&l); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list's output: %w", err)
		}
		pkgs = append(pkgs, l)
	}
	if len(pkgs) == 0 || pkgs[len(pkgs)-1].ImportPath != path {
		return nil, fmt.Errorf("go list did not list %s", path)
	}
	top := pkgs[len(pkgs)-1]
	var broken []string
	for _, l := range pkgs {
		if l.Error != nil {
			broken = append(broken, l.Error.Err)
		}
	}
	if len(broken) > 0 {
		return nil, fmt.Errorf("building %s failed:\n%s", path, strings.Join(broken, "\n"))
	}
	if top.Name == "main" {
		return nil, fmt.Errorf("%s is a program (package main), not a package a cell can import", path)
	}
	if top.Module == nil {
		return nil, fmt.Errorf("%s belongs to no module", path)
	}
	p := &Package{Path: path, Name: top.Name, Module: top.Module.Path, Version: top.Module.Version,
		Exports: map[string]string{}, Dirs: map[string]string{}}
	if local != "" {
		p.Version, p.Local = ver, local
	}

	// What the package shares with gocalc must be the very code gocalc
	// was built with.
	var conflicts []string
	var cgo []string
	exports := map[string]string{}
	for _, l := range pkgs {
		exports[l.ImportPath] = l.Export
		if l.Standard {
			continue
		}
		if l.Module == nil {
			continue
		}
		if l.Module.Path == h.main {
			return nil, fmt.Errorf("%s imports %s, a package of gocalc itself: import gocalc's packages directly in a cell", path, l.ImportPath)
		}
		if l.Module.Path == mod && local != "" {
			// the local module itself
		} else if hv, ok := h.deps[l.Module.Path]; ok && (hv != l.Module.Version || l.Module.Replace != nil) {
			conflicts = append(conflicts, fmt.Sprintf("%s needs %s %s, but gocalc is built with %s", path, l.Module.Path, l.Module.Version, hv))
		}
		if h.replaced[l.Module.Path] {
			conflicts = append(conflicts, fmt.Sprintf("%s needs %s, which gocalc was built with replaced", path, l.Module.Path))
		}
		if len(l.CgoFiles) > 0 || len(l.SFiles) > 0 {
			cgo = append(cgo, l.ImportPath)
		}
		if l.Export == "" {
			return nil, fmt.Errorf("go list gave no export data for %s", l.ImportPath)
		}
		rel := filepath.Join("export", strings.ReplaceAll(l.ImportPath, "/", "_")+".a")
		if err := copyFile(l.Export, filepath.Join(work, rel)); err != nil {
			return nil, err
		}
		p.Exports[l.ImportPath] = rel
		p.Dirs[l.ImportPath] = l.Dir
	}
	if len(conflicts) > 0 {
		sort.Strings(conflicts)
		conflicts = dedup(conflicts)
		return nil, fmt.Errorf("version conflict with gocalc's own dependencies:\n  %s\nA package shared by gocalc and an imported package must be the same version in both. Require an older version of %s that works with gocalc's (in the go.mod beside the notebook), or rebuild gocalc with the newer one",
			strings.Join(conflicts, "\n  "), p.Module)
	}

	compiled, source, err := m.plan(path, pkgs, exports)
	if err != nil {
		return nil, err
	}
	if g := source[path]; g != nil {
		p.Source = true
		if !canPlugin {
			p.Why = "this gocalc binary cannot load plugins (they need cgo on Linux, macOS or FreeBSD)"
		} else {
			p.Why = fmt.Sprintf("its API is generic (%s): a call whose type arguments exist outside the cells is compiled for them; a generic type, a constraint, or a call with a type declared in a cell is interpreted", strings.Join(firstN(g, 3), ", "))
		}
	}
	for k := range p.Dirs {
		if source[k] == nil {
			delete(p.Dirs, k)
		}
	}
	if len(cgo) > 0 {
		for _, c := range cgo {
			if source[c] != nil {
				if c == path && canPlugin {
					return nil, fmt.Errorf("%s is generic, so it must be interpreted, and it needs cgo or assembly, which cannot be interpreted", path)
				}
				return nil, fmt.Errorf("%s needs cgo or assembly (in %s), which cannot be interpreted, and this gocalc binary cannot load compiled plugins", path, c)
			}
		}
	}
	if len(compiled) > 0 {
		m.step(3, path)
		if err := os.WriteFile(filepath.Join(work, "symbols.go"), []byte(symbolsFile), 0o644); err != nil {
			return nil, err
		}
		args := append([]string{"run", "github.com/traefik/yaegi/cmd/yaegi", "extract", "-name", "main"}, compiled...)
		if _, err := m.goCmd(ctx, work, args...); err != nil {
			return nil, fmt.Errorf("extracting the symbols of %s failed:\n%w", path, unwrapCmd(err))
		}
		m.step(4, path)
		args = append([]string{"build", "-buildmode=plugin"}, h.flags...)
		args = append(args, "-o", "package.so", ".")
		if _, err := m.goCmd(ctx, work, args...); err != nil {
			if msg := unwrapCmd(err).Error(); strings.Contains(msg, "C compiler") && len(cgo) > 0 {
				return nil, fmt.Errorf("%s needs cgo (in %s), and the go command found no C compiler: install gcc or clang, or set CC. The go command said:\n%s", path, strings.Join(cgo, ", "), msg)
			}
			return nil, fmt.Errorf("compiling %s failed:\n%w", path, unwrapCmd(err))
		}
		p.Plugin = "package.so"
	}
	// The documentation Shift+Tab shows.
	docs := map[string]godoc.Entry{}
	if err := godoc.Add(docs, path, top.Dir, append(append([]string{}, top.GoFiles...), top.CgoFiles...)); err == nil {
		if b, err := json.Marshal(docs); err == nil && os.WriteFile(filepath.Join(work, "docs.json"), b, 0o644) == nil {
			p.Docs = "docs.json"
		}
	}
	b, err := json.MarshalIndent(p, "", "\t")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(work, manifestName), b, 0o644); err != nil {
		return nil, err
	}
	final := m.buildDir(path, p.Module, p.Version)
	if err := os.Rename(work, final); err != nil {
		// Built meanwhile by another process: use that one.
		if q, err2 := m.fromCache(final); err2 == nil {
			return q, nil
		}
		return nil, err
	}
	return m.fromCache(final)
}

const symbolsFile = `// Code generated by gocalc. DO NOT EDIT.

package main

import "reflect"

// Symbols is the yaegi symbol table of the package this plugin holds.
var Symbols = map[string]map[string]reflect.Value{}
`

// plan splits the packages the cell needs: compiled (into the plugin,
// their symbols extracted) and source (interpreted, with the generic
// names that make them so). The imported package is compiled unless its
// API is generic; a package interpreted from source has its imports
// compiled in turn, unless they are generic too or internal (a plugin
// cannot import another module's internal packages). Packages the
// interpreter already has are neither.
func (m *Manager) plan(path string, pkgs []listed, exports map[string]string) (compiled []string, source map[string][]string, err error) {
	byPath := map[string]*listed{}
	for i := range pkgs {
		byPath[pkgs[i].ImportPath] = &pkgs[i]
	}
	source = map[string][]string{}
	seen := map[string]bool{}
	var visit func(p string) error
	visit = func(p string) error {
		if seen[p] {
			return nil
		}
		seen[p] = true
		l := byPath[p]
		if l == nil || l.Standard || m.Known != nil && m.Known(p) {
			return nil
		}
		g, err := genericAPI(p, exports)
		if err != nil {
			return err
		}
		internal := strings.Contains(p, "/internal/") || strings.HasSuffix(p, "/internal")
		if canPlugin && len(g) == 0 && (p == path || !internal) {
			compiled = append(compiled, p)
			return nil
		}
		if g == nil {
			g = []string{}
		}
		source[p] = g
		for _, i := range l.Imports {
			if err := visit(i); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(path); err != nil {
		return nil, nil, err
	}
	sort.Strings(compiled)
	return compiled, source, nil
}

// genericAPI lists the exported names of the package that have no
// compiled form: generic functions and types, and constraint interfaces.
func genericAPI(path string, exports map[string]string) ([]string, error) {
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(p string) (io.ReadCloser, error) {
		f := exports[p]
		if f == "" {
			return nil, fmt.Errorf("no export data for %s", p)
		}
		return os.Open(f)
	})
	pkg, err := imp.Import(path)
	if err != nil {
		return nil, fmt.Errorf("reading the types of %s: %w", path, err)
	}
	var out []string
	sc := pkg.Scope()
	for _, name := range sc.Names() {
		o := sc.Lookup(name)
		if !o.Exported() {
			continue
		}
		switch o := o.(type) {
		case *types.Func:
			if o.Type().(*types.Signature).TypeParams().Len() > 0 {
				out = append(out, name)
			}
		case *types.TypeName:
			if n, ok := o.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
				out = append(out, name)
			} else if it, ok := o.Type().Underlying().(*types.Interface); ok && !it.IsMethodSet() {
				out = append(out, name)
			}
		}
	}
	return out, nil
}

func fetchError(path, query string, err error) error {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return err
	}
	msg := ce.Output
	switch {
	case strings.Contains(msg, "GOPROXY=off") || strings.Contains(msg, "dial tcp") || strings.Contains(msg, "no such host") || strings.Contains(msg, "connection refused") || strings.Contains(msg, "i/o timeout"):
		return fmt.Errorf("cannot fetch %s@%s: the module proxy or repository cannot be reached (no network, or GOPROXY=off). The go command said:\n%s", path, query, msg)
	case strings.Contains(msg, "no matching versions") || strings.Contains(msg, "not found") || strings.Contains(msg, "404") || strings.Contains(msg, "410") || strings.Contains(msg, "403") || strings.Contains(msg, "does not contain package") || strings.Contains(msg, "unrecognized import path"):
		return fmt.Errorf("cannot find %s@%s: no module provides it. The go command said:\n%s", path, query, msg)
	}
	return fmt.Errorf("fetching %s@%s failed:\n%s", path, query, msg)
}

func unwrapCmd(err error) error {
	var ce *CommandError
	if errors.As(err, &ce) {
		return errors.New(ce.Output)
	}
	return err
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func dedup(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(append([]string{}, s[:n]...), "...")
}
