package mock_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/helpmock/helpmock/internal/spec"
)

// TestAdminSpec loads admin.yaml with kin-openapi, validates it, and checks the admin
// API's answers against it.
func TestAdminSpec(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("../admin.yaml")
	if err != nil {
		t.Fatalf("load admin.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("admin.yaml: %v", err)
	}
	doc.Servers = nil // match any host
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newStatefulServer(t, false)
	readAll(t, serve(t, s, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
		body: validBodies["refreshToken"][spec.ApplicationJSON]}))
	tests := []struct {
		name string
		req  request
		host string // the Host when not mock.test: a refusal, whose request admin.yaml need not accept
	}{
		{"list scenarios", request{method: http.MethodGet, path: "/__helpmock/scenarios"}, ""},
		{"pin", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json", body: `{"scenario":"slow"}`}, ""},
		{"pin unknown scenario", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json", body: `{"scenario":"x"}`}, ""},
		{"pin unknown operation", request{method: http.MethodPut, path: "/__helpmock/scenarios/x", contentType: "application/json", body: `{"scenario":"x"}`}, ""},
		{"unpin", request{method: http.MethodDelete, path: "/__helpmock/scenarios/refreshToken", contentType: "application/json"}, ""},
		{"journal", request{method: http.MethodGet, path: "/__helpmock/requests?operation=refreshToken"}, ""},
		{"clear journal", request{method: http.MethodDelete, path: "/__helpmock/requests", contentType: "application/json"}, ""},
		{"mint", request{method: http.MethodPost, path: "/__helpmock/tokens", contentType: "application/json"}, ""},
		{"reset", request{method: http.MethodDelete, path: "/__helpmock/state", contentType: "application/json"}, ""},
		{"foreign Host", request{method: http.MethodGet, path: "/__helpmock/requests"}, "rebound.test"},
		{"pin from a form", request{method: http.MethodPut, path: "/__helpmock/scenarios/refreshToken", contentType: "text/plain", body: `{"scenario":"slow"}`}, "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req.build(t, "http://mock.test")
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("admin.yaml has no route for %s %s: %v", req.Method, req.URL, err)
			}
			host := tt.host
			if host == "" {
				host = "mock.test"
			}
			status, header, body := serveHost(t, s, tt.req, host)
			in := &openapi3filter.RequestValidationInput{Request: tt.req.build(t, "http://mock.test"), PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
			if tt.host == "" {
				if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
					t.Errorf("ValidateRequest(%s %s) = %v, want nil", req.Method, req.URL, err)
				}
			} else if status < 400 {
				t.Errorf("%s %s with Host %s = %d, want a refusal", req.Method, req.URL, tt.host, status)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status,
				Header: header, Body: io.NopCloser(bytes.NewReader([]byte(body)))}
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("ValidateResponse(%s %s → %d %s) = %v, want nil", req.Method, req.URL, status, body, err)
			}
		})
	}
}
