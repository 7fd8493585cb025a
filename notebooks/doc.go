// Package notebooks holds the notebooks shipped with gocalc: three
// chapters of Dive into Deep Learning's mathematics appendix rewritten in
// Go, in French, for the gocalc kernel — calcul-une-variable.ipynb
// (single variable calculus), calcul-multivariable.ipynb (multivariable
// calculus) and calcul-integral.ipynb (integral calculus).
//
// The package has no API. Its tests execute every notebook with the same
// runner and interpreter as `gocalc run`, check the chapters' results
// against reference values computed independently of gocalc, and check that
// the outputs committed with each notebook are those a fresh run produces,
// so that a stale notebook fails the build.
package notebooks
