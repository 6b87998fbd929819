package mock

import (
	"context"
	"log/slog"
	"time"
)

// RequestLogEntry is one line of the request log: what the mock answered to one request.
type RequestLogEntry struct {
	// Time is when the answer was finished.
	Time   time.Time
	Method string
	// URI is the request URI as the client sent it (path and query), the values of the
	// spec's secret parameters [redacted] (unless Options.JournalSecrets).
	URI string
	// Status is the answer's status; StatusClientGaveUp (499) when the client went away
	// before the answer, StatusNoAnswer (444) when a fault scenario closed the connection
	// without one.
	Status  int
	Latency time.Duration
	// Operation, Scenario and MediaType are the matched operationId, the scenario answered
	// and the negotiated media type; "" when the request never got that far.
	Operation, Scenario, MediaType string
	// Error is the error the request ended with; "" when none. A secret it quotes (a
	// credential header, a secret parameter or member) reads [redacted] (unless
	// Options.JournalSecrets).
	Error string
}

// RequestLogger writes the request log, one line per request. It must be safe for
// concurrent use.
type RequestLogger interface {
	LogRequest(e RequestLogEntry)
}

// The request log's message (exported for loggers that write slog's lines themselves) and
// attribute keys.
const (
	RequestLogMessage = "request"
	keyMethod         = "method"
	keyURI            = "uri"
	keyStatus         = "status"
	keyLatency        = "latency"
	keyOp             = "op"
	keyScenario       = "scenario"
	keyMediaType      = "media_type"
	keyError          = "error"
)

// SlogRequestLogger writes the request log through a log/slog Logger, at Info level with
// the message "request" and the attributes method, uri, status, latency, then op,
// scenario, media_type and error when they are not "".
type SlogRequestLogger struct{ Logger *slog.Logger }

// LogRequest implements RequestLogger.
func (l SlogRequestLogger) LogRequest(e RequestLogEntry) {
	ctx := context.Background()
	if !l.Logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	r := slog.NewRecord(e.Time, slog.LevelInfo, RequestLogMessage, 0)
	r.AddAttrs(slog.String(keyMethod, e.Method), slog.String(keyURI, e.URI),
		slog.Int(keyStatus, e.Status), slog.Duration(keyLatency, e.Latency))
	for _, a := range [...]struct{ key, value string }{
		{keyOp, e.Operation}, {keyScenario, e.Scenario}, {keyMediaType, e.MediaType}, {keyError, e.Error},
	} {
		if a.value != "" {
			r.AddAttrs(slog.String(a.key, a.value))
		}
	}
	_ = l.Logger.Handler().Handle(ctx, r) // a handler has nowhere better to report a failed write
}
