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
func openPlugin(file string) (syms map[string]map[string]reflect.Value, err error) {
	defer func() {
		// Opening runs the packages' init functions.
		if r := recover(); r != nil {
			syms, err = nil, fmt.Errorf("an init function of the package panicked: %v", r)
		}
	}()
	p, err := plugin.Open(file)
	if err != nil {
		return nil, err
	}
	s, err := p.Lookup("Symbols")
	if err != nil {
		return nil, err
	}
	table, ok := s.(*map[string]map[string]reflect.Value)
	if !ok {
		return nil, fmt.Errorf("%s: Symbols is a %T", file, s)
	}
	return *table, nil
}
