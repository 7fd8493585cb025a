// Package front is the interpreter's front end: it understands cells as
// the Go compiler does, with go/types, before anything runs. The session
// is one package main and each cell one of its files, with its own
// imports; a cell without imports sees the short names of the standard
// library and the preloaded packages. Types of imported packages come
// from export data embedded at `go generate` time (export.zip), decoded
// per package on first import.
//
// The front end knows nothing of yaegi: it reports Go's own compile
// errors at a cell's own lines, and the types, initialization order and
// signatures that the later stages, completion and inspection use.
package front

//go:generate go run ../exportgen -o export.zip std gonum.org/v1/gonum/mat gonum.org/v1/gonum/floats gonum.org/v1/gonum/stat gonum.org/v1/gonum/diff/fd gonum.org/v1/gonum/optimize gonum.org/v1/gonum/integrate gonum.org/v1/plot gonum.org/v1/plot/plotter gonum.org/v1/plot/vg gonum.org/v1/plot/vg/draw github.com/gocalc/gocalc/ad github.com/gocalc/gocalc/plotting github.com/gocalc/gocalc/display github.com/gocalc/gocalc/widgets
