package helppage

import "testing"

// TestRoute reads the routes real Help Pages title their operations with: convention
// routes, attribute routes with inline constraints and optional marks, catch-alls, and
// the query string ApiExplorer adds.
func TestRoute(t *testing.T) {
	for _, tc := range []struct {
		route, path, query string
		params             []string // name:constraint of each parameter
	}{
		{"api/x/{id}", "/api/x/{id}", "", []string{"id:"}},
		{"api/x/{id}?expand={expand}", "/api/x/{id}", "expand={expand}", []string{"id:"}},
		{"{bucket}/source?version={version}", "/{bucket}/source", "version={version}", []string{"bucket:"}},
		{"api/x/{id:int}", "/api/x/{id}", "", []string{"id:int"}},
		{"api/x/{id:guid}", "/api/x/{id}", "", []string{"id:guid"}},
		{"api/x/{id:int?}?a={a}", "/api/x/{id}", "a={a}", []string{"id:int"}},
		{"api/x/{day?}", "/api/x/{day}", "", []string{"day:"}},
		{"api/x/{*path}", "/api/x/{path}", "", []string{"path:"}},
		{"api/x/{id:int:min(1)}", "/api/x/{id}", "", []string{"id:int"}},
		{"api/x/{id:MIN(1)}", "/api/x/{id}", "", []string{"id:min"}},
		{`api/x/{code:regex(^[a-z]{2}/\d?$)}/y`, "/api/x/{code}/y", "", []string{"code:regex"}},
		{"api/x/{id=5}", "/api/x/{id}", "", []string{"id:"}},
		{"api/x/{from:datetime}/{to:datetime}", "/api/x/{from}/{to}", "", []string{"from:datetime", "to:datetime"}},
		{"/api//x/", "/api/x", "", nil},
	} {
		path, query := splitRoute(tc.route)
		if got := OpenAPIPath(tc.route); got != tc.path {
			t.Errorf("OpenAPIPath(%q) = %q, want %q", tc.route, got, tc.path)
		}
		if query != tc.query {
			t.Errorf("splitRoute(%q) query = %q, want %q", tc.route, query, tc.query)
		}
		var params []string
		for _, seg := range routeSegments(path) {
			if seg[0] == '{' {
				name, cons := routeParameter(seg)
				params = append(params, name+":"+cons)
			}
		}
		if len(params) != len(tc.params) {
			t.Errorf("parameters of %q = %q, want %q", tc.route, params, tc.params)
			continue
		}
		for i := range params {
			if params[i] != tc.params[i] {
				t.Errorf("parameters of %q = %q, want %q", tc.route, params, tc.params)
				break
			}
		}
	}
	for _, tc := range []struct {
		constraint string
		kind       kind
		format     string
	}{
		{"int", kInt, ""}, {"long", kInt, "int64"}, {"guid", kGUID, ""}, {"bool", kBool, ""},
		{"datetime", kDateTime, ""}, {"decimal", kNumber, ""}, {"double", kNumber, "double"}, {"min", kInt, ""},
	} {
		if got := constraintType(tc.constraint); got == nil || got.kind != tc.kind || got.format != tc.format {
			t.Errorf("constraintType(%q) = %+v, want kind %v format %q", tc.constraint, got, tc.kind, tc.format)
		}
	}
	for _, c := range []string{"", "alpha", "regex", "length", "minlength"} {
		if got := constraintType(c); got != nil {
			t.Errorf("constraintType(%q) = %+v, want nil (no type)", c, got)
		}
	}
}

// TestComplexSegment reads segments with parameters among other text, and checkRoute
// refuses what Web API's route parser refuses.
func TestComplexSegment(t *testing.T) {
	for _, tc := range []struct {
		seg, text string
		names     []string
	}{
		{"{year}-{month}", "{year}-{month}", []string{"year", "month"}},
		{"{name}.{format:alpha}", "{name}.{format}", []string{"name", "format"}},
		{"file{id:int}", "file{id}", []string{"id"}},
		{"{id}", "{id}", nil},
		{"{id:int?}", "{id:int?}", nil},
		{"items", "items", nil},
	} {
		text, names, _ := complexSegment(tc.seg)
		if text != tc.text || len(names) != len(tc.names) {
			t.Errorf("complexSegment(%q) = %q %q, want %q %q", tc.seg, text, names, tc.text, tc.names)
			continue
		}
		for i := range names {
			if names[i] != tc.names[i] {
				t.Errorf("complexSegment(%q) names = %q, want %q", tc.seg, names, tc.names)
			}
		}
	}
	if got := OpenAPIPath("api/reports/{year:int}-{month:int}?x={x}"); got != "/api/reports/{year}-{month}" {
		t.Errorf("OpenAPIPath(complex) = %q", got)
	}
	for route, want := range map[string]string{
		"api/x/{id}":      "",
		"api/x/{id:int?}": "",
		"api/x/{a}-{b}":   "",
		"api/x/{}":        "a parameter with no name",
		"api/x/{?}":       "a parameter with no name",
		"api/x/{a}-{}":    "a parameter with no name",
		"api/x/{id":       "unbalanced braces",
		"api/x/{id}?q={q": "",
		"api/x/{id}}":     "unbalanced braces",
	} {
		err := checkRoute(route)
		if (err == nil) != (want == "") || (err != nil && err.Error() != want) {
			t.Errorf("checkRoute(%q) = %v, want %q", route, err, want)
		}
	}
}
