package reqlog

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var formats = []string{"text", "json"}

// logSlog is the reference: it hands h the record mock.SlogRequestLogger makes of e
// (cmd/helpmock's TestLogFlagsRequestLog checks that they write the same lines).
func logSlog(h slog.Handler, e Entry) {
	r := slog.NewRecord(e.Time, slog.LevelInfo, "request", 0)
	r.AddAttrs(slog.String("method", e.Method), slog.String("uri", e.URI),
		slog.Int("status", e.Status), slog.Duration("latency", e.Latency))
	for _, a := range []slog.Attr{slog.String("op", e.Operation), slog.String("scenario", e.Scenario),
		slog.String("media_type", e.MediaType), slog.String("error", e.Error)} {
		if a.Value.String() != "" {
			r.AddAttrs(a)
		}
	}
	_ = h.Handle(context.Background(), r)
}

// slogLine is the line slog's handler for format, with default options, writes for e.
func slogLine(tb testing.TB, format string, e Entry) string {
	tb.Helper()
	var buf bytes.Buffer
	var h slog.Handler
	switch format {
	case "text":
		h = slog.NewTextHandler(&buf, nil)
	case "json":
		h = slog.NewJSONHandler(&buf, nil)
	default:
		tb.Fatalf("no slog handler for format %q", format)
	}
	logSlog(h, e)
	return buf.String()
}

// fastLine is the line a Logger for format writes for e.
func fastLine(tb testing.TB, format string, e Entry) string {
	tb.Helper()
	var buf bytes.Buffer
	l, err := New(&buf, format)
	if err != nil {
		tb.Fatal(err)
	}
	l.Log(e)
	return buf.String()
}

// checkSame fails unless the Logger writes e's line as slog does, in every format.
func checkSame(tb testing.TB, e Entry) {
	tb.Helper()
	for _, format := range formats {
		if got, want := fastLine(tb, format, e), slogLine(tb, format, e); got != want {
			tb.Errorf("%s Log(%+v)\n got %q\nwant %q", format, e, got, want)
		}
	}
}

// baseEntry is a typical request: every field set, nothing to quote.
func baseEntry() Entry {
	return Entry{
		Time:      time.Date(2024, 3, 5, 14, 7, 9, 123456789, time.UTC),
		Method:    "POST",
		URI:       "/api/v2/account/refreshtoken?x=1",
		Status:    200,
		Latency:   1500 * time.Microsecond,
		Operation: "refreshToken",
		Scenario:  "success",
		MediaType: "application/json",
	}
}

// awkwardStrings need quoting in text, escaping in JSON, or neither, but look as if
// they might.
var awkwardStrings = []struct{ name, s string }{
	{"empty", ""},
	{"plain", "GET"},
	{"space", "a b"},
	{"equals", "a=b"},
	{"quote", `a"b`},
	{"backslash", `a\b`},
	{"newline", "a\nb"},
	{"carriage return", "a\rb"},
	{"tab", "a\tb"},
	{"control characters", "\x00\x01\x1b\x1f"},
	{"DEL", "a\x7fb"},
	{"DEL quoted", "a b\x7f"},
	{"C escapes", "\a\b\f\n\r\t\v"},
	{"every ASCII byte", everyASCIIByte()},
	{"e acute", "café"},
	{"micro sign", "µs"},
	{"CJK", "日本語"},
	{"emoji", "\U0001F600"},
	{"no-break space", "a\u00a0b"},
	{"NEL", "a\u0085b"},
	{"line separator", "a\u2028b"},
	{"paragraph separator", "a\u2029b"},
	{"ideographic space", "a\u3000b"},
	{"zero-width space", "a\u200bb"},
	{"BOM", "\ufeffa"},
	{"replacement character", "a\ufffdb"},
	{"invalid UTF-8", "a\xffb"},
	{"truncated UTF-8", "a\xc3"},
	{"surrogate half", "\xed\xa0\x80"},
	{"HTML", "<a href='x'>&amp;</a>"},
	{"query", "/api/v2/values?a=1&b=<2>"},
	{"percent-encoded", "/api/v2/values/a%20b"},
	{"JSON", `{"a":[1,2]}`},
	{"error message", `validate request: body: property "AccessTokenOld" is missing`},
}

// everyASCIIByte returns the bytes 0 to 127 in order.
func everyASCIIByte() string {
	b := make([]byte, utf8.RuneSelf)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}

func TestAppendQuotedASCII(t *testing.T) {
	tests := []string{"", `a"b\c`, everyASCIIByte()}
	for c := range utf8.RuneSelf {
		tests = append(tests, string(rune(c)))
	}
	for _, s := range tests {
		if got, want := string(appendQuotedASCII([]byte("x="), s)), "x="+strconv.Quote(s); got != want {
			t.Errorf("appendQuotedASCII(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestLogRequestMatchesSlogStrings(t *testing.T) {
	fields := []struct {
		name string
		set  func(e *Entry, s string)
	}{
		{"method", func(e *Entry, s string) { e.Method = s }},
		{"uri", func(e *Entry, s string) { e.URI = s }},
		{"op", func(e *Entry, s string) { e.Operation = s }},
		{"scenario", func(e *Entry, s string) { e.Scenario = s }},
		{"media_type", func(e *Entry, s string) { e.MediaType = s }},
		{"error", func(e *Entry, s string) { e.Error = s }},
	}
	for _, f := range fields {
		for _, tt := range awkwardStrings {
			t.Run(f.name+"/"+tt.name, func(t *testing.T) {
				e := baseEntry()
				f.set(&e, tt.s)
				checkSame(t, e)
			})
		}
	}
}

func TestLogRequestMatchesSlog(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+30*60)
	tests := []struct {
		name string
		edit func(e *Entry)
	}{
		{"typical", func(e *Entry) {}},
		{"no optional fields", func(e *Entry) { e.Operation, e.Scenario, e.MediaType, e.Error = "", "", "", "" }},
		{"only op", func(e *Entry) { e.Scenario, e.MediaType = "", "" }},
		{"only scenario", func(e *Entry) { e.Operation, e.MediaType = "", "" }},
		{"only media_type", func(e *Entry) { e.Operation, e.Scenario = "", "" }},
		{"only error", func(e *Entry) {
			e.Operation, e.Scenario, e.MediaType, e.Error = "", "", "", "code=404, message=Not Found"
		}},
		{"all optional fields", func(e *Entry) { e.Error = "boom" }},
		{"every string empty", func(e *Entry) { *e = Entry{Time: e.Time} }},
		{"zero entry", func(e *Entry) { *e = Entry{} }},

		{"status 0", func(e *Entry) { e.Status = 0 }},
		{"status 500", func(e *Entry) { e.Status = 500 }},
		{"status negative", func(e *Entry) { e.Status = -1 }},
		{"status large", func(e *Entry) { e.Status = 1 << 40 }},

		{"latency 0", func(e *Entry) { e.Latency = 0 }},
		{"latency 1ns", func(e *Entry) { e.Latency = 1 }},
		{"latency 999ns", func(e *Entry) { e.Latency = 999 }},
		{"latency 1.5µs", func(e *Entry) { e.Latency = 1500 }},
		{"latency 1.5ms", func(e *Entry) { e.Latency = 1500 * time.Microsecond }},
		{"latency 2m3s", func(e *Entry) { e.Latency = 2*time.Minute + 3*time.Second }},
		{"latency 26h0.000000001s", func(e *Entry) { e.Latency = 26*time.Hour + 1 }},
		{"latency negative", func(e *Entry) { e.Latency = -1500 * time.Microsecond }},
		{"latency min", func(e *Entry) { e.Latency = time.Duration(-1 << 63) }},
		{"latency max", func(e *Entry) { e.Latency = time.Duration(1<<63 - 1) }},

		{"time UTC", func(e *Entry) {}},
		{"time +05:30", func(e *Entry) { e.Time = e.Time.In(ist) }},
		{"time -08:00", func(e *Entry) { e.Time = e.Time.In(time.FixedZone("PST", -8*3600)) }},
		{"time offset with seconds", func(e *Entry) { e.Time = e.Time.In(time.FixedZone("", 3723)) }},
		{"time zero offset, not UTC", func(e *Entry) { e.Time = e.Time.In(time.FixedZone("GMT", 0)) }},
		{"time 0 ns", func(e *Entry) { e.Time = time.Date(2024, 3, 5, 14, 7, 9, 0, ist) }},
		{"time 1 ms", func(e *Entry) { e.Time = time.Date(2024, 3, 5, 14, 7, 9, 1e6, time.UTC) }},
		{"time 999999999 ns", func(e *Entry) { e.Time = time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.UTC) }},
		{"time year 1", func(e *Entry) { e.Time = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC) }},
		{"time year 1 in +05:30", func(e *Entry) { e.Time = time.Date(1, 1, 1, 0, 0, 0, 0, ist) }},
		{"time year 0", func(e *Entry) { e.Time = time.Date(0, 6, 1, 0, 0, 0, 0, time.UTC) }},
		{"time year -1", func(e *Entry) { e.Time = time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC) }},
		{"time year 9999", func(e *Entry) { e.Time = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC) }},
		{"time year 10000", func(e *Entry) { e.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"time year 10000 in -08:00", func(e *Entry) {
			e.Time = time.Date(10000, 1, 1, 3, 0, 0, 5e8, time.FixedZone("", -8*3600))
		}},
		{"time zero", func(e *Entry) { e.Time = time.Time{} }},
		{"time zero in a zone", func(e *Entry) { e.Time = time.Time{}.In(ist) }},
		{"time unix 0", func(e *Entry) { e.Time = time.Unix(0, 0) }},
		{"time now, monotonic", func(e *Entry) { e.Time = time.Now() }},
		{"time local", func(e *Entry) { e.Time = e.Time.Local() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := baseEntry()
			tt.edit(&e)
			checkSame(t, e)
		})
	}
}

// TestLogRequestLines checks the lines themselves, so that a change to slog's format
// that the fast path happened to share would still be noticed.
func TestLogRequestLines(t *testing.T) {
	e := baseEntry()
	e.Time = e.Time.In(time.FixedZone("IST", 5*3600+30*60))
	e.Error = `bad "thing"`
	tests := []struct{ format, want string }{
		{"text", `time=2024-03-05T19:37:09.123+05:30 level=INFO msg=request method=POST uri="/api/v2/account/refreshtoken?x=1" status=200 latency=1.5ms op=refreshToken scenario=success media_type=application/json error="bad \"thing\""` + "\n"},
		{"json", `{"time":"2024-03-05T19:37:09.123456789+05:30","level":"INFO","msg":"request","method":"POST","uri":"/api/v2/account/refreshtoken?x=1","status":200,"latency":1500000,"op":"refreshToken","scenario":"success","media_type":"application/json","error":"bad \"thing\""}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if got := fastLine(t, tt.format, e); got != tt.want {
				t.Errorf("%s line\n got %q\nwant %q", tt.format, got, tt.want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		format  string
		wantErr bool
	}{
		{"text", false},
		{"json", false},
		{"", true},
		{"JSON", true},
		{"logfmt", true},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			l, err := New(io.Discard, tt.format)
			if gotErr := err != nil; gotErr != tt.wantErr || gotErr == (l != nil) {
				t.Errorf("New(%q) = %v, %v, want an error: %t", tt.format, l, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.format)) {
				t.Errorf("New(%q) error %q does not name the format", tt.format, err)
			}
		})
	}
}

// writeCounter records each Write call.
type writeCounter struct{ writes []string }

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func TestLogRequestOneWritePerLine(t *testing.T) {
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			var w writeCounter
			l, err := New(&w, format)
			if err != nil {
				t.Fatal(err)
			}
			e := baseEntry()
			e.Error = "line one\nline two"
			e.URI = strings.Repeat("/long", 4000) // longer than a pooled buffer
			for range 3 {
				l.Log(e)
			}
			if len(w.writes) != 3 {
				t.Fatalf("3 Log calls made %d writes, want 3", len(w.writes))
			}
			for i, line := range w.writes {
				if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") {
					t.Errorf("write %d = %q, want one whole line", i, line)
				}
			}
		})
	}
}

func TestLogRequestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop buffers")
	}
	entries := map[string]Entry{"typical": baseEntry()}
	quoted := baseEntry()
	quoted.Error, quoted.URI = "bad \"thing\"\n\xff", "/a b?c=<d>&e=\u2028"
	entries["quoted"] = quoted
	for _, format := range formats {
		for name, e := range entries {
			t.Run(format+"/"+name, func(t *testing.T) {
				l, err := New(io.Discard, format)
				if err != nil {
					t.Fatal(err)
				}
				if n := testing.AllocsPerRun(1000, func() { l.Log(e) }); n != 0 {
					t.Errorf("Log allocates %v times per line, want 0", n)
				}
			})
		}
	}
}

// TestLogRequestSecondCache checks lines written one after another within one second,
// across a second's edge, in another location in the same second and back: the text
// format reuses the last second's text.
func TestLogRequestSecondCache(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 4, 1, 36, 0, time.UTC)
	india := time.FixedZone("IST", 5*3600+30*60)
	for _, tm := range []time.Time{
		t0, t0.Add(5 * time.Millisecond), t0.Add(999999999), t0.In(india), t0.Add(7 * time.Millisecond).In(india),
		t0, t0.Add(time.Second), t0.Add(time.Second + 1), t0.Add(-1), t0.Add(-time.Second).In(india),
		time.Date(10000, 1, 1, 0, 0, 0, 5e6, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 6e6, time.UTC), t0,
	} {
		e := baseEntry()
		e.Time = tm
		checkSame(t, e)
	}
}
