// Package reqlog writes the mock's request log, one line per request, without going
// through log/slog, yet byte for byte as slog's TextHandler or JSONHandler (with default
// HandlerOptions but Level) writes the record mock.SlogRequestLogger makes of the same
// entry: level INFO, message "request", then method, uri, status and latency, then op,
// scenario, media_type and error where they are not "".
//
// The request log is written on every request, and slog's Record and Handler path costs
// more than this package's budget allows (the figures: bench/results.md, "Fast paths").
// This package formats exactly that one line by hand, with no allocations, into a reused
// buffer and hands it to the writer in one Write call.
//
// It knows nothing of the mock: cmd/helpmock converts each mock.RequestLogEntry into an
// Entry, which has the same fields.
package reqlog
