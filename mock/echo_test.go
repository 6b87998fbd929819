package mock_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/mock"
)

// TestGeneratedEchoesPathParameters: a generated answer's member named like a path
// parameter holds the request's value when its schema accepts it, in JSON and XML alike;
// the same request gets the same body.
func TestGeneratedEchoesPathParameters(t *testing.T) {
	orders := newNoFixtureServer(t, "../internal/helppage/testdata/orders.golden.yaml")
	shapes := newNoFixtureServer(t, "testdata/nofixtures/shapes.yaml")
	const id = "0b5ad2b4-8b4e-4f7e-9a55-1c1f3f2b7d10"
	tests := []struct {
		name, path, accept, want, notWant string
		srv                               *mock.Server
	}{
		{"an int id in JSON", "/api/orders/5", "application/json", `{"Id":5,`, "", orders},
		{"an int id in XML", "/api/orders/5", "application/xml", `<Id>5</Id>`, "", orders},
		{"a uuid id", "/api/things/" + id, "application/json", `{"Id":"` + id + `",`, "", shapes},
		{"a uuid id in XML", "/api/things/" + id, "text/xml", `<Id>` + id + `</Id>`, "", shapes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bodies []string
			for range 2 {
				req := httptest.NewRequest("GET", tt.path, nil)
				req.Header.Set("Accept", tt.accept)
				rec := httptest.NewRecorder()
				tt.srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					t.Fatalf("GET %s = %d %s", tt.path, rec.Code, rec.Body.String())
				}
				bodies = append(bodies, rec.Body.String())
			}
			if !strings.Contains(bodies[0], tt.want) || (tt.notWant != "" && strings.Contains(bodies[0], tt.notWant)) {
				t.Errorf("GET %s (%s) = %s, want %s", tt.path, tt.accept, bodies[0], tt.want)
			}
			if bodies[0] != bodies[1] {
				t.Errorf("GET %s answered %s, then %s", tt.path, bodies[0], bodies[1])
			}
		})
	}
}
