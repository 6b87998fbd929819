package mock_test

import (
	"io"
	"testing"

	"github.com/helpmock/helpmock/internal/reqlog"
	"github.com/helpmock/helpmock/mock"
)

// reqlogLogger is the request log as `helpmock serve` writes it: each entry handed to
// internal/reqlog, as cmd/helpmock wires it.
type reqlogLogger struct{ l *reqlog.Logger }

func (r reqlogLogger) LogRequest(e mock.RequestLogEntry) { r.l.Log(reqlog.Entry(e)) }

// newReqlog returns the request log that `helpmock serve` writes to w in format.
func newReqlog(tb testing.TB, w io.Writer, format string) mock.RequestLogger {
	tb.Helper()
	l, err := reqlog.New(w, format)
	if err != nil {
		tb.Fatal(err)
	}
	return reqlogLogger{l}
}
