package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

func newNoFixtureServer(tb testing.TB, path string) *mock.Server {
	tb.Helper()
	sp, err := spec.LoadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := mock.New(mock.Options{Spec: bridge.Public(sp)})
	if err != nil {
		tb.Fatalf("mock.New(%s) = %v", path, err)
	}
	return srv
}

// TestNegotiatesAmongListedMediaTypes: answers and HttpError bodies are negotiated among
// the media types the spec lists, as Web API negotiates among the formatters a service
// has: the best Accept match, then the request's Content-Type if writable, then the first
// formatter's first media type. Never a 406 or a 5xx because a format is missing. The
// JSON-only cases were checked against the ASP.NET reference implementation (the one
// interop/aspnet/record.sh records) with config.Formatters.Remove(config.Formatters.XmlFormatter): Accept application/xml
// gets application/json, or text/json for a text/json body; an XML body gets a 415 and
// an unknown route a 404, both in JSON.
func TestNegotiatesAmongListedMediaTypes(t *testing.T) {
	const label = `<Label xmlns="http://schemas.datacontract.org/2004/07/Shapes"><Name>x</Name></Label>`
	tests := []struct {
		name, spec, method, path, accept, contentType, body string
		wantStatus                                          int
		wantType                                            string
	}{
		{"JSON-only service, Accept XML", "jsononly", "POST", "/b/source", "application/xml", "application/json", `{"id":1}`, 200, "application/json"},
		{"JSON-only service, Accept XML, text/json body", "jsononly", "POST", "/b/source", "application/xml", "text/json", `{"id":1}`, 200, "text/json"},
		{"JSON-only service, Accept */*, text/json body", "jsononly", "POST", "/b/source", "*/*", "text/json", `{"id":1}`, 200, "application/json"},
		{"JSON-only service, Accept text/xml", "jsononly", "POST", "/b/source", "text/xml", "text/json", `{"id":1}`, 200, "text/json"},
		{"JSON-only service, XML body is a 415 in JSON", "jsononly", "POST", "/b/source", "application/xml", "application/xml", label, 415, "application/json"},
		{"JSON-only service, 404 in JSON", "jsononly", "GET", "/nothing/here/at/all", "application/xml", "", "", 404, "application/json"},
		{"JSON-only service, 405 in JSON", "jsononly", "GET", "/b/source", "text/xml", "", "", 405, "application/json"},
		{"JSON-only service, 400 in JSON", "jsononly", "POST", "/b/source", "application/xml", "application/json", `{"id":`, 400, "application/json"},
		{"XML only as text/xml, Accept application/xml", "shapes", "GET", "/api/text-xml", "application/xml", "", "", 200, "application/json"},
		{"XML only as text/xml, Accept text/xml", "shapes", "GET", "/api/text-xml", "text/xml", "", "", 200, "text/xml"},
		{"XML only as text/xml, request in text/xml", "shapes", "GET", "/api/text-xml", "", "text/xml", "", 200, "text/xml"},
		{"XML only as text/xml, request in application/xml", "shapes", "GET", "/api/text-xml", "", "application/xml", "", 200, "application/json"},
		{"text/html written by the JSON formatter", "shapes", "GET", "/api/browser", "text/html", "", "", 200, "text/html"},
		{"a browser's Accept", "shapes", "GET", "/api/browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "", "", 200, "text/html"},
		{"text/Xml in the spec is text/xml", "shapes", "GET", "/api/browser", "text/xml", "", "", 200, "text/xml"},
		{"Application/XML in the spec is application/xml", "shapes", "GET", "/api/browser", "application/xml", "", "", 200, "application/xml"},
		{"a text/Xml request body", "shapes", "POST", "/api/browser", "", "text/xml", label, 200, "text/xml"},
		{"octet-stream only", "shapes", "GET", "/api/binary", "application/json", "", "", 200, "application/octet-stream"},
		{"an operation without Accept match nor Content-Type", "shapes", "GET", "/api/list", "image/png", "", "", 200, "application/json"},
		{"a void action", "shapes", "PUT", "/api/things/6e0a4ea3-e69f-4b9e-a4f5-3ab6f062fbf6", "application/xml", "application/json", `{"Name":"x"}`, 204, ""},
		{"an IHttpActionResult without a documented body", "shapes", "POST", "/api/ok", "application/xml", "application/json", `{"Name":"x"}`, 200, ""},
	}
	servers := map[string]*mock.Server{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := servers[tt.spec]
			if srv == nil {
				srv = newNoFixtureServer(t, "testdata/nofixtures/"+tt.spec+".yaml")
				servers[tt.spec] = srv
			}
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			got := spec.MediaType(rec.Header().Get("Content-Type"))
			if rec.Code != tt.wantStatus || got != tt.wantType {
				t.Errorf("%s %s (Accept %q, Content-Type %q) = %d %q %s, want %d %q",
					tt.method, tt.path, tt.accept, tt.contentType, rec.Code, got, rec.Body.String(), tt.wantStatus, tt.wantType)
			}
			if tt.wantType == "" && rec.Body.Len() > 0 {
				t.Errorf("%s %s = body %q, want none", tt.method, tt.path, rec.Body.String())
			}
		})
	}
}

// TestNoFixtureScenarios: an operation without fixtures lists generated (its default)
// and docs, answers the Help Page sample under Prefer: example=docs, and names both in
// the 400 for an unknown scenario.
func TestNoFixtureScenarios(t *testing.T) {
	srv := newNoFixtureServer(t, "testdata/nofixtures/jsononly.yaml")
	send := func(prefer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/b/source", strings.NewReader(`{"id":1}`))
		req.Header.Set("Content-Type", "application/json")
		if prefer != "" {
			req.Header.Set("Prefer", prefer)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	if got, want := send("example=docs").Body.String(), `{"id":1,"url":"sample string 2","tags":{"1":true}}`; got != want {
		t.Errorf("Prefer: example=docs = %s, want the sample %s", got, want)
	}
	def, gen := send("").Body.String(), send("example=generated").Body.String()
	if def != gen || def == send("example=docs").Body.String() {
		t.Errorf("default answer = %s, want the generated one %s", def, gen)
	}
	if again := send("").Body.String(); again != def {
		t.Errorf("the same request answered %s, then %s", def, again)
	}
	rec := send("example=nope")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "known scenarios: docs, generated.") {
		t.Errorf("Prefer: example=nope = %d %s, want 400 naming docs and generated", rec.Code, rec.Body.String())
	}
	infos := srv.Scenarios()
	if len(infos) != 2 || infos[0].Default != mock.ScenarioGenerated || strings.Join(infos[0].Scenarios, ",") != "docs,generated" {
		t.Errorf("Scenarios() = %+v, want docs and generated, generated by default", infos)
	}
}
