package mock

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec"
)

func schemaFrom(t *testing.T, doc string) *openapi3.Schema {
	t.Helper()
	var s openapi3.Schema
	if err := json.Unmarshal([]byte(doc), &s); err != nil {
		t.Fatalf("schema %s: %v", doc, err)
	}
	return &s
}

func TestPlainObjectOf(t *testing.T) {
	const member = `{"type":"string","nullable":true,"description":"d","xml":{"name":"x"}}`
	tests := []struct {
		name   string
		schema string
		plain  bool
	}{
		{"nullable strings with annotations", `{"type":"object","description":"m","xml":{"namespace":"urn:x"},"x-dotnet-type":"X","properties":{"a":` + member + `,"b":{"type":"boolean"}}}`, true},
		{"no members", `{"type":"object"}`, true},
		{"required", `{"type":"object","required":["a"],"properties":{"a":` + member + `}}`, false},
		{"additionalProperties", `{"type":"object","additionalProperties":false,"properties":{"a":` + member + `}}`, false},
		{"allOf", `{"allOf":[{"type":"object"}]}`, false},
		{"integer member", `{"type":"object","properties":{"a":{"type":"integer"}}}`, false},
		{"format", `{"type":"object","properties":{"a":{"type":"string","format":"date-time"}}}`, false},
		{"enum", `{"type":"object","properties":{"a":{"type":"string","enum":["x"]}}}`, false},
		{"maxLength", `{"type":"object","properties":{"a":{"type":"string","maxLength":3}}}`, false},
		{"pattern", `{"type":"object","properties":{"a":{"type":"string","pattern":"^x$"}}}`, false},
		{"nested object", `{"type":"object","properties":{"a":{"type":"object"}}}`, false},
		{"array", `{"type":"array","items":{"type":"string"}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainObjectOf(schemaFrom(t, tt.schema)) != nil; got != tt.plain {
				t.Errorf("plainObjectOf(%s) plain = %v, want %v", tt.schema, got, tt.plain)
			}
		})
	}
}

func TestEmbeddedRequestModelsArePlain(t *testing.T) {
	sp, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range sp.Operations {
		for mt, layout := range o.Request {
			if plainObjects(o.Request)[layout] == nil {
				t.Errorf("%s %s: request model %s is not plain; strict mode would call VisitJSON on every request", o.ID, mt, layout.Name)
			}
		}
	}
}

// TestPlainObjectAgreesWithVisitJSON checks that whatever satisfiedBy accepts,
// kin-openapi accepts too, and that what it refuses is left to kin-openapi.
func TestPlainObjectAgreesWithVisitJSON(t *testing.T) {
	s := schemaFrom(t, `{"type":"object","properties":{"s":{"type":"string"},"ns":{"type":"string","nullable":true},"b":{"type":"boolean"},"nb":{"type":"boolean","nullable":true}}}`)
	p := plainObjectOf(s)
	if p == nil {
		t.Fatal("schema not plain")
	}
	values := []any{"x", "", nil, true, false, json.Number("1"), 1.5, []any{"x"}, map[string]any{}}
	keys := []string{"s", "ns", "b", "nb", "unknown"}
	checked := 0
	for _, k := range keys {
		for _, v := range values {
			for _, k2 := range keys {
				for _, v2 := range values {
					body := map[string]any{k: v, k2: v2}
					ok := p.satisfiedBy(body)
					err := s.VisitJSON(body, openapi3.MultiErrors())
					if ok && err != nil {
						t.Fatalf("satisfiedBy(%v) = true, but VisitJSON: %v", body, err)
					}
					if !ok && err == nil && k != "unknown" && k2 != "unknown" {
						// Not wrong (VisitJSON decides), but a value the fast path should know.
						t.Errorf("satisfiedBy(%v) = false, VisitJSON accepts it", body)
					}
					checked++
				}
			}
		}
	}
	for _, v := range []any{nil, "x", []any{}} {
		if p.satisfiedBy(v) {
			t.Errorf("satisfiedBy(%v) = true for a body that is not an object", v)
		}
	}
	t.Logf("%d bodies checked", checked)
}
