// Package notebook reads and writes Jupyter notebooks (nbformat 4) and runs
// them in-process, the way nbclient runs them through a kernel.
//
// Parse and Read accept nbformat 4 documents; a notebook's unknown fields,
// cell ids, cell metadata and attachments are kept, so that reading and
// writing an untouched notebook gives back what nbformat itself writes.
// Marshal and Write produce nbformat's own layout: keys sorted, one-space
// indent, source, stream text and textual MIME data split into line arrays,
// and a trailing newline.
//
// Run executes every code cell in order with an engine.Executor, the same
// interpreter and display path the kernel uses, collecting outputs as
// nbclient records them from a kernel's iopub messages:
//   - stream text is appended to the previous output when it is a stream of
//     the same name, and "\r" and "\b" are applied once the cell is done;
//   - display_data is appended; update_display_data replaces the data and
//     metadata of every output shown with the same display_id, in any cell;
//   - clear_output clears at once, or with wait just before the next output;
//   - the cell's value becomes an execute_result with the execution count;
//   - a failing cell gets one error output (ename, evalue, traceback).
//
// Cells whose source is blank are skipped, as nbclient skips them. Input
// requests fail with engine.ErrNoStdin: a headless run has nobody to ask.
package notebook
