package mock_test

import (
	"flag"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
	publicspec "github.com/helpmock/helpmock/spec"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is the clock of golden tests.
var fixedNow = time.Date(2025, 6, 1, 12, 45, 30, 123000000, time.UTC)

func loadSpec(tb testing.TB) *publicspec.Spec {
	tb.Helper()
	s, err := publicspec.LoadFile("../openapi.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func loadFixtures(tb testing.TB) *fixtures.Set {
	tb.Helper()
	set, err := fixtures.Load(os.DirFS("../fixtures"))
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// newServer returns a mock with the repository's spec and fixtures, a fixed clock and a
// seeded random source, so that its answers are reproducible.
func newServer(tb testing.TB, lenient bool) *mock.Server {
	tb.Helper()
	s, err := mock.New(mock.Options{Spec: loadSpec(tb), Fixtures: loadFixtures(tb), Lenient: lenient,
		Now: func() time.Time { return fixedNow }, Rand: mrand.NewChaCha8([32]byte{42})})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// request describes one HTTP request to send.
type request struct {
	method, path, contentType, accept, body string
	header                                  http.Header
}

func (r request) build(tb testing.TB, base string) *http.Request {
	tb.Helper()
	method := r.method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequest(method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		tb.Fatal(err)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.accept != "" {
		req.Header.Set("Accept", r.accept)
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	return req
}

// serve sends r to handler and returns the recorded response.
func serve(tb testing.TB, handler http.Handler, r request) *http.Response {
	tb.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, r.build(tb, "http://mock.test"))
	return rec.Result()
}

func readAll(tb testing.TB, resp *http.Response) string {
	tb.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return string(b)
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./mock -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s differs:\ngot  %s\nwant %s", path, got, want)
	}
}

// Valid request bodies of each operation in each request media type.
var validBodies = map[string]map[string]string{
	"refreshToken": {
		spec.ApplicationJSON: `{"AccessTokenOld":"old-token-123","AccessTokenRefresh":"refresh-token-456"}`,
		spec.TextJSON:        `{"AccessTokenOld":"old-token-123","AccessTokenRefresh":"refresh-token-456"}`,
		spec.ApplicationXML:  `<AccessTokenBindingModel xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"><AccessTokenOld>old-token-123</AccessTokenOld><AccessTokenRefresh>refresh-token-456</AccessTokenRefresh></AccessTokenBindingModel>`,
		spec.TextXML:         `<AccessTokenBindingModel xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"><AccessTokenOld>old-token-123</AccessTokenOld><AccessTokenRefresh>refresh-token-456</AccessTokenRefresh></AccessTokenBindingModel>`,
		spec.FormURLEncoded:  `AccessTokenOld=old-token-123&AccessTokenRefresh=refresh-token-456`,
	},
	"pfmsGetRefreshToken": {
		spec.ApplicationJSON: `{"stateCode":"09","AuthString":"auth-xyz","expiredAccessToken":"expired-abc","RefreshToken":"refresh-def"}`,
		spec.TextJSON:        `{"stateCode":"09","AuthString":"auth-xyz","expiredAccessToken":"expired-abc","RefreshToken":"refresh-def"}`,
		spec.ApplicationXML:  `<RequestModelRefreshToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><AuthString>auth-xyz</AuthString><RefreshToken>refresh-def</RefreshToken><expiredAccessToken>expired-abc</expiredAccessToken><stateCode>09</stateCode></RequestModelRefreshToken>`,
		spec.TextXML:         `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><AuthString>auth-xyz</AuthString><RefreshToken>refresh-def</RefreshToken><expiredAccessToken>expired-abc</expiredAccessToken><stateCode>09</stateCode></RequestModelRefreshToken>`,
		spec.FormURLEncoded:  `stateCode=09&AuthString=auth-xyz&expiredAccessToken=expired-abc&RefreshToken=refresh-def`,
	},
}

var paths = map[string]string{
	"refreshToken":        "/api/v2/account/refreshtoken",
	"pfmsGetRefreshToken": "/api/PFMS/pfms_get_refresh_token",
}

var requestMediaTypes = []string{spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML, spec.FormURLEncoded}

var responseMediaTypes = []string{spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML}

func init() {
	// kin-openapi decodes application/json only; text/json is the same JSON.
	openapi3filter.RegisterBodyDecoder(spec.TextJSON, openapi3filter.JSONBodyDecoder)
}
