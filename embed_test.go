package helpmock

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

var update = flag.Bool("update", false, "rewrite openapi.json from openapi.yaml")

// TestDefaultSpecJSON checks that openapi.json is the JSON form of openapi.yaml
// (spec.JSONDocument), and that DefaultSpecJSON tells so. After a change to openapi.yaml,
// rewrite it with: go test . -run TestDefaultSpecJSON -update
func TestDefaultSpecJSON(t *testing.T) {
	want, err := spec.JSONDocument(DefaultSpec())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("openapi.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("openapi.json is not the JSON form of openapi.yaml: run go test . -run TestDefaultSpecJSON -update")
	}
	if data, current := DefaultSpecJSON(); !current || !bytes.Equal(data, want) {
		t.Errorf("DefaultSpecJSON() = %d bytes, current %v; want openapi.json, current", len(data), current)
	}
	if spec.JSONDocumentIsCurrent(got, append(DefaultSpec(), '\n')) {
		t.Error("openapi.json counts as current for a changed openapi.yaml")
	}
}
