package reqlog

import (
	"bufio"
	"io"
	"log/slog"
	"sync"
	"testing"
)

// benchLoggers are the request loggers compared: this package's and slog's handlers
// (with the record mock.SlogRequestLogger makes), in both formats, writing to w.
func benchLoggers(tb testing.TB, w io.Writer) []struct {
	name string
	log  func(Entry)
} {
	tb.Helper()
	fastText, err := New(w, "text")
	if err != nil {
		tb.Fatal(err)
	}
	fastJSON, err := New(w, "json")
	if err != nil {
		tb.Fatal(err)
	}
	slogText, slogJSON := slog.NewTextHandler(w, nil), slog.NewJSONHandler(w, nil)
	return []struct {
		name string
		log  func(Entry)
	}{
		{"fast text", fastText.Log},
		{"fast json", fastJSON.Log},
		{"slog text", func(e Entry) { logSlog(slogText, e) }},
		{"slog json", func(e Entry) { logSlog(slogJSON, e) }},
	}
}

// BenchmarkLogRequest measures one request log line of a typical request, written to
// io.Discard, by this package and by slog, side by side.
func BenchmarkLogRequest(b *testing.B) {
	e := baseEntry()
	for _, bm := range benchLoggers(b, io.Discard) {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bm.log(e)
			}
		})
	}
}

// lockedWriter is a buffered writer behind a mutex, as serve's log writer is.
type lockedWriter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// BenchmarkLogRequestParallel measures request log lines written from every P at once
// to one buffered writer behind a mutex, as serve writes them.
func BenchmarkLogRequestParallel(b *testing.B) {
	e := baseEntry()
	w := &lockedWriter{w: bufio.NewWriterSize(io.Discard, 64<<10)}
	for _, bm := range benchLoggers(b, w) {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					bm.log(e)
				}
			})
		})
	}
}
