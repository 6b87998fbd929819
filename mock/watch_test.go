package mock_test

import (
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
	publicspec "github.com/helpmock/helpmock/spec"
)

// eventually polls cond every 20ms for up to hangBound: a reload takes milliseconds, but
// a loaded 2-core machine under -race may need seconds.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(hangBound)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within %v", what, hangBound)
		}
		time.Sleep(20 * time.Millisecond) // bounded polling for the watcher, not synchronisation
	}
}

// TestServeWatchReloads edits a fixture under a Server served with Options.Watch: a good
// edit changes the next answer, a broken one is logged with its file and line and changes
// nothing, and a file the watch does not name is no change.
func TestServeWatchReloads(t *testing.T) {
	dir := copyFixtures(t)
	logs := &syncBuffer{}
	load := func() (*publicspec.Spec, *fixtures.Set, error) {
		set, err := fixtures.Load(os.DirFS(dir))
		return loadSpec(t), set, err
	}
	sp, set, err := load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := mock.New(mock.Options{Spec: sp, Fixtures: set, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Watch: &mock.Watch{Files: []string{filepath.Join(dir, "*.yaml")}, Load: load}})
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + startServe(t, s).addr
	ask := func() string {
		t.Helper()
		resp, err := http.Post(base+paths["refreshToken"], spec.ApplicationJSON, strings.NewReader(validBodies["refreshToken"][spec.ApplicationJSON]))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	// An answer proves Serve runs, so the watch is in place.
	if got := ask(); !strings.Contains(got, `"TokenType":"bearer"`) {
		t.Fatalf("first answer = %s, want the fixture's TokenType bearer", got)
	}
	reloads := func() int { return strings.Count(logs.String(), "msg=reloaded") }
	file := filepath.Join(dir, "refreshToken.success.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, edit string
		wait             func() bool // true once the watcher has handled the edit
		want             string
	}{
		{"good edit", file, "TokenType: mac", nil, `"TokenType":"mac"`},
		{"broken YAML", file, "TokenType: [mac", func() bool {
			return strings.Contains(logs.String(), "reload failed") && strings.Contains(logs.String(), "refreshToken.success.yaml:")
		}, `"TokenType":"mac"`},
		{"fixed again", file, "TokenType: bearer2", nil, `"TokenType":"bearer2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(orig), "TokenType: bearer", tt.edit, 1)
			if err := os.WriteFile(tt.file, []byte(text), 0o644); err != nil {
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
	// A file outside the watch, then a watched one: the watcher handles events in order,
	// so once the second has reloaded, the first was seen, and it must not count as a
	// change (logged at Debug).
	before := reloads()
	for _, f := range []string{"notes.txt", "refreshToken.success.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, f), orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "a reload after writing a fixture", func() bool { return reloads() > before })
	if strings.Contains(logs.String(), "notes.txt") {
		t.Errorf("writing notes.txt counted as a change of the watched files")
	}
	if t.Failed() {
		t.Logf("logs:\n%s", logs.String())
	}
}

// TestServeWatchStartFailure: a watch that cannot start is an error of Serve, which then
// serves nothing.
func TestServeWatchStartFailure(t *testing.T) {
	load := func() (*publicspec.Spec, *fixtures.Set, error) { return loadSpec(t), nil, nil }
	missing := filepath.Join(t.TempDir(), "gone")
	tests := []struct {
		name    string
		watch   *mock.Watch
		wantErr string
	}{
		{"missing directory", &mock.Watch{Files: []string{filepath.Join(missing, "*.yaml")}, Load: load}, "watch " + missing + ": "},
		{"no Load", &mock.Watch{Files: []string{"openapi.yaml"}}, "Options.Watch.Load is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mock.New(mock.Options{Spec: loadSpec(t), Watch: tt.watch})
			if err != nil {
				t.Fatal(err)
			}
			sv := startServe(t, s)
			if err := sv.wait(t); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Serve = %v, want an error holding %q", err, tt.wantErr)
			}
			if !refused(sv.addr) {
				t.Errorf("dial %s after Serve failed: not refused", sv.addr)
			}
		})
	}
}
