package modules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Inst is a compiled instance of a generic function, which a session
// imports as a package of its own.
type Inst struct {
	Key     string   // names the instantiation
	Path    string   // the import path the session knows it by
	Imports []string // the packages its source imports
}

// Instances makes the instances ready: loaded already, from the cache, or
// built (one plugin for all that are missing, from the source that source
// writes for them: a package main that fills Symbols).
func (m *Manager) Instances(ctx context.Context, insts []Inst, source func(missing []Inst) string) error {
	loadMu.Lock()
	defer loadMu.Unlock()
	var missing []Inst
	for _, in := range insts {
		if loaded[in.Path] != nil {
			continue
		}
		if so, err := os.ReadFile(m.instFile(in)); err == nil {
			if err := loadInstance(in, string(so)); err == nil {
				continue
			}
		}
		missing = append(missing, in)
	}
	if len(missing) == 0 {
		return nil
	}
	so, err := m.buildInstances(ctx, missing, source(missing))
	if err != nil {
		return err
	}
	for _, in := range missing {
		if err := os.WriteFile(m.instFile(in), []byte(so), 0o644); err != nil {
			return err
		}
		if err := loadInstance(in, so); err != nil {
			return fmt.Errorf("loading compiled generic code: %w", err)
		}
	}
	return nil
}

// instFile records where the plugin holding an instance is. Its name
// covers the binary's build and the versions of the modules the instance
// uses.
func (m *Manager) instFile(in Inst) string {
	d := sha256.New()
	fmt.Fprintln(d, thisHost().key, in.Key)
	var mods []string
	for _, p := range in.Imports {
		if pk := loaded[p]; pk != nil {
			mods = append(mods, pk.Module+"@"+pk.Version)
		}
	}
	sort.Strings(mods)
	fmt.Fprintln(d, mods)
	return filepath.Join(m.Cache, "instances", hex.EncodeToString(d.Sum(nil))[:24]+".so-path")
}

func loadInstance(in Inst, so string) error {
	syms, err := openPlugin(so)
	if err != nil {
		return err
	}
	key := in.Path + "/inst"
	if syms[key] == nil {
		return fmt.Errorf("%s holds no %s", so, key)
	}
	loaded[in.Path] = &Package{Path: in.Path, Name: "inst", Symbols: map[string]map[string]reflect.Value{key: syms[key]}, Plugin: so}
	return nil
}

// buildInstances compiles a plugin from src and returns its file.
func (m *Manager) buildInstances(ctx context.Context, insts []Inst, src string) (string, error) {
	h := thisHost()
	dir := filepath.Join(m.Cache, "instances")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	keys := make([]string, len(insts))
	for i, in := range insts {
		keys[i] = in.Key
	}
	sort.Strings(keys)
	d := sha256.Sum256([]byte(h.key + strings.Join(keys, ",")))
	name := "b" + hex.EncodeToString(d[:])[:16]
	// The modules gocalc links, and those of the packages the session
	// imported, at their versions.
	req := map[string]string{}
	for p, v := range h.deps {
		req[p] = v
	}
	local := map[string]string{}
	for _, p := range loaded {
		switch {
		case p.Local != "":
			req[p.Module] = "v0.0.0-00010101000000-000000000000"
			local[p.Module] = p.Local
		case p.Module != "" && p.Version != "":
			req[p.Module] = p.Version
		}
	}
	mods := make([]string, 0, len(req))
	for p := range req {
		mods = append(mods, p)
	}
	sort.Strings(mods)
	var gomod strings.Builder
	fmt.Fprintf(&gomod, "module gocalc.plugin/inst/%s\n\ngo %s\n\nrequire (\n", name, h.goDirective())
	for _, p := range mods {
		fmt.Fprintf(&gomod, "\t%s %s\n", p, req[p])
	}
	gomod.WriteString(")\n")
	for mod, dir := range local {
		fmt.Fprintf(&gomod, "\nreplace %s => %s\n", mod, dir)
	}
	files := map[string]string{"go.mod": gomod.String(), "symbols.go": symbolsFile, "instances.go": src}
	for f, s := range files {
		if err := os.WriteFile(filepath.Join(work, f), []byte(s), 0o644); err != nil {
			return "", err
		}
	}
	if m.Progress != nil {
		m.Progress("compiling generic code", 0, 1)
	}
	args := append([]string{"build", "-buildmode=plugin"}, h.flags...)
	args = append(args, "-o", "package.so", ".")
	if _, err := m.goCmd(ctx, work, args...); err != nil {
		return "", fmt.Errorf("compiling generic code failed:\n%w", unwrapCmd(err))
	}
	final := filepath.Join(dir, name)
	if err := os.Rename(work, final); err != nil {
		if _, err2 := os.Stat(filepath.Join(final, "package.so")); err2 != nil {
			return "", err
		}
	}
	return filepath.Join(final, "package.so"), nil
}

// IsInstance tells whether a loaded package is a compiled instance.
func (p *Package) IsInstance() bool { return p.Name == "inst" && p.Module == "" }
