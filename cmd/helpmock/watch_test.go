package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
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

// TestServeWatchFiles checks what serve watches for each combination of -spec, -fixtures
// and -watch.
func TestServeWatchFiles(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // nil: no watch
	}{
		{"embedded spec and fixtures", nil, nil},
		{"-spec", []string{"-spec", "api.yaml"}, []string{"api.yaml"}},
		{"-fixtures", []string{"-fixtures", "fx"}, []string{filepath.Join("fx", "*.yaml")}},
		{"both", []string{"-spec", "api.yaml", "-fixtures", "fx"}, []string{"api.yaml", filepath.Join("fx", "*.yaml")}},
		{"-watch=false", []string{"-watch=false", "-spec", "api.yaml", "-fixtures", "fx"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseServeFlags(tt.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			w := cfg.watch()
			switch {
			case tt.want == nil && w != nil:
				t.Errorf("serve %q watches %q, want no watch", tt.args, w.Files)
			case tt.want != nil && (w == nil || !slices.Equal(w.Files, tt.want) || w.Load == nil):
				t.Errorf("serve %q watch = %+v, want files %q and a Load", tt.args, w, tt.want)
			}
		})
	}
}

// TestServeWatchReloadsFixtures edits a fixture under a running `helpmock serve`: a good
// edit changes the next answer, a broken one is logged with its file and line and
// changes nothing.
func TestServeWatchReloadsFixtures(t *testing.T) {
	dir := copyDir(t, "../../fixtures")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pr, pw := io.Pipe()
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-spec", "../../openapi.yaml", "-fixtures", dir}, pw, logs)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatalf("serve printed no address; stderr: %s", logs.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	addr, ok := strings.CutPrefix(sc.Text(), "helpmock listening on http://")
	if !ok {
		t.Fatalf("serve printed %q", sc.Text())
	}
	ask := func() string {
		resp, err := http.Post("http://"+addr+"/api/v2/account/refreshtoken", "application/json",
			strings.NewReader(`{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	// An answer proves the server runs, so the watch is in place.
	if got := ask(); !strings.Contains(got, `"TokenType":"bearer"`) {
		t.Fatalf("first answer = %s, want the fixture's TokenType bearer", got)
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
	stop()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit = %d, want %d", code, exitOK)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not return within 2 minutes of the stop")
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs.String())
	}
}
