// Package display carries rich output from notebook cells to the frontend.
//
// A cell calls HTML, Markdown, LaTeX, PNG, JPEG, SVG, JSON or Text to publish
// a display_data message at once, Show to publish any value richly, Clear to
// clear the cell's output (ClearOnNext: when its next output arrives), and a Handle or a Progress to update an output in
// place. Values that can draw themselves implement Renderer.
//
// The package depends on nothing outside the standard library, so that the
// kernel, the interpreter and the plotting package can all import it. The
// process has one current Publisher, installed by the interpreter that runs
// cells (package interp routes it to the Output of the cell being run, as
// it routes the cell's text; the kernel and the notebook runner install
// none, and a cell may not call SetPublisher). A widget that captures
// output installs its own for a while. With none installed, publishing
// functions do nothing.
package display
