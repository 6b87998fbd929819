package model_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

// TestXMLValue maps a JSON value to the XML form where the import describes the two
// differently: a numeric enum to its name, camelCase members to the data contract's names,
// inside collections too; what it cannot map is left for the encoder to report.
func TestXMLValue(t *testing.T) {
	compile := func(src string) *model.Type {
		t.Helper()
		var s openapi3.Schema
		if err := json.Unmarshal([]byte(src), &s); err != nil {
			t.Fatal(err)
		}
		typ, err := model.NewCompiler().Compile(openapi3.NewSchemaRef("", &s))
		if err != nil {
			t.Fatal(err)
		}
		return typ
	}
	jsonT := compile(`{"type":"object","xml":{"name":"Alert","namespace":"urn:a"},"properties":{
		"priority":{"type":"integer","format":"int32","enum":[0,5,10]},
		"tags":{"type":"array","items":{"type":"integer","enum":[0,5,10]}},
		"note":{"type":"string","nullable":true}}}`)
	xmlT := compile(`{"type":"object","xml":{"name":"Alert","namespace":"urn:a"},"properties":{
		"Priority":{"type":"string","enum":["Low","High","Critical"]},
		"Tags":{"type":"array","items":{"type":"string","enum":["Low","High","Critical"]}},
		"Note":{"type":"string","nullable":true}}}`)
	for _, tc := range []struct {
		name     string
		in, want any
	}{
		{"enum number", map[string]any{"priority": 5.0, "note": "n"}, map[string]any{"Priority": "High", "Note": "n"}},
		{"json.Number", map[string]any{"priority": json.Number("10")}, map[string]any{"Priority": "Critical"}},
		{"collection", map[string]any{"tags": []any{0.0, 10.0}}, map[string]any{"Tags": []any{"Low", "Critical"}}},
		{"unknown number left", map[string]any{"priority": 7.0}, map[string]any{"Priority": 7.0}},
		{"unknown member left", map[string]any{"extra": 1.0}, map[string]any{"extra": 1.0}},
		{"null", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.XMLValue(jsonT, xmlT, tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("XMLValue(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
