package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/gocalc/gocalc/kernel"
)

// kernelCommand implements "gocalc kernel CONNECTION_FILE" and returns the
// exit status: 0 after a shutdown, 1 when the kernel cannot start (with a
// one-line reason on stderr), 2 for a usage error.
func kernelCommand(args []string) int {
	fs := newFlagSet("kernel", "CONNECTION_FILE",
		"Serve the Jupyter messaging protocol (5.4) on the sockets named in CONNECTION_FILE,\n"+
			"running cells with gocalc's Go interpreter. Jupyter starts this command through the\n"+
			"kernelspec that 'gocalc install' writes.\n\n"+
			"SIGINT interrupts the running cell (it never stops the kernel); SIGTERM shuts the\n"+
			"kernel down. Executed cells are kept in "+kernel.DefaultHistoryPath()+"\n"+
			"($JUPYTER_DATA_DIR/gocalc/history.jsonl when set), so a restarted kernel has them.")
	pos, code, done := parse(fs, args, 1, 1)
	if done {
		return code
	}
	return serveKernel(pos[0], os.Stderr)
}

// serveKernel serves the connection file at path until shutdown.
func serveKernel(path string, stderr io.Writer) int {
	ci, err := kernel.LoadConnectionFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "gocalc kernel: %v\n", err)
		return 1
	}
	ip := startInterpreter()
	srv, err := kernel.New(kernel.Config{
		Conn:        *ci,
		Executor:    ip,
		HistoryPath: kernel.DefaultHistoryPath(),
		Log:         stderr,
		Version:     version,
		Banner:      "gocalc: Go for calculus notebooks (yaegi interpreter)",
		HelpLinks: []kernel.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "gocalc kernel: %v\n", err)
		return 1
	}
	if err := ip.wait(); err != nil {
		srv.Close()
		fmt.Fprintf(stderr, "gocalc kernel: cannot start the interpreter: %v\n", err)
		return 1
	}

	// SIGINT interrupts the running cell and never ends the process
	// (jupyter_client sends it in signal mode and before a shutdown);
	// SIGTERM shuts down cleanly.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		for sig := range sigs {
			if sig == os.Interrupt {
				srv.Interrupt()
				continue
			}
			srv.Shutdown()
		}
	}()

	if _, err := srv.Serve(context.Background()); err != nil {
		fmt.Fprintf(stderr, "gocalc kernel: %v\n", err)
		return 1
	}
	return 0
}
