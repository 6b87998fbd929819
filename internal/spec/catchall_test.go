package spec_test

import (
	"maps"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

// TestMatchCatchAll: an attribute route ending in a catch-all ({*path}) takes the rest of
// the request's path, slashes and all; the path without it is another operation's.
func TestMatchCatchAll(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /api/files/{path}:
    x-aspnet-route: api/files/{*path}
    get:
      operationId: getFile
      parameters: [{name: path, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: none}}
  /api/other/{id}:
    get:
      operationId: getOther
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: none}}
`
	s, err := spec.Load("doc.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, op, param string }{
		{"/api/files/a", "getFile", "a"},
		{"/api/files/a/b/c.txt", "getFile", "a/b/c.txt"},
		{"/api/other/a", "getOther", "a"},
		{"/api/other/a/b", "", ""},
		{"/api/files", "", ""},
	} {
		op, params, err := s.Match("GET", tc.path)
		switch {
		case tc.op == "" && err == nil:
			t.Errorf("Match(GET %s) = %s, want no match", tc.path, op.ID)
		case tc.op != "" && err != nil:
			t.Errorf("Match(GET %s) = %v, want %s", tc.path, err, tc.op)
		case tc.op != "" && (op.ID != tc.op || params[map[string]string{"getFile": "path", "getOther": "id"}[tc.op]] != tc.param):
			t.Errorf("Match(GET %s) = %s %v, want %s with %q", tc.path, op.ID, params, tc.op, tc.param)
		}
	}
}

// TestMatchComplexSegment: a segment with parameters among other text ({year}-{month},
// {name}.{format}) gives each parameter its part, the later ones the shortest, as Web API
// matches a complex segment from its end.
func TestMatchComplexSegment(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /api/reports/{year}-{month}:
    get:
      operationId: getReport
      parameters:
        - {name: year, in: path, required: true, schema: {type: integer}}
        - {name: month, in: path, required: true, schema: {type: integer}}
      responses: {"204": {description: none}}
  /api/files/{name}.{format}:
    get:
      operationId: getFile
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: format, in: path, required: true, schema: {type: string}}
      responses: {"204": {description: none}}
`
	s, err := spec.Load("doc.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, op string
		params   map[string]string
	}{
		{"/api/reports/2026-05", "getReport", map[string]string{"year": "2026", "month": "05"}},
		{"/API/Reports/2026-05-01", "getReport", map[string]string{"year": "2026-05", "month": "01"}},
		{"/api/files/a.b.json", "getFile", map[string]string{"name": "a.b", "format": "json"}},
		{"/api/reports/2026", "", nil},
		{"/api/files/readme", "", nil},
	} {
		op, params, err := s.Match("GET", tc.path)
		switch {
		case tc.op == "" && err == nil:
			t.Errorf("Match(GET %s) = %s, want no match", tc.path, op.ID)
		case tc.op != "" && err != nil:
			t.Errorf("Match(GET %s) = %v, want %s", tc.path, err, tc.op)
		case tc.op != "" && (op.ID != tc.op || !maps.Equal(params, tc.params)):
			t.Errorf("Match(GET %s) = %s %v, want %s %v", tc.path, op.ID, params, tc.op, tc.params)
		}
	}
}
