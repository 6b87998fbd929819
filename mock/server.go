package mock

import (
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/helpmock/helpmock/fixtures"
	ispec "github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/spec"
)

// Options configure a Server.
type Options struct {
	// Spec is the OpenAPI document to serve (spec.Load, spec.LoadFile, spec.LoadFS or
	// spec.Default). Required.
	Spec *spec.Spec
	// Fixtures are the scenarios to answer with. An operation without fixtures answers
	// values generated from its schema (ScenarioGenerated, its default) or its documented
	// examples (scenario "docs"). Default: none.
	Fixtures *fixtures.Set
	// Logger receives the mock's own messages and, unless RequestLog is set, one Info line
	// per request (SlogRequestLogger). Default: discard.
	Logger *slog.Logger
	// RequestLog writes the request log instead of Logger. Default: nil, the request log
	// goes to Logger.
	RequestLog RequestLogger
	// Lenient makes the mock bind requests exactly as ASP.NET Web API does, silently
	// dropping what it drops. Default: false (strict: answer 400 for such mistakes).
	Lenient bool
	// MaxBodyBytes limits request bodies; larger ones get 413. Default: 1 MiB.
	MaxBodyBytes int64
	// MaxXMLDepth limits the element nesting of XML request bodies (the root is depth 1);
	// deeper ones get 400. Default: 256, Web API's XmlMediaTypeFormatter.MaxDepth.
	MaxXMLDepth int
	// MaxXMLElements limits the elements of one XML request body; more get 400.
	// Default: 10000.
	MaxXMLElements int
	// MaxJSONDepth limits the nesting of JSON request bodies; deeper ones get 400.
	// Default: DefaultMaxJSONDepth.
	MaxJSONDepth int
	// TokenTTL is the lifetime of issued access tokens ({{expires}} in fixtures). Default: 1h.
	TokenTTL time.Duration
	// Now returns the current time. Default: time.Now.
	Now func() time.Time
	// Rand is the source of random tokens; it need not be safe for concurrent use.
	// Default: ChaCha8 generators (math/rand/v2, cryptographically strong) seeded from
	// crypto/rand, one per concurrent reader: unpredictable like crypto/rand.Reader, at a
	// third of its cost per token.
	Rand io.Reader

	// Admin serves the admin API under /__helpmock/ (admin.yaml) to requests whose Host is
	// localhost, a loopback address or one of AdminHosts. Default: false; helpmock serve
	// turns it on.
	Admin bool
	// AdminHosts are the hosts (names or IP addresses), besides localhost and loopback
	// addresses, whose requests the admin API answers; an unspecified address (0.0.0.0,
	// ::) stands for every IP address. Default: none; helpmock serve adds the host it
	// listens on.
	AdminHosts []string
	// AdminToken, when set, makes the admin API require "Authorization: Bearer <token>".
	// Default: "" (no token: only fit for a mock bound to a loopback address).
	AdminToken string
	// JournalSecrets shows secrets in the journal and the request log: the credential
	// headers and the members the spec marks x-helpmock-secret. Default: false, they
	// read [redacted].
	JournalSecrets bool
	// CORS answers cross-origin requests and preflights with Echo's CORS middleware.
	// Default: false; helpmock serve turns it on.
	CORS bool
	// CORSOrigins restricts CORS to these origins. Default: any origin.
	CORSOrigins []string
	// Latency is added to every answer of the mocked API, on top of scenario delays.
	// Default: none.
	Latency Latency
	// Journal is how many requests the journal keeps. Default: 0, no journal.
	Journal int
	// Stateful makes token operations (the operations the spec marks
	// x-helpmock-tokens) remember and rotate the token pairs they issue, and refuse
	// reused or expired refresh tokens. Default: false (every refresh answers the
	// chosen scenario).
	Stateful bool
	// RefreshTTL is how long an issued refresh token may be used, in stateful mode.
	// Default: 24h.
	RefreshTTL time.Duration
	// StrictTokens refuses refresh tokens the mock never issued, in stateful mode.
	// Default: false (an unknown pair starts a new chain).
	StrictTokens bool
	// The fields below are Serve's (serve.go): an http.Server of the caller's own, such as
	// an httptest.Server, has its own settings.

	// MaxHeaderBytes limits the request line and headers; larger ones get 431 (net/http
	// allows 4096 bytes over it). Default: DefaultMaxHeaderBytes (64 KiB).
	MaxHeaderBytes int
	// ReadHeaderTimeout is the time a client may take to send the request headers; it
	// cuts off slow-loris clients. Default: DefaultReadHeaderTimeout (10s).
	ReadHeaderTimeout time.Duration
	// ReadTimeout is the time a client may take to send a whole request, body included.
	// Default: DefaultReadTimeout (30s).
	ReadTimeout time.Duration
	// WriteTimeout is the time from the end of the request headers to the end of the
	// answer; keep it above the fixtures' delays and Latency. Default: DefaultWriteTimeout
	// (1m).
	WriteTimeout time.Duration
	// IdleTimeout is the time a keep-alive connection may stay idle. Default:
	// DefaultIdleTimeout (2m).
	IdleTimeout time.Duration
	// ShutdownTimeout is how long Serve, once its context ends, waits for the requests in
	// flight to finish before it gives up with an error. Default: DefaultShutdownTimeout
	// (10s).
	ShutdownTimeout time.Duration
	// Watch makes Serve reload the spec and fixtures when their files change. Default:
	// nil, no reloading.
	Watch *Watch
}

// DefaultMaxBodyBytes is the default request body limit.
const DefaultMaxBodyBytes = 1 << 20

// DefaultMaxJSONDepth is the default nesting limit of JSON request bodies.
const DefaultMaxJSONDepth = 64

// Server answers requests for the operations of a spec. It is an http.Handler.
type Server struct {
	echo *echo.Echo
	opts Options
	snap atomic.Pointer[snapshot] // spec, fixtures and operations; swapped by Reload

	tokens  *tokenStore
	journal *journal
	rules   atomic.Pointer[specRules] // the redaction rules of the spec served last
	// realClock is true when Options.Now is time.Now (the default): the journal then
	// takes the time the request log already read.
	realClock bool

	pinsMu sync.RWMutex
	pins   map[string]string // operationId → pinned scenario

	closeOnce sync.Once
	closed    chan struct{} // closed by Close: releases requests held by the hang fault
}

// New validates opts (the spec's examples and every fixture against the spec) and returns
// a Server.
func New(opts Options) (*Server, error) {
	if opts.Spec == nil {
		return nil, errors.New("mock: Options.Spec is required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.RequestLog == nil {
		opts.RequestLog = SlogRequestLogger{Logger: opts.Logger}
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.MaxJSONDepth <= 0 {
		opts.MaxJSONDepth = DefaultMaxJSONDepth
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	realClock := opts.Now == nil
	if realClock {
		opts.Now = time.Now
	}
	if opts.Rand == nil {
		opts.Rand = newSeededReader()
	} else if opts.Rand != rand.Reader {
		opts.Rand = &lockedReader{r: opts.Rand}
	}
	s := &Server{opts: opts, realClock: realClock, pins: map[string]string{}, closed: make(chan struct{})}
	if opts.RefreshTTL <= 0 {
		opts.RefreshTTL = 24 * time.Hour
	}
	s.opts = opts
	snap, err := compile(&s.opts, ispec.Compiled(opts.Spec), opts.Fixtures)
	if err != nil {
		return nil, err
	}
	s.snap.Store(snap)
	s.tokens = newTokenStore()
	s.journal = newJournal(opts.Journal)
	s.echo = s.newEcho()
	return s, nil
}

func (s *Server) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Echo applies the middleware of e.Use anew to every request, which makes a closure
	// per middleware each time. The chain is built once instead, around a handler that
	// calls the route's own (c.Handler()), and given to Echo as one middleware that
	// returns it whatever the route.
	var chain echo.HandlerFunc = func(c echo.Context) error { return c.Handler()(c) }
	chain = middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, DisablePrintStack: true})(chain)
	chain = s.guardAdmin(chain)
	chain = s.observe(chain)
	if s.opts.CORS {
		chain = s.corsMiddleware()(chain)
	}
	e.Use(func(echo.HandlerFunc) echo.HandlerFunc { return chain })
	if s.opts.Admin {
		s.registerAdmin(e)
	}
	e.Any("/*", s.handle)
	return e
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// Echo returns the underlying Echo instance, so that callers can start it with their own
// http.Server settings.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Close releases the requests the hang fault holds (their connections are closed without
// an answer) so that http.Server.Shutdown can finish; Serve does so itself, and a caller
// with an http.Server of its own registers it with http.Server.RegisterOnShutdown.
// Requests in a scenario's delay still get their answer. Close is safe to call more than
// once and from any goroutine; the Server keeps serving other requests, and later hang
// requests are closed at once.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closed) })
}
