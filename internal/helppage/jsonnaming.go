package helppage

import (
	"unicode"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"

	"github.com/helpmock/helpmock/internal/jsonnet"
)

// A service whose Json.NET formatter has CamelCasePropertyNamesContractResolver writes
// every member camelCase ("widgetId") while the tables and the XML samples show the
// declared names ("WidgetId"). Its models' schemas already spell the JSON names; what the
// pages cannot show is Web API's own HttpError, a Dictionary<string, object> whose keys the
// resolver camel-cases too: {"message":"The request is invalid.","modelState":{"model.Name":[…]}}.
// So the import states the naming on the document (x-dotnet-json-naming: camelCase), the
// framework errors' JSON schema follows it, and the mock writes HttpError so.

const (
	extJSONNaming   = "x-dotnet-json-naming"
	jsonNamingCamel = "camelCase"
)

// noteJSONNames counts what a class's JSON sample says of the service's naming: a key
// that starts with an upper-case letter is a declared name (no camelCase resolver
// writes it), a key that is the camelCase of the table's or the XML sample's name
// (alias maps the JSON key to it) is the resolver's work.
func (in *inferrer) noteJSONNames(jsonKeys []string, alias map[string]string) {
	for _, k := range jsonKeys {
		r, _ := utf8.DecodeRuneInString(k)
		switch declared, ok := alias[k]; {
		case unicode.IsUpper(r):
			in.declaredJSON++
		case ok && declared != k && jsonnet.CamelCase(declared) == k:
			in.camelJSON++
		}
	}
}

// camelCaseJSON tells whether the samples show a camelCase resolver: some member renamed
// to its camelCase and no member written with a capital.
func (in *inferrer) camelCaseJSON() bool {
	return in.camelJSON > 0 && in.declaredJSON == 0
}

// jsonNaming returns the naming the document will state: the overlay's
// x-dotnet-json-naming when it sets one, else the samples'.
func (in *inferrer) jsonNaming(overlay []byte) string {
	var ov struct {
		Naming string `yaml:"x-dotnet-json-naming"`
	}
	if len(overlay) > 0 && yaml.Unmarshal(overlay, &ov) == nil && ov.Naming != "" {
		return ov.Naming
	}
	if in.camelCaseJSON() {
		return jsonNamingCamel
	}
	return ""
}
