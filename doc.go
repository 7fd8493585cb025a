// Command gocalc is a Jupyter kernel for Go, made for calculus notebooks.
//
// Usage:
//
//	gocalc install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]
//	gocalc uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
//	gocalc kernel CONNECTION_FILE
//	gocalc run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout D] [--allow-errors]
//	gocalc version
//	gocalc help [COMMAND]
//
// Every command accepts --help.
//
// install writes the Jupyter kernelspec (package install); kernel serves
// the Jupyter protocol (package kernel) with the interpreter (package
// interp); run executes a notebook in-process with the same interpreter
// (package notebook). See README.md for the whole story.
package main
