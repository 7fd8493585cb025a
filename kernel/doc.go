// Package kernel serves the Jupyter messaging protocol (version 5.4) over
// ZeroMQ, for any interpreter that implements engine.Executor.
//
// A Server binds the five sockets of a connection file: shell, control and
// stdin (ROUTER), iopub (PUB) and heartbeat (REP). The heartbeat echoes on
// its own goroutine; control is served on its own goroutine, so that
// interrupt and shutdown work while a cell runs; shell requests are served
// one at a time, in the order they arrived. Every request on shell and
// control, unknown and malformed ones included, is wrapped in busy and idle
// status messages, and idle is published only after all output of the
// request was sent.
//
// Messages are read and written by kernel/internal/wire, the package's
// only user, so that the kernel exports only what the gocalc command needs.
// They are signed with HMAC-SHA256; unsigned, wrongly signed and
// replayed messages are dropped and logged, as are malformed frames.
// Stream output is coalesced and flushed every 50 ms and before any other
// output, so that a flood arrives whole and in order in few messages.
//
// Comms (comm_open, comm_msg, comm_close) from the frontend are shell
// requests like any other, handled in turn between cells and passed to
// package comm, whose registered targets (package widgets registers
// jupyter.widget.control) receive them; comm_info lists the open comms.
// Comm messages from cells are published with the running cell, or the comm
// message being handled, as parent.
//
// debug_request on control carries a Debug Adapter Protocol request
// (kernel/internal/dap), answered with debug_reply; events go out as
// debug_event on iopub. The kernel answers what JupyterLab's debugger
// sends to start a session and fill its variables panel: initialize,
// attach, configurationDone, disconnect, debugInfo (cells' paths are
// tmpFilePrefix + Murmur2 of the code + ".go"; the prefix's directory,
// where nothing is written, has "ipykernel_" in its name, for which
// JupyterLab 4.4+ shows a frame's cell as "Cell [n]"), dumpCell and source
// (cells kept in memory), setBreakpoints (handed to the interpreter's
// engine.Debugger by the cell's code, verified when it takes them; a
// refused line is answered with why),
// inspectVariables, variables and richInspectVariables (through the
// interpreter's engine.VariableInspector; while a cell runs,
// inspectVariables answers the previous listing) and modules (none).
// When a cell stops at a breakpoint or after a step, the stopped event
// goes out at once (its parent the last debug_request), and while shell
// runs the stopped cell, control answers threads, stackTrace (frames at
// the cells' own lines, sources at the cells' paths and named "Cell [n]"
// by the execution count they last ran with), scopes (the
// frame's locals, and the session's variables as Globals), variables,
// continue, next, stepIn and stepOut, evaluate (engine.FrameEvaluator)
// and exceptionInfo. pause asks the interpreter's engine.Pauser to stop
// a running cell; setExceptionBreakpoints with the filter "panic" turns
// on the engine.PanicStopper's stops at panics (reason "exception", the
// panic's text in the event). An interrupt ends a stopped cell;
// disconnect clears the breakpoints and lets it finish. Other commands
// fail with a message.
//
// The kernel owns execution counts, history (persisted in the user's
// Jupyter data directory), busy/idle and replies; the interpreter only runs
// code and publishes through the engine.Output it is given.
package kernel
