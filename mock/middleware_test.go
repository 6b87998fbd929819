package mock_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/mock"
)

// TestMiddlewareChain checks that every route, including one added after New, passes
// through the whole middleware chain: CORS headers, recovery from a panic into Web API's
// 500 answer in the negotiated format, the journal and the request log.
func TestMiddlewareChain(t *testing.T) {
	var logBuf bytes.Buffer
	srv, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), CORS: true, Journal: 10,
		Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv.Echo().GET("/boom", func(echo.Context) error { panic("boom") })

	tests := []struct {
		name, accept, wantType, wantBody string
	}{
		{"JSON", "application/json", "application/json; charset=utf-8", `{"Message":"An error has occurred."}`},
		{"XML", "application/xml", "application/xml; charset=utf-8", `<Error><Message>An error has occurred.</Message></Error>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logBuf.Reset()
			req := httptest.NewRequest(http.MethodGet, "/boom", nil)
			req.Header.Set("Origin", "http://localhost:3000")
			req.Header.Set("Accept", tt.accept)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != tt.wantType || rec.Body.String() != tt.wantBody {
				t.Errorf("GET /boom = %d %q %s, want 500 %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body, tt.wantType, tt.wantBody)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got == "" {
				t.Errorf("no Access-Control-Allow-Origin header: CORS did not run")
			}
			line := logBuf.String()
			for _, want := range []string{"msg=request", "uri=/boom", "status=500", "media_type=" + strings.Split(tt.wantType, ";")[0], `msg="internal error" error=boom`} {
				if !strings.Contains(line, want) {
					t.Errorf("request log %q lacks %q", line, want)
				}
			}
		})
	}
	if j := srv.Journal(""); len(j) != 2 || j[1].Path != "/boom" || j[1].Status != http.StatusInternalServerError {
		t.Errorf("journal = %+v, want the two /boom requests with status 500", j)
	}
}
