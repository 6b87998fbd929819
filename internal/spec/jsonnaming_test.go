package spec_test

import (
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

func TestJSONNamingExtension(t *testing.T) {
	const doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
	const paths = "paths: {}\n"
	for _, tt := range []struct {
		name, ext string
		want      spec.JSONNaming
		err       string
	}{
		{"absent", paths, spec.JSONNamingDefault, ""},
		{"default", "x-dotnet-json-naming: default\n" + paths, spec.JSONNamingDefault, ""},
		{"camelCase", "x-dotnet-json-naming: camelCase\n" + paths, spec.JSONNamingCamelCase, ""},
		{"unknown", "x-dotnet-json-naming: snake\n" + paths, "", `x-dotnet-json-naming (line 3): snake is not "default" or "camelCase"`},
		{"not a string", "x-dotnet-json-naming: true\n" + paths, "", `true is not "default" or "camelCase"`},
		{"misplaced", "paths:\n  /a:\n    get:\n      x-dotnet-json-naming: camelCase\n      responses: {'204': {description: none}}\n",
			"", "x-dotnet-json-naming is not allowed on an operation; it belongs on the document"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := spec.Load("doc.yaml", []byte(doc+tt.ext))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Load() error = %v, want one saying %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.JSONNaming(); got != tt.want {
				t.Errorf("JSONNaming() = %q, want %q", got, tt.want)
			}
		})
	}
}
