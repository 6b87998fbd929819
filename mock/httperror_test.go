package mock

import (
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

// TestHTTPErrorJSONNaming checks HttpError's JSON under each x-dotnet-json-naming: Json.NET's
// CamelCasePropertyNamesContractResolver camel-cases the keys of HttpError (a
// Dictionary<string, object>) and of its ModelState, which leaves "model.Name" as it is;
// the XML form never changes. Asked of the real serializers (Mono, a Dictionary<string,
// object> shaped as HttpError with CamelCasePropertyNamesContractResolver): Json.NET 6.0.8
// and the Json.NET 4.0 inside Web API 1's formatter both write
// {"message":…,"messageDetail":…,"modelState":{"model.Name":[…],"id":[…]}}.
func TestHTTPErrorJSONNaming(t *testing.T) {
	he := invalidRequest()
	he.add("model.Name", "The Name field is required.")
	he.add("Id", "The value 'x' is not valid for Id.")
	for _, tc := range []struct {
		name   string
		naming spec.JSONNaming
		want   string
	}{
		{"default", spec.JSONNamingDefault,
			`{"Message":"The request is invalid.","ModelState":{"model.Name":["The Name field is required."],"Id":["The value 'x' is not valid for Id."]}}`},
		{"camelCase", spec.JSONNamingCamelCase,
			`{"message":"The request is invalid.","modelState":{"model.Name":["The Name field is required."],"id":["The value 'x' is not valid for Id."]}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(he.appendJSON(nil, tc.naming)); got != tc.want {
				t.Errorf("appendJSON(%s) = %s, want %s", tc.naming, got, tc.want)
			}
		})
	}
	const wantXML = `<Error><Message>The request is invalid.</Message><ModelState><model.Name>The Name field is required.</model.Name><Id>The value 'x' is not valid for Id.</Id></ModelState></Error>`
	if got := string(he.appendXML(nil)); got != wantXML {
		t.Errorf("appendXML = %s, want %s", got, wantXML)
	}
}

// TestHTTPErrorFromCamelCaseValue reads a scenario's error value written with a camelCase
// service's member names.
func TestHTTPErrorFromCamelCaseValue(t *testing.T) {
	he := httpErrorFromValue(400, map[string]any{"message": "Nope.", "modelState": map[string]any{"model.name": []any{"Bad."}}})
	if got, want := string(he.appendJSON(nil, spec.JSONNamingCamelCase)), `{"message":"Nope.","modelState":{"model.name":["Bad."]}}`; got != want {
		t.Errorf("httpErrorFromValue(camelCase value) writes %s, want %s", got, want)
	}
}
