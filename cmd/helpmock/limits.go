package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/mock"
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
	fs.IntVar(&l.maxHeaderBytes, "max-header-bytes", mock.DefaultMaxHeaderBytes, "largest request header block in `bytes`; larger ones get 431")
	fs.DurationVar(&l.readHeaderTimeout, "read-header-timeout", mock.DefaultReadHeaderTimeout, "time a client may take to send the request headers (cuts off slow-loris clients)")
	fs.DurationVar(&l.readTimeout, "read-timeout", mock.DefaultReadTimeout, "time a client may take to send the whole request, body included")
	fs.DurationVar(&l.writeTimeout, "write-timeout", mock.DefaultWriteTimeout, "time from the end of the request headers to the end of the answer; keep it above the fixtures' delays")
	fs.DurationVar(&l.idleTimeout, "idle-timeout", mock.DefaultIdleTimeout, "time a keep-alive connection may stay idle")
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

// apply copies the limits into the mock's options.
func (l *limitFlags) apply(opts *mock.Options) {
	opts.MaxHeaderBytes = l.maxHeaderBytes
	opts.ReadHeaderTimeout, opts.ReadTimeout = l.readHeaderTimeout, l.readTimeout
	opts.WriteTimeout, opts.IdleTimeout = l.writeTimeout, l.idleTimeout
	opts.MaxXMLDepth = l.maxXMLDepth
	opts.MaxXMLElements = l.maxXMLElements
	opts.MaxJSONDepth = l.maxJSONDepth
}
