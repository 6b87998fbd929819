package mock_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
	publicspec "github.com/helpmock/helpmock/spec"
)

// The secrets the requests of TestJournalKeepsNoSecrets carry.
const (
	secretBearer  = "eyJhbGciOiJIUzI1NiJ9.secretBearer-secret"
	secretCookie  = "session=secretCookie-secret-789"
	secretRefresh = "secretRefresh-secret-456"
	secretOld     = "secretOld-secret-123"
)

// secretRequests are requests with an Authorization header, a secretCookie and the secretRefresh
// token in each place the mock reads it: the body in each media type, a query parameter
// named like the member (whose 404 message quotes the URI), and a malformed body.
func secretRequests() []request {
	h := http.Header{"Authorization": {"Bearer " + secretBearer}, "Cookie": {secretCookie}}
	body := map[string]string{
		spec.ApplicationJSON: `{"AccessTokenOld":"` + secretOld + `","AccessTokenRefresh":"` + secretRefresh + `"}`,
		spec.ApplicationXML: `<AccessTokenBindingModel xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels">` +
			`<AccessTokenOld>` + secretOld + `</AccessTokenOld><AccessTokenRefresh>` + secretRefresh + `</AccessTokenRefresh></AccessTokenBindingModel>`,
		spec.FormURLEncoded: `AccessTokenOld=` + secretOld + `&AccessTokenRefresh=` + secretRefresh,
	}
	var out []request
	for _, mt := range []string{spec.ApplicationJSON, spec.ApplicationXML, spec.FormURLEncoded} {
		out = append(out, request{path: paths["refreshToken"], contentType: mt, body: body[mt], header: h})
	}
	return append(out,
		request{method: http.MethodGet, path: "/api/v2/account/nowhere?AccessTokenRefresh=" + secretRefresh, header: h},
		request{path: paths["refreshToken"] + "?accesstokenrefresh=" + secretRefresh, contentType: spec.ApplicationJSON,
			body: `{"AccessTokenOld":"` + secretOld + `","AccessTokenRefresh":"` + secretRefresh, header: h},
	)
}

// TestJournalKeepsNoSecrets: neither the journal (Journal and GET /__helpmock/requests)
// nor the request log (slog's and reqlog's, text and JSON) holds the Authorization
// header, the secretCookie or a secret member's value, unless Options.JournalSecrets.
func TestJournalKeepsNoSecrets(t *testing.T) {
	for _, shown := range []bool{false, true} {
		var slogLine, textLine, jsonLine bytes.Buffer
		text := newReqlog(t, &textLine, "text")
		jsonLog := newReqlog(t, &jsonLine, "json")
		logs := []*bytes.Buffer{&slogLine, &textLine, &jsonLine}
		servers := []*mock.Server{
			newGuardedServer(t, mock.Options{JournalSecrets: shown, AdminHosts: []string{"mock.test"},
				Logger: slog.New(slog.NewTextHandler(&slogLine, nil))}),
			newGuardedServer(t, mock.Options{JournalSecrets: shown, AdminHosts: []string{"mock.test"}, RequestLog: text}),
			newGuardedServer(t, mock.Options{JournalSecrets: shown, AdminHosts: []string{"mock.test"}, RequestLog: jsonLog}),
		}
		for i, s := range servers {
			ts := httptest.NewServer(s) // a real server: the request log's URI is the request's
			for _, r := range secretRequests() {
				sendTo(t, ts, r)
			}
			admin := sendTo(t, ts, request{method: http.MethodGet, path: "/__helpmock/requests"})
			ts.Close()
			entries, _ := json.Marshal(s.Journal(""))
			if n := len(s.Journal("")); n != 5 {
				t.Fatalf("journal has %d entries, want 5", n)
			}
			for name, got := range map[string]string{"GET /__helpmock/requests": admin, "Journal": string(entries),
				"request log": logs[i].String()} {
				for _, secret := range []string{secretBearer, secretCookie, secretRefresh, secretOld} {
					if shown && name == "request log" {
						continue // the request log never had the headers and bodies
					}
					if strings.Contains(got, secret) != shown {
						t.Errorf("JournalSecrets %t: %s holds %q: %t, want %t:\n%s", shown, name, secret, !shown, shown, got)
					}
				}
			}
			if !shown && !strings.Contains(admin, `"Authorization":["[redacted]"]`) {
				t.Errorf("GET /__helpmock/requests shows no redacted Authorization:\n%s", admin)
			}
		}
	}
}

// sendTo sends r to ts and returns the answer's body.
func sendTo(tb testing.TB, ts *httptest.Server, r request) string {
	tb.Helper()
	resp, err := ts.Client().Do(r.build(tb, ts.URL))
	if err != nil {
		tb.Fatal(err)
	}
	return readAll(tb, resp)
}

// TestJournalRedactedEntryKeepsTheRest: redaction hides the values, not the entry.
func TestJournalRedactedEntryKeepsTheRest(t *testing.T) {
	s := newGuardedServer(t, mock.Options{})
	readAll(t, serve(t, s, secretRequests()[0]))
	e := s.Journal("")[0]
	want := `{"AccessTokenOld":"[redacted]","AccessTokenRefresh":"[redacted]"}`
	if e.Body != want || e.Header.Get("Content-Type") != spec.ApplicationJSON || e.Operation != "refreshToken" || e.Status != 200 {
		t.Errorf("journal entry: body %s, Content-Type %q, operation %q, status %d; want %s, JSON, refreshToken, 200",
			e.Body, e.Header.Get("Content-Type"), e.Operation, e.Status, want)
	}
}

// secretPathSpec has an operation whose path parameter is a secret.
const secretPathSpec = `openapi: 3.0.3
info: {title: reset links, version: "1"}
paths:
  /api/reset/{resetToken}/check:
    get:
      operationId: checkReset
      parameters:
        - name: resetToken
          in: path
          required: true
          x-helpmock-secret: true
          schema: {type: string}
      responses:
        '200':
          description: The link is valid.
          content:
            application/json:
              schema: {type: object, properties: {Valid: {type: boolean}}}
`

// TestSecretPathParameter: a secret path parameter's value is [redacted] in the journal's
// path and the request log's URI (the query kept), and shown with JournalSecrets.
func TestSecretPathParameter(t *testing.T) {
	const secret = "s3cret-reset-link-token"
	sp, err := publicspec.Load("reset.yaml", []byte(secretPathSpec))
	if err != nil {
		t.Fatal(err)
	}
	for _, shown := range []bool{false, true} {
		var logLine bytes.Buffer
		s, err := mock.New(mock.Options{Spec: sp, Journal: 5, JournalSecrets: shown, RequestLog: newReqlog(t, &logLine, "text")})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s)
		sendTo(t, ts, request{method: http.MethodGet, path: "/api/reset/" + secret + "/check"})
		sendTo(t, ts, request{method: http.MethodGet, path: "/api/reset/" + secret + "/check?lang=pt"})
		ts.Close()
		wantPath := "/api/reset/[redacted]/check"
		if shown {
			wantPath = "/api/reset/" + secret + "/check"
		}
		for _, e := range s.Journal("checkReset") {
			if e.Path != wantPath {
				t.Errorf("JournalSecrets %t: journal path %q, want %q", shown, e.Path, wantPath)
			}
		}
		if got := logLine.String(); !strings.Contains(got, wantPath+" ") || !strings.Contains(got, wantPath+"?lang=pt") {
			t.Errorf("JournalSecrets %t: request log lacks %s (and its query):\n%s", shown, wantPath, got)
		}
	}
}
