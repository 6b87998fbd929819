package contracts_test

import (
	"net/http"
	"testing"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
)

// noContentSpec documents a 200 without content (an action returning IHttpActionResult,
// whose Help Page shows no body) and a void action's 204.
const noContentSpec = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /api/reports:
    get:
      operationId: getReports
      responses:
        '200': {description: OK}
        '404': {description: Not Found}
        '405': {description: Method Not Allowed}
  /api/reports/{id}:
    delete:
      operationId: deleteReport
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '204': {description: No Content}
        '404': {description: Not Found}
        '405': {description: Method Not Allowed}
`

// TestNoContentResponses checks the Content-Type rule of answers whose status documents no
// content: a 200 is not judged by a media type (Ok() has none; an HttpResponseMessage may
// carry anything), a 204 must have neither a Content-Type nor a body.
func TestNoContentResponses(t *testing.T) {
	s, err := spec.Load("nocontent.yaml", []byte(noContentSpec))
	if err != nil {
		t.Fatal(err)
	}
	serve := func(okType string, okBody, noContentType string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && r.URL.Path == "/api/reports":
				if okType != "" {
					w.Header().Set("Content-Type", okType)
				}
				w.Write([]byte(okBody))
			case r.Method == http.MethodDelete && r.URL.Path == "/api/reports/1":
				if noContentType != "" {
					w.Header().Set("Content-Type", noContentType)
				}
				w.WriteHeader(http.StatusNoContent)
			case r.URL.Path == "/api/reports" || r.URL.Path == "/api/reports/1":
				w.Header().Set("Allow", map[string]string{"/api/reports": "GET", "/api/reports/1": "DELETE"}[r.URL.Path])
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(http.StatusMethodNotAllowed)
			default:
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
			}
		})
	}
	tests := []struct {
		name                          string
		okType, okBody, noContentType string
		wantOK                        bool
	}{
		{"Ok() with no content", "", "", "", true},
		{"a file from an HttpResponseMessage", "text/csv", "a,b\n", "", true},
		{"a 204 with a Content-Type", "", "", "application/json; charset=utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := verifyAgainst(t, serve(tt.okType, tt.okBody, tt.noContentType), contracts.Options{Spec: bridge.Public(s)})
			if r.OK() != tt.wantOK {
				t.Errorf("Verify(%s) OK = %v, want %v:\n%s", tt.name, r.OK(), tt.wantOK, textReport(t, r))
			}
		})
	}
}
