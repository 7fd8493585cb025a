package interp

import (
	"fmt"
	"go/ast"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gocalc/gocalc/interp/internal/modules"
	"github.com/gocalc/gocalc/interp/symbols"
	"github.com/traefik/yaegi/stdlib"
)

// preferred settles package names that several preloaded packages share:
// a cell that says rand, draw or template without importing gets these.
var preferred = map[string]string{
	"rand":     "math/rand",
	"draw":     "gonum.org/v1/plot/vg/draw",
	"template": "text/template",
	"scanner":  "text/scanner",
	"pprof":    "runtime/pprof",
}

// catalog lists the compiled packages a cell can use.
type catalog struct {
	names   map[string]string // import path -> package name
	byName  map[string]string // name -> import path a cell gets without importing
	clashes []string          // names several packages share, sorted
}

var (
	catOnce sync.Once
	cat     catalog
)

// packages returns the catalog of the standard library and preloaded
// packages (computed once).
func packages() *catalog {
	catOnce.Do(func() {
		cat = catalog{names: map[string]string{}, byName: map[string]string{}}
		all := map[string][]string{}
		for _, table := range append([]map[string]map[string]reflect.Value{stdlib.Symbols, symbols.Symbols}, processPackages()...) {
			for key := range table {
				i := strings.LastIndex(key, "/")
				if i < 0 || strings.HasPrefix(key, "github.com/traefik/") {
					continue
				}
				path, name := key[:i], key[i+1:]
				cat.names[path] = name
				all[name] = append(all[name], path)
			}
		}
		for name, paths := range all {
			sort.Strings(paths)
			switch {
			case len(paths) == 1:
				cat.byName[name] = paths[0]
			case preferred[name] != "":
				cat.byName[name] = preferred[name]
				cat.clashes = append(cat.clashes, name)
			default:
				cat.byName[name] = paths[0]
				cat.clashes = append(cat.clashes, name)
			}
		}
		sort.Strings(cat.clashes)
	})
	return &cat
}

// clashImports is the import declaration that binds each shared package
// name to its preferred package (yaegi's ImportUsed binds none of them).
func (c *catalog) clashImports() string {
	var b strings.Builder
	b.WriteString("import (\n")
	for _, name := range c.clashes {
		fmt.Fprintf(&b, "\t%s %q\n", name, c.byName[name])
	}
	b.WriteString(")\n")
	return b.String()
}

// name returns the name of the package at path, a compiled one or one
// of a module imported in this process.
func (c *catalog) name(path string) (string, bool) {
	if n, ok := c.names[path]; ok {
		return n, true
	}
	if p := modules.Lookup(path); p != nil {
		return p.Name, true
	}
	return "", false
}

// importName is the name an import spec binds.
func importName(s *ast.ImportSpec) (name, path string, err error) {
	path, err = strconv.Unquote(s.Path.Value)
	if err != nil {
		return "", "", err
	}
	if s.Name != nil {
		return s.Name.Name, path, nil
	}
	name, _ = packages().name(path)
	return name, path, nil
}

// checkerNames are the package names a cell gets without importing, as
// the front end sees them: the catalog's, and iter, whose uses the front
// end lowers for an interpreter that lacks the package.
func checkerNames() map[string]string {
	names := map[string]string{"iter": "iter"}
	for n, p := range packages().byName {
		names[n] = p
	}
	return names
}

// PathOf and Table make the catalog the cell pipeline's view of the
// compiled packages (cells.CellContext.Symbols).
func (c *catalog) PathOf(name string) (string, bool) {
	p, ok := c.byName[name]
	return p, ok
}

// Table is the symbol table of the package at path; see PathOf.
func (c *catalog) Table(path string) map[string]reflect.Value { return c.table(path) }
