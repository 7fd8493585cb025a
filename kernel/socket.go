package kernel

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// sendTimeout bounds how long a send waits for a peer.
const sendTimeout = 10 * time.Second

// socket is one of the kernel's five ZeroMQ sockets. Sends are serialized,
// and a panic inside zmq4 on a send or a receive becomes an error.
type socket struct {
	name string
	zs   zmq4.Socket
	mu   sync.Mutex
	path string // the ipc socket file, removed on close
}

// listen creates a socket of the given kind and binds it to the port of
// ci named name; port 0 on tcp picks a free port, written back to *port.
func listen(ctx context.Context, ci *ConnectionInfo, name string, port *int, kind zmq4.SocketType, lg *log.Logger) (*socket, error) {
	var zs zmq4.Socket
	zlog := log.New(lg.Writer(), lg.Prefix()+name+": zmq4: ", lg.Flags())
	// A send to a ROUTER peer that never connected would wait for zmq4's
	// default five minutes: bound it.
	opts := []zmq4.Option{zmq4.WithLogger(zlog), zmq4.WithTimeout(sendTimeout)}
	switch kind {
	case zmq4.Router:
		zs = zmq4.NewRouter(ctx, opts...)
	case zmq4.Pub:
		zs = zmq4.NewPub(ctx, opts...)
	case zmq4.Rep:
		zs = zmq4.NewRep(ctx, opts...)
	default:
		return nil, fmt.Errorf("kernel: unsupported socket type %s", kind)
	}
	ep := guardedEndpoint(ci.Endpoint(*port))
	if err := zs.Listen(ep); err != nil {
		zs.Close()
		return nil, fmt.Errorf("cannot listen on %s port %s: %v", name, ci.Endpoint(*port), rootCause(err))
	}
	if ci.Transport == "tcp" && *port == 0 {
		if a, ok := zs.Addr().(*net.TCPAddr); ok {
			*port = a.Port
		}
	}
	sk := &socket{name: name, zs: zs}
	if ci.Transport == "ipc" {
		sk.path = strings.TrimPrefix(ci.Endpoint(*port), "ipc://")
	}
	return sk, nil
}

// rootCause strips the wrapping zmq4 adds, keeping the OS's words
// ("address already in use").
func rootCause(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

func (s *socket) send(frames [][]byte) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("zmq4 panicked sending on %s: %v", s.name, r)
		}
	}()
	return s.zs.SendMulti(zmq4.NewMsgFrom(frames...))
}

func (s *socket) recv() (frames [][]byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("zmq4 panicked receiving on %s: %v", s.name, r)
		}
	}()
	m, err := s.zs.Recv()
	return m.Frames, err
}

func (s *socket) close() {
	defer func() { recover() }()
	s.zs.Close()
	if s.path != "" {
		os.Remove(s.path)
	}
}
