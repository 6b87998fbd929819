package helppage

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

func TestSafeName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "WidgetModel", "WidgetModel"},
		{"Help Page generic name", "ResponseResultOfNullableOfGuid", "ResponseResultOfNullableOfGuid"},
		{"CLR generic arity", "ResponseResult`1", "ResponseResult"},
		{"CLR generic", "Result<Account>", "ResultOfAccount"},
		{"two arguments", "Dictionary<int, bool>", "DictionaryOfintAndbool"},
		{"nullable", "int?", "int"},
		{"cell run together", "date |", "date"},
		{"annotation", "Max length: 128", "Maxlength_128"},
		{"non-ASCII", "Café", "Caf"},
		{"nothing usable", "|", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safeName(tt.in)
			if got != tt.want {
				t.Errorf("safeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got != "" && !componentName.MatchString(got) {
				t.Errorf("safeName(%q) = %q, which OpenAPI forbids as a component name", tt.in, got)
			}
		})
	}
}

func TestIsTypeText(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"string", true},
		{"globally unique identifier", true},
		{"Collection of OrderLine", true},
		{"Dictionary of integer [key] and boolean [value]", true},
		{"ResponseResult`1", true},
		{"Dictionary<int, bool>", true},
		{"Object", true},
		{"String length: inclusive between 0 and 500", false},
		{"Max length: 128", false},
		{"Required", false},
		{"Collection of Max length: 3", false},
		{"date |", false},
		{"The name of the user", false},
	}
	for _, tt := range tests {
		if got := isTypeText(tt.in); got != tt.want {
			t.Errorf("isTypeText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseAnnotations(t *testing.T) {
	tests := []struct {
		name  string
		in    []string
		want  constraints
		warns int
	}{
		{"required", []string{"Required"}, constraints{required: true}, 0},
		{"string length", []string{"String length: inclusive between 2 and 255"},
			constraints{minLength: "2", maxLength: "255", stated: []string{"String length: inclusive between 2 and 255"}}, 0},
		{"string length from 0 says no minimum", []string{"String length: inclusive between 0 and 255"},
			constraints{maxLength: "255", stated: []string{"String length: inclusive between 0 and 255"}}, 0},
		{"max and min length", []string{"Max length: 128", "Min length: 2"},
			constraints{minLength: "2", maxLength: "128", stated: []string{"Max length: 128", "Min length: 2"}}, 0},
		{"range", []string{"Range: inclusive between 1 and 100"},
			constraints{minimum: "1", maximum: "100", stated: []string{"Range: inclusive between 1 and 100"}}, 0},
		{"decimal range", []string{"Range: inclusive between 0.01 and 9999.99"},
			constraints{minimum: "0.01", maximum: "9999.99", stated: []string{"Range: inclusive between 0.01 and 9999.99"}}, 0},
		{"date range stays a note", []string{"Range: inclusive between 1/1/2000 and 12/31/2099"},
			constraints{notes: []string{"Range: inclusive between 1/1/2000 and 12/31/2099"}}, 0},
		{"pattern", []string{"Matching regular expression pattern: ^[A-Z]{3}$"},
			constraints{pattern: "^[A-Z]{3}$", stated: []string{"Matching regular expression pattern: ^[A-Z]{3}$"}}, 0},
		{"lookahead pattern", []string{"Matching regular expression pattern: ^(?=.*\\d).{8,}$"},
			constraints{notes: []string{"Matching regular expression pattern: ^(?=.*\\d).{8,}$"}}, 1},
		{".NET anchors", []string{"Matching regular expression pattern: \\A[a-z]+\\z"},
			constraints{notes: []string{"Matching regular expression pattern: \\A[a-z]+\\z"}}, 1},
		{"email", []string{"Data type: EmailAddress"}, constraints{format: "email", stated: []string{"Data type: EmailAddress"}}, 0},
		{"url", []string{"Data type: Url"}, constraints{format: "uri", stated: []string{"Data type: Url"}}, 0},
		{"password", []string{"Data type: Password"}, constraints{format: "password", stated: []string{"Data type: Password"}}, 0},
		{"other data type stays a note", []string{"Data type: PhoneNumber"},
			constraints{notes: []string{"Data type: PhoneNumber"}}, 0},
		{"default value", []string{"Default value is 10"}, constraints{def: "10"}, 0},
		{"first generation's binding note", []string{"Define this parameter in the request URI."}, constraints{}, 0},
		{"None.", []string{"None."}, constraints{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &inferrer{}
			got := in.parseAnnotations(where{source: "x.txt", line: 3}, tt.in)
			if !equalConstraints(got, tt.want) {
				t.Errorf("parseAnnotations(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if len(in.warnings) != tt.warns {
				t.Errorf("parseAnnotations(%q) warned %v, want %d warnings", tt.in, in.warnings, tt.warns)
			}
		})
	}
}

func equalConstraints(a, b constraints) bool {
	return a.required == b.required && a.minLength == b.minLength && a.maxLength == b.maxLength &&
		a.minimum == b.minimum && a.maximum == b.maximum && a.pattern == b.pattern && a.format == b.format &&
		a.def == b.def && slices.Equal(a.notes, b.notes) && slices.Equal(a.stated, b.stated)
}

func TestActionResult(t *testing.T) {
	tests := []struct{ in, want string }{
		{"IHttpActionResult", "IHttpActionResult"},
		{"IHttpActionResultNone.", "IHttpActionResult"},
		{"HttpResponseMessage", "HttpResponseMessage"},
		{"Task<IHttpActionResult>", "IHttpActionResult"},
		{"LoginResult", ""},
		{"Collection of HttpResponseMessage", ""},
	}
	for _, tt := range tests {
		if got := actionResult(tt.in); got != tt.want {
			t.Errorf("actionResult(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestUnresolved checks that an overlay setting a warning's key silences it, and only
// that key.
func TestUnresolved(t *testing.T) {
	warnings := []Warning{
		{Message: "pattern", Key: "components.schemas.W.properties.Code.pattern",
			path: []string{"components", "schemas", "W", "properties", "Code", "pattern"}},
		{Message: "rename", Key: "x-helpmock-import.rename.WBase", path: []string{OverlayImportKey, "rename", "WBase"}},
		{Message: "body", Key: "paths[/api/x].get.responses.200.content",
			path: []string{"paths", "/api/x", "get", "responses", "200", "content"}},
		{Message: "no key"},
	}
	overlay := []byte(`
x-helpmock-import:
  rename: {WBase: BaseResult}
paths:
  /api/x:
    get:
      responses:
        '200':
          content:
            application/json: {schema: {type: string}}
components:
  schemas:
    W:
      properties:
        Code: {maxLength: 3}
`)
	var got []string
	for _, w := range unresolved(warnings, overlay) {
		got = append(got, w.Message)
	}
	if want := []string{"pattern", "no key"}; !slices.Equal(got, want) {
		t.Errorf("unresolved() = %q, want %q", got, want)
	}
}

func TestOverlayKey(t *testing.T) {
	if got, want := overlayKey([]string{"paths", "/api/x/{id}", "get", "responses", "200"}), "paths[/api/x/{id}].get.responses.200"; got != want {
		t.Errorf("overlayKey() = %q, want %q", got, want)
	}
	if got, want := overlayKey([]string{"components", "schemas", "W", "properties", "a.b"}), "components.schemas.W.properties[a.b]"; got != want {
		t.Errorf("overlayKey() = %q, want %q", got, want)
	}
}

// TestCorpusNamesAreSafe imports every corpus directory and checks that each component
// name is one OpenAPI allows and each operationId is unique: kin-openapi accepts some
// names Redocly and other tools reject.
func TestCorpusNamesAreSafe(t *testing.T) {
	entries, err := os.ReadDir("testdata/helppages")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			docs, err := ReadDocuments(os.DirFS(filepath.Join("testdata/helppages", e.Name())), ".")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(docs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(res.YAML, &doc); err != nil {
				t.Fatal(err)
			}
			root := doc.Content[0]
			for _, kind := range []string{"schemas", "examples"} {
				for _, name := range keys(get(get(root, "components"), kind)) {
					if !componentName.MatchString(name) {
						t.Errorf("components.%s.%s: OpenAPI requires names matching %s", kind, name, componentName)
					}
				}
			}
			ids := map[string]bool{}
			for _, p := range keys(get(root, "paths")) {
				for _, m := range keys(get(get(root, "paths"), p)) {
					id := get(get(get(get(root, "paths"), p), m), "operationId")
					if id == nil {
						continue
					}
					if ids[id.Value] {
						t.Errorf("operationId %s is not unique", id.Value)
					}
					ids[id.Value] = true
				}
			}
		})
	}
}

// TestTypeOfWords checks the types the type column's words (and a customised page's CLR
// names) give, with the samples' nulls.
func TestTypeOfWords(t *testing.T) {
	null := &jsonValue{kind: jsonNull}
	tests := []struct {
		name, text string
		jv         *jsonValue
		want       string // the member schema, as flow YAML
	}{
		{"guid", "globally unique identifier", nil, "{type: string, format: uuid}"},
		{"date", "date", nil, "{type: string, format: date-time}"},
		{"decimal number", "decimal number", nil, "{type: number}"},
		{"boolean", "boolean", nil, "{type: boolean}"},
		{"URI", "URI", nil, "{type: string, format: uri, nullable: true}"},
		{"collection", "Collection of integer", nil, "{type: array, nullable: true, xml: {wrapped: true}, items: {type: integer, format: int32, xml: {name: int, namespace: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'}}}"},
		{"int-keyed dictionary", "Dictionary of integer [key] and boolean [value]", nil, "{type: object, nullable: true, additionalProperties: {type: boolean}, x-dotnet-key: {type: integer, format: int32}}"},
		{"Object", "Object", nil, "{type: object, x-dotnet-type: System.Object, nullable: true}"},
		{"null makes a value type nullable", "integer", null, "{type: integer, format: int32, nullable: true}"},
		{"Nullable<Int64>", "Nullable<Int64>", nil, "{type: integer, format: int64, nullable: true}"},
		{"int?", "int?", nil, "{type: integer, format: int32, nullable: true}"},
		{"Nullable of decimal number", "Nullable of decimal number", nil, "{type: number, nullable: true}"},
		{"System.Guid", "System.Guid", nil, "{type: string, format: uuid}"},
		{"Double", "Double", nil, "{type: number, format: double}"},
		{"cell run together", "date |", nil, "{type: string, format: date-time}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &inferrer{classes: map[string]*class{}, models: map[string]*Model{}}
			typ := in.typeOf(where{source: "x.txt", line: 1}, tt.text, tt.jv, &xmlElement{name: "M", text: "1"}, "M")
			s := typeSchema(typ, false, false)
			normalize(s, false)
			setFlow(s)
			out, err := yaml.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(out)); got != tt.want {
				t.Errorf("typeOf(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func setFlow(n *yaml.Node) {
	n.Style = yaml.FlowStyle
	for _, c := range n.Content {
		setFlow(c)
	}
}

// TestResponsesWithoutBody checks what the spec says, and the one warning, for each way a
// page documents no response body.
func TestResponsesWithoutBody(t *testing.T) {
	page := func(resource, formats string) string {
		return "GET api/things\nRequest Information\nURI Parameters\nNone.\nBody Parameters\nNone.\n" +
			"Response Information\nResource Description\n" + resource + "\nResponse Formats\n" + formats
	}
	thing := "ThingName | Description | Type | Additional information |\n---|---|---|---|\nName | string |\nNone. |\n"
	unavailable := "application/json, text/json\nSample:\nSample not available.\napplication/xml, text/xml\nSample:\nSample not available.\n"
	tests := []struct {
		name, doc string
		want      []string // lines of the document
		wantKeys  []string // the warnings' overlay keys
	}{
		{"void action", page("None.", ""), []string{"'204':", "description: No Content"}, nil},
		{"IHttpActionResult", page("IHttpActionResult", ""),
			[]string{"'200':", "x-aspnet-result: IHttpActionResult"}, []string{"paths[/api/things].get.responses.200.content"}},
		{"run together with None.", page("IHttpActionResultNone.", unavailable),
			[]string{"'200':", "x-aspnet-result: IHttpActionResult"}, []string{"paths[/api/things].get.responses.200.content"}},
		{"a type link lost before None.", page("None.", unavailable),
			[]string{"'200':", "description: OK (the Help Page documents no body)"}, []string{"paths[/api/things].get.responses.200.content"}},
		{"HttpResponseMessage with its members table", page("HttpResponseMessageName | Description | Type | Additional information |\n---|---|---|---|\nVersion | Version |\nNone. |\n", ""),
			[]string{"'200':", "x-aspnet-result: HttpResponseMessage"}, []string{"paths[/api/things].get.responses.200.content"}},
		// Without an XML sample, the data contract namespace is a guess too.
		{"no sample in any format", page(thing, unavailable),
			[]string{"'200':", "$ref: '#/components/schemas/Thing'"}, []string{"paths[/api/things].get.responses.200.content[application/json].examples.docs", "components.schemas.Thing.xml.namespace"}},
		{"the sample generator failed", page(thing, "application/json, text/json\nSample:\nFailed to generate the sample for media type 'application/json'. Cannot use formatter 'JsonMediaTypeFormatter' to write type 'Thing'.\n"),
			[]string{"'200':", "$ref: '#/components/schemas/Thing'"}, []string{"paths[/api/things].get.responses.200.content[application/json].examples.docs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import([]Document{{Name: "x.txt", Data: []byte(tt.doc)}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(res.YAML), w) {
					t.Errorf("Import() lacks %q:\n%s", w, res.YAML)
				}
			}
			var keys []string
			for _, w := range res.Warnings {
				keys = append(keys, w.Key)
			}
			if !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("Import() warns with keys %q, want %q", keys, tt.wantKeys)
			}
		})
	}
}
