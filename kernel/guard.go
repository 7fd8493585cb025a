package kernel

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// The guard sits between the network and zmq4's listening sockets. zmq4
// v0.17.0 trusts its peers: a frame announcing 2^40 bytes makes it
// allocate them, a truncated READY property panics inside one of its
// goroutines (which no recover can reach), and a peer that connects and
// sends nothing blocks its accept loop for every later client. The guard
// reads each frame first, checks it, and hands zmq4 only well-formed
// bytes; a connection that breaks the rules is closed.
const (
	guardTimeout = 10 * time.Second // to send the signature and finish the handshake
	maxFrame     = 256 << 20        // bytes in one frame
	maxMessage   = 512 << 20        // bytes in one multipart message
)

// ZMTP framing.
const (
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
	greetingLen = 64
	sigLen      = 10
)

var (
	registerGuard sync.Once
	guardLog      atomic.Pointer[log.Logger] // where closed connections are reported
)

// logGuard reports a connection the guard closed.
func logGuard(c net.Conn, reason string) {
	if l := guardLog.Load(); l != nil {
		l.Printf("closed a connection from %s: %s", c.RemoteAddr(), reason)
	}
}

// guardedEndpoint rewrites tcp://... and ipc://... to the guarded
// transports, registering them with zmq4 on first use.
func guardedEndpoint(ep string) string {
	registerGuard.Do(func() {
		zmq4.RegisterTransport("gocalc-tcp", guardTransport{transport.New("tcp")})
		zmq4.RegisterTransport("gocalc-ipc", guardTransport{transport.New("unix")})
	})
	if strings.HasPrefix(ep, "tcp://") || strings.HasPrefix(ep, "ipc://") {
		return "gocalc-" + ep
	}
	return ep
}

// guardTransport is a zmq4 transport whose listeners guard their connections.
type guardTransport struct{ inner transport.Transport }

// Dial dials as the plain transport does: the guard is for listeners.
func (g guardTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return g.inner.Dial(ctx, d, addr)
}

// Listen listens with the plain transport and guards what it accepts.
func (g guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := g.inner.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	gl := &guardListener{Listener: l, conns: make(chan net.Conn), done: make(chan struct{})}
	go gl.acceptLoop()
	return gl, nil
}

// Addr resolves an endpoint as the plain transport does.
func (g guardTransport) Addr(ep string) (string, error) { return g.inner.Addr(ep) }

// guardListener accepts connections on its own goroutine and passes on
// only those that sent a ZMTP signature, so that a silent peer cannot
// block zmq4's accept loop.
type guardListener struct {
	net.Listener
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func (l *guardListener) acceptLoop() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			select {
			case <-l.done:
				return
			default:
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		go l.vet(c)
	}
}

func (l *guardListener) vet(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(guardTimeout))
	var sig [sigLen]byte
	if _, err := io.ReadFull(c, sig[:]); err != nil || sig[0] != 0xff || sig[9] != 0x7f {
		reason := "not a ZMTP peer"
		if err != nil {
			reason = "no ZMTP signature: " + err.Error()
		}
		logGuard(c, reason)
		c.Close()
		return
	}
	gc := &guardConn{Conn: c, r: bufioReader(sig[:], c), w: newFrameWriter(c)}
	select {
	case l.conns <- gc:
	case <-l.done:
		c.Close()
	}
}

// Accept returns the next connection that sent a ZMTP signature.
func (l *guardListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting and closes the listener.
func (l *guardListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// bufioReader reads the signature already read, then the connection.
func bufioReader(sig []byte, c net.Conn) *bufio.Reader {
	return bufio.NewReaderSize(io.MultiReader(bytes.NewReader(sig), c), 64<<10)
}

// errGuard reports a connection closed by the guard.
type errGuard struct{ reason string }

// Error says why the guard closed the connection.
func (e errGuard) Error() string { return "kernel: connection closed: " + e.reason }

// guardConn hands zmq4 one checked frame at a time, and sends what zmq4
// writes one message at a time.
type guardConn struct {
	net.Conn
	r          *bufio.Reader
	w          *frameWriter
	buf        []byte // checked bytes not yet read by zmq4
	greeted    bool
	handshaken bool
	msgSize    uint64 // bytes so far in the current multipart message
	err        error
}

// Read returns checked bytes; after a violation the connection is closed
// and every Read fails.
func (c *guardConn) Read(p []byte) (int, error) {
	if len(c.buf) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		if err := c.fill(); err != nil {
			var ge errGuard
			if errors.As(err, &ge) {
				logGuard(c.Conn, ge.reason)
			}
			c.err = err
			c.Conn.Close()
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// Write sends whole messages (see frameWriter).
func (c *guardConn) Write(p []byte) (int, error) { return c.w.Write(p) }

// fill reads and checks the greeting or the next frame into c.buf.
func (c *guardConn) fill() error {
	if !c.greeted {
		g := make([]byte, greetingLen)
		if _, err := io.ReadFull(c.r, g); err != nil {
			return err
		}
		c.greeted = true
		c.buf = g
		return nil
	}
	flag, err := c.r.ReadByte()
	if err != nil {
		return err
	}
	if flag&^(flagMore|flagLong|flagCommand) != 0 {
		return errGuard{fmt.Sprintf("bad frame flags %#x", flag)}
	}
	var size uint64
	hdr := []byte{flag}
	if flag&flagLong != 0 {
		var l [8]byte
		if _, err := io.ReadFull(c.r, l[:]); err != nil {
			return err
		}
		size = binary.BigEndian.Uint64(l[:])
		hdr = append(hdr, l[:]...)
	} else {
		b, err := c.r.ReadByte()
		if err != nil {
			return err
		}
		size = uint64(b)
		hdr = append(hdr, b)
	}
	if size > maxFrame || c.msgSize+size > maxMessage {
		return errGuard{fmt.Sprintf("frame of %d bytes exceeds the limit", size)}
	}
	frame := make([]byte, len(hdr)+int(size))
	copy(frame, hdr)
	if _, err := io.ReadFull(c.r, frame[len(hdr):]); err != nil {
		return err
	}
	body := frame[len(hdr):]
	switch {
	case flag&flagCommand != 0:
		if err := checkCommand(body); err != nil {
			return err
		}
		if !c.handshaken && commandName(body) == "READY" {
			c.handshaken = true
			c.Conn.SetReadDeadline(time.Time{})
		}
	case !c.handshaken:
		return errGuard{"message before the handshake"}
	case flag&flagMore != 0:
		c.msgSize += size
	default:
		c.msgSize = 0
	}
	c.buf = frame
	return nil
}

func commandName(body []byte) string {
	if len(body) == 0 || int(body[0]) > len(body)-1 {
		return ""
	}
	return string(body[1 : 1+int(body[0])])
}

// checkCommand checks a command's name and, for READY, its properties,
// whose truncation zmq4 does not survive.
func checkCommand(body []byte) error {
	if len(body) == 0 || int(body[0]) > len(body)-1 {
		return errGuard{"malformed command"}
	}
	if commandName(body) != "READY" {
		return nil
	}
	p := body[1+int(body[0]):]
	for len(p) > 0 {
		klen := int(p[0])
		if len(p) < 1+klen+4 {
			return errGuard{"truncated READY property"}
		}
		vlen := uint64(binary.BigEndian.Uint32(p[1+klen:]))
		if uint64(len(p)-(1+klen+4)) < vlen {
			return errGuard{"truncated READY property value"}
		}
		p = p[1+klen+4+int(vlen):]
	}
	return nil
}
