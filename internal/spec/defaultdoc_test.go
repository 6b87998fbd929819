package spec

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec/defaultdoc"
)

var update = flag.Bool("update", false, "rewrite defaultdoc/doc_gen.go from openapi.yaml")

const defaultDocFile = "defaultdoc/doc_gen.go"

// TestDefaultDocument checks that defaultdoc/doc_gen.go is generated from openapi.yaml as
// it is now. After a change to openapi.yaml, rewrite it with:
// go test ./internal/spec -run TestDefaultDocument -update
func TestDefaultDocument(t *testing.T) {
	data := readFile(t, "../../openapi.yaml")
	want := generatedDocument(t, data)
	if *update {
		if err := os.WriteFile(defaultDocFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := readFile(t, defaultDocFile); !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./internal/spec -run TestDefaultDocument -update", defaultDocFile)
	}
}

// TestDefaultDocumentLoadsAsYAML checks that defaultdoc builds the document a normal load of
// openapi.yaml gives: the same *openapi3.T, unexported fields and all, the same declaration
// orders, and the same compiled Spec; and that it is not used for another openapi.yaml.
func TestDefaultDocumentLoadsAsYAML(t *testing.T) {
	data := readFile(t, "../../openapi.yaml")
	want, wantOrders, ok := decodeJSON(data)
	if !ok {
		t.Fatal("openapi.yaml does not decode through its JSON form")
	}
	got, gotOrders := defaultdoc.Document()
	if err := openapi3.NewLoader().ResolveRefsIn(got, nil); err != nil {
		t.Fatal(err)
	}
	// The generated code of both names each schema with properties by its place, so equal
	// code means equal orders, and tells where the documents differ.
	if code, wantCode := generate(t, data, got, gotOrders), generate(t, data, want, wantOrders); code != wantCode {
		t.Errorf("defaultdoc's document differs from openapi.yaml's; first difference:\n%s", firstDiff(code, wantCode))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("defaultdoc's document is not reflect.DeepEqual to openapi.yaml's")
	}

	s, ok := loadGenerated("openapi.yaml", data)
	if !ok {
		t.Fatal("loadGenerated refused the embedded openapi.yaml")
	}
	normal, err := Load("openapi.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	sameSpec(t, s, normal)
	if !reflect.DeepEqual(s, normal) {
		t.Error("the Spec built from defaultdoc is not reflect.DeepEqual to Load's")
	}

	if _, ok := loadGenerated("openapi.yaml", append(data, '\n')); ok {
		t.Error("loadGenerated used defaultdoc for a changed openapi.yaml")
	}
}

func generatedDocument(t *testing.T, data []byte) []byte {
	t.Helper()
	doc, orders, ok := decodeJSON(data)
	if !ok {
		t.Fatal("openapi.yaml does not decode through its JSON form")
	}
	code, err := generateDocument(data, doc, orders)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func generate(t *testing.T, data []byte, doc *openapi3.T, orders map[*openapi3.Schema][]string) string {
	t.Helper()
	code, err := generateDocument(data, doc, orders)
	if err != nil {
		t.Fatal(err)
	}
	return string(code)
}

// firstDiff returns the first line where a and b differ, with its number.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %s\nwant:    %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(la), len(lb))
}
