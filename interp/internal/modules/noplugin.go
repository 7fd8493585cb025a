//go:build !((linux || darwin || freebsd) && cgo)

package modules

import (
	"errors"
	"reflect"
)

// canPlugin tells whether this binary can load plugins.
const canPlugin = false

// openPlugin fails: Go plugins need cgo on Linux, macOS or FreeBSD.
func openPlugin(file string) (map[string]map[string]reflect.Value, error) {
	return nil, errors.New("this gocalc binary cannot load Go plugins (they need cgo on Linux, macOS or FreeBSD)")
}
