package mock_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
	publicspec "github.com/helpmock/helpmock/spec"
)

// The benchmarks here measure what `helpmock serve` runs: the embedded spec and fixtures,
// default options (strict validation, fresh values), one request at a time through the
// handler with httptest.NewRecorder. bench/run.sh measures the same over the network.

// benchSpecAndFixtures loads the embedded spec and fixtures.
func benchSpecAndFixtures(tb testing.TB) (*spec.Spec, *fixtures.Set) {
	tb.Helper()
	s, err := spec.Load(helpmock.DefaultSpecName, helpmock.DefaultSpec())
	if err != nil {
		tb.Fatalf("spec.Load(embedded): %v", err)
	}
	set, err := fixtures.Load(helpmock.DefaultFixtures())
	if err != nil {
		tb.Fatalf("fixtures.Load(embedded): %v", err)
	}
	return s, set
}

// benchServer returns the mock as `helpmock serve` builds it by default (admin API, CORS,
// a journal of 1000 requests), logging to logger.
func benchServer(tb testing.TB, logger *slog.Logger) *mock.Server {
	tb.Helper()
	return benchServerLogging(tb, logger, nil)
}

// benchServerLogging is benchServer with the request log written by requestLog.
func benchServerLogging(tb testing.TB, logger *slog.Logger, requestLog mock.RequestLogger) *mock.Server {
	tb.Helper()
	s, set := benchSpecAndFixtures(tb)
	srv, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: set, Logger: logger, RequestLog: requestLog,
		Admin: true, CORS: true, Journal: 1000})
	if err != nil {
		tb.Fatalf("mock.New: %v", err)
	}
	return srv
}

// benchRequest is one request the benchmarks send.
type benchRequest struct {
	name, path, contentType, accept, body string
}

const (
	benchRefreshPath = "/api/v2/account/refreshtoken"
	benchPFMSPath    = "/api/PFMS/pfms_get_refresh_token"
	benchJSONBody    = `{"AccessTokenOld":"sample string 1","AccessTokenRefresh":"sample string 2"}`
	benchXMLBody     = `<AccessTokenBindingModel xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"><AccessTokenOld>sample string 1</AccessTokenOld><AccessTokenRefresh>sample string 2</AccessTokenRefresh></AccessTokenBindingModel>`
	benchFormBody    = `AccessTokenOld=sample+string+1&AccessTokenRefresh=sample+string+2`
	benchPFMSBody    = `{"stateCode":"sample string 1","AuthString":"sample string 2","expiredAccessToken":"sample string 3","RefreshToken":"sample string 4"}`
)

// runBench sends r to h b.N times and checks the first answer is a 200 in wantType.
func runBench(b *testing.B, h http.Handler, r benchRequest, wantType string) {
	b.Helper()
	newReq := func() *http.Request {
		req := httptest.NewRequest(http.MethodPost, r.path, strings.NewReader(r.body))
		req.Header.Set("Content-Type", r.contentType)
		if r.accept != "" {
			req.Header.Set("Accept", r.accept)
		}
		return req
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newReq())
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != wantType {
		b.Fatalf("POST %s (%s, Accept %q) = %d %q %s, want 200 %q", r.path, r.contentType, r.accept,
			rec.Code, rec.Header().Get("Content-Type"), rec.Body, wantType)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(r.body)))
	body := strings.NewReader(r.body)
	req := newReq()
	for b.Loop() {
		body.Reset(r.body)
		req.Body = io.NopCloser(body)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// BenchmarkBind measures a whole request per request media type: reading and binding the
// body (with strict validation) dominates what differs between them.
func BenchmarkBind(b *testing.B) {
	h := benchServer(b, nil)
	for _, r := range []benchRequest{
		{name: "JSON", path: benchRefreshPath, contentType: "application/json", accept: "application/json", body: benchJSONBody},
		{name: "XML", path: benchRefreshPath, contentType: "application/xml", accept: "application/json", body: benchXMLBody},
		{name: "form", path: benchRefreshPath, contentType: "application/x-www-form-urlencoded", accept: "application/json", body: benchFormBody},
	} {
		b.Run(r.name, func(b *testing.B) { runBench(b, h, r, "application/json; charset=utf-8") })
	}
}

// BenchmarkRequest measures a whole request through the handler, as bench/run.sh sends
// it (a JSON body, Accept JSON or XML), with the request log off and on (the text format
// written to io.Discard: the cost of building the line, not of the write), as serve writes
// it (reqlog) and as log/slog would.
func BenchmarkRequest(b *testing.B) {
	textLog := newReqlog(b, io.Discard, "text")
	slogText := slog.New(slog.NewTextHandler(io.Discard, nil))
	loggers := []struct {
		name       string
		logger     *slog.Logger
		requestLog mock.RequestLogger
	}{
		{"log off", nil, nil},
		{"log on", slogText, textLog},
		{"log on slog", slogText, nil},
	}
	for _, l := range loggers {
		h := benchServerLogging(b, l.logger, l.requestLog)
		for _, r := range []benchRequest{
			{name: "refreshToken JSON", path: benchRefreshPath, contentType: "application/json", accept: "application/json", body: benchJSONBody},
			{name: "refreshToken XML", path: benchRefreshPath, contentType: "application/json", accept: "application/xml", body: benchJSONBody},
			{name: "pfmsGetRefreshToken JSON", path: benchPFMSPath, contentType: "application/json", accept: "application/json", body: benchPFMSBody},
			{name: "pfmsGetRefreshToken XML", path: benchPFMSPath, contentType: "application/json", accept: "application/xml", body: benchPFMSBody},
		} {
			want := "application/json; charset=utf-8"
			if strings.Contains(r.accept, "xml") {
				want = "application/xml; charset=utf-8"
			}
			b.Run(l.name+"/"+r.name, func(b *testing.B) { runBench(b, h, r, want) })
		}
	}
}

// BenchmarkRender measures what the mock does to render an answer: fill in the default
// fixture's templates (fresh tokens and dates), then write the value as Json.NET or
// DataContractSerializer does.
func BenchmarkRender(b *testing.B) {
	s, set := benchSpecAndFixtures(b)
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		o := s.Operation(id)
		f := set.Default(id)
		if o == nil || f == nil {
			b.Fatalf("operation %s: spec entry %v, default fixture %v, want both", id, o != nil, f != nil)
		}
		env := fixtures.Env{Now: time.Now(), TokenTTL: time.Hour,
			Request: map[string]any{"AccessTokenOld": "sample string 1", "AccessTokenRefresh": "sample string 2"}}
		for _, mt := range []string{spec.ApplicationJSON, spec.ApplicationXML} {
			layout := o.Response(o.SuccessStatus(), mt)
			name := id + " JSON"
			if spec.IsXML(mt) {
				name = id + " XML"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					v, err := f.Render(env)
					if err != nil {
						b.Fatalf("Render(%s) error = %v, want nil", f.File, err)
					}
					if spec.IsXML(mt) {
						if _, err := dcxml.Encode(layout, v); err != nil {
							b.Fatalf("dcxml.Encode(%s) error = %v, want nil", f.File, err)
						}
					} else {
						_ = jsonnet.Append(nil, layout, v)
					}
				}
			})
		}
	}
}

// BenchmarkStartup measures what `helpmock serve` does before its first answer: load and
// validate the embedded spec, load the fixtures, build the mock (which validates every
// fixture against the spec).
func BenchmarkStartup(b *testing.B) {
	b.Run("spec.Load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := spec.Load(helpmock.DefaultSpecName, helpmock.DefaultSpec()); err != nil {
				b.Fatalf("spec.Load(embedded): %v", err)
			}
		}
	})
	b.Run("spec.Default", func(b *testing.B) { // what serve loads without -spec
		b.ReportAllocs()
		for b.Loop() {
			if _, err := publicspec.Default(); err != nil {
				b.Fatalf("spec.Default: %v", err)
			}
		}
	})
	b.Run("fixtures.Load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := fixtures.Load(helpmock.DefaultFixtures()); err != nil {
				b.Fatalf("fixtures.Load(embedded): %v", err)
			}
		}
	})
	b.Run("mock.New", func(b *testing.B) {
		s, set := benchSpecAndFixtures(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: set}); err != nil {
				b.Fatalf("mock.New: %v", err)
			}
		}
	})
}
