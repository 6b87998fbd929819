package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestImportNeverWritesWhatServeRefuses: `helpmock import` must never write a spec that
// `helpmock serve` refuses. Each case is a corpus page with one oddity real Help Pages have
// (attribute routes with inline constraints, a catch-all, cells a template or a hand left
// odd); its import must load, mock.New must accept it (warnings are fine), and the mock
// must answer every operation's default request (valid path values, the documented JSON
// body) with its success status. TestImportedCorpusServed
// does the same for the corpus pages as they are.
func TestImportNeverWritesWhatServeRefuses(t *testing.T) {
	const (
		tickets = "../../internal/helppage/testdata/helppages/markdown/POST-api-support-tickets.txt"
		buckets = "../../internal/helppage/testdata/helppages/buckets/GET-bucket-source.txt"
		orders  = "../../internal/helppage/testdata/helppages/orders/GET-api-orders-id.html"
	)
	type edit struct{ old, new string }
	for _, tc := range []struct {
		name  string
		page  string
		edits []edit
		// path is the OpenAPI path the route must give, "" to leave it unchecked; also
		// the shorter one an optional parameter at its end gives too.
		path, also string
		// wantErr, when set, is what the import's error must say: a route Web API
		// itself refuses, which no real page shows.
		wantErr string
		// deep is a request path with slashes in the catch-all's place, which the
		// operation of path must answer.
		deep string
	}{
		{name: "member row with an empty type", page: tickets,
			edits: []edit{{"| Body | | string | None. |", "| Body | | | None. |"}}},
		{name: "duplicate member names", page: tickets,
			edits: []edit{{"| Tags | | Collection of string | None. |", "| Tags | | Collection of string | None. |\n| Subject | again | string | None. |"}}},
		{name: "type column with a sentence", page: tickets,
			edits: []edit{{"| Body | | string | None. |", "| Body | | The text of the ticket, as the customer typed it. | None. |"}}},
		{name: "route constraint int", page: tickets, path: "/api/support/tickets/{id}",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{id:int}"}}},
		{name: "route constraint guid", page: buckets, path: "/{bucket}/source",
			edits: []edit{{"GET {bucket}/source", "GET {bucket:guid}/source"}}},
		{name: "optional route constraint", page: tickets, path: "/api/support/tickets/{id}", also: "/api/support/tickets",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{id:int?}"}}},
		{name: "chained constraints", page: tickets, path: "/api/support/tickets/{id}",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{id:int:min(1)}"}}},
		{name: "regex constraint", page: tickets, path: "/api/support/tickets/{code}",
			edits: []edit{{"# POST api/support/tickets", `# POST api/support/tickets/{code:regex(^[a-z]{2}/\d+$)}`}}},
		{name: "catch-all", page: tickets, path: "/api/support/tickets/{path}", also: "/api/support/tickets", deep: "/api/support/tickets/a/b/c",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{*path}"}}},
		{name: "route with a dot and a dash", page: tickets, path: "/api/support/tickets.v1/by-id/{id}",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets.v1/by-id/{id}"}}},
		{name: "title with trailing spaces", page: tickets, path: "/api/support/tickets",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets   "}}},
		{name: "text title with trailing spaces and a query", page: buckets, path: "/{bucket}/source",
			edits: []edit{{"GET {bucket}/source?version={version}&since={since}&expand={expand}", "GET {bucket}/source?version={version}&since={since}&expand={expand}  \t"}}},
		{name: "query parameter missing from the table", page: buckets, path: "/{bucket}/source",
			edits: []edit{{"&expand={expand}", "&expand={expand}&page-size={pageSize}"}}},
		{name: "member row with no name", page: tickets,
			edits: []edit{{"| Body | | string | None. |", "| | | string | None. |"}}},
		{name: "parameter named with a dot", page: buckets, path: "/{bucket.id}/source",
			edits: []edit{{"GET {bucket}/source", "GET {bucket.id}/source"}, {"bucket | The bucket.", "bucket.id | The bucket."}}},
		{name: "parameter type with a sentence", page: buckets, path: "/{bucket}/source",
			edits: []edit{{"version | The version. | integer |", "version | The version. | The version you want, or the latest |"}}},
		{name: "two parameters in one segment", page: tickets, path: "/api/support/tickets/{year}-{month}",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{year}-{month}"}}},
		{name: "empty braces", page: tickets, wantErr: "POST-api-support-tickets.txt:10: route api/support/tickets/{}: a parameter with no name",
			edits: []edit{{"# POST api/support/tickets", "# POST api/support/tickets/{}"}}},
		{name: "unbalanced braces", page: buckets, wantErr: "GET-bucket-source.txt:1: route {bucket/source",
			edits: []edit{{"GET {bucket}/source", "GET {bucket/source"}}},
		{name: "HTML route constraint", page: orders, path: "/api/orders/{id}",
			edits: []edit{{"api/orders/{id}", "api/orders/{id:int}"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile(tc.page)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			for _, e := range tc.edits {
				if !strings.Contains(text, e.old) {
					t.Fatalf("%s has no %q to change", tc.page, e.old)
				}
				text = strings.ReplaceAll(text, e.old, e.new)
			}
			docs := []helppage.Document{{Name: filepath.Base(tc.page), Data: []byte(text)}}
			res, err := helppage.Import(docs, helppage.Options{})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Import = %v, want an error saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import = %v, want a spec (warnings are fine)", err)
			}
			s, err := spec.Load(tc.name, res.YAML)
			if err != nil {
				t.Fatalf("spec.Load(Import) = %v\n%s", err, res.YAML)
			}
			srv, err := mock.New(mock.Options{Spec: bridge.Public(s)})
			if err != nil {
				t.Fatalf("mock.New(Import) = %v", err)
			}
			if tc.path != "" && !slices.ContainsFunc(s.Operations, func(o *spec.Operation) bool { return o.Path == tc.path }) {
				t.Errorf("route gives paths %v, want %s", paths(s), tc.path)
			}
			if tc.also != "" && !slices.ContainsFunc(s.Operations, func(o *spec.Operation) bool { return o.Path == tc.also }) {
				t.Errorf("route gives paths %v, want %s too (its last parameter is optional)", paths(s), tc.also)
			}
			for _, op := range s.Operations {
				path, query := requestTarget(op)
				if tc.deep != "" && op.Path == tc.path {
					path = tc.deep
				}
				if query != "" {
					path += "?" + query
				}
				var body io.Reader
				req := httptest.NewRequest(op.Method, path, nil)
				if ex, ok := op.RequestExamples[spec.ApplicationJSON][spec.DocsExample]; ok {
					body = strings.NewReader(exampleText(t, ex))
					req = httptest.NewRequest(op.Method, path, body)
					req.Header.Set("Content-Type", spec.ApplicationJSON)
				}
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					t.Errorf("%s %s = %d %s, want no 5xx", op.Method, path, rec.Code, rec.Body.String())
				}
				if rec.Code != op.SuccessStatus() {
					t.Errorf("%s %s = %d %s, want %d", op.Method, path, rec.Code, rec.Body.String(), op.SuccessStatus())
				}
			}
		})
	}
}

// paths lists the paths of s's operations.
func paths(s *spec.Spec) []string {
	var out []string
	for _, o := range s.Operations {
		out = append(out, o.Method+" "+o.Path)
	}
	return out
}
