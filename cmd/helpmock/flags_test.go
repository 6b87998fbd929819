package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/helpmock/helpmock/mock"
)

// TestLogFlagsRequestLog checks that serve's request log (internal/reqlog) writes the
// lines its logger would (mock.SlogRequestLogger), and that there is none when the level
// leaves Info out. internal/reqlog's own tests compare it with slog on every kind of value.
func TestLogFlagsRequestLog(t *testing.T) {
	entries := []mock.RequestLogEntry{{
		Time: time.Date(2024, 3, 5, 14, 7, 9, 123456789, time.FixedZone("", 3600)), Method: "GET",
		URI: "/api/v2/values?id=<1>", Status: 404, Latency: 250 * time.Microsecond,
		Error: `code=404, message="Not Found"`,
	}, {
		Time: time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC), Method: "POST", URI: "/api/v2/account/refreshtoken",
		Status: 200, Latency: 1500 * time.Microsecond, Operation: "refreshToken", Scenario: "success",
		MediaType: "application/xml",
	}, {}}
	tests := []struct {
		level, format string
		wantLog       bool
	}{
		{"debug", "text", true},
		{"info", "text", true},
		{"info", "json", true},
		{"warn", "text", false},
		{"error", "json", false},
	}
	for _, tt := range tests {
		t.Run(tt.level+"/"+tt.format, func(t *testing.T) {
			l := logFlags{level: tt.level, format: tt.format}
			var slogOut, fastOut bytes.Buffer
			logger, err := l.logger(&slogOut)
			if err != nil {
				t.Fatal(err)
			}
			rl, err := l.requestLog(&fastOut, logger)
			if err != nil {
				t.Fatal(err)
			}
			if (rl != nil) != tt.wantLog {
				t.Fatalf("requestLog(-log-level %s) = %v, want a request log: %t", tt.level, rl, tt.wantLog)
			}
			if rl == nil {
				return
			}
			for _, entry := range entries {
				rl.LogRequest(entry)
				mock.SlogRequestLogger{Logger: logger}.LogRequest(entry)
			}
			if fastOut.String() != slogOut.String() {
				t.Errorf("request log line\n got %q\nwant %q (the logger's)", fastOut.String(), slogOut.String())
			}
		})
	}
}
