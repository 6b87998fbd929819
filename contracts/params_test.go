package contracts

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"

	"github.com/helpmock/helpmock/internal/negotiate"
)

// schemaOf reads a schema written in YAML flow style, through JSON as kin-openapi's
// loader reads it.
func schemaOf(t *testing.T, text string) *openapi3.Schema {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("schema %s: %v", text, err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var s openapi3.Schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("schema %s: %v", text, err)
	}
	return &s
}

// TestSchemaValue checks the parameter values the cases send: valid for the schema, and
// safe in a path.
func TestSchemaValue(t *testing.T) {
	tests := []struct {
		name, schema string
		inPath       bool
		want         string
	}{
		{"Guid", "{type: string, format: uuid}", true, sampleUUID},
		{"int", "{type: integer, format: int32}", true, "1"},
		{"int with a minimum", "{type: integer, minimum: 5}", true, "5"},
		{"int with a maximum below 1", "{type: integer, maximum: -3}", true, "-3"},
		{"int with an exclusive minimum", "{type: integer, minimum: 1, exclusiveMinimum: true}", true, "2"},
		{"int in a range", "{type: integer, minimum: 1, maximum: 100}", true, "1"},
		{"decimal in a range", "{type: number, minimum: 10, maximum: 20}", false, "10"},
		{"decimal", "{type: number}", false, "1.5"},
		{"bool", "{type: boolean}", false, "true"},
		{"enum", "{type: string, enum: [Red, Green]}", true, "Red"},
		{"numeric enum", "{type: integer, enum: [3, 5]}", true, "3"},
		{"default", "{type: integer, default: 10}", false, "10"},
		{"bool default", "{type: boolean, default: false}", false, "false"},
		{"example", "{type: string, example: abc}", false, "abc"},
		{"date-time in a path", "{type: string, format: date-time}", true, sampleDate},
		{"date-time in a query", "{type: string, format: date-time}", false, sampleDateTime},
		{"string", "{type: string}", true, sampleString},
		{"string with a maximum length", "{type: string, maxLength: 3}", true, "hel"},
		{"string with a minimum length", "{type: string, minLength: 10}", true, "helpmockxx"},
		{"string with a pattern", "{type: string, pattern: '^[0-9]{5}$'}", true, "12345"},
		{"string with a pattern of capitals", "{type: string, pattern: '^[A-Z]{2}$'}", true, "AA"},
		{"email", "{type: string, format: email}", false, sampleEmail},
		{"collection", "{type: array, items: {type: integer}}", false, "1"},
		{"nullable int in allOf", "{allOf: [{type: integer, minimum: 7}]}", true, "7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := schemaValue(schemaOf(t, tt.schema), tt.inPath); got != tt.want {
				t.Errorf("schemaValue(%s, inPath=%v) = %q, want %q", tt.schema, tt.inPath, got, tt.want)
			}
		})
	}
}

// TestFillPath checks that the request path has every template parameter filled in and
// escaped, and the query string every query parameter.
func TestFillPath(t *testing.T) {
	params := []uriParam{
		{name: "bucket", in: "path", value: sampleUUID},
		{name: "Name", in: "path", value: "a b/c"},
		{name: "expand", in: "query", value: "true"},
		{name: "since", in: "query", value: sampleDateTime},
	}
	path, query := fillPath("/{bucket}/source/{name}", params)
	if want := "/" + sampleUUID + "/source/a%20b%2Fc"; path != want {
		t.Errorf("fillPath path = %q, want %q", path, want)
	}
	if want := "expand=true&since=" + url.QueryEscape(sampleDateTime); query != want {
		t.Errorf("fillPath query = %q, want %q", query, want)
	}
	if path, _ := fillPath("/api/things/{undeclared}", nil); path != "/api/things/1" {
		t.Errorf("fillPath(undeclared) path = %q, want /api/things/1", path)
	}
}

// TestNegotiateAmong checks the negotiation over the formatters a service documents
// against Web API's DefaultContentNegotiator.
func TestNegotiateAmong(t *testing.T) {
	jsonOnly := [][]string{{"application/json", "text/json"}}
	textXMLOnly := [][]string{{"application/json", "text/json"}, {"text/xml"}}
	tests := []struct {
		name              string
		formatters        [][]string
		accept, requestCT string
		want              string
	}{
		{"JSON only, Accept XML", jsonOnly, "application/xml", "", "application/json"},
		{"JSON only, Accept XML, text/json request", jsonOnly, "application/xml", "text/json", "text/json"},
		{"JSON only, Accept text/json", jsonOnly, "text/json", "", "text/json"},
		{"JSON only, XML first and JSON at q=0.5", jsonOnly, "application/xml, application/json;q=0.5", "", "application/json"},
		{"JSON only, JSON excluded", jsonOnly, "application/json;q=0", "", "application/json"},
		{"text/xml only, Accept application/xml", textXMLOnly, "application/xml", "", "application/json"},
		{"text/xml only, Accept application/xml, text/xml request", textXMLOnly, "application/xml", "text/xml", "text/xml"},
		{"text/xml only, Accept text/*", textXMLOnly, "text/*", "", "text/json"},
		{"text/xml only, XML preferred", textXMLOnly, "application/json;q=0.1, text/xml", "", "text/xml"},
		{"no Accept", textXMLOnly, "", "", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiateAmong(tt.formatters, tt.accept, tt.requestCT); got != tt.want {
				t.Errorf("negotiateAmong(%v, Accept %q, Content-Type %q) = %q, want %q", tt.formatters, tt.accept, tt.requestCT, got, tt.want)
			}
		})
	}
}

// TestNegotiateAmongDefaults checks negotiateAmong with Web API's default formatters
// against internal/negotiate, which the reference stack checks.
func TestNegotiateAmongDefaults(t *testing.T) {
	defaults := [][]string{{"application/json", "text/json"}, {"application/xml", "text/xml"}}
	accepts := []string{"", "*/*", "application/json", "text/json", "application/xml", "text/xml", "text/html", "text/plain",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json;q=0.1, application/xml",
		"text/*", "application/*;q=0.5, text/xml;q=0.4", "application/xml;q=0", "bogus, text/json"}
	requestTypes := []string{"", "application/json", "text/json", "application/xml", "text/xml", "application/x-www-form-urlencoded", "text/plain"}
	for _, accept := range accepts {
		for _, ct := range requestTypes {
			want := negotiate.ResponseMediaType(accept, ct)
			if got := negotiateAmong(defaults, accept, ct); got != want {
				t.Errorf("negotiateAmong(defaults, Accept %q, Content-Type %q) = %q, want %q (internal/negotiate)", accept, ct, got, want)
			}
		}
	}
}
