package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/gocalc/gocalc/kernel/internal/wire"
	"io"
	"log"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/gocalc/gocalc/comm"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// Config says what a Server serves and with which interpreter.
type Config struct {
	// Conn is the connection file's content. Port 0 with tcp picks a free
	// port; Server.ConnectionInfo reports the ports chosen.
	Conn ConnectionInfo
	// Executor runs cells; its optional abilities (engine.Completer, ...)
	// are found by type assertion.
	Executor engine.Executor
	// HistoryPath is the JSON-lines file that keeps executed cells across
	// restarts (see DefaultHistoryPath); empty keeps history in memory.
	HistoryPath string
	// Log receives one line per dropped or failed message; nil means stderr.
	Log io.Writer
	// Implementation and Version name the kernel in kernel_info_reply
	// (default "gocalc" and "dev").
	Implementation, Version string
	// LanguageVersion is language_info.version (default: the Go version
	// the binary was built with).
	LanguageVersion string
	// Banner is kernel_info_reply's banner.
	Banner string
	// HelpLinks are kernel_info_reply's help_links.
	HelpLinks []HelpLink
}

// HelpLink is one entry of kernel_info_reply's help_links.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Server is a running Jupyter kernel: five sockets, a shell worker that runs
// requests one at a time in order, and a control loop served alongside it.
type Server struct {
	cfg     Config
	conn    ConnectionInfo
	signer  *wire.Signer
	session string
	user    string
	log     *log.Logger

	shell, control, stdin, iopub, hb *socket

	queue    chan queued // shell requests, in arrival order
	received atomic.Uint64
	history  *historyFile

	// Owned by the shell worker.
	execCount int
	abortUpTo uint64 // executes received up to this one are aborted (stop_on_error)

	lastOut   atomic.Pointer[cellOutput] // the output of the request served last: the parent of comm messages the process sends
	runMu     sync.Mutex
	cancelRun context.CancelFunc // cancels the running cell, if any

	stdinReplies chan *wire.Message
	inputMu      sync.Mutex

	debug       *debugger                       // answers debug_request on control
	debugParent atomic.Pointer[json.RawMessage] // header of the last debug_request, the parent of stopped events

	ctx      context.Context
	stop     context.CancelFunc
	done     chan struct{}
	doneOnce sync.Once
	restart  bool

	workers   sync.WaitGroup
	closeOnce sync.Once
}

// New binds the five sockets of cfg.Conn. Its errors are one line long
// ("cannot listen on shell port tcp://127.0.0.1:5555: address already in use").
func New(cfg Config) (*Server, error) {
	if cfg.Executor == nil {
		panic("kernel: Config.Executor is nil")
	}
	ci := cfg.Conn
	if err := ci.Check(); err != nil {
		return nil, err
	}
	if cfg.Implementation == "" {
		cfg.Implementation = "gocalc"
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.LanguageVersion == "" {
		cfg.LanguageVersion = strings.TrimPrefix(runtime.Version(), "go")
	}
	w := cfg.Log
	if w == nil {
		w = os.Stderr
	}
	ctx, stop := context.WithCancel(context.Background())
	s := &Server{
		cfg:          cfg,
		signer:       wire.NewSigner([]byte(ci.Key)),
		session:      wire.NewID(),
		user:         username(),
		log:          log.New(w, "gocalc kernel: ", log.LstdFlags),
		queue:        make(chan queued, 4096),
		stdinReplies: make(chan *wire.Message, 16),
		ctx:          ctx,
		stop:         stop,
		done:         make(chan struct{}),
		debug:        newDebugger(cfg.Executor),
	}
	guardLog.Store(s.log)
	s.debug.publish = func(e dap.Event) {
		parent := json.RawMessage("{}")
		if p := s.debugParent.Load(); p != nil {
			parent = *p
		}
		s.publish(parent, "debug_event", e)
	}
	h, err := openHistory(cfg.HistoryPath)
	if err != nil {
		s.log.Printf("history disabled: %v", err)
		h, _ = openHistory("")
	}
	s.history = h

	specs := []struct {
		dst  **socket
		name string
		port *int
		kind zmq4.SocketType
	}{
		{&s.shell, "shell", &ci.ShellPort, zmq4.Router},
		{&s.control, "control", &ci.ControlPort, zmq4.Router},
		{&s.stdin, "stdin", &ci.StdinPort, zmq4.Router},
		{&s.iopub, "iopub", &ci.IOPubPort, zmq4.Pub},
		{&s.hb, "hb", &ci.HBPort, zmq4.Rep},
	}
	for _, sp := range specs {
		sk, err := listen(ctx, &ci, sp.name, sp.port, sp.kind, s.log)
		if err != nil {
			s.closeSockets()
			stop()
			s.history.Close()
			return nil, err
		}
		*sp.dst = sk
	}
	s.conn = ci
	return s, nil
}

func username() string {
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if u := os.Getenv(k); u != "" {
			return u
		}
	}
	return "kernel"
}

// ConnectionInfo returns the connection info with the ports actually bound.
func (s *Server) ConnectionInfo() ConnectionInfo { return s.conn }

// Session returns the session id carried by every message the kernel sends.
func (s *Server) Session() string { return s.session }

// Serve answers requests until a shutdown_request arrives, Shutdown is
// called or ctx is cancelled; then it stops the running cell, closes the
// sockets and returns. It reports whether the client asked for a restart.
func (s *Server) Serve(ctx context.Context) (restart bool, err error) {
	restoreComm := comm.SetTransport(commTransport{s})
	defer restoreComm()
	s.workers.Add(5)
	go s.heartbeat()
	go s.readShell()
	go s.runShell()
	go s.serveControl()
	go s.readStdin()

	select {
	case <-ctx.Done():
		err = ctx.Err()
		if errors.Is(err, context.Canceled) {
			err = nil
		}
	case <-s.done:
	}
	s.Close()
	return s.restart, err
}

// Interrupt stops the running cell, if any, as an interrupt_request does:
// its context is cancelled and an input request it waits on is abandoned.
func (s *Server) Interrupt() {
	s.runMu.Lock()
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.runMu.Unlock()
}

// Shutdown makes Serve return, as a shutdown_request without restart does.
func (s *Server) Shutdown() { s.finish(false) }

func (s *Server) finish(restart bool) {
	s.doneOnce.Do(func() {
		s.restart = restart
		close(s.done)
	})
}

// Close stops the running cell, closes the sockets and the history, and
// waits up to half a second for the workers. It is safe to call twice.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.finish(false)
		s.Interrupt()
		// The iopub queue is drained by zmq4 in the background: give the
		// last messages (shutdown_reply, idle) a moment to leave.
		time.Sleep(20 * time.Millisecond)
		s.stop()
		s.closeSockets()
		waited := make(chan struct{})
		go func() { s.workers.Wait(); close(waited) }()
		select {
		case <-waited:
			if c, ok := s.cfg.Executor.(engine.Closer); ok {
				if err := c.Close(); err != nil {
					s.log.Printf("closing the interpreter: %v", err)
				}
			}
		case <-time.After(500 * time.Millisecond):
			s.log.Printf("a cell did not stop within 500ms of shutdown")
		}
		s.history.Close()
	})
	return nil
}

func (s *Server) closeSockets() {
	for _, sk := range []*socket{s.shell, s.control, s.stdin, s.iopub, s.hb} {
		if sk != nil {
			sk.close()
		}
	}
}

// stopped reports whether the server is shutting down.
func (s *Server) stopped() bool { return s.ctx.Err() != nil }

// heartbeat echoes every ping on its own goroutine, whatever the shell does.
func (s *Server) heartbeat() {
	defer s.workers.Done()
	for !s.stopped() {
		frames, err := s.hb.recv()
		if err != nil {
			if s.stopped() {
				return
			}
			s.log.Printf("heartbeat: %v", err)
			continue
		}
		if err := s.hb.send(frames); err != nil && !s.stopped() {
			s.log.Printf("heartbeat: %v", err)
		}
	}
}

// receive reads and verifies the next message of sk; it returns nil, nil
// when the message was dropped (and logged).
func (s *Server) receive(sk *socket) (*wire.Message, error) {
	frames, err := sk.recv()
	if err != nil {
		return nil, err
	}
	m, err := wire.Decode(frames, s.signer)
	if err != nil {
		s.log.Printf("dropped a message on %s: %v", sk.name, err)
		return nil, nil
	}
	return m, nil
}

// readShell moves shell requests into the queue as they arrive, so that the
// worker can tell which executes were already waiting (stop_on_error).
func (s *Server) readShell() {
	defer s.workers.Done()
	defer close(s.queue)
	for !s.stopped() {
		m, err := s.receive(s.shell)
		if err != nil {
			if s.stopped() {
				return
			}
			s.log.Printf("shell: %v", err)
			continue
		}
		if m != nil {
			select {
			case s.queue <- queued{m, s.received.Add(1)}:
			case <-s.ctx.Done():
				return
			}
		}
	}
}

// queued is a shell request numbered in order of arrival.
type queued struct {
	msg *wire.Message
	seq uint64
}

// runShell serves shell requests one at a time, in order.
func (s *Server) runShell() {
	defer s.workers.Done()
	for q := range s.queue {
		if s.stopped() {
			return
		}
		s.serveRequest(shellHandlers, &request{sock: s.shell, msg: q.msg, abort: q.seq <= s.abortUpTo})
	}
}

// serveControl serves control requests on their own goroutine, so that
// interrupt and shutdown work while a cell runs.
func (s *Server) serveControl() {
	defer s.workers.Done()
	for !s.stopped() {
		m, err := s.receive(s.control)
		if err != nil {
			if s.stopped() {
				return
			}
			s.log.Printf("control: %v", err)
			continue
		}
		if m != nil {
			s.serve(s.control, controlHandlers, m)
		}
	}
}

// readStdin passes input replies to the cell waiting for one.
func (s *Server) readStdin() {
	defer s.workers.Done()
	for !s.stopped() {
		m, err := s.receive(s.stdin)
		if err != nil {
			if s.stopped() {
				return
			}
			s.log.Printf("stdin: %v", err)
			continue
		}
		if m == nil {
			continue
		}
		if m.Header.MsgType != "input_reply" {
			s.log.Printf("stdin: ignored a %s", m.Header.MsgType)
			continue
		}
		select {
		case s.stdinReplies <- m:
		default:
			s.log.Printf("stdin: dropped an input_reply nobody waited for")
		}
	}
}
