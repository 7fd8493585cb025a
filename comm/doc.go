// Package comm carries Jupyter comms: message channels that a cell and the
// frontend open to each other, the transport of Jupyter widgets.
//
// A comm has an id and a target name. Code in the kernel process opens one
// with Open; the frontend opens one by naming a target that was registered
// with RegisterTarget, whose function then receives the new Comm. Messages
// in either direction carry a JSON object (Data), metadata and optional
// binary buffers.
//
// The package depends on nothing outside the standard library, so that the
// kernel, the notebook runner and package widgets can all import it. The
// process has one current Transport, installed by whoever talks to the
// frontend (the kernel, or the notebook runner, which records comms to save
// widget state) with SetTransport; with none installed, messages from the
// process go nowhere but comms are still tracked. The kernel hands messages
// from the frontend to Deliver, and answers comm_info_request with List.
//
// Handlers and target functions are called on the goroutine that delivers
// the message: in the kernel, the shell worker, one message at a time and
// never while a cell runs.
package comm
