package mock_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// copyFixtures copies the repository's fixtures/*.yaml into a temporary directory.
func copyFixtures(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	files, err := filepath.Glob("../fixtures/*.yaml")
	if err != nil || len(files) == 0 {
		tb.Fatalf("glob fixtures: %v (%d files)", err, len(files))
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

func TestReload(t *testing.T) {
	dir := copyFixtures(t)
	load := func() *fixtures.Set {
		t.Helper()
		set, err := fixtures.Load(os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: load(), Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Pin("pfmsGetRefreshToken", "server-error"); err != nil {
		t.Fatal(err)
	}
	ask := func() string {
		t.Helper()
		return readAll(t, serve(t, s, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			accept: spec.ApplicationXML, body: validBodies["refreshToken"][spec.ApplicationJSON]}))
	}
	file := filepath.Join(dir, "refreshToken.success.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		edit    string // replaces "TokenType: bearer"
		wantErr string
		want    string // in the next answer
	}{
		{"good edit", "TokenType: mac", "", "<TokenType>mac</TokenType>"},
		{"schema error keeps the last good version", "TokenType: [1, 2]",
			"refreshToken.success.yaml:9: application/json: body/TokenType: value must be a string", "<TokenType>mac</TokenType>"},
		{"second good edit", "TokenType: Bearer", "", "<TokenType>Bearer</TokenType>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(orig), "TokenType: bearer", tt.edit, 1)
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			err := s.Reload(loadSpec(t), load())
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Reload() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Reload() = %v, want an error holding %q", err, tt.wantErr)
			}
			if got := ask(); !strings.Contains(got, tt.want) {
				t.Errorf("answer after reload = %s, want it to hold %s", got, tt.want)
			}
			for _, info := range s.Scenarios() {
				if info.OperationID == "pfmsGetRefreshToken" && (info.Pinned == nil || *info.Pinned != "server-error") {
					t.Errorf("pin after reload = %v, want server-error", info.Pinned)
				}
			}
		})
	}
}
