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
	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
	"github.com/gocalc/gocalc/interp/internal/modules"
)

// ErrImport names the failure to bring a package that is not preloaded.
const ErrImport = "ImportError"

// cellImportPaths lists the import paths of a cell's import items, with
// the line and column of each.
func cellImportPaths(items []cells.Item) (paths []string, at [][2]int) {
	for _, it := range items {
		if it.Kind != cells.ItemImport {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", "package p\n"+it.Text, parser.ImportsOnly)
		if err != nil {
			continue // the checker says what is wrong
		}
		for _, s := range f.Imports {
			p, err := strconv.Unquote(s.Path.Value)
			if err != nil {
				continue
			}
			pos := fset.Position(s.Path.Pos())
			line, col := pos.Line-1+it.Line-1, pos.Column
			if pos.Line == 2 {
				col += it.Col - 1
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
func (in *Interpreter) importModules(ctx context.Context, cur int, items []cells.Item) error {
	paths, at := cellImportPaths(items)
	for i, path := range paths {
		if p := modules.Lookup(path); p != nil && p.Stale() {
			in.sink.stream("stderr", fmt.Sprintf("go: %s changed in %s since it was loaded; this process keeps the code it loaded (a Go plugin cannot be unloaded): restart the kernel to use the new code\n", path, p.Local))
		}
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
	mods, err := in.modules()
	if err != nil {
		return err
	}
	var bar *display.Progress
	steps := 0
	t0 := time.Now()
	mods.Progress = func(step string, i, n int) {
		if bar == nil {
			bar, steps = display.NewProgress(n, "go: importing "+path), n
		}
		bar.Set(i)
	}
	p, err := mods.Import(ctx, path)
	if bar != nil {
		bar.Set(steps)
		bar.Done()
	}
	if err != nil {
		return err
	}
	how := "compiled"
	if p.Source {
		how = "generic, " + p.Why
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

// modules returns the session's module importer, made on first use.
func (in *Interpreter) modules() (*modules.Manager, error) {
	if in.mods != nil {
		return in.mods, nil
	}
	dir := in.opts.ModuleDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	m, err := modules.New(dir, in.opts.Env)
	if err != nil {
		return nil, err
	}
	m.Known = func(path string) bool { _, ok := packages().names[path]; return ok }
	in.mods = m
	return m, nil
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

// compiledInstances finds the calls of generic functions of packages
// interpreted from source whose type arguments exist outside the cells,
// has them compiled (or finds them built), and returns the replacements
// that call the compiled instances and the imports they need (alias ->
// path). A replacement that would overlap one of others is left out. A
// build that fails leaves the calls interpreted, with a note on stderr.
func (in *Interpreter) compiledInstances(ctx context.Context, res *front.Result, others []front.Replacement) ([]front.Replacement, map[string]string, error) {
	reps, insts := res.Instances(func(path string) bool {
		p := modules.Lookup(path)
		return p != nil && p.Source
	})
	if len(insts) == 0 {
		return nil, nil, nil
	}
	mods, err := in.modules()
	if err != nil {
		return nil, nil, nil // the calls stay interpreted
	}
	byKey := map[string]front.Instance{}
	want := make([]modules.Inst, len(insts))
	for i, it := range insts {
		byKey[it.Key] = it
		var imps []string
		for _, p := range it.Imports {
			imps = append(imps, p)
		}
		want[i] = modules.Inst{Key: it.Key, Path: front.InstancePath(it.Key), Imports: imps}
	}
	var bar *display.Progress
	mods.Progress = func(step string, i, n int) {
		if bar == nil {
			bar = display.NewProgress(n, "go: compiling generic code")
		}
	}
	t0 := time.Now()
	built := false
	err = mods.Instances(ctx, want, func(missing []modules.Inst) string {
		built = true
		var src []front.Instance
		for _, m := range missing {
			src = append(src, byKey[m.Key])
		}
		return front.InstanceSource(src)
	})
	if bar != nil {
		bar.Set(1)
		bar.Done()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, &engine.Error{Name: ErrInterrupted, Value: "interrupted while compiling generic code"}
		}
		in.sink.stream("stderr", fmt.Sprintf("go: the generic calls of this cell are interpreted: %v\n", err))
		return nil, nil, nil
	}
	if built {
		var names []string
		for _, it := range insts {
			names = append(names, it.Name)
		}
		in.sink.stream("stdout", fmt.Sprintf("go: compiled %s in %.1fs\n", strings.Join(names, ", "), time.Since(t0).Seconds()))
	}
	in.useModules()
	imports := map[string]string{}
	var kept []front.Replacement
	for _, r := range reps {
		if !spanMeets(r, others) {
			kept = append(kept, r)
		}
	}
	for _, it := range insts {
		imports[front.InstanceAlias(it.Key)] = front.InstancePath(it.Key)
	}
	return kept, imports, nil
}

// spanMeets tells whether r's span is one of others' or crosses one:
// replacements nest (the inner one is applied first), but cannot share
// a span or cross.
func spanMeets(r front.Replacement, others []front.Replacement) bool {
	for _, o := range others {
		if !(before(r.Line, r.Col, o.EndLine, o.EndCol) && before(o.Line, o.Col, r.EndLine, r.EndCol)) {
			continue // apart
		}
		rInO := !before(r.Line, r.Col, o.Line, o.Col) && !before(o.EndLine, o.EndCol, r.EndLine, r.EndCol)
		oInR := !before(o.Line, o.Col, r.Line, r.Col) && !before(r.EndLine, r.EndCol, o.EndLine, o.EndCol)
		if rInO && oInR || !rInO && !oInR {
			return true
		}
	}
	return false
}

func before(l1, c1, l2, c2 int) bool { return l1 < l2 || l1 == l2 && c1 < c2 }

// outsideSpans keeps the package references outside the replacements'
// spans.
func outsideSpans(refs []front.PkgRef, reps []front.Replacement) []front.PkgRef {
	var out []front.PkgRef
	for _, r := range refs {
		in := false
		for _, p := range reps {
			if !before(r.Line, r.Col, p.Line, p.Col) && before(r.Line, r.Col, p.EndLine, p.EndCol) {
				in = true
				break
			}
		}
		if !in {
			out = append(out, r)
		}
	}
	return out
}

// aliasUsed tells whether the lowered cell still names the package
// imported as alias: in a reference left as written, or in the source of
// a replacement.
func aliasUsed(alias string, refs []front.PkgRef, srcs []string) bool {
	for _, r := range refs {
		if r.Alias == alias {
			return true
		}
	}
	for _, src := range srcs {
		if strings.Contains(src, alias+".") {
			return true
		}
	}
	return false
}
