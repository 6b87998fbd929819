package helppage

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestBlankRows checks which paragraph of a blank-line table becomes which cell.
func TestBlankRows(t *testing.T) {
	four := []string{"Name", "Description", "Type", "Additional information"}
	three := []string{"Name", "Description", "Type"}
	first := []string{"Name", "Description", "Additional information"}
	enum := []string{"Name", "Value", "Description"}
	cases := []struct {
		name   string
		header []string
		ps     string // paragraphs, separated by "/"
		want   string // rows, cells separated by "|", rows by " ; "
		used   int
		cut    bool
	}{
		{"no description", four, "Id/integer/None./Name/string/Required/Max length: 20",
			"Id||integer|None. ; Name||string|Required Max length: 20", 7, false},
		{"description", four, "Id/The number./integer/Required",
			"Id|The number.|integer|Required", 4, false},
		{"description over two paragraphs", four, "Licence/The licence number./Checked nightly./string/None.",
			"Licence|The licence number. Checked nightly.|string|None.", 5, false},
		{"one-word description before a built-in type", four, "Id/Identifier/integer/None.",
			"Id|Identifier|integer|None.", 4, false},
		{"member named as its model", four, "Driver/Driver/None./Kind/VehicleKind/None.",
			"Driver||Driver|None. ; Kind||VehicleKind|None.", 6, false},
		{"collection and dictionary", four, "Tags/Collection of string/None./Scores/Dictionary of string [key] and integer [value]/None.",
			"Tags||Collection of string|None. ; Scores||Dictionary of string [key] and integer [value]|None.", 6, false},
		{"chrome after the table", four, "Id/integer/None./© 2026 - Fleet Services",
			"Id||integer|None.", 3, false},
		{"cut after the name and type", four, "Id/integer/None./Name/string",
			"Id||integer|None.", 3, true},
		{"three columns", three, "Code/string/Name/The station's name./string/Elevation/decimal number",
			"Code||string ; Name|The station's name.|string ; Elevation||decimal number", 7, false},
		{"first generation", first, "page/No documentation available./Define this parameter in the request URI./body/The order./Define this parameter in the request body.",
			"page|No documentation available.|Define this parameter in the request URI. ; body|The order.|Define this parameter in the request body.", 6, false},
		{"enumeration", enum, "Car/0/Van/1/Up to 3.5 tonnes./Truck/2/Needs a class C licence.",
			"Car|0| ; Van|1|Up to 3.5 tonnes. ; Truck|2|Needs a class C licence.", 8, false},
		{"enumeration, footer", enum, "Car/0/© 2026 Fleet", "Car|0|", 2, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, used, cut := blankRows(strings.Split(c.ps, "/"), c.header)
			var got []string
			for _, r := range rows {
				var cells []string
				for _, cl := range r {
					cells = append(cells, cl.text)
				}
				got = append(got, strings.Join(cells, "|"))
			}
			if g := strings.Join(got, " ; "); g != c.want || used != c.used || cut != c.cut {
				t.Errorf("blankRows(%q) = %q, %d, %v; want %q, %d, %v", c.ps, g, used, cut, c.want, c.used, c.cut)
			}
		})
	}
}

// TestSplitAnnotations checks annotations a rendering ran together into one line.
func TestSplitAnnotations(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"Required String length: inclusive between 1 and 200"}, []string{"Required", "String length: inclusive between 1 and 200"}},
		{[]string{"Required", "Max length: 128"}, []string{"Required", "Max length: 128"}},
		{[]string{"Matching regular expression pattern: ^Required Range: [0-9]+$"}, []string{"Matching regular expression pattern: ^Required Range: [0-9]+$"}},
		{[]string{"Data type: EmailAddress Required"}, []string{"Data type: EmailAddress", "Required"}},
		{[]string{"Some documentation. Required"}, []string{"Some documentation. Required"}},
	}
	for _, c := range cases {
		if got := splitAnnotations(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitAnnotations(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestModelNameFromFile checks the model named by a saved model page's file name.
func TestModelNameFromFile(t *testing.T) {
	for in, want := range map[string]string{
		"site/Help/ResourceModel?modelName=Fleet.Models.Vehicle": "Vehicle",
		"ResourceModel@modelName=Vehicle.html":                   "Vehicle",
		"ResourceModel%3FmodelName=Vehicle.htm":                  "Vehicle",
		"ResourceModel-Driver.txt":                               "Driver",
		"Help/resourcemodel_modelname=ResponseResultOfGuid.html": "ResponseResultOfGuid",
		"GET-api-orders-id.html":                                 "",
		"ResourceModel.html":                                     "",
		"ResourceModel?modelName=.html":                          "",
	} {
		if got := modelNameFromFile(in); got != want {
			t.Errorf("modelNameFromFile(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBlankLineMembersNamedAsSections reads a blank-line table whose members are named
// as sections some templates add ("Errors", "Notes", "Uri"): they stay members.
func TestBlankLineMembersNamedAsSections(t *testing.T) {
	doc := "GET api/x\n\nRequest Information\n\nURI Parameters\n\nNone.\n\nBody Parameters\n\nNone.\n\nResponse Information\n\nResource Description\n\nResult\n\n" +
		"NameDescriptionTypeAdditional information\n\nErrors\n\nCollection of string\n\nNone.\n\nNotes\n\nstring\n\nNone.\n\nUri\n\nURI\n\nNone.\n\n" +
		"Response Codes\n\nCode\n\n200\n"
	pages, err := ReadPages("x.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range pages[0].Response.Members {
		got = append(got, m.Name+":"+m.Type)
	}
	if want := []string{"Errors:Collection of string", "Notes:string", "Uri:URI"}; !slices.Equal(got, want) {
		t.Errorf("members = %q, want %q", got, want)
	}
}

// TestURIAsTypeAndTitle: "URI" is the URI parameters' title right after Request
// Information, and elsewhere the type word of System.Uri.
func TestURIAsTypeAndTitle(t *testing.T) {
	doc := "GET api/links/{id}\nRequest Information\nURI\nName | Description | Type | Additional information |\n---|---|---|---|\nid | integer |\nRequired |\n" +
		"Body Parameters\nNone.\nResponse Information\nResource Description\nURI\nResponse Formats\napplication/json, text/json\nSample:\n\"http://webapihelppage1.com\"\n"
	pages, err := ReadPages("x.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if len(p.URIParameters) != 1 || p.URIParameters[0].Name != "id" || p.Response == nil || p.Response.Type != "URI" {
		t.Errorf("ReadPages = %s, want URI parameter id and response type URI", describePages(pages))
	}
}

// TestTypeWithoutMembers: a type link followed by "None." (IHttpActionResult, whose
// members the page does not show), run together in a text rendering or not, is the
// response's type; "None." alone is no response body.
func TestTypeWithoutMembers(t *testing.T) {
	const head = "DELETE api/x/{id}\nRequest Information\nURI Parameters\nNone.\nBody Parameters\nNone.\nResponse Information\nResource Description\n"
	for name, doc := range map[string]string{
		"run-together.txt": head + "IHttpActionResultNone.\n",
		"lines.txt":        head + "IHttpActionResult\nNone.\n",
		"page.html":        "<h1>DELETE api/x/{id}</h1><h2>Request Information</h2><h3>URI Parameters</h3><p>None.</p><h3>Body Parameters</h3><p>None.</p><h2>Response Information</h2><h3>Resource Description</h3><p></p><a href=\"/Help/ResourceModel?modelName=IHttpActionResult\">IHttpActionResult</a><p>None.</p>",
		"void.txt":         head + "None.\n",
		"void-footer.txt":  head + "None.\n\u00a9 2024 - Library\n",
		"void-footer.html": "<h1>DELETE api/x/{id}</h1><h2>Response Information</h2><h3>Resource Description</h3><p>None.</p><footer><p>\u00a9 2024 - Library</p></footer>",
	} {
		pages, err := ReadPages(name, []byte(doc))
		if err != nil {
			t.Fatalf("ReadPages(%s) = %v", name, err)
		}
		got := "<nil>"
		if r := pages[0].Response; r != nil {
			got = fmt.Sprintf("%q table %v", r.Type, r.Table)
		}
		want := `"IHttpActionResult" table false`
		if strings.HasPrefix(name, "void") {
			want = "<nil>"
		}
		if got != want {
			t.Errorf("ReadPages(%s).Response = %s, want %s", name, got, want)
		}
	}
}
