package spec

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// ExtensionJSONNaming states, on the document, the names the service's Json.NET contract
// resolver gives in JSON: JSONNamingDefault (DefaultContractResolver: declared names) or
// JSONNamingCamelCase (CamelCasePropertyNamesContractResolver). The schemas spell the
// models' members as the service writes them either way; the naming says how Web API's
// own HttpError, a Dictionary<string, object>, is written: with camelCase keys
// ({"message":…,"modelState":{"model.Name":[…]}}) under CamelCasePropertyNamesContractResolver.
// See docs/extensions.md.
const ExtensionJSONNaming = "x-dotnet-json-naming"

// JSONNaming is the naming of a service's JSON (ExtensionJSONNaming).
type JSONNaming string

// The values of ExtensionJSONNaming.
const (
	JSONNamingDefault   JSONNaming = "default"
	JSONNamingCamelCase JSONNaming = "camelCase"
)

// jsonNaming reads the document's x-dotnet-json-naming; absent, the names are the
// declared ones (Web API's default).
func jsonNaming(doc *openapi3.T) (JSONNaming, error) {
	v, ok := doc.Extensions[ExtensionJSONNaming]
	if !ok {
		return JSONNamingDefault, nil
	}
	switch s, _ := v.(string); JSONNaming(s) {
	case JSONNamingDefault, JSONNamingCamelCase:
		return JSONNaming(s), nil
	}
	return "", fmt.Errorf("%s%s: %v is not %q or %q", ExtensionJSONNaming, lineOf(doc.Origin, ExtensionJSONNaming), v, JSONNamingDefault, JSONNamingCamelCase)
}

// JSONNaming returns the naming of the service's JSON, as the document's
// x-dotnet-json-naming states it.
func (s *Spec) JSONNaming() JSONNaming { return s.jsonNaming }
