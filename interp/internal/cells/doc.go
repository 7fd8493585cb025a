// Package cells is the interpreter's cell pipeline, the part of package
// interp that knows nothing of yaegi: it splits a cell into items
// (imports, declarations, statements), parses them at generated
// positions that encode the cell and line (LineDirective, DecodeLine),
// applies the front end's lowerings (Lowerings, from package front, which
// has type-checked the cell), rewrites what yaegi v0.16.1 would get wrong
// (the rewriter: ranges, loop variables, assignment order, method
// expressions of compiled types, ...), and plans the cell as the steps
// yaegi runs in order (ParseCell: imports, declarations, variables,
// statements). Everything here is a pure function of its input and a
// CellContext, the session as the pipeline needs to know it; package
// interp is the adapter that compiles and runs the steps with yaegi,
// keeps the session and turns failures into typed errors.
package cells
