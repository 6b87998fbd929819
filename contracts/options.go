package contracts

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	ispec "github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/spec"
)

// Defaults of Options.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultParallel       = 4
	DefaultMaxBodyBytes   = 4 << 20
)

// ErrUnreachable is wrapped by Verify's error when the target does not accept connections.
var ErrUnreachable = errors.New("target unreachable")

// Options configure Verify.
type Options struct {
	// Target is the base URL of the implementation under test, for example
	// "http://127.0.0.1:8080"; operation paths are appended to its path. Required.
	Target string
	// Spec is the contract (spec.Load, spec.LoadFile, spec.LoadFS or spec.Default).
	// Required.
	Spec *spec.Spec
	// Only restricts the run to these operationIds. Default: every operation.
	Only []string
	// Header is added to every request (credentials). Default: none.
	Header http.Header
	// Set overrides request members and path or query parameters by name (matched
	// case-insensitively, as Json.NET, form binding and Web API's value providers do) in
	// every operation that has them, for example a real refresh token for the success path
	// or the id of a record that exists. Default: the spec's docs examples unchanged, and
	// parameter values made from their schemas (example, default, enum, format, bounds).
	Set map[string]string
	// Client sends the requests; Verify copies it and never follows redirects. Default: a
	// client with its own transport, closed when Verify returns.
	Client *http.Client
	// RequestTimeout bounds each exchange, body included. The whole run is bounded by ctx.
	// Default: DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Parallel is how many cases run at once. Default: DefaultParallel.
	Parallel int
	// MaxBodyBytes is the largest response body read; a larger one is a violation.
	// Default: DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Logger receives one Debug line per case. Default: nil, which discards.
	Logger *slog.Logger

	// compiled is Spec's compiled form, set by Verify.
	compiled *ispec.Spec
}

func (o *Options) requestTimeout() time.Duration {
	if o.RequestTimeout > 0 {
		return o.RequestTimeout
	}
	return DefaultRequestTimeout
}

func (o *Options) parallel() int {
	if o.Parallel > 0 {
		return o.Parallel
	}
	return DefaultParallel
}

func (o *Options) maxBodyBytes() int64 {
	if o.MaxBodyBytes > 0 {
		return o.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

func (o *Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}
