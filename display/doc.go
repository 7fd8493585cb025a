// Package display carries rich output from notebook cells to the frontend.
//
// A cell calls HTML, Markdown, LaTeX, PNG, JPEG, SVG, JSON or Text to publish
// a display_data message at once, Show to publish any value richly, Clear to
// clear the cell's output (ClearOnNext: when its next output arrives), and a Handle or a Progress to update an output in
// place. Values that can draw themselves implement Renderer.
//
// The package depends on nothing outside the standard library, so that the
// kernel, the interpreter and the plotting package can all import it. The
// process has one current Publisher, installed by whoever runs cells (the
// kernel or the notebook runner) with SetPublisher; with none installed,
// publishing functions do nothing.
package display
