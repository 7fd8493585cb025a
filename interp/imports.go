package interp

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strings"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
)

// runImports handles a cell's explicit imports. The standard library and
// the preloaded packages are already bound to their names, so importing
// one of them under its name does nothing; other bindings (an alias, or a
// package whose name several packages share) are declared once per
// session, and repeating them is harmless.
func (in *Interpreter) runImports(cur int, specs []*ast.ImportSpec) error {
	c := packages()
	if in.lowered[cur] != nil {
		// The front end resolved the cell's package names and the
		// interpreter imports each package under an alias: nothing to
		// bind. An import under a name of its own (mrand) stays visible
		// to later cells, as in earlier versions of gocalc; other names
		// mean what they mean without an import.
		for _, s := range specs {
			name, path, err := importName(s)
			if err == nil {
				if _, ok := c.name(path); !ok && !front.Has(path) {
					return in.importError(cur, s, fmt.Sprintf("package %q is not available in gocalc: it is not in the standard library, and only a path with a dot in its first element (a module's) can be fetched", path))
				}
			}
			if err != nil || name == "_" || name == "." || c.byName[name] == path {
				continue
			}
			if _, short := c.byName[name]; !short {
				in.imports[name] = path
			}
		}
		return nil
	}
	var todo []*ast.ImportSpec
	for _, s := range specs {
		name, path, err := importName(s)
		if err != nil {
			return in.compileError(err, cur)
		}
		if _, ok := c.name(path); !ok {
			return in.importError(cur, s, fmt.Sprintf("package %q is not available in gocalc: only the standard library and the preloaded packages (%s) can be imported", path, strings.Join(preloadList(), ", ")))
		}
		if name == "_" || name == "." {
			if name == "." {
				return in.importError(cur, s, "dot imports are not supported; use the package name")
			}
			continue
		}
		if prev, ok := in.imports[name]; ok {
			if prev != path {
				return in.importError(cur, s, fmt.Sprintf("%s is already imported as %q in this session; import %q under another name", name, prev, path))
			}
			continue
		}
		if c.byName[name] == path {
			continue
		}
		if _, clash := c.byName[name]; clash && c.byName[name] != path {
			// The name is bound to another package at start: rebinding it
			// would make earlier cells mean something else.
			return in.importError(cur, s, fmt.Sprintf("%s means %q in gocalc sessions; import %q under another name, e.g. import %s%s %q", name, c.byName[name], path, strings.Split(path, "/")[0][:1], name, path))
		}
		todo = append(todo, s)
	}
	if len(todo) == 0 {
		return nil
	}
	d := &ast.GenDecl{TokPos: todo[0].Pos(), Tok: token.IMPORT, Lparen: todo[0].Pos()}
	for _, s := range todo {
		d.Specs = append(d.Specs, s)
	}
	prog, err := in.compile(cells.DeclFile([]ast.Decl{d}, todo[0].Pos()))
	if err != nil {
		return in.compileError(err, cur)
	}
	if _, err := in.y.Execute(prog); err != nil {
		return in.compileError(err, cur)
	}
	for _, s := range todo {
		name, path, _ := importName(s)
		in.imports[name] = path
	}
	return nil
}

func (in *Interpreter) importError(cur int, s *ast.ImportSpec, msg string) *engine.Error {
	p := in.y.FileSet().Position(s.Pos())
	cell, line := cells.DecodeLine(p.Line)
	ps := &pos{cell, line, p.Column}
	v := fmt.Sprintf("%d:%d: %s", line, p.Column, msg)
	return &engine.Error{Name: ErrCompile, Value: v, Traceback: append([]string{ErrCompile + ": " + v}, in.sourceLine(ps)...)}
}

// preloadList names the preloaded non-standard packages.
func preloadList() []string {
	var out []string
	for path := range packages().names {
		if strings.Contains(strings.Split(path, "/")[0], ".") {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}
