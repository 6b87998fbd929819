package spec

import (
	"strings"
	"testing"
)

// TestLoadSyntaxErrors checks that a spec with a syntax error is reported in the language
// it is written in, with the line at fault (and the column, for JSON), and that kin-openapi's
// other half ("json error: …" for a YAML file) is left out.
func TestLoadSyntaxErrors(t *testing.T) {
	const head = "openapi: 3.0.0\ninfo:\n  title: x\n  version: \"1\"\n"
	tests := []struct {
		name, doc, want string
	}{
		{"YAML tab", head + "paths:\n  /a:\n\tget: {}\n", "load spec s.yaml:7: found character that cannot start any token"},
		{"YAML dedent", head + "paths:\n  /a:\n    get: {}\n   put: {}\n", "load spec s.yaml:8: did not find expected key"},
		{"YAML sequence in a mapping", head + "- x\npaths: {}\n", "load spec s.yaml:5: did not find expected key"},
		{"YAML mapping value", head + "paths: a: b\n", "load spec s.yaml:5: mapping values are not allowed in this context"},
		{"YAML unclosed flow", head + "paths:\n  /a: [\n", "load spec s.yaml:6: did not find expected node content"},
		{"JSON", "{\"openapi\": \"3.0.0\",\n \"info\": {\"title\": \"x\", \"version\": \"1\"},\n \"paths\": {,}}\n",
			"load spec s.yaml:3:12: invalid character ',' looking for beginning of object key string"},
		{"YAML type", head + "paths: 5\n", "load spec s.yaml: json: cannot unmarshal number into field T.paths"},
		{"JSON type", `{"openapi": "3.0.0", "info": {"title": "x", "version": "1"}, "paths": 5}`,
			"load spec s.yaml: json: cannot unmarshal number into field T.paths"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("s.yaml", []byte(tt.doc))
			if err == nil {
				t.Fatalf("Load = nil error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Load error = %q, want it to start with %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "json error") || strings.Contains(err.Error(), "yaml error") {
				t.Errorf("Load error = %q, want one language's error", err)
			}
		})
	}
}
