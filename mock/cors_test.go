package mock_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

func TestCORS(t *testing.T) {
	open := newAdminServer(t)
	restricted, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), CORS: true,
		CORSOrigins: []string{"http://app.test"}})
	if err != nil {
		t.Fatal(err)
	}
	off := newServer(t, false)
	preflight := func(origin string) request {
		return request{method: http.MethodOptions, path: paths["refreshToken"], header: http.Header{
			"Origin": {origin}, "Access-Control-Request-Method": {"POST"},
			"Access-Control-Request-Headers": {"content-type,prefer,authorization"}}}
	}
	post := func(origin string) request {
		return request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON], header: http.Header{"Origin": {origin}}}
	}
	tests := []struct {
		name        string
		server      http.Handler
		req         request
		wantStatus  int
		wantHeaders map[string]string // "" means absent
	}{
		{"preflight, any origin", open, preflight("http://localhost:3000"), 204, map[string]string{
			"Access-Control-Allow-Origin":  "*",
			"Access-Control-Allow-Methods": "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS",
			"Access-Control-Allow-Headers": strings.Join(mock.CORSAllowHeaders, ","),
			"Access-Control-Max-Age":       "600"}},
		{"request, any origin", open, post("http://localhost:3000"), 200, map[string]string{
			"Access-Control-Allow-Origin":   "*",
			"Access-Control-Expose-Headers": strings.Join(mock.CORSExposeHeaders, ",")}},
		// The admin API is for the local user: no other site's page may read the journal
		// or get a preflight for pinning a scenario granted.
		{"admin API: no grant to read the journal", open, request{method: http.MethodGet, path: "/__helpmock/requests",
			header: http.Header{"Origin": {"http://x.test"}}}, 200,
			map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Expose-Headers": ""}},
		{"admin API: no grant to pin", open, request{method: http.MethodOptions, path: "/__helpmock/scenarios/refreshToken",
			header: http.Header{"Origin": {"http://x.test"}, "Access-Control-Request-Method": {"PUT"},
				"Access-Control-Request-Headers": {"content-type"}}}, 404,
			map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": ""}},
		{"preflight, allowed origin", restricted, preflight("http://app.test"), 204, map[string]string{
			"Access-Control-Allow-Origin": "http://app.test"}},
		{"preflight, other origin", restricted, preflight("http://evil.test"), 204, map[string]string{
			"Access-Control-Allow-Origin": ""}},
		{"request, other origin", restricted, post("http://evil.test"), 200, map[string]string{
			"Access-Control-Allow-Origin": ""}},
		{"off", off, post("http://localhost:3000"), 200, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"off, preflight is the API's 405", off, preflight("http://localhost:3000"), 405, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"OPTIONS without Origin is no preflight: Web API's 405", open, request{method: http.MethodOptions, path: paths["refreshToken"]}, 405,
			map[string]string{"Access-Control-Allow-Origin": "", "Allow": "POST"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := serve(t, tt.server, tt.req)
			body := readAll(t, resp)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("%s %s = %d %s, want %d", tt.req.method, tt.req.path, resp.StatusCode, body, tt.wantStatus)
			}
			for k, want := range tt.wantHeaders {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("%s %s header %s = %q, want %q", tt.req.method, tt.req.path, k, got, want)
				}
			}
		})
	}
}
