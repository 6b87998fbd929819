package helppage_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
)

// Pages of a JSON-only service: a GET without parameters, a POST with a body, and a void
// DELETE whose page lists no media type at all.
const (
	jsonOnlyPing = `GET api/ping
Request Information
URI Parameters
None.
Body Parameters
None.
Response Information
Resource Description
PongName | Description | Type | Additional information |
---|---|---|---|
Ok | boolean |
None. |
Response Formats
application/json, text/json
Sample:
{ "Ok": true }
`
	jsonOnlyPost = `POST api/things
Request Information
URI Parameters
None.
Body Parameters
ThingName | Description | Type | Additional information |
---|---|---|---|
Title | string |
None. |
Request Formats
application/json
Sample:
{ "Title": "sample string 1" }
Response Information
Resource Description
None.
`
	jsonOnlyDelete = `DELETE api/things/{id}
Request Information
URI Parameters
Name | Description | Type | Additional information |
---|---|---|---|
id | integer |
Required |
Body Parameters
None.
Response Information
Resource Description
None.
`
	// A service whose own class is named HttpError.
	ownHTTPError = `GET api/errors/last
Request Information
URI Parameters
None.
Body Parameters
None.
Response Information
Resource Description
HttpErrorName | Description | Type | Additional information |
---|---|---|---|
Code | integer |
None. |
Response Formats
application/json, text/json
Sample:
{ "Code": 1 }
application/xml, text/xml
Sample:
<HttpError xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Logs.Models"> <Code>1</Code> </HttpError>
`
)

// TestFrameworkErrors checks which of Web API's own error answers each imported operation
// documents, in which media types, and with which schema.
func TestFrameworkErrors(t *testing.T) {
	docs := []helppage.Document{
		{Name: "ping.txt", Data: []byte(jsonOnlyPing)},
		{Name: "post.txt", Data: []byte(jsonOnlyPost)},
		{Name: "delete.txt", Data: []byte(jsonOnlyDelete)},
	}
	s := importDocs(t, docs)
	tests := []struct {
		name, op   string
		statuses   []int
		mediaTypes []string
	}{
		{name: "no body, no parameters", op: "getPing", statuses: []int{200, 404, 405, 500},
			mediaTypes: []string{"application/json", "text/json"}},
		{name: "a body", op: "postThings", statuses: []int{204, 400, 404, 405, 413, 415, 500},
			mediaTypes: []string{"application/json"}},
		// The DELETE page lists no media type: the service's, from its other pages.
		{name: "a path parameter, no media type on the page", op: "deleteThingsById", statuses: []int{204, 400, 404, 405, 500},
			mediaTypes: []string{"application/json", "text/json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := s.Operation(tt.op)
			if o == nil {
				t.Fatalf("operation %s not imported; operations: %v", tt.op, opIDs(s))
			}
			if !slices.Equal(o.Statuses, tt.statuses) {
				t.Errorf("%s statuses = %v, want %v", tt.op, o.Statuses, tt.statuses)
			}
			for _, st := range o.Statuses {
				if st < 400 {
					continue
				}
				got := slices.Sorted(maps.Keys(o.Responses[st]))
				if want := slices.Sorted(slices.Values(tt.mediaTypes)); !slices.Equal(got, want) {
					t.Errorf("%s %d media types = %v, want %v", tt.op, st, got, want)
				}
				for mt, layout := range o.Responses[st] {
					if layout == nil || layout.MemberFold("Message") == nil || layout.MemberFold("ModelState") == nil {
						t.Errorf("%s %d %s: want the HttpError schema (Message, ModelState), got %+v", tt.op, st, mt, layout)
					}
				}
			}
			resp := o.Op.Responses.Status(405)
			if resp == nil || resp.Value == nil || resp.Value.Headers["Allow"] == nil {
				t.Errorf("%s 405 documents no Allow header", tt.op)
			}
		})
	}
}

// TestFrameworkErrorsSafeNames imports a service with its own HttpError class: the
// framework's schema takes another name, and the service's class keeps its own.
func TestFrameworkErrorsSafeNames(t *testing.T) {
	s := importDocs(t, []helppage.Document{{Name: "errors.txt", Data: []byte(ownHTTPError)}})
	o := s.Operation("getErrorsLast")
	if o == nil {
		t.Fatalf("operation getErrorsLast not imported; operations: %v", opIDs(s))
	}
	if l := o.Response(200, spec.ApplicationJSON); l == nil || l.MemberFold("Code") == nil {
		t.Errorf("200 application/json = %+v, want the service's HttpError class with Code", l)
	}
	l := o.Response(404, spec.ApplicationJSON)
	if l == nil || l.MemberFold("Message") == nil || l.MemberFold("Code") != nil {
		t.Errorf("404 application/json = %+v, want Web API's HttpError (Message, no Code)", l)
	}
	ref := o.Op.Responses.Status(404).Value.Content.Get(spec.ApplicationJSON).Schema.Ref
	if !strings.HasPrefix(ref, "#/components/schemas/HttpError") || ref == "#/components/schemas/HttpError" {
		t.Errorf("404 application/json schema $ref = %q, want another name than the service's HttpError", ref)
	}
}

func importDocs(t *testing.T, docs []helppage.Document) *spec.Spec {
	t.Helper()
	res, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		t.Fatalf("Import error: %v", err)
	}
	s, err := spec.Load("imported", res.YAML)
	if err != nil {
		t.Fatalf("spec.Load(Import) error: %v\n%s", err, res.YAML)
	}
	return s
}

func opIDs(s *spec.Spec) []string {
	var ids []string
	for _, o := range s.Operations {
		ids = append(ids, o.ID)
	}
	return ids
}
