// Package install writes and removes the gocalc kernelspec, laid out the way
// `jupyter kernelspec install` lays one out:
//
//	<data dir>/kernels/<name>/kernel.json
//	<data dir>/kernels/<name>/logo-32x32.png
//	<data dir>/kernels/<name>/logo-64x64.png
//
// kernel.json names the gocalc binary by its absolute path, with argv
// [binary, "kernel", "{connection_file}"], interrupt_mode "message",
// language "go" and metadata {"debugger": true}, without which JupyterLab
// does not offer its debugger for the kernel. The data dir is chosen as Jupyter chooses it: UserDataDir
// for --user (JUPYTER_DATA_DIR, else the platform's default), SysPrefixDataDir
// for --sys-prefix (the active virtualenv or conda environment) and
// PrefixDataDir for --prefix DIR.
//
// Special cases:
//   - A binary that lives in a temporary go-build folder (go run) disappears
//     when the command exits, so Install copies it into the kernelspec
//     folder and points kernel.json at the copy. It does the same when the
//     binary already lives in the folder being replaced.
//   - Installing over an existing kernelspec of the same name replaces it
//     whole; Uninstall removes the folder, copied binary included.
//   - Names are lower-cased and must match Jupyter's pattern [a-z0-9._-]+.
package install
