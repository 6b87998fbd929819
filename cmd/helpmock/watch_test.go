package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyDir copies the *.yaml files of src into a new temporary directory.
func copyDir(tb testing.TB, src string) string {
	tb.Helper()
	dir := tb.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("glob %s: %v (%d files)", src, err, len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// eventually polls cond every 20ms for up to a minute: a reload takes milliseconds, but a
// loaded 2-core machine under -race may need seconds.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within a minute", what)
		}
		time.Sleep(20 * time.Millisecond) // bounded polling for the watcher, not synchronisation
	}
}

// TestWatchReloadsFixtures edits a fixture under a running serve configuration: a good
// edit changes the next answer, a broken one is logged with its file and line and
// changes nothing.
func TestWatchReloadsFixtures(t *testing.T) {
	dir := copyDir(t, "../../fixtures")
	cfg, err := parseServeFlags([]string{"-fixtures", dir, "-spec", "../../openapi.yaml"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	server, err := cfg.newMock(logger)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server)
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := cfg.watch(ctx, server, logger); err != nil {
		t.Fatal(err)
	}
	ask := func() string {
		resp, err := http.Post(ts.URL+"/api/v2/account/refreshtoken", "application/json",
			strings.NewReader(`{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	file := filepath.Join(dir, "refreshToken.success.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, edit string
		wait       func() bool // true once the watcher has handled the edit
		want       string
	}{
		{"good edit", "TokenType: mac", nil, `"TokenType":"mac"`},
		{"broken YAML", "TokenType: [mac", func() bool {
			return strings.Contains(logs.String(), "reload failed") && strings.Contains(logs.String(), "refreshToken.success.yaml:")
		}, `"TokenType":"mac"`},
		{"fixed again", "TokenType: bearer2", nil, `"TokenType":"bearer2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(orig), "TokenType: bearer", tt.edit, 1)
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.wait != nil {
				eventually(t, "reload error logged", tt.wait)
			} else {
				eventually(t, "answer holds "+tt.want, func() bool { return strings.Contains(ask(), tt.want) })
			}
			if got := ask(); !strings.Contains(got, tt.want) {
				t.Errorf("answer after %s = %s, want it to hold %s", tt.name, got, tt.want)
			}
		})
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs.String())
	}
}
