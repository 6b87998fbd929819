package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPauseGC(t *testing.T) {
	tests := []struct {
		name            string
		percent         int
		limit           int64
		wantPausedLimit int64
	}{
		{"defaults", 100, math.MaxInt64, startupMemoryLimit},
		{"user's GOGC and a lower GOMEMLIMIT", 50, 64 << 20, 64 << 20},
		{"GOGC=off and a higher GOMEMLIMIT", -1, 1 << 30, startupMemoryLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(tt.percent))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(tt.limit))
			resume := pauseGC()
			if got := debug.SetGCPercent(-1); got != -1 {
				t.Errorf("GC percent while paused = %d, want -1", got)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.wantPausedLimit {
				t.Errorf("memory limit while paused = %d, want %d", got, tt.wantPausedLimit)
			}
			resume()
			if got := debug.SetGCPercent(tt.percent); got != tt.percent {
				t.Errorf("GC percent after resume = %d, want %d", got, tt.percent)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.limit {
				t.Errorf("memory limit after resume = %d, want %d", got, tt.limit)
			}
		})
	}
}

func TestSetServingGC(t *testing.T) {
	tests := []struct {
		gogc string
		want int
	}{
		{"", servingGCPercent},
		{"100", 50}, // the user's GOGC (the runtime applied it; 50 stands for it here) stays
		{"off", 50},
	}
	for _, tt := range tests {
		t.Run("GOGC="+tt.gogc, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(50))
			setServingGC(tt.gogc)
			if got := debug.SetGCPercent(50); got != tt.want {
				t.Errorf("GC percent = %d, want %d", got, tt.want)
			}
		})
	}
}

// parseTextLine parses a line of slog's text format into its keys and values.
func parseTextLine(line string) (map[string]any, error) {
	m := map[string]any{}
	for rest := line; rest != ""; {
		key, after, ok := strings.Cut(rest, "=")
		if !ok || key == "" || strings.ContainsAny(key, ` "`) {
			return nil, fmt.Errorf("no key=value at %q", rest)
		}
		var value string
		if strings.HasPrefix(after, `"`) {
			quoted, err := strconv.QuotedPrefix(after)
			if err != nil {
				return nil, fmt.Errorf("value of %s: %w", key, err)
			}
			value, _ = strconv.Unquote(quoted)
			after = after[len(quoted):]
			if after != "" && !strings.HasPrefix(after, " ") {
				return nil, fmt.Errorf("value of %s: no space after %s", key, quoted)
			}
			rest = strings.TrimPrefix(after, " ")
		} else {
			value, rest, _ = strings.Cut(after, " ")
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("key %s twice", key)
		}
		m[key] = value
	}
	return m, nil
}

// TestServeRequestLog runs serve in-process with each log format and level, sends a
// request that succeeds and one that fails, and checks the request log: one parseable
// line per request (valid JSON with -log-format json) with the expected keys, in the
// same stream as serve's other log lines, and none above Info.
func TestServeRequestLog(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100)) // serve sets its own
	tests := []struct {
		name      string
		args      []string
		parse     func(string) (map[string]any, error)
		wantInfos bool
	}{
		{"text", []string{"-log-format", "text"}, parseTextLine, true},
		{"json", []string{"-log-format", "json"}, func(line string) (map[string]any, error) {
			m := map[string]any{}
			return m, json.Unmarshal([]byte(line), &m)
		}, true},
		{"json above info", []string{"-log-format", "json", "-log-level", "warn"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &syncBuffer{}
			stdoutR, stdoutW := io.Pipe()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			exited := make(chan int, 1)
			go func() {
				exited <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-watch=false"}, tt.args...), stdoutW, stderr)
				stdoutW.Close()
			}()
			out := bufio.NewReader(stdoutR)
			first, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("serve printed no address: %v\n%s", err, stderr.String())
			}
			go func() { _, _ = io.Copy(io.Discard, out) }() // keep serve's stdout flowing
			addr, ok := strings.CutPrefix(strings.TrimSpace(first), "helpmock listening on http://")
			if !ok {
				t.Fatalf("serve printed %q, want \"helpmock listening on http://ADDR\"", first)
			}
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			for _, req := range []struct{ method, path, body string }{
				{http.MethodPost, "/api/v2/account/refreshtoken", `{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`},
				{http.MethodGet, "/no/such/path?q=%22a%20b%22", ""},
			} {
				r, err := http.NewRequest(req.method, "http://"+addr+req.path, strings.NewReader(req.body))
				if err != nil {
					t.Fatal(err)
				}
				r.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
			cancel()
			select {
			case code := <-exited:
				if code != exitOK {
					t.Fatalf("serve = %d, want %d\n%s", code, exitOK, stderr.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not return within 30s of its context's end")
			}

			var requests []map[string]any
			shuttingDown := false
			for _, line := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
				if tt.parse == nil {
					if strings.Contains(line, `"request"`) {
						t.Errorf("log line %q above Info, want no request log", line)
					}
					continue
				}
				m, err := tt.parse(line)
				if err != nil {
					t.Errorf("log line %q: %v", line, err)
					continue
				}
				switch m["msg"] {
				case "request":
					requests = append(requests, m)
				case "shutting down":
					shuttingDown = true
				}
			}
			if !tt.wantInfos {
				return
			}
			if !shuttingDown {
				t.Errorf("no \"shutting down\" line in the log:\n%s", stderr.String())
			}
			want := []struct {
				keys           []string
				method, status string
			}{
				{[]string{"time", "level", "msg", "method", "uri", "status", "latency", "op", "scenario", "media_type"}, "POST", "200"},
				{[]string{"time", "level", "msg", "method", "uri", "status", "latency", "media_type", "error"}, "GET", "404"},
			}
			if len(requests) != len(want) {
				t.Fatalf("%d request lines, want %d:\n%s", len(requests), len(want), stderr.String())
			}
			for i, w := range want {
				var keys []string
				for k := range requests[i] {
					keys = append(keys, k)
				}
				if slices.Sort(keys); !slices.Equal(keys, slices.Sorted(slices.Values(w.keys))) {
					t.Errorf("request line %d has keys %q, want %q", i, keys, w.keys)
				}
				if got := fmt.Sprint(requests[i]["method"], " ", requests[i]["status"]); got != w.method+" "+w.status {
					t.Errorf("request line %d: method and status %s, want %s %s", i, got, w.method, w.status)
				}
			}
		})
	}
}
