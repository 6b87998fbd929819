package mock_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// newAdminServer returns a mock with the admin API, CORS and a journal on.
func newAdminServer(tb testing.TB) *mock.Server {
	tb.Helper()
	s, err := mock.New(mock.Options{Spec: loadSpec(tb), Fixtures: loadFixtures(tb), Admin: true,
		CORS: true, Journal: 5, Now: func() time.Time { return fixedNow },
		AdminHosts: []string{"mock.test"}})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// decodeJSON decodes a JSON answer into a generic value.
func decodeJSON(tb testing.TB, body string) map[string]any {
	tb.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		tb.Fatalf("decode %q: %v", body, err)
	}
	return v
}

func TestAdminScenarios(t *testing.T) {
	s := newAdminServer(t)
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantBody   []string // substrings of the answer
	}{
		{"list", request{method: http.MethodGet, path: "/__helpmock/scenarios"}, 200, []string{
			`{"operationId":"refreshToken","method":"POST","path":"/api/v2/account/refreshtoken","scenarios":["connection-reset","docs","expired-refresh-token","invalid-refresh-token","server-error","slow","success"],"default":"success","pinned":null}`,
			`"operationId":"pfmsGetRefreshToken"`}},
		{"pin", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json",
			body: `{"scenario":"server-error"}`}, 200, []string{`"pinned":"server-error"`}},
		{"list shows the pin", request{method: http.MethodGet, path: "/__helpmock/scenarios"}, 200, []string{`"default":"success","pinned":"server-error"`}},
		{"pinned scenario answers", request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON]}, 500, []string{`{"Message":"An error has occurred."}`}},
		{"query parameter beats the pin", request{path: paths["refreshToken"] + "?__scenario=invalid-refresh-token", contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON]}, 200, []string{`"ErrorCode":401`}},
		{"Prefer beats the pin", request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON], header: http.Header{"Prefer": {"example=success"}}}, 200, []string{`"Succeeded":true`}},
		{"the other operation is not pinned", request{path: paths["pfmsGetRefreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["pfmsGetRefreshToken"][spec.ApplicationJSON]}, 200, []string{`"AckCode":"1"`}},
		{"unknown scenario", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json", body: `{"scenario":"nope"}`}, 400,
			[]string{`"error":"operation refreshToken has no scenario \"nope\"; known scenarios: connection-reset, docs,`, `"scenarios":["connection-reset",`}},
		{"unknown operation", request{method: http.MethodPut, path: "/__helpmock/scenarios/nope", contentType: "application/json", body: `{"scenario":"success"}`}, 404,
			[]string{`{"error":"unknown operation \"nope\""}`}},
		{"bad body", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json", body: `scenario=x`}, 400,
			[]string{`{"error":"the body must be {\"scenario\":\"NAME\"}"}`}},
		{"unpin", request{method: http.MethodDelete, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json"}, 200, []string{`"pinned":null`}},
		{"unpinned answers the default", request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON]}, 200, []string{`"Succeeded":true`}},
		{"unpin unknown operation", request{method: http.MethodDelete, path: "/__helpmock/scenarios/nope", contentType: "application/json"}, 404, []string{`unknown operation`}},
		{"mint without state", request{method: http.MethodPost, path: "/__helpmock/tokens", contentType: "application/json"}, 409, []string{`"error":"token state is off: start the mock with -stateful"`}},
		{"reset without state", request{method: http.MethodDelete, path: "/__helpmock/state", contentType: "application/json"}, 200, []string{`{"forgotten":0,"stateful":false}`}},
		{"unknown admin path", request{method: http.MethodGet, path: "/__helpmock/nope"}, 404, []string{`"Message":"No HTTP resource was found`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := serve(t, s, tt.req)
			body := readAll(t, resp)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("%s %s = %d %s, want %d", tt.req.method, tt.req.path, resp.StatusCode, body, tt.wantStatus)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("%s %s = %s, want it to hold %s", tt.req.method, tt.req.path, body, want)
				}
			}
			if isAdmin := strings.HasPrefix(tt.req.path, "/__helpmock/") && tt.name != "unknown admin path"; isAdmin {
				if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("%s %s Content-Type = %q, want application/json", tt.req.method, tt.req.path, ct)
				}
			}
		})
	}
}

func TestAdminOff(t *testing.T) {
	s := newServer(t, false)
	resp := serve(t, s, request{method: http.MethodGet, path: "/__helpmock/scenarios"})
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /__helpmock/scenarios with Admin off = %d %s, want 404", resp.StatusCode, body)
	}
}

func TestAdminTokens(t *testing.T) {
	s, _ := newStatefulServer(t, true)
	resp := serve(t, s, request{method: http.MethodPost, path: "/__helpmock/tokens", contentType: "application/json"})
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /__helpmock/tokens = %d %s, want 201", resp.StatusCode, body)
	}
	var p mock.TokenPair
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.AccessToken) != 43 || len(p.RefreshToken) != 43 {
		t.Errorf("POST /__helpmock/tokens = %s, want two 43-character tokens", body)
	}
	if got, want := p.Requests["pfmsGetRefreshToken"]["RefreshToken"], p.RefreshToken; got != want {
		t.Errorf("requests.pfmsGetRefreshToken.RefreshToken = %q, want %q", got, want)
	}
	if got := refresh(t, s, "refreshToken", spec.ApplicationJSON, p.AccessToken, p.RefreshToken); got.result != "ok" {
		t.Errorf("refresh(minted pair) = %q, want ok", got.result)
	}
	resp = serve(t, s, request{method: http.MethodDelete, path: "/__helpmock/state", contentType: "application/json"})
	if body := readAll(t, resp); body != `{"forgotten":2,"stateful":true}`+"\n" {
		t.Errorf("DELETE /__helpmock/state = %q, want 2 forgotten", body)
	}
	if got := refresh(t, s, "refreshToken", spec.ApplicationJSON, p.AccessToken, p.RefreshToken); got.result != "invalid" {
		t.Errorf("refresh(minted pair after reset, strict) = %q, want invalid", got.result)
	}
}
