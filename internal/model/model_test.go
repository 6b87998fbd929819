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
