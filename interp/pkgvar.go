package interp

import (
	"reflect"
	"strings"
	"sync"

	"github.com/gocalc/gocalc/interp/symbols"
)

var (
	pkgVarsOnce sync.Once
	pkgVars     map[string]map[string]reflect.Value // package path -> name -> variable
)

// pkgVar is a pointer to the variable name of the compiled package path,
// for the assignments that front.RuntimeLowering rewrites: the
// interpreter takes a variable of a basic type there for a constant.
func pkgVar(path, name string) any {
	pkgVarsOnce.Do(func() {
		pkgVars = map[string]map[string]reflect.Value{}
		for _, table := range []map[string]map[string]reflect.Value{stdlibSymbols(), symbols.Symbols} {
			for key, syms := range table {
				i := strings.LastIndex(key, "/")
				if i < 0 {
					continue
				}
				p := key[:i]
				for n, v := range syms {
					if v.Kind() != reflect.Func && v.CanAddr() {
						if pkgVars[p] == nil {
							pkgVars[p] = map[string]reflect.Value{}
						}
						pkgVars[p][n] = v
					}
				}
			}
		}
	})
	v, ok := pkgVars[path][name]
	if !ok {
		panic("interp: no variable " + path + "." + name + " in the interpreter's packages")
	}
	return v.Addr().Interface()
}
