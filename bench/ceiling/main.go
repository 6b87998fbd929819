package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args, listens and serves until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ceiling", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "`address` to listen on (port 0 picks a free one)")
	work := fs.Duration("work", 0, "busy the CPU for this `duration` on each request before answering: a server that\n"+
		"much slower per request (bench/run.sh's ceiling-paced row, at helpmock's pace)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *work < 0 {
		fmt.Fprintf(stderr, "ceiling: -work %v: want a duration of 0 or more\n", *work)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "ceiling: %v\n", err)
		return 2
	}
	srv := &http.Server{Handler: newHandler(*work)}
	fmt.Fprintf(stdout, "ceiling listening on http://%s\n", ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "ceiling: %v\n", err)
		return 2
	case <-ctx.Done():
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		fmt.Fprintf(stderr, "ceiling: shutdown: %v\n", err)
		return 1
	}
	return 0
}

// answer is one operation's pre-built response bodies.
type answer struct{ json, xml []byte }

// newHandler returns the fixed-bytes handler: the sample for the path, XML when Accept
// mentions xml, else JSON. It drains the request body, as any real server must, keeps
// the CPU busy for work (zero: not at all), and does nothing else.
func newHandler(work time.Duration) http.Handler {
	answers := map[string]answer{
		refreshTokenPath:     {[]byte(loginResultJSON), []byte(loginResultXML)},
		pfmsRefreshTokenPath: {[]byte(refreshTokenJSON), []byte(refreshTokenXML)},
	}
	// Header values built once and shared (net/http only reads them): Header.Set would
	// canonicalise the key and allocate on every request, which a ceiling should not pay for.
	jsonType := []string{"application/json; charset=utf-8"}
	xmlType := []string{"application/xml; charset=utf-8"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := answers[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		if work > 0 {
			busy(work)
		}
		h := w.Header()
		body, ct := a.json, jsonType
		if strings.Contains(r.Header.Get("Accept"), "xml") {
			body, ct = a.xml, xmlType
		}
		h["Content-Type"] = ct
		_, _ = w.Write(body)
	})
}

// busy keeps the CPU busy for d: a server with d more work per request than the ceiling,
// which on a pinned CPU answers at 1/(1/rate + d) of the ceiling's rate.
func busy(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}
