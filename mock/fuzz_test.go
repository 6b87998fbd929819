package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/mock"
)

// fuzzScenarios are the Prefer headers the handler fuzz target picks from: every scenario
// that answers (faults and delays are connection behaviour, not answers; server-error is
// a 500 on purpose).
var fuzzScenarios = []string{"", "example=docs", "example=success", "example=invalid-refresh-token",
	"example=expired-refresh-token", "code=200", "code=400", "example=nope", "code=abc"}

// FuzzHandler sends arbitrary requests through the whole handler: the answer is never a
// 5xx, and its body is well-formed JSON or XML per its Content-Type.
func FuzzHandler(f *testing.F) {
	for op, bodies := range validBodies {
		for _, mt := range requestMediaTypes {
			f.Add("POST", paths[op], mt, "", uint8(0), []byte(bodies[mt]))
			f.Add("POST", paths[op], mt, "application/xml", uint8(2), []byte(bodies[mt][:len(bodies[mt])/2]))
		}
	}
	f.Add("GET", "/api/v2/account/refreshtoken?x=1", "", "text/html,*/*;q=0.8", uint8(0), []byte(nil))
	f.Add("POST", refreshPath, "application/xml", "text/xml;charset=utf-16", uint8(1), []byte(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`))
	f.Add("POST", refreshPath, "application/json; charset=utf-16", "", uint8(5), []byte(`{"AccessTokenOld":[[[[1]]]]}`))
	f.Add("PUT", "/api/PFMS/pfms_get_refresh_token", "application/x-www-form-urlencoded", "application/json;q=0", uint8(3), []byte("stateCode=%zz&a"))
	srv, err := mock.New(mock.Options{Spec: loadSpec(f), Fixtures: loadFixtures(f)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, target, contentType, accept string, scenario uint8, body []byte) {
		req, ok := fuzzRequest(method, target, contentType, accept, body)
		if !ok {
			t.Skip("not a request net/http would deliver")
		}
		if p := fuzzScenarios[int(scenario)%len(fuzzScenarios)]; p != "" {
			req.Header.Set("Prefer", p)
		}
		// A bound, in case a request reaches a delay or a hang after all.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req.WithContext(ctx))
		if rec.Code >= 500 {
			t.Fatalf("%s %q (Content-Type %q, Accept %q, body %q) = %d %q, want < 500",
				method, target, contentType, accept, body, rec.Code, rec.Body.String())
		}
		if err := wellFormed(rec.Header().Get("Content-Type"), rec.Code, req.Method, rec.Body.Bytes()); err != nil {
			t.Fatalf("%s %q (Content-Type %q, Accept %q, body %q) body = %v, want well-formed", method, target, contentType, accept, body, err)
		}
	})
}

// fuzzRequest builds the request the fuzzer describes, if net/http would deliver it to a
// handler: a valid method token, an origin-form target, header values without control
// characters, and no scenario chosen through the query string (see fuzzScenarios).
func fuzzRequest(method, target, contentType, accept string, body []byte) (*http.Request, bool) {
	if method == "" || strings.ContainsFunc(method, func(r rune) bool { return r <= ' ' || r >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, r) }) {
		return nil, false
	}
	if !strings.HasPrefix(target, "/") || strings.ContainsFunc(target, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, false
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || u.Query().Has(mock.ScenarioQueryParam) {
		return nil, false
	}
	for _, h := range []string{contentType, accept} {
		if strings.ContainsFunc(h, func(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f }) {
			return nil, false
		}
	}
	req, err := http.NewRequest(method, "http://mock.test"+target, strings.NewReader(string(body)))
	if err != nil {
		return nil, false
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if strings.Contains(req.URL.Path, "\x00") || !strings.HasPrefix(req.URL.Path, "/") {
		return nil, false
	}
	return req, true
}
