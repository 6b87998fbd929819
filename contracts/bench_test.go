package contracts

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// The benchmarks here measure the suite's own cost, not the target's: the checks of one
// recorded answer (status, Content-Type, JSON schema and members, or DataContract XML),
// and a whole Verify run against the mock on a loopback httptest server.

// benchMock returns the embedded spec and the mock as `helpmock serve` builds it.
func benchMock(tb testing.TB) (*spec.Spec, http.Handler) {
	tb.Helper()
	s, err := spec.Load(helpmock.DefaultSpecName, helpmock.DefaultSpec())
	if err != nil {
		tb.Fatalf("spec.Load(embedded): %v", err)
	}
	set, err := fixtures.Load(helpmock.DefaultFixtures())
	if err != nil {
		tb.Fatalf("fixtures.Load(embedded): %v", err)
	}
	srv, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: set})
	if err != nil {
		tb.Fatalf("mock.New: %v", err)
	}
	return s, srv
}

// benchExchange returns the exchange of the case named name of operation op, answered by h.
func benchExchange(tb testing.TB, s *spec.Spec, h http.Handler, op, name string) *exchange {
	tb.Helper()
	cases, err := buildCases(&Options{Target: "http://127.0.0.1", compiled: s, Only: []string{op}})
	if err != nil {
		tb.Fatalf("buildCases(%s): %v", op, err)
	}
	for _, c := range cases {
		if c.name != name {
			continue
		}
		req := httptest.NewRequest(c.method, c.path, bytes.NewReader(c.body))
		for k, vs := range c.header {
			req.Header[k] = vs
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Body)
		return &exchange{c: c, url: "http://127.0.0.1" + c.path, status: rec.Code, header: rec.Header(), body: body}
	}
	tb.Fatalf("operation %s has no case %q", op, name)
	return nil
}

// BenchmarkJudge measures every check of one answer: a JSON one and an XML one.
func BenchmarkJudge(b *testing.B) {
	s, h := benchMock(b)
	for _, bm := range []struct{ name, op, c string }{
		{"JSON", "refreshToken", "application/json, Accept: application/json"},
		{"XML", "refreshToken", "application/json, Accept: application/xml"},
		{"PFMS JSON", "pfmsGetRefreshToken", "application/json, Accept: application/json"},
		{"PFMS XML", "pfmsGetRefreshToken", "application/json, Accept: application/xml"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			x := benchExchange(b, s, h, bm.op, bm.c)
			if res := judge(x); !res.Passed() {
				b.Fatalf("judge(%s: %s) = %v, want no violations", bm.op, bm.c, res.Violations)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(x.body)))
			for b.Loop() {
				judge(x)
			}
		})
	}
}

// BenchmarkVerify measures the whole suite against the mock over loopback HTTP: what
// `helpmock verify` does against a local mock.
func BenchmarkVerify(b *testing.B) {
	s, h := benchMock(b)
	ts := httptest.NewServer(h)
	b.Cleanup(ts.Close)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Verify(context.Background(), Options{Target: ts.URL, Spec: bridge.Public(s)})
		if err != nil {
			b.Fatalf("Verify(mock) error = %v, want nil", err)
		}
		if !r.OK() {
			b.Fatalf("Verify(mock) failed %d cases, want none: %v", r.Failed, r.Violations())
		}
	}
}
