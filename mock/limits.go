package mock

import (
	"net/http"
	"time"
)

// Defaults of the connection limits Serve applies (Options.MaxHeaderBytes and the
// timeouts). They are safe for a mock that runs for days and receives whatever a
// half-written frontend sends, and generous enough for the fixtures' delays (the slow
// scenarios wait 3s).
const (
	DefaultMaxHeaderBytes    = 64 << 10
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 60 * time.Second
	DefaultIdleTimeout       = 2 * time.Minute
	DefaultShutdownTimeout   = 10 * time.Second
)

// httpServer returns the http.Server that Serve runs: s as its handler, with the header
// limit and the timeouts of s's Options, or their defaults where they are not positive
// (net/http reads a zero timeout as "no timeout", which a long-running mock must not
// have).
func (s *Server) httpServer() *http.Server {
	o := &s.opts
	return &http.Server{
		Handler:           s,
		MaxHeaderBytes:    positiveOr(o.MaxHeaderBytes, DefaultMaxHeaderBytes),
		ReadHeaderTimeout: positiveOr(o.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       positiveOr(o.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      positiveOr(o.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       positiveOr(o.IdleTimeout, DefaultIdleTimeout),
	}
}

// positiveOr returns v when it is positive, else def.
func positiveOr[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}
