package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/helpmock/helpmock/mock"
)

const serveUsage = `Usage: helpmock serve [flags]

Runs the mock server. Without -spec and -fixtures it serves the openapi.yaml and
fixtures embedded in the binary, so it runs from any directory. With -spec it serves
that document with no fixtures unless -fixtures names some: each operation answers
values generated from its schema (scenario "generated") or its Help Page sample
(scenario "docs").

Every flag can also be set through the environment variable named after it
(-addr → HELPMOCK_ADDR, -token-ttl → HELPMOCK_TOKEN_TTL, ...); a flag on the command
line wins.

Exit status: 0 after a clean shutdown (SIGINT or SIGTERM), 2 usage or set-up error, or
requests still in flight when -shutdown-timeout ends.

Flags:
`

// serveConfig holds serve's parsed flags.
type serveConfig struct {
	addr, specPath, fixturesDir string
	lenient                     bool
	maxBody                     int64
	tokenTTL                    time.Duration
	shutdownTimeout             time.Duration
	log                         logFlags
	limits                      limitFlags
	frontend                    frontendFlags

	// requestLog writes the request log when not nil (runServe sets it from the log
	// flags, on the log's writer); nil leaves it to the mock's Logger.
	requestLog mock.RequestLogger
}

func parseServeFlags(args []string, stderr io.Writer) (*serveConfig, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), serveUsage)
		fs.PrintDefaults()
	}
	cfg := &serveConfig{}
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "`address` to listen on (host:port; port 0 picks a free one)")
	fs.StringVar(&cfg.specPath, "spec", "", "OpenAPI document `file` (default: the embedded openapi.yaml)")
	fs.StringVar(&cfg.fixturesDir, "fixtures", "", "fixtures `directory` (default: the embedded fixtures with the embedded spec, none with -spec)")
	fs.BoolVar(&cfg.lenient, "lenient", false, "bind requests exactly as ASP.NET Web API does, silently dropping what it drops (default: strict, answer 400 for such mistakes)")
	fs.Int64Var(&cfg.maxBody, "max-body", mock.DefaultMaxBodyBytes, "largest request body in `bytes`; larger ones get 413")
	fs.DurationVar(&cfg.tokenTTL, "token-ttl", time.Hour, "lifetime of the access tokens the mock issues ({{expires}} in fixtures)")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", mock.DefaultShutdownTimeout, "on SIGINT/SIGTERM, how long requests in flight may take to finish")
	cfg.log.register(fs)
	cfg.limits.register(fs)
	cfg.frontend.register(fs)
	if err := envDefaults(fs); err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if err := cfg.limits.check(); err != nil {
		return nil, err
	}
	if cfg.shutdownTimeout <= 0 {
		// The mock reads 0 as its default, and -shutdown-timeout 0 waited for nothing.
		return nil, errors.New("-shutdown-timeout must be positive")
	}
	return cfg, nil
}

// runServe implements `helpmock serve`.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	logOut := newBufferedLog(stderr)
	defer logOut.Close()
	// From here on every line to stderr goes through logOut: its flusher and this
	// function's messages would otherwise write to stderr at once, out of order.
	stderr = logOut
	logger, err := cfg.log.logger(logOut)
	if err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	// The request log is written on every request; reqlog writes slog's lines without
	// slog's cost, to the same buffered writer, one whole line per Write like slog.
	if cfg.requestLog, err = cfg.log.requestLog(logOut, logger); err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	server, err := cfg.newMock(logger)
	if err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	setServingGC(os.Getenv("GOGC"))
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "helpmock listening on http://%s\n", ln.Addr())
	if err := server.Serve(ctx, ln); err != nil {
		printError(stderr, "serve", err)
		return exitUsage
	}
	return exitOK
}

// newMock loads the spec and fixtures the flags name and builds the mock, which logs to
// logger, writes its request log to cfg.requestLog (nil: to logger) and, once served,
// applies the flags' limits, shutdown timeout and watch.
func (cfg *serveConfig) newMock(logger *slog.Logger) (*mock.Server, error) {
	defer pauseGC()()
	s, err := loadSpec(cfg.specPath)
	if err != nil {
		return nil, err
	}
	set, err := loadFixtures(cfg.specPath, cfg.fixturesDir)
	if err != nil {
		return nil, err
	}
	opts := mock.Options{Spec: s, Fixtures: set, Logger: logger, RequestLog: cfg.requestLog,
		Lenient: cfg.lenient, MaxBodyBytes: cfg.maxBody, TokenTTL: cfg.tokenTTL,
		ShutdownTimeout: cfg.shutdownTimeout, Watch: cfg.watch()}
	cfg.limits.apply(&opts)
	cfg.frontend.apply(&opts)
	cfg.secureAdmin(&opts, logger)
	return mock.New(opts)
}

// servingGCPercent is the collector's target while serving (GOGC=400) unless the GOGC
// environment variable sets one. The live heap is a few megabytes, most of it the spec,
// and each request leaves a few kilobytes of garbage, so Go's default of 100 runs a
// collection every few thousand requests; 400 runs a quarter as many, for about 10 MB
// more peak RSS (bench/run.sh measured 20-30% more requests/s on 2 cores).
const servingGCPercent = 400

// setServingGC applies servingGCPercent when gogc, the GOGC environment variable, is empty.
func setServingGC(gogc string) {
	if gogc == "" {
		debug.SetGCPercent(servingGCPercent)
	}
}

// startupMemoryLimit bounds the heap while pauseGC holds the collector off.
const startupMemoryLimit = 256 << 20

// pauseGC turns the garbage collector off until the function it returns is called, which
// restores the previous settings, a user's GOGC and GOMEMLIMIT included. Loading the spec
// and fixtures allocates a few megabytes on a heap that starts tiny, so the collector
// would run cycles during start-up, whose mark workers take one of few cores. Measured on
// 2 cores with bench/benchtool: up to 3.6 ms off a cold start's median (33 of 41 paired
// starts faster), though some noisy runs showed no difference. A memory limit of
// startupMemoryLimit, or the user's if lower, still bounds a huge spec.
func pauseGC() (resume func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1) // a negative limit only reads it
	debug.SetMemoryLimit(min(limit, startupMemoryLimit))
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
