package mock

import (
	"context"
	"errors"
	"fmt"
	"net"
)

// Serve answers the connections ln accepts until ctx ends, then shuts down gracefully and
// returns. It is how a long-running mock is served (helpmock serve is Serve and its
// flags); a test can use an httptest.Server instead, since a Server is an http.Handler.
//
// Serve applies the connection limits of the Options (MaxHeaderBytes, ReadHeaderTimeout,
// ReadTimeout, WriteTimeout, IdleTimeout) and, with Options.Watch, reloads the spec and
// fixtures when their files change. The watch is in place before the first connection
// is accepted.
//
// When ctx ends, Serve closes ln, stops keep-alives, lets the connections it has accepted
// deliver their first request (for up to 2s), releases the requests the hang fault holds
// (see Close), and waits for the requests in flight to finish, for up to
// Options.ShutdownTimeout. It returns nil when they all finished, and an error wrapping
// context.DeadlineExceeded when some were still in flight.
//
// Serve closes ln when it returns. It returns an error at once when the watch cannot
// start, and when ln fails to accept a connection (after closing the connections still
// open). Serve is called once per Server: its shutdown closes the Server (Close).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.httpServer()
	// Shutdown waits for requests in flight; the hang fault's never end on their own.
	hs.RegisterOnShutdown(s.Close)
	fresh := &newConns{}
	hs.ConnState = fresh.hook

	watchCtx, stopWatch := context.WithCancel(ctx)
	watchStopped, err := s.startWatch(watchCtx)
	if err != nil {
		stopWatch()
		_ = ln.Close()
		return err
	}
	defer func() {
		stopWatch()
		<-watchStopped // no reload after Serve returns
	}()

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		// Accepting failed: the connections still open are closed, not drained.
		_ = hs.Close()
		s.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	timeout := positiveOr(s.opts.ShutdownTimeout, DefaultShutdownTimeout)
	s.opts.Logger.Info("shutting down", "timeout", timeout)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	if err := drain(shutdownCtx, hs, ln, served, fresh); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("shutdown: requests still in flight after %v: %w", timeout, err)
		}
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
