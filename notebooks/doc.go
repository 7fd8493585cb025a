// Package notebooks holds the notebooks shipped with gocalc, starting with
// calcul-multivariable.ipynb, the chapter "Calcul multivariable" of Dive
// into Deep Learning rewritten in Go for the gocalc kernel.
//
// The package has no API. Its tests execute every notebook with the same
// runner and interpreter as `gocalc run`, check the chapter's results
// against reference values computed independently of gocalc, and check that
// the outputs committed with each notebook are those a fresh run produces,
// so that a stale notebook fails the build.
package notebooks
