package helppage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// seedDocuments adds the seeds and the corpus to f.
func seedDocuments(f *testing.F) {
	f.Helper()
	files, _ := filepath.Glob("../../docs/helppages/*.txt")
	more, _ := filepath.Glob("testdata/helppages/*/*")
	for _, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(name), string(data))
	}
}

// FuzzImport feeds one document (HTML by extension or content, else text) through the
// whole import: it must not panic, and what it writes must be YAML. Whatever its bytes,
// the document is decoded to UTF-8 before it is read, so the YAML encoder never meets
// text that is not UTF-8.
func FuzzImport(f *testing.F) {
	seedDocuments(f)
	f.Fuzz(func(t *testing.T, name, data string) {
		res, err := Import([]Document{{Name: name, Data: []byte(data)}}, Options{})
		if err != nil {
			if strings.Contains(err.Error(), "encode yaml") {
				t.Fatalf("Import(%q) = %v, want the document decoded before it is read", name, err)
			}
			return
		}
		var n yaml.Node
		if err := yaml.Unmarshal(res.YAML, &n); err != nil {
			t.Fatalf("Import(%q) wrote invalid YAML: %v", name, err)
		}
	})
}

// FuzzParseXML checks that the sample XML reader never panics and that compacting a
// sample keeps it parseable.
func FuzzParseXML(f *testing.F) {
	f.Add(`<a xmlns="urn:x" xmlns:d2p1="urn:y"> <d2p1:b i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/> </a>`)
	f.Add(`<LoginResult xmlns="urn:r"><Errors xmlns:d2p1="urn:a"><d2p1:string>x</d2p1:string></Errors></LoginResult>`)
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := parseXML(text); err != nil {
			return
		}
		if _, err := parseXML(compactXML(text)); err != nil && !strings.Contains(text, "> <") {
			t.Fatalf("parseXML(compactXML(%q)) = %v, want nil", text, err)
		}
	})
}

// FuzzParseJSON checks that the order-keeping JSON reader never panics.
func FuzzParseJSON(f *testing.F) {
	f.Add(`{ "a": 1, "b": [ "x", true, null, { "c": 2.5 } ] }`)
	f.Fuzz(func(t *testing.T, text string) {
		v, err := parseJSON(text)
		if err == nil && v == nil {
			t.Fatalf("parseJSON(%q) = nil, nil", text)
		}
	})
}
