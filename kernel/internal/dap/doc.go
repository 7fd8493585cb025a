// Package dap holds the Debug Adapter Protocol messages that Jupyter's
// debug_request, debug_reply and debug_event carry in their content, and
// the Murmur2 hash by which a Jupyter frontend and its kernel agree on
// the source path of a cell.
//
// Only the kernel's debugger uses it; it knows nothing of sockets or of
// the interpreter.
package dap
