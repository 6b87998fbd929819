package mock_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// TestGolden pins the exact bytes of every operation × scenario × response media type,
// realistic values with a fixed clock and seed, and the documented samples.
func TestGolden(t *testing.T) {
	scenarios := []string{"docs", "success", "invalid-refresh-token", "expired-refresh-token", "server-error"}
	for op, path := range paths {
		for _, sc := range scenarios {
			for _, mt := range responseMediaTypes {
				name := fmt.Sprintf("%s.%s.%s", op, sc, strings.ReplaceAll(mt, "/", "-"))
				t.Run(name, func(t *testing.T) {
					srv := newServer(t, false)
					resp := serve(t, srv, request{path: path, contentType: spec.ApplicationJSON,
						body: validBodies[op][spec.ApplicationJSON], accept: mt,
						header: http.Header{"Prefer": {"example=" + sc}}})
					body := readAll(t, resp)
					got := fmt.Sprintf("%d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
					golden(t, "golden/"+name, got)
				})
			}
		}
	}
}

// TestResponsesValidate sends every valid request (each request media type × each Accept)
// for each scenario through a real HTTP server and validates every answer against
// openapi.yaml with conform.Response: JSON as Json.NET writes it, XML as DataContractSerializer does.
func TestResponsesValidate(t *testing.T) {
	s := spec.Compiled(loadSpec(t))
	router, err := gorillamux.NewRouter(s.Doc)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(newServer(t, false))
	defer ts.Close()
	accepts := append([]string{"", "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, responseMediaTypes...)
	scenarios := []string{"docs", "success", "invalid-refresh-token", "expired-refresh-token", "server-error"}
	for op, path := range paths {
		for _, reqMT := range requestMediaTypes {
			for _, accept := range accepts {
				for _, sc := range scenarios {
					t.Run(fmt.Sprintf("%s/%s/Accept=%s/%s", op, reqMT, accept, sc), func(t *testing.T) {
						r := request{path: path, contentType: reqMT, accept: accept, body: validBodies[op][reqMT],
							header: http.Header{"Prefer": {"example=" + sc}}}
						req := r.build(t, ts.URL)
						resp, err := ts.Client().Do(req)
						if err != nil {
							t.Fatal(err)
						}
						body := readAll(t, resp)
						wantMT := negotiate.ResponseMediaType(accept, reqMT)
						if got, want := resp.Header.Get("Content-Type"), wantMT+"; charset=utf-8"; got != want {
							t.Errorf("Content-Type = %q, want %q", got, want)
						}
						validateResponse(t, s, router, r.build(t, ts.URL), resp, []byte(body), wantMT)
					})
				}
			}
		}
	}
}

func validateResponse(t *testing.T, s *spec.Spec, router routers.Router, req *http.Request, resp *http.Response, body []byte, mediaType string) {
	t.Helper()
	req.URL.Host = "127.0.0.1:8080"
	if _, _, err := router.FindRoute(req); err != nil {
		t.Fatalf("find route: %v", err)
	}
	op, _, err := s.Match(req.Method, req.URL.Path)
	if err != nil {
		t.Fatal(err)
	}
	if op.Response(resp.StatusCode, mediaType) == nil {
		t.Fatalf("status %d %s is not documented", resp.StatusCode, mediaType)
	}
	for _, v := range conform.Response(context.Background(), &conform.ResponseInput{Doc: s.Doc, Operation: op,
		Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}) {
		t.Errorf("response %d %s does not conform: %v\n%s", resp.StatusCode, mediaType, v, body)
	}
}

// TestErrors pins Web API's framework errors, in JSON and in XML.
func TestErrors(t *testing.T) {
	big := `{"AccessTokenRefresh":"` + strings.Repeat("x", 2<<20) + `"}`
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantBody   string
		wantAllow  string
	}{
		{"unknown route", request{path: "/api/Account/RefreshToken", contentType: spec.ApplicationJSON, body: "{}"},
			404, `{"Message":"No HTTP resource was found that matches the request URI 'http://mock.test/api/Account/RefreshToken'."}`, ""},
		{"unknown route in XML", request{path: "/nope?x=1", accept: "text/xml"},
			404, `<Error><Message>No HTTP resource was found that matches the request URI 'http://mock.test/nope?x=1'.</Message></Error>`, ""},
		{"wrong method", request{method: "GET", path: "/api/v2/account/refreshtoken"},
			405, `{"Message":"The requested resource does not support http method 'GET'."}`, "POST"},
		{"wrong method in XML", request{method: "PUT", path: "/api/PFMS/pfms_get_refresh_token", accept: "application/xml"},
			405, `<Error><Message>The requested resource does not support http method 'PUT'.</Message></Error>`, "POST"},
		{"empty body", request{path: "/api/v2/account/refreshtoken", contentType: spec.ApplicationJSON},
			400, `{"Message":"The request is invalid.","ModelState":{"model":["The request body is required."]}}`, ""},
		{"empty body of an unsupported type is still 400", request{path: "/api/v2/account/refreshtoken", contentType: "text/plain"},
			400, `{"Message":"The request is invalid.","ModelState":{"model":["The request body is required."]}}`, ""},
		{"JSON null", request{path: "/api/v2/account/refreshtoken", contentType: spec.ApplicationJSON, body: "null"},
			400, `{"Message":"The request is invalid.","ModelState":{"model":["The request body is required."]}}`, ""},
		{"unsupported media type", request{path: "/api/v2/account/refreshtoken", contentType: "text/plain", body: "x"},
			415, `{"Message":"The request entity's media type 'text/plain' is not supported for this resource."}`, ""},
		{"unsupported media type in XML", request{path: "/api/v2/account/refreshtoken", contentType: "application/octet-stream", accept: "text/xml", body: "x"},
			415, `<Error><Message>The request entity's media type 'application/octet-stream' is not supported for this resource.</Message></Error>`, ""},
		{"no Content-Type", request{path: "/api/v2/account/refreshtoken", body: "x"},
			415, `{"Message":"The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource."}`, ""},
		{"body over the limit", request{path: "/api/v2/account/refreshtoken", contentType: spec.ApplicationJSON, body: big},
			413, `{"Message":"The request body is larger than the limit of 1048576 bytes."}`, ""},
		{"server-error scenario", request{path: "/api/v2/account/refreshtoken", contentType: spec.ApplicationJSON, body: "{}", header: http.Header{"Prefer": {"example=server-error"}}},
			500, `{"Message":"An error has occurred."}`, ""},
		{"unknown scenario lists the names", request{path: "/api/v2/account/refreshtoken", contentType: spec.ApplicationJSON, body: "{}", header: http.Header{"Prefer": {"example=nope"}}},
			400, `{"Message":"Unknown scenario \"nope\" (Prefer: example=nope) for operation refreshToken; known scenarios: connection-reset, docs, expired-refresh-token, invalid-refresh-token, server-error, slow, success."}`, ""},
	}
	srv := newServer(t, false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := serve(t, srv, tt.req)
			body := readAll(t, resp)
			if resp.StatusCode != tt.wantStatus || body != tt.wantBody {
				t.Errorf("%s %s = %d %s\nwant %d %s", tt.req.method, tt.req.path, resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if got := resp.Header.Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasSuffix(ct, "; charset=utf-8") {
				t.Errorf("Content-Type = %q, want a charset", ct)
			}
		})
	}
}

// TestStrictAndLenient: strict mode answers 400 with an explanation for what Web API would
// silently ignore or lose; lenient mode answers as Web API does (200).
func TestStrictAndLenient(t *testing.T) {
	const ns = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"`
	const pfms = `xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"`
	tests := []struct {
		name, path, contentType, body string
		wantStrict                    string // a substring of the strict 400 body
	}{
		{"JSON unknown member with a suggestion", paths["refreshToken"], spec.ApplicationJSON,
			`{"AccessTokenOld":"a","AccessTokenRefesh":"b"}`, "`AccessTokenRefesh` is not a member of AccessTokenBindingModel; did you mean `AccessTokenRefresh`?"},
		{"JSON member sent twice", paths["refreshToken"], spec.TextJSON,
			`{"AccessTokenRefresh":"a","AccessTokenRefresh":"b"}`, "sent twice"},
		{"JSON number where a string belongs", paths["refreshToken"], spec.ApplicationJSON,
			`{"AccessTokenRefresh":5}`, "model.AccessTokenRefresh"},
		{"JSON single quotes", paths["refreshToken"], spec.ApplicationJSON,
			`{'AccessTokenRefresh':'a'}`, "single-quoted"},
		{"XML member out of order", paths["refreshToken"], spec.ApplicationXML,
			`<AccessTokenBindingModel ` + ns + `><AccessTokenRefresh>b</AccessTokenRefresh><AccessTokenOld>a</AccessTokenOld></AccessTokenBindingModel>`,
			"`AccessTokenOld` comes after `AccessTokenRefresh`; DataContractSerializer would silently drop it"},
		{"XML member in the wrong case", paths["refreshToken"], spec.TextXML,
			`<AccessTokenBindingModel ` + ns + `><accesstokenrefresh>b</accesstokenrefresh></AccessTokenBindingModel>`, "accesstokenrefresh"},
		{"PFMS XML in JSON order", paths["pfmsGetRefreshToken"], spec.ApplicationXML,
			`<RequestModelRefreshToken ` + pfms + `><stateCode>09</stateCode><AuthString>a</AuthString><RefreshToken>r</RefreshToken></RequestModelRefreshToken>`, "silently drop"},
		{"form unknown field", paths["pfmsGetRefreshToken"], spec.FormURLEncoded,
			`RefreshToken=r&statecode=09&Foo=1`, "`Foo` is not a member of RequestModelRefreshToken"},
		{"form field sent twice", paths["pfmsGetRefreshToken"], spec.FormURLEncoded,
			`RefreshToken=r&RefreshToken=s`, "sent 2 times"},
		{"JSON comment", paths["refreshToken"], spec.ApplicationJSON,
			`{"AccessTokenRefresh":"a" /* why */}`, "comment"},
		{"JSON unquoted member name", paths["refreshToken"], spec.TextJSON,
			`{AccessTokenRefresh:"a"}`, "unquoted member name"},
		{"JSON trailing content", paths["refreshToken"], spec.ApplicationJSON,
			`{"AccessTokenRefresh":"a"}{"AccessTokenRefresh":"b"}`, "content after the JSON value"},
		{"XML unknown element", paths["refreshToken"], spec.ApplicationXML,
			`<AccessTokenBindingModel ` + ns + `><AccessTokenOld>a</AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh><Extra>c</Extra></AccessTokenBindingModel>`, "Extra"},
		{"XML member in another namespace", paths["refreshToken"], spec.ApplicationXML,
			`<AccessTokenBindingModel ` + ns + `><AccessTokenRefresh xmlns="urn:other">b</AccessTokenRefresh></AccessTokenBindingModel>`, "urn:other"},
	}
	strict, lenient := newServer(t, false), newServer(t, true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request{path: tt.path, contentType: tt.contentType, body: tt.body}
			resp := serve(t, strict, r)
			body := readAll(t, resp)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.wantStrict) {
				t.Errorf("strict: %s = %d %s\nwant 400 containing %q", tt.body, resp.StatusCode, body, tt.wantStrict)
			}
			resp = serve(t, lenient, r)
			if body := readAll(t, resp); resp.StatusCode != http.StatusOK {
				t.Errorf("lenient: %s = %d %s, want 200", tt.body, resp.StatusCode, body)
			}
		})
	}
}

// TestRejectedInBothModes: what Web API itself answers 400 for is a 400 in both modes.
func TestRejectedInBothModes(t *testing.T) {
	const ns = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"`
	tests := []struct{ name, contentType, body, wantKey string }{
		{"XML without the namespace", spec.ApplicationXML, `<AccessTokenBindingModel><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`, "model"},
		{"XML in another namespace", spec.TextXML, `<AccessTokenBindingModel xmlns="urn:x"><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`, "model"},
		{"XML with another root", spec.ApplicationXML, `<LoginResult ` + ns + `/>`, "model"},
		{"malformed XML", spec.ApplicationXML, `<AccessTokenBindingModel ` + ns + `><AccessTokenRefresh>`, "model"},
		{"XML with a DTD", spec.ApplicationXML, `<!DOCTYPE x [<!ENTITY e "x">]><AccessTokenBindingModel ` + ns + `/>`, "model"},
		{"truncated JSON", spec.ApplicationJSON, `{"AccessTokenRefresh":`, "model.AccessTokenRefresh"},
		{"JSON array", spec.ApplicationJSON, `[]`, "model"},
		{"JSON object where a string belongs", spec.TextJSON, `{"AccessTokenRefresh":{"a":1}}`, "model.AccessTokenRefresh"},
	}
	for _, lenient := range []bool{false, true} {
		srv := newServer(t, lenient)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("lenient=%t/%s", lenient, tt.name), func(t *testing.T) {
				resp := serve(t, srv, request{path: paths["refreshToken"], contentType: tt.contentType, accept: spec.ApplicationJSON, body: tt.body})
				body := readAll(t, resp)
				want := `{"Message":"The request is invalid.","ModelState":{"` + tt.wantKey + `":[`
				if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(body, want) {
					t.Errorf("%s = %d %s, want 400 starting %s", tt.body, resp.StatusCode, body, want)
				}
				if lenient && !strings.Contains(body, `["An error has occurred."]`) {
					t.Errorf("lenient %s = %s, want Web API's own message", tt.body, body)
				}
			})
		}
	}
}

// TestValidRequestsAccepted: the valid body of every request media type binds in both modes,
// and its members reach the fixture's templates (PFMS echoes stateCode).
func TestValidRequestsAccepted(t *testing.T) {
	for _, lenient := range []bool{false, true} {
		srv := newServer(t, lenient)
		for _, mt := range requestMediaTypes {
			t.Run(fmt.Sprintf("lenient=%t/%s", lenient, mt), func(t *testing.T) {
				resp := serve(t, srv, request{path: "/API/pfms/PFMS_get_refresh_token/", contentType: mt + "; charset=utf-8",
					body: validBodies["pfmsGetRefreshToken"][mt]})
				body := readAll(t, resp)
				if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Token generated for state 09") {
					t.Errorf("%s = %d %s, want 200 echoing the state", mt, resp.StatusCode, body)
				}
			})
		}
	}
}

func TestUTF16(t *testing.T) {
	srv := newServer(t, false)
	resp := serve(t, srv, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON, body: "{}",
		header: http.Header{"Accept-Charset": {"utf-16"}, "Prefer": {"example=docs"}}})
	body := readAll(t, resp)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-16" {
		t.Errorf("Content-Type = %q", ct)
	}
	// The reference server's answer starts with the UTF-16LE byte order mark.
	if !bytes.HasPrefix([]byte(body), []byte{0xFF, 0xFE, '{', 0, '"', 0}) {
		t.Errorf("body does not start with a BOM and UTF-16LE '{\"': % x", body[:8])
	}
}

// TestErrorBodiesWellFormed: request text quoted in an error (here a scenario name from
// the Prefer header, with bytes XML forbids and invalid UTF-8) never breaks the body.
func TestErrorBodiesWellFormed(t *testing.T) {
	srv := newServer(t, false)
	for _, accept := range []string{spec.ApplicationJSON, spec.TextXML} {
		t.Run(accept, func(t *testing.T) {
			resp := serve(t, srv, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON, accept: accept,
				body: "{}", header: http.Header{"Prefer": {"example=a\x01b\xffc"}}})
			body := readAll(t, resp)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "a\uFFFDb\uFFFDc") {
				t.Fatalf("= %d %s, want 400 quoting the name with U+FFFD", resp.StatusCode, body)
			}
			var err error
			if spec.IsXML(accept) {
				err = etree.NewDocument().ReadFromString(body)
			} else {
				err = json.Unmarshal([]byte(body), new(any))
			}
			if err != nil {
				t.Errorf("%s body is not well-formed: %v\n%s", accept, err, body)
			}
		})
	}
}

// TestMissingRefreshToken: without an explicit scenario, a request whose refresh token is
// missing or empty gets the failed-refresh body, as the real services answer it
// (reference server: Succeeded false / Status "Failure"), in JSON and in XML.
func TestMissingRefreshToken(t *testing.T) {
	srv := newServer(t, false)
	tests := []struct{ name, op, body, want string }{
		{"FormulaCerta, missing", "refreshToken", `{"AccessTokenOld":"a"}`, "Invalid refresh token."},
		{"FormulaCerta, empty", "refreshToken", `{"AccessTokenOld":"a","AccessTokenRefresh":""}`, "Invalid refresh token."},
		{"PFMS, missing", "pfmsGetRefreshToken", `{"stateCode":"09"}`, "Failure"},
		{"FormulaCerta, present", "refreshToken", `{"AccessTokenRefresh":"r"}`, "bearer"},
	}
	for _, tt := range tests {
		for _, accept := range []string{spec.ApplicationJSON, spec.ApplicationXML} {
			t.Run(tt.name+"/"+accept, func(t *testing.T) {
				resp := serve(t, srv, request{path: paths[tt.op], contentType: spec.ApplicationJSON, accept: accept, body: tt.body})
				if body := readAll(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, tt.want) {
					t.Errorf("%s = %d %s, want 200 with %q", tt.body, resp.StatusCode, body, tt.want)
				}
			})
		}
	}
}
