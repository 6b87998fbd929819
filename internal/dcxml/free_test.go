package dcxml_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
)

// TestFreeObjectMember checks a System.Object member as a Help Page sample shows it
// (new object()): an empty element in its class's namespace, with no namespace
// declaration of its own, and i:nil for null.
func TestFreeObjectMember(t *testing.T) {
	var ref openapi3.SchemaRef
	if err := ref.UnmarshalJSON([]byte(`{"type": "object", "xml": {"name": "Thing", "namespace": "urn:t"},
		"properties": {"Extra": {"type": "object", "nullable": true, "x-dotnet-type": "System.Object"}, "Name": {"type": "string"}}}`)); err != nil {
		t.Fatal(err)
	}
	typ, err := model.NewCompiler().Compile(&ref)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    map[string]any
		want string
	}{
		{"new object()", map[string]any{"Extra": map[string]any{}, "Name": "a"},
			`<Thing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:t"><Extra /><Name>a</Name></Thing>`},
		{"null", map[string]any{"Extra": nil, "Name": "a"},
			`<Thing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:t"><Extra i:nil="true" /><Name>a</Name></Thing>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dcxml.Encode(typ, tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Encode(%v) = %s, want %s", tt.v, got, tt.want)
			}
			if problems := dcxml.Check(typ, got); len(problems) > 0 {
				t.Errorf("Check(Encode(%v)) = %v, want none", tt.v, problems)
			}
			back, problems, err := dcxml.Decode(typ, got, dcxml.DecodeOptions{})
			if err != nil || len(problems) > 0 {
				t.Fatalf("Decode(%s) = %v, %v", got, problems, err)
			}
			if again, _ := dcxml.Encode(typ, back); string(again) != tt.want {
				t.Errorf("Encode(Decode(%s)) = %s", got, again)
			}
		})
	}
}
