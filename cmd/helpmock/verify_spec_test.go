package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestRunVerifyUserSpec verifies the mock of a freshly imported spec, as a new user does
// (import, serve, verify): the embedded fixtures name operations such a spec does not
// have, and verify must not load them unless -fixtures names a folder.
func TestRunVerifyUserSpec(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "helppage", "testdata", "helppages", "employees")
	docs, err := helppage.ReadDocuments(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		t.Fatalf("Import(%s) error: %v", dir, err)
	}
	specFile := filepath.Join(t.TempDir(), "imported.yaml")
	if err := os.WriteFile(specFile, res.YAML, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(specFile, res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mock.New(mock.Options{Spec: bridge.Public(s)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no fixtures", []string{"-spec", specFile, "-target", srv.URL}, 0, " passed, 0 failed", ""},
		{"a path parameter set", []string{"-spec", specFile, "-target", srv.URL, "-set", "id=42"}, 0, " passed, 0 failed", ""},
		{"fixtures of another spec", []string{"-spec", specFile, "-target", srv.URL, "-fixtures", filepath.Join("..", "..", "fixtures")},
			2, "", "is not in " + specFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runVerify(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("runVerify(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.wantCode, stdout.String(), stderr.String())
			}
			if got := lastLine(stdout.String()); tt.wantStdout != "" && !strings.HasSuffix(got, tt.wantStdout) {
				t.Errorf("runVerify(%q) last line = %q, want it to end with %q", tt.args, got, tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("runVerify(%q) stderr = %q, want it to contain %q", tt.args, stderr.String(), tt.wantStderr)
			}
			if strings.Contains(stdout.String(), "{id}") {
				t.Errorf("runVerify(%q) sent a literal {id}:\n%s", tt.args, stdout.String())
			}
		})
	}
}
