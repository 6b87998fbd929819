package mock

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// newConnGrace bounds how long shutdown waits for accepted connections to deliver their
// first request: a client that connected just before Serve's context ended is usually a
// few milliseconds from having sent it, and a silent one (a browser's preconnect) is cut
// off.
const newConnGrace = 2 * time.Second

// newConns tracks the connections http.Server has accepted but whose first request it
// has not read yet (http.StateNew). http.Server.Shutdown closes such a connection without
// an answer once its request arrives, so a request the kernel and the server accepted
// just before Serve's context ended would be lost; Serve waits for them first (see
// drain).
type newConns struct {
	// pending is len(conns), read without the lock: every kept-alive request turns its
	// connection active, and once the connections are past their first request there is
	// nothing to remove, so that request takes no lock.
	pending atomic.Int64
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	waiting chan struct{} // closed when conns becomes empty
}

// hook is the http.Server's ConnState.
func (n *newConns) hook(c net.Conn, st http.ConnState) {
	if st == http.StateIdle || (st != http.StateNew && n.pending.Load() == 0) {
		// A connection turns idle after a request (StateActive), which already left it
		// out; and with no new connection, no other state has one to remove.
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.conns == nil {
		n.conns = map[net.Conn]struct{}{}
	}
	if st == http.StateNew {
		n.conns[c] = struct{}{}
		n.pending.Store(int64(len(n.conns)))
		return
	}
	delete(n.conns, c)
	n.pending.Store(int64(len(n.conns)))
	if len(n.conns) == 0 && n.waiting != nil {
		close(n.waiting)
		n.waiting = nil
	}
}

// wait returns when no connection is new any more, or when ctx ends.
func (n *newConns) wait(ctx context.Context) {
	n.mu.Lock()
	if len(n.conns) == 0 {
		n.mu.Unlock()
		return
	}
	if n.waiting == nil {
		n.waiting = make(chan struct{})
	}
	ch := n.waiting
	n.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// drain shuts hs down without losing an accepted request: it stops keep-alives, closes
// the listener, waits for Serve to return (so every accepted connection is tracked), lets
// new connections deliver their first request (at most newConnGrace), then calls
// Shutdown, which waits for requests in flight until ctx ends.
func drain(ctx context.Context, hs *http.Server, ln net.Listener, served <-chan error, fresh *newConns) error {
	hs.SetKeepAlivesEnabled(false)
	_ = ln.Close() // Serve returns the "use of closed network connection" error
	select {
	case <-served:
	case <-ctx.Done():
	}
	graceCtx, cancel := context.WithTimeout(ctx, newConnGrace)
	fresh.wait(graceCtx)
	cancel()
	return hs.Shutdown(ctx)
}
