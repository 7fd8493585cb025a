package interp

import (
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/front"
	"github.com/gocalc/gocalc/interp/internal/modules"
)

// ErrImport names the failure to bring a package that is not preloaded.
const ErrImport = "ImportError"

// cellImportPaths lists the import paths of a cell's import items, with
// the line and column of each.
func cellImportPaths(items []item) (paths []string, at [][2]int) {
	for _, it := range items {
		if it.kind != itemImport {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", "package p\n"+it.text, parser.ImportsOnly)
		if err != nil {
			continue // the checker says what is wrong
		}
		for _, s := range f.Imports {
			p, err := strconv.Unquote(s.Path.Value)
			if err != nil {
				continue
			}
			pos := fset.Position(s.Path.Pos())
			line, col := pos.Line-1+it.line-1, pos.Column
			if pos.Line == 2 {
				col += it.col - 1
			}
			paths = append(paths, p)
			at = append(at, [2]int{line, col})
		}
	}
	return paths, at
}

// needsModule tells whether path is a package that neither the standard
// library nor the preloaded packages provide, and that no earlier import
// brought: one the go command must fetch. Standard library paths (no dot
// in their first element) never do.
func needsModule(path string) bool {
	if front.Has(path) || modules.Lookup(path) != nil {
		return false
	}
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".")
}

// importModules brings the packages of a cell's imports that need a
// module, before the cell is checked. Each is announced on the cell's
// standard output; a build that takes a while shows a progress bar.
func (in *Interpreter) importModules(ctx context.Context, cur int, items []item, out engine.Output) error {
	paths, at := cellImportPaths(items)
	for i, path := range paths {
		if !needsModule(path) {
			continue
		}
		if err := in.importModule(ctx, path); err != nil {
			if ctx.Err() != nil {
				return &engine.Error{Name: ErrInterrupted, Value: "interrupted while importing " + path}
			}
			v := fmt.Sprintf("%d:%d: importing %q: %v", at[i][0], at[i][1], path, err)
			e := &engine.Error{Name: ErrImport, Value: v, Traceback: []string{ErrImport + ": " + v}}
			e.Traceback = append(e.Traceback, in.sourceLine(in.clamp(&pos{cur, at[i][0], at[i][1]}))...)
			return e
		}
	}
	in.useModules()
	return nil
}

// importModule fetches, builds (or finds in the cache) and loads one package.
func (in *Interpreter) importModule(ctx context.Context, path string) error {
	if in.mods == nil {
		dir := in.opts.ModuleDir
		if dir == "" {
			dir, _ = os.Getwd()
		}
		m, err := modules.New(dir, in.opts.Env)
		if err != nil {
			return err
		}
		m.Known = func(path string) bool { _, ok := packages().names[path]; return ok }
		in.mods = m
	}
	var bar *display.Progress
	t0 := time.Now()
	in.mods.Progress = func(step string, i, n int) {
		if bar == nil {
			bar = display.NewProgress(n, "go: importing "+path)
		}
		bar.Set(i)
	}
	p, err := in.mods.Import(ctx, path)
	if bar != nil {
		bar.Set(5)
		bar.Done()
	}
	if err != nil {
		return err
	}
	how := "compiled"
	if p.Source {
		how = "interpreted from source: " + p.Why
	}
	verb := "loaded"
	if p.Built {
		verb = fmt.Sprintf("fetched and built in %.1fs", time.Since(t0).Seconds())
	}
	in.sink.stream("stdout", fmt.Sprintf("go: %s %s %s (%s, %s)\n", verb, path, p.Version, p.Module, how))
	if p.PinErr != nil {
		in.sink.stream("stderr", fmt.Sprintf("go: %s %s is not pinned (%v): a later run may get another version\n", p.Module, p.Version, p.PinErr))
	}
	front.AddExports(p.Exports)
	addModuleDocs(p.Docs)
	return nil
}

// useModules gives the yaegi interpreter the symbol tables of the
// compiled packages loaded in the process that it lacks.
func (in *Interpreter) useModules() {
	for _, p := range modules.Loaded() {
		if p.Symbols == nil || in.modUsed[p.Path] == in.gen {
			continue
		}
		front.AddExports(p.Exports)
		if err := in.y.Use(p.Symbols); err == nil {
			in.modUsed[p.Path] = in.gen
		}
	}
}
