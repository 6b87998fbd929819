package contracts_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/helpmock/helpmock/spec"
)

// loadSpec loads the repository's openapi.yaml.
func loadSpec(tb testing.TB) *spec.Spec {
	tb.Helper()
	path := filepath.Join("..", "openapi.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read spec: %v", err)
	}
	s, err := spec.Load("openapi.yaml", data)
	if err != nil {
		tb.Fatalf("load spec: %v", err)
	}
	return s
}
