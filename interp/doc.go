// Package interp runs notebook cells written in ordinary modern Go on the
// yaegi interpreter, behind the kernel's engine.Executor interface.
//
// A cell is any mix of imports, declarations and statements, in any
// order. The standard library and the preloaded packages (gonum's mat,
// floats, stat, diff/fd, optimize and integrate; gonum/plot with plotter,
// vg and draw; gocalc's ad, plotting and display) need no import. Where
// several packages share a name, the name means math/rand (rand),
// gonum/plot's vg/draw (draw), text/template and text/scanner; import the
// others under another name.
//
// Execute runs a cell in this order: its imports; its funcs, methods,
// types and consts (which may refer to one another); then its var
// declarations and statements in source order. A top-level `x := v` or
// `var x = v` makes a session global. The other statements run inside a
// function literal, so inner declarations shadow globals as Go says.
//
// The value of a cell is the value of its last expression statement, all
// values of a multi-value call, shown as text/plain as fmt.Sprint prints
// it inside the interpreter (so String and Error methods of cell types
// count); strings are quoted and gonum matrices laid out in rows. Calls to
// fmt.Print*, log and display functions and calls without results show
// nothing. A single value whose type has a Render() (display.Data, error)
// method is shown as the bundle Render returns.
//
// Output of fmt.Print*, print and println, os.Stdout and os.Stderr and the
// log package streams live to the Output. Reading os.Stdin or fmt.Scan*
// asks the frontend for a line (os.Stdin is an io.Reader in cells).
//
// Errors are *engine.Error values: CompileError with the cell's own line
// and column and the offending line, panic with the message and the
// interpreted frames, Interrupted when ctx is cancelled. No panic escapes
// Execute.
package interp
