// Package reqlog writes the mock's request log, one line per request, without going
// through log/slog, yet byte for byte as slog's TextHandler or JSONHandler (with default
// HandlerOptions but Level) writes mock.SlogRequestLogger's record.
//
// The request log is written on every request, and slog's Record and Handler path
// (building the Record, boxing its attributes, the handler's generic formatting) cost
// about 3 µs of the 12 µs that `helpmock serve` spends on a request in-process. This
// package formats exactly that one line by hand, with no allocations, into a reused
// buffer and hands it to the writer in one Write call.
package reqlog
