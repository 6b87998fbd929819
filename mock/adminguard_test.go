package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/mock"
)

// serveHost sends r to handler with the Host header host.
func serveHost(tb testing.TB, handler http.Handler, r request, host string) (int, http.Header, string) {
	tb.Helper()
	req := r.build(tb, "http://mock.test")
	req.Host = host
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	resp := rec.Result()
	return resp.StatusCode, resp.Header, readAll(tb, resp)
}

func newGuardedServer(tb testing.TB, opts mock.Options) *mock.Server {
	tb.Helper()
	opts.Spec, opts.Fixtures, opts.Admin, opts.CORS, opts.Journal = loadSpec(tb), loadFixtures(tb), true, true, 5
	s, err := mock.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestAdminHost: the admin API answers only requests to localhost, a loopback address or
// Options.AdminHosts, so that a page whose DNS name was rebound to 127.0.0.1 cannot reach
// it; the mocked API answers any Host.
func TestAdminHost(t *testing.T) {
	local := newGuardedServer(t, mock.Options{})
	lan := newGuardedServer(t, mock.Options{AdminHosts: []string{"192.168.1.5"}})
	any := newGuardedServer(t, mock.Options{AdminHosts: []string{"0.0.0.0"}})
	journal := request{method: http.MethodGet, path: "/__helpmock/requests"}
	for _, tc := range []struct {
		name   string
		server *mock.Server
		host   string
		req    request
		want   int
		body   string
	}{
		{"localhost", local, "localhost:8080", journal, 200, `"requests":[`},
		{"LOCALHOST without port", local, "LOCALHOST", journal, 200, `"requests":[`},
		{"127.0.0.1", local, "127.0.0.1:8080", journal, 200, `"requests":[`},
		{"127.9.9.9", local, "127.9.9.9:8080", journal, 200, `"requests":[`},
		{"::1", local, "[::1]:8080", journal, 200, `"requests":[`},
		{"rebound DNS name", local, "evil.test:8080", journal, 403,
			`{"Message":"The admin API answers only requests to localhost, a loopback address or the address the mock listens on, not to Host 'evil.test:8080'."}`},
		{"rebound name, XML", local, "evil.test", request{method: http.MethodGet, path: "/__helpmock/scenarios", accept: "application/xml"}, 403,
			`<Error><Message>The admin API answers only requests to localhost`},
		{"localhost as a subdomain", local, "localhost.evil.test", journal, 403, `"Message"`},
		{"LAN address not listened on", local, "192.168.1.5:8080", journal, 403, `"Message"`},
		{"LAN address listened on", lan, "192.168.1.5:8080", journal, 200, `"requests":[`},
		{"other LAN address", lan, "192.168.1.6:8080", journal, 403, `"Message"`},
		{"unspecified bind: any IP", any, "10.0.0.7:8080", journal, 200, `"requests":[`},
		{"unspecified bind: no DNS name", any, "evil.test:8080", journal, 403, `"Message"`},
		{"mocked API answers any Host", local, "evil.test", request{path: paths["refreshToken"], contentType: "application/json",
			body: validBodies["refreshToken"]["application/json"]}, 200, `"Succeeded":true`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := serveHost(t, tc.server, tc.req, tc.host)
			if status != tc.want || !strings.Contains(body, tc.body) {
				t.Errorf("%s %s with Host %s = %d %s, want %d with %s", tc.req.method, tc.req.path, tc.host, status, body, tc.want, tc.body)
			}
		})
	}
}

// TestAdminToken: with Options.AdminToken the admin API requires it as a Bearer token;
// the mocked API does not.
func TestAdminToken(t *testing.T) {
	s := newGuardedServer(t, mock.Options{AdminToken: "s3cret-admin", AdminHosts: []string{"0.0.0.0"}})
	scenarios := func(auth string) request {
		r := request{method: http.MethodGet, path: "/__helpmock/scenarios"}
		if auth != "" {
			r.header = http.Header{"Authorization": {auth}}
		}
		return r
	}
	for _, tc := range []struct {
		name string
		req  request
		want int
	}{
		{"no token", scenarios(""), 401},
		{"wrong token", scenarios("Bearer s3cret-admiN"), 401},
		{"token as a prefix", scenarios("Bearer s3cret-admin2"), 401},
		{"other scheme", scenarios("Basic s3cret-admin"), 401},
		{"the token", scenarios("Bearer s3cret-admin"), 200},
		{"scheme in any case", scenarios("bearer  s3cret-admin"), 200},
		{"mocked API needs none", request{path: paths["refreshToken"], contentType: "application/json",
			body: validBodies["refreshToken"]["application/json"]}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, header, body := serveHost(t, s, tc.req, "10.1.2.3:8080")
			if status != tc.want {
				t.Errorf("%s %s = %d %s, want %d", tc.req.method, tc.req.path, status, body, tc.want)
			}
			if status == 401 && (header.Get("WWW-Authenticate") != `Bearer realm="helpmock admin"` || !strings.Contains(body, `"Message":`)) {
				t.Errorf("401 answer: WWW-Authenticate %q, body %s", header.Get("WWW-Authenticate"), body)
			}
		})
	}
}

// TestAdminContentType: a state-changing admin request needs a JSON Content-Type, which a
// form on another site cannot send without a preflight.
func TestAdminContentType(t *testing.T) {
	s := newGuardedServer(t, mock.Options{})
	pin := func(contentType string) request {
		return request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: contentType,
			body: `{"scenario":"server-error"}`}
	}
	for _, tc := range []struct {
		name string
		req  request
		want int
	}{
		{"form", pin("application/x-www-form-urlencoded"), 415},
		{"text/plain, as a form's enctype", pin("text/plain"), 415},
		{"multipart", pin("multipart/form-data; boundary=x"), 415},
		{"none", pin(""), 415},
		{"JSON", pin("application/json"), 200},
		{"JSON with charset", pin("application/json; charset=utf-8"), 200},
		{"DELETE form", request{method: http.MethodDelete, path: "/__helpmock/requests", contentType: "text/plain"}, 415},
		{"POST form", request{method: http.MethodPost, path: "/__helpmock/tokens", contentType: "application/x-www-form-urlencoded"}, 415},
		{"GET needs none", request{method: http.MethodGet, path: "/__helpmock/scenarios"}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := serveHost(t, s, tc.req, "127.0.0.1:8080")
			if status != tc.want {
				t.Errorf("%s %s with Content-Type %q = %d %s, want %d", tc.req.method, tc.req.path, tc.req.contentType, status, body, tc.want)
			}
		})
	}
}
