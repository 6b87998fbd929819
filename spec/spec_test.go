package spec_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpmock/helpmock/spec"
)

func TestLoad(t *testing.T) {
	repoSpec, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"api/openapi.yaml": {Data: repoSpec}}
	tests := []struct {
		name     string
		load     func() (*spec.Spec, error)
		wantName string
	}{
		{"Load", func() (*spec.Spec, error) { return spec.Load("mine.yaml", repoSpec) }, "mine.yaml"},
		{"LoadFile", func() (*spec.Spec, error) { return spec.LoadFile("../openapi.yaml") }, "../openapi.yaml"},
		{"LoadFS", func() (*spec.Spec, error) { return spec.LoadFS(fsys, "api/openapi.yaml") }, "api/openapi.yaml"},
		{"Default", spec.Default, "openapi.yaml (embedded)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.load()
			if err != nil {
				t.Fatal(err)
			}
			if s.Name() != tt.wantName {
				t.Errorf("Name() = %q, want %q", s.Name(), tt.wantName)
			}
			if got := s.OperationIDs(); !slices.Contains(got, "refreshToken") || !slices.Contains(got, "pfmsGetRefreshToken") {
				t.Errorf("OperationIDs() = %q, want refreshToken and pfmsGetRefreshToken", got)
			}
			if s.Document() == nil || s.Document().Paths.Len() != len(s.OperationIDs()) {
				t.Errorf("Document() has %d paths for %d operations", s.Document().Paths.Len(), len(s.OperationIDs()))
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		load func() (*spec.Spec, error)
		want string
	}{
		{"missing file", func() (*spec.Spec, error) { return spec.LoadFile("testdata/none.yaml") }, "testdata/none.yaml"},
		{"missing in fs", func() (*spec.Spec, error) { return spec.LoadFS(fstest.MapFS{}, "openapi.yaml") }, "openapi.yaml"},
		{"syntax error names its line", func() (*spec.Spec, error) {
			return spec.Load("bad.yaml", []byte("openapi: 3.0.3\ninfo:\n  title: x\n  version: \"1\"\npaths: [\n"))
		}, "bad.yaml:5"},
		{"not OpenAPI", func() (*spec.Spec, error) { return spec.Load("x.yaml", []byte("hello: world\n")) }, "x.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.load()
			if err == nil {
				t.Fatalf("loaded %v, want an error", s.OperationIDs())
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name %q", err, tt.want)
			}
		})
	}
}
