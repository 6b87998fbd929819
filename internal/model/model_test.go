package model_test

import (
	"context"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

func TestDataMemberOrder(t *testing.T) {
	const doc = `{"type": "object",
		"xml": {"name": "Shipment", "namespace": "http://schemas.datacontract.org/2004/07/Shop"},
		"properties": {
			"Zip": {"type": "string"},
			"Apartment": {"type": "string", "x-dotnet-order": 2},
			"Tracking": {"type": "string", "x-dotnet-order": 1},
			"Id": {"type": "integer"}}}`
	var ref openapi3.SchemaRef
	if err := ref.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if err := ref.Value.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	typ, err := model.NewCompiler().Compile(&ref)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range typ.XMLMembers {
		got = append(got, m.Name)
	}
	// DataContractSerializer: unordered members first (ordinal), then by Order.
	if want := []string{"Id", "Zip", "Tracking", "Apartment"}; !slices.Equal(got, want) {
		t.Errorf("XMLMembers = %v, want %v", got, want)
	}
}

func TestRootNames(t *testing.T) {
	tests := []struct {
		name, schema, wantName, wantNamespace, wantItem string
	}{
		{"class collection", `{"type": "array", "items": {"type": "object", "xml": {"name": "Note", "namespace": "urn:n"}, "properties": {"A": {"type": "string"}}}}`, "ArrayOfNote", "urn:n", "Note"},
		{"int collection", `{"type": "array", "items": {"type": "integer", "format": "int32"}}`, "ArrayOfint", model.ArraysNamespace, "int"},
		{"nested collection", `{"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}`, "ArrayOfArrayOfint", model.ArraysNamespace, "ArrayOfint"},
		{"dictionary", `{"type": "object", "additionalProperties": {"type": "boolean"}}`, "ArrayOfKeyValueOfstringboolean", model.ArraysNamespace, "KeyValueOfstringboolean"},
		{"int-keyed dictionary", `{"type": "object", "additionalProperties": {"type": "boolean"}, "x-dotnet-key": {"type": "integer", "format": "int32"}}`, "ArrayOfKeyValueOfintboolean", model.ArraysNamespace, "KeyValueOfintboolean"},
		{"guid-keyed dictionary", `{"type": "object", "additionalProperties": {"type": "string"}, "x-dotnet-key": {"type": "string", "format": "uuid"}}`, "ArrayOfKeyValueOfguidstring", model.ArraysNamespace, "KeyValueOfguidstring"},
		{"int", `{"type": "integer", "format": "int32"}`, "int", model.SerializationNamespace, ""},
		{"long", `{"type": "integer", "format": "int64"}`, "long", model.SerializationNamespace, ""},
		{"decimal", `{"type": "number"}`, "decimal", model.SerializationNamespace, ""},
		{"guid", `{"type": "string", "format": "uuid"}`, "guid", model.SerializationNamespace, ""},
		{"dateTime", `{"type": "string", "format": "date-time"}`, "dateTime", model.SerializationNamespace, ""},
		{"DateTimeOffset", `{"type": "string", "format": "date-time", "x-dotnet-type": "System.DateTimeOffset"}`, "DateTimeOffset", model.SystemNamespace, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ref openapi3.SchemaRef
			if err := ref.UnmarshalJSON([]byte(tt.schema)); err != nil {
				t.Fatal(err)
			}
			typ, err := model.NewCompiler().Compile(&ref)
			if err != nil {
				t.Fatalf("Compile(%s) = %v", tt.schema, err)
			}
			if typ.Name != tt.wantName || typ.Namespace != tt.wantNamespace || typ.ItemName != tt.wantItem {
				t.Errorf("Compile(%s) = %s in %s (items %s), want %s in %s (items %s)", tt.schema,
					typ.Name, typ.Namespace, typ.ItemName, tt.wantName, tt.wantNamespace, tt.wantItem)
			}
		})
	}
}

// TestMemberElementName checks that a member's inline schema names its element: a
// camelCase JSON member written as a PascalCase element, also when the member is a class
// (an allOf wrapper of its reference, whose own xml object names the class).
func TestMemberElementName(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
		"components": {"schemas": {
			"Color": {"type": "object", "xml": {"name": "color", "namespace": "urn:c"}, "properties": {
				"id": {"type": "integer", "xml": {"name": "Id"}},
				"shade": {"type": "object", "nullable": true, "allOf": [{"$ref": "#/components/schemas/Shade"}], "xml": {"name": "Shade"}}}},
			"Shade": {"type": "object", "xml": {"name": "Shade", "namespace": "urn:s"}, "properties": {"name": {"type": "string"}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	typ, err := model.NewCompiler().Compile(doc.Components.Schemas["Color"])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ name, xmlName, namespace string }{{"id", "Id", "urn:c"}, {"shade", "Shade", "urn:c"}} {
		m := typ.Member(want.name)
		if m == nil || m.XMLName != want.xmlName || m.Namespace != want.namespace {
			t.Errorf("Member(%s) = %+v, want element %s in %s", want.name, m, want.xmlName, want.namespace)
		}
	}
	if got := typ.Member("shade").Type.Name; got != "Shade" {
		t.Errorf("Member(shade).Type.Name = %s, want the class's contract name Shade", got)
	}
}
