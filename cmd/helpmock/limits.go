package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"time"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/mock"
)

// Defaults of serve's limit flags. They are safe for a mock that runs for days and
// receives whatever a half-written frontend sends, and generous enough for the fixtures'
// delays (the slow scenarios wait 3s).
const (
	defaultMaxHeaderBytes    = 64 << 10
	defaultReadHeaderTimeout = 10 * time.Second
	defaultReadTimeout       = 30 * time.Second
	defaultWriteTimeout      = 60 * time.Second
	defaultIdleTimeout       = 2 * time.Minute
)

// limitFlags are serve's request limits and connection timeouts.
type limitFlags struct {
	maxHeaderBytes                 int
	readHeaderTimeout, readTimeout time.Duration
	writeTimeout, idleTimeout      time.Duration
	maxXMLDepth, maxXMLElements    int
	maxJSONDepth                   int
}

func (l *limitFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&l.maxHeaderBytes, "max-header-bytes", defaultMaxHeaderBytes, "largest request header block in `bytes`; larger ones get 431")
	fs.DurationVar(&l.readHeaderTimeout, "read-header-timeout", defaultReadHeaderTimeout, "time a client may take to send the request headers (cuts off slow-loris clients)")
	fs.DurationVar(&l.readTimeout, "read-timeout", defaultReadTimeout, "time a client may take to send the whole request, body included")
	fs.DurationVar(&l.writeTimeout, "write-timeout", defaultWriteTimeout, "time from the end of the request headers to the end of the answer; keep it above the fixtures' delays")
	fs.DurationVar(&l.idleTimeout, "idle-timeout", defaultIdleTimeout, "time a keep-alive connection may stay idle")
	fs.IntVar(&l.maxXMLDepth, "max-xml-depth", dcxml.DefaultMaxDepth, "deepest element nesting of an XML request body; deeper ones get 400")
	fs.IntVar(&l.maxXMLElements, "max-xml-elements", dcxml.DefaultMaxElements, "most elements in one XML request body; more get 400")
	fs.IntVar(&l.maxJSONDepth, "max-json-depth", mock.DefaultMaxJSONDepth, "deepest nesting of a JSON request body; deeper ones get 400")
}

// check rejects limits that would switch a protection off: every limit must be positive
// (net/http reads a zero timeout as "no timeout").
func (l *limitFlags) check() error {
	var errs []error
	positive := func(name string, ok bool) {
		if !ok {
			errs = append(errs, fmt.Errorf("-%s must be positive", name))
		}
	}
	positive("max-header-bytes", l.maxHeaderBytes > 0)
	positive("read-header-timeout", l.readHeaderTimeout > 0)
	positive("read-timeout", l.readTimeout > 0)
	positive("write-timeout", l.writeTimeout > 0)
	positive("idle-timeout", l.idleTimeout > 0)
	positive("max-xml-depth", l.maxXMLDepth > 0)
	positive("max-xml-elements", l.maxXMLElements > 0)
	positive("max-json-depth", l.maxJSONDepth > 0)
	return errors.Join(errs...)
}

// httpServer returns an http.Server for handler with the flags' header limit and timeouts.
func (l *limitFlags) httpServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: l.readHeaderTimeout,
		ReadTimeout:       l.readTimeout,
		WriteTimeout:      l.writeTimeout,
		IdleTimeout:       l.idleTimeout,
		MaxHeaderBytes:    l.maxHeaderBytes,
	}
}

// apply copies the body limits into the mock's options.
func (l *limitFlags) apply(opts *mock.Options) {
	opts.MaxXMLDepth = l.maxXMLDepth
	opts.MaxXMLElements = l.maxXMLElements
	opts.MaxJSONDepth = l.maxJSONDepth
}
