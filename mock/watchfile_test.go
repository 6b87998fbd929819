package mock

import (
	"path/filepath"
	"testing"
)

func TestWatchedFileMatches(t *testing.T) {
	dir := filepath.FromSlash("/srv/api")
	tests := []struct {
		name, entry, path string
		want              bool
	}{
		{"the file", "openapi.yaml", "/srv/api/openapi.yaml", true},
		{"another file", "openapi.yaml", "/srv/api/openapi.json", false},
		{"the same name elsewhere", "openapi.yaml", "/srv/openapi.yaml", false},
		{"a file the pattern matches", "*.yaml", "/srv/api/refreshToken.success.yaml", true},
		{"a file the pattern does not match", "*.yaml", "/srv/api/refreshToken.success.yaml~", false},
		{"an editor's swap file", "*.yaml", "/srv/api/.refreshToken.success.yaml.swp", false},
		{"a file in a subdirectory", "*.yaml", "/srv/api/old/refreshToken.success.yaml", false},
		{"a literal name with meta characters", "spec[v2].yaml", "/srv/api/spec[v2].yaml", true},
		{"a malformed pattern", "[.yaml", "/srv/api/a.yaml", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := watchedFile{dir: dir, name: tt.entry}
			if got := f.matches(filepath.FromSlash(tt.path)); got != tt.want {
				t.Errorf("watchedFile{%q, %q}.matches(%q) = %v, want %v", dir, tt.entry, tt.path, got, tt.want)
			}
		})
	}
}
