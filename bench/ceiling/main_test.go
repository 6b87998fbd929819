package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/spec"
)

// TestSamplesMatchSpec checks that the ceiling sends exactly the bytes the mock's docs
// scenario is built from: openapi.yaml's response examples, written as Json.NET writes them.
func TestSamplesMatchSpec(t *testing.T) {
	s, err := spec.Load(helpmock.DefaultSpecName, helpmock.DefaultSpec())
	if err != nil {
		t.Fatalf("spec.Load: %v", err)
	}
	tests := []struct {
		name, op, mediaType, want string
	}{
		{"refreshToken JSON", "refreshToken", spec.ApplicationJSON, loginResultJSON},
		{"refreshToken XML", "refreshToken", spec.ApplicationXML, loginResultXML},
		{"pfmsGetRefreshToken JSON", "pfmsGetRefreshToken", spec.ApplicationJSON, refreshTokenJSON},
		{"pfmsGetRefreshToken XML", "pfmsGetRefreshToken", spec.ApplicationXML, refreshTokenXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := s.Operation(tt.op)
			if o == nil {
				t.Fatalf("spec has no operation %s", tt.op)
			}
			ex, ok := o.ResponseExamples[tt.mediaType][spec.DocsExample]
			if !ok {
				t.Fatalf("%s has no %s docs example for %s", tt.op, spec.DocsExample, tt.mediaType)
			}
			var got string
			if spec.IsJSON(tt.mediaType) {
				got = string(jsonnet.Append(nil, o.Response(o.SuccessStatus(), tt.mediaType), ex))
			} else {
				got, _ = ex.(string)
			}
			if got != tt.want {
				t.Errorf("docs example of %s in %s = %s, want %s", tt.op, tt.mediaType, got, tt.want)
			}
		})
	}
}

func TestHandler(t *testing.T) {
	h := newHandler(0)
	tests := []struct {
		name, path, accept string
		wantStatus         int
		wantType, wantBody string
	}{
		{"refreshToken JSON", refreshTokenPath, "", http.StatusOK, "application/json; charset=utf-8", loginResultJSON},
		{"refreshToken XML", refreshTokenPath, "application/xml", http.StatusOK, "application/xml; charset=utf-8", loginResultXML},
		{"PFMS JSON", pfmsRefreshTokenPath, "application/json", http.StatusOK, "application/json; charset=utf-8", refreshTokenJSON},
		{"PFMS XML", pfmsRefreshTokenPath, "text/xml", http.StatusOK, "application/xml; charset=utf-8", refreshTokenXML},
		{"unknown path", "/nope", "", http.StatusNotFound, "text/plain; charset=utf-8", "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(`{"a":"b"}`))
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Body)
			if rec.Code != tt.wantStatus || rec.Header().Get("Content-Type") != tt.wantType || string(body) != tt.wantBody {
				t.Errorf("POST %s (Accept %q) = %d %q %s, want %d %q %s", tt.path, tt.accept,
					rec.Code, rec.Header().Get("Content-Type"), body, tt.wantStatus, tt.wantType, tt.wantBody)
			}
		})
	}
}

func BenchmarkHandler(b *testing.B) {
	h := newHandler(0)
	for _, accept := range []string{"application/json", "application/xml"} {
		b.Run(accept, func(b *testing.B) {
			b.ReportAllocs()
			req := httptest.NewRequest(http.MethodPost, refreshTokenPath, http.NoBody)
			req.Header.Set("Accept", accept)
			for b.Loop() {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}

// TestWork checks -work: the answer is the same, the request takes at least the work
// (a lower bound, which a loaded machine cannot miss), and a negative work is a usage
// error.
func TestWork(t *testing.T) {
	const work = 2 * time.Millisecond
	h := newHandler(work)
	req := httptest.NewRequest(http.MethodPost, refreshTokenPath, strings.NewReader(`{"a":"b"}`))
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	if took := time.Since(start); took < work {
		t.Errorf("a request with -work %v took %v", work, took)
	}
	if rec.Code != http.StatusOK || rec.Body.String() != loginResultJSON {
		t.Errorf("with -work: %d %s, want 200 %s", rec.Code, rec.Body, loginResultJSON)
	}

	var stderr strings.Builder
	if code := run(context.Background(), []string{"-work", "-1ms"}, io.Discard, &stderr); code != 2 {
		t.Errorf("ceiling -work -1ms exited %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "-work -1ms") {
		t.Errorf("ceiling -work -1ms said %q, want the flag named", stderr.String())
	}
}
