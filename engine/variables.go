package engine

import "errors"

// Variable is one variable of the session, or one part of one (a struct
// field, a slice or array element, a map entry, what a pointer points
// to), as a debugger's variables panel lists it.
type Variable struct {
	// Name is the variable's name; for a part, the field's name, the
	// element's index ("0"), the map key as Go writes it ("\"a\"", "1.5"),
	// or "*" for what a pointer points to. A pointer to a value with parts
	// lists that value's parts, as a debugger shows a *T like a T.
	Name string
	// Type is the Go type as a cell writes it: "[]float64", "*ad.Var", "T"
	// for a type declared in a cell.
	Type string
	// Value is the value as text, cut when long.
	Value string
	// Parts is how many parts Variables lists for this variable; 0 for a
	// value without parts (numbers, strings, nil pointers, empty slices).
	Parts int
}

// ErrBusy is returned by VariableInspector.Variables while a cell runs:
// the session's variables are the cell's to change.
var ErrBusy = errors.New("a cell is running")

// VariableInspector is the optional ability to list the session's
// variables and their parts while no cell runs, for the debugger's
// variables panel.
type VariableInspector interface {
	// Variables lists the session's variables, sorted by name, when path
	// is empty. Otherwise path[0] names a session variable and each
	// further element one of its parts (a Variable.Name of the list
	// above it), and Variables lists the parts of that value; a long
	// slice, array or map lists its first elements only. It returns
	// ErrBusy while a cell runs, and an error when path names nothing.
	Variables(path []string) ([]Variable, error)
}
