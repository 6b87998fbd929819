package spec

import (
	"encoding/json"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// sameNodes reports whether a and b hold the same tree as declarationOrders reads it:
// kinds, scalar texts and children, positions and styles aside.
func sameNodes(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) || a.Kind == yaml.ScalarNode && a.Value != b.Value {
		return false
	}
	for i := range a.Content {
		if !sameNodes(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// TestJSONNode checks jsonNode against yaml3 on JSON documents, and that it refuses what
// is not one JSON object (and a mapping with a key twice, which yaml3 refuses).
func TestJSONNode(t *testing.T) {
	valid := []string{
		`{}`, ` {"a": 1} `, `{"a":[1,-2.5e3,true,false,null,"x",{},[]]}`,
		`{"esc":"\"\\\b\f\n\r\t\u00e9","é":"µ 😀"}`, `{"nested":{"b":{"c":[[[]]]}}}`,
		string(readFile(t, "../../openapi.json")), string(readFile(t, "testdata/order.json")),
	}
	for _, doc := range valid {
		got, ok := jsonNode([]byte(doc))
		if !ok {
			t.Errorf("jsonNode(%.60q) refused a valid document", doc)
			continue
		}
		var want yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &want); err != nil {
			t.Fatalf("yaml3 refuses %.60q: %v", doc, err)
		}
		if !sameNodes(got, &want) {
			t.Errorf("jsonNode(%.60q) differs from yaml3's tree", doc)
		}
	}
	// JSON that yaml3 refuses ("\/" is no YAML escape, nor is a surrogate pair) is still
	// JSON, and kin-openapi reads it.
	for doc, want := range map[string]string{`{"a":"x\/y"}`: "x/y", `{"a":"\ud83d\ude00"}`: "😀"} {
		if got, ok := jsonNode([]byte(doc)); !ok || got.Content[0].Content[1].Value != want {
			t.Errorf("jsonNode(%s) = %v, %v; want a = %q", doc, got, ok, want)
		}
	}
	for _, doc := range []string{``, `[]`, `"a"`, `{"a":1`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{'a':1}`,
		`{"a":01}`, `{"a":1.}`, `{"a":+1}`, `{"a":tru}`, `{"a":nul}`, `{"a":1} x`, "{\"a\":\"\x01\"}",
		`{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"\xff\"}", `{"a":1,"a":2}`, `{"a":[1 2]}`,
		`{"a":1}/*c*/`, "\ufeff{}"} {
		if _, ok := jsonNode([]byte(doc)); ok {
			t.Errorf("jsonNode(%q) accepted it", doc)
		}
	}
}

// FuzzJSONNode checks that jsonNode accepts only valid JSON, and reads what it accepts as
// yaml3 does whenever yaml3 reads it too.
func FuzzJSONNode(f *testing.F) {
	for _, seed := range []string{`{"a":[1,{"b":"c\u00e9"}],"d":null}`, `{"x":-0.5e-3,"y":true}`, `{"s":"\ud83d\ude00"}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, ok := jsonNode([]byte(doc))
		if !ok {
			return
		}
		if !json.Valid([]byte(doc)) {
			t.Fatalf("jsonNode accepted %q, which is not JSON", doc)
		}
		var want yaml.Node
		if yaml.Unmarshal([]byte(doc), &want) == nil && !sameNodes(got, &want) {
			t.Fatalf("jsonNode(%q) differs from yaml3's tree", doc)
		}
	})
}

// TestLoadOpenAPIJSON checks that the embedded spec's JSON form loads as openapi.yaml does:
// the same document (but for the source hash) and the same layouts and examples.
func TestLoadOpenAPIJSON(t *testing.T) {
	fromJSON, err := Load("openapi.json", readFile(t, "../../openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fromJSON.Doc.Extensions[SourceSHA256Member]; !ok {
		t.Fatalf("openapi.json has no %s", SourceSHA256Member)
	}
	delete(fromJSON.Doc.Extensions, SourceSHA256Member)
	fromYAML, err := loadYAML("openapi.yaml", readFile(t, "../../openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sameSpec(t, fromJSON, fromYAML)
}
