package helppage_test

import (
	"path/filepath"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
)

// TestJSONNaming: the import states x-dotnet-json-naming: camelCase when the JSON samples
// spell members as the camelCase of the tables' and XML samples' names and none with a
// capital, and the framework errors' JSON schema (HttpError) follows the naming; an
// overlay's naming wins.
func TestJSONNaming(t *testing.T) {
	for _, tc := range []struct {
		name, dir, overlay string
		want               spec.JSONNaming
		message            string // HttpError's message member
	}{
		{"camelCase samples", "camelcase-errors", "", spec.JSONNamingCamelCase, "message"},
		{"declared names", "markdown", "", spec.JSONNamingDefault, "Message"},
		{"camelCase and declared names in one folder", "contracts", "", spec.JSONNamingDefault, "Message"},
		{"overlay says camelCase", "markdown", "x-dotnet-json-naming: camelCase\n", spec.JSONNamingCamelCase, "message"},
		{"overlay says default", "camelcase-errors", "x-dotnet-json-naming: default\n", spec.JSONNamingDefault, "Message"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := helppage.Options{}
			if tc.overlay != "" {
				opts.Overlay, opts.OverlayName = []byte(tc.overlay), "overlay.yaml"
			}
			res, err := helppage.Import(readDocs(t, filepath.Join("testdata/helppages", tc.dir)), opts)
			if err != nil {
				t.Fatal(err)
			}
			s, err := spec.Load(tc.dir, res.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.JSONNaming(); got != tc.want {
				t.Errorf("JSONNaming() = %q, want %q", got, tc.want)
			}
			httpError := s.Doc.Components.Schemas["HttpError"]
			if httpError == nil || httpError.Value.Properties[tc.message] == nil {
				t.Errorf("HttpError has no member %s: %v", tc.message, httpError)
			}
		})
	}
}
