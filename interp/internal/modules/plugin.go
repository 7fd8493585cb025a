//go:build (linux || darwin || freebsd) && cgo

package modules

import (
	"fmt"
	"plugin"
	"reflect"
)

// canPlugin tells whether this binary can load plugins.
const canPlugin = true

// openPlugin loads a plugin built by build and returns its symbol table.
func openPlugin(file string) (map[string]map[string]reflect.Value, error) {
	p, err := plugin.Open(file)
	if err != nil {
		return nil, err
	}
	s, err := p.Lookup("Symbols")
	if err != nil {
		return nil, err
	}
	syms, ok := s.(*map[string]map[string]reflect.Value)
	if !ok {
		return nil, fmt.Errorf("%s: Symbols is a %T", file, s)
	}
	return *syms, nil
}
