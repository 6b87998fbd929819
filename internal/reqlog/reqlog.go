package reqlog

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Entry is one request's line. Its fields are mock.RequestLogEntry's, in the same order,
// so that one converts to the other.
type Entry struct {
	// Time is when the answer was finished; slog leaves a zero Time out.
	Time                           time.Time
	Method                         string
	URI                            string
	Status                         int
	Latency                        time.Duration
	Operation, Scenario, MediaType string
	Error                          string
}

// Logger writes the request log to an io.Writer in slog's text or JSON format. It is
// safe for concurrent use as long as its writer is (each line is one Write call, so
// lines do not interleave).
type Logger struct {
	w    io.Writer
	json bool
}

// New returns a Logger that writes to w in format, "text" (as slog.TextHandler) or
// "json" (as slog.JSONHandler).
func New(w io.Writer, format string) (*Logger, error) {
	switch format {
	case "text":
		return &Logger{w: w}, nil
	case "json":
		return &Logger{w: w, json: true}, nil
	}
	return nil, fmt.Errorf("request log format %q: want text or json", format)
}

// maxPooledBuffer is the largest buffer put back in the pool, as in slog's internal
// buffer package: a line with a huge URI or error must not pin its buffer forever.
const maxPooledBuffer = 16 << 10

// bufPool holds the line buffers, as slog's handlers pool theirs: one buffer behind a
// mutex would make concurrent requests queue for the formatting too; with the pool only
// the writer's own Write is serialized.
var bufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, 512)
	return &b
}}

// Log writes e's line with one Write call. A failed write is dropped, as slog's
// Logger drops its handler's error: a log has nowhere better to report it.
func (l *Logger) Log(e Entry) {
	bp := bufPool.Get().(*[]byte)
	b := (*bp)[:0]
	if l.json {
		b = appendJSON(b, &e)
	} else {
		b = appendText(b, &e)
	}
	_, _ = l.w.Write(b)
	if cap(b) <= maxPooledBuffer {
		*bp = b
		bufPool.Put(bp)
	}
}
