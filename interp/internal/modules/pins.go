package modules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// pinFile is the go.mod that pins the notebook's module versions.
func (m *Manager) pinFile() string {
	return filepath.Join(m.Dir, "go.mod")
}

// pins reads the pin file (nil when there is none, or it does not
// parse). Parse, not ParseLax, which would drop replace directives.
func (m *Manager) pins() *modfile.File {
	if m.Dir == "" {
		return nil
	}
	b, err := os.ReadFile(m.pinFile())
	if err != nil {
		return nil
	}
	f, err := modfile.Parse(m.pinFile(), b, nil)
	if err != nil {
		// A directive newer than this x/mod: the requirements at least.
		if f, err = modfile.ParseLax(m.pinFile(), b, nil); err != nil {
			return nil
		}
	}
	return f
}

// pinned returns the module that the pin file requires for path, and its
// version; "" when none (or no pin file).
func (m *Manager) pinned(path string) (mod, ver string) {
	f := m.pins()
	if f == nil {
		return "", ""
	}
	for _, r := range f.Require {
		p := r.Mod.Path
		if (path == p || strings.HasPrefix(path, p+"/")) && len(p) > len(mod) {
			mod, ver = p, r.Mod.Version
		}
	}
	return mod, ver
}

// localReplace returns the module that the pin file replaces with a
// directory, for path, and that directory (absolute); "" when none.
func (m *Manager) localReplace(path string) (mod, dir string) {
	f := m.pins()
	if f == nil {
		return "", ""
	}
	for _, r := range f.Replace {
		p := r.Old.Path
		if (path == p || strings.HasPrefix(path, p+"/")) && len(p) > len(mod) && modfile.IsDirectoryPath(r.New.Path) {
			mod, dir = p, r.New.Path
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(m.Dir, dir)
			}
		}
	}
	return mod, dir
}

// contentVersion is the version gocalc gives a module in a directory: a
// digest of its Go files and go.mod, so that an edited module is built
// anew.
func contentVersion(dir string) (string, error) {
	d := sha256.New()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") && name != "go.mod" && name != "go.sum" && !strings.HasSuffix(name, ".s") && !strings.HasSuffix(name, ".c") && !strings.HasSuffix(name, ".h") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(d, "%s %d\n", rel, len(b))
		d.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return "local-" + hex.EncodeToString(d.Sum(nil))[:16], nil
}

// pin records mod@ver in the pin file, creating it when there is none.
func (m *Manager) pin(mod, ver string) error {
	if m.Dir == "" || mod == "" || ver == "" {
		return nil
	}
	name := m.pinFile()
	b, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		b = []byte(fmt.Sprintf("// The versions of the Go modules this directory's notebooks import,\n// read and updated by gocalc.\nmodule notebook\n\ngo %s\n", thisHost().goDirective()))
	} else if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	f, err := modfile.Parse(name, b, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range f.Require {
		if r.Mod.Path == mod && r.Mod.Version == ver {
			return nil
		}
	}
	if err := f.AddRequire(mod, ver); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f.Cleanup()
	out, err := f.Format()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		return fmt.Errorf("recording %s %s: %w", mod, ver, err)
	}
	return nil
}
