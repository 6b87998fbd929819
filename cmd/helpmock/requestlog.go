package main

import (
	"github.com/helpmock/helpmock/internal/reqlog"
	"github.com/helpmock/helpmock/mock"
)

// requestLogger writes the mock's request log with internal/reqlog, which writes the lines
// slog would at less cost (bench/results.md, "Fast paths"). Neither package knows the
// other: a mock.RequestLogEntry converts to a reqlog.Entry, which has the same fields (the
// conversion stops compiling when they part).
type requestLogger struct{ l *reqlog.Logger }

// LogRequest implements mock.RequestLogger.
func (r requestLogger) LogRequest(e mock.RequestLogEntry) { r.l.Log(reqlog.Entry(e)) }
