// Package gotest shows helpmock's Go API as a user's test uses it: load a spec, serve
// the mock on an httptest.Server, and run the contract suite against a server. It is a
// module of its own, so it can import only helpmock's public packages.
package gotest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// TestMockHonoursItsContract serves the embedded default spec with its fixtures and runs
// the contract suite against it: the mock is the first server the suite must pass.
func TestMockHonoursItsContract(t *testing.T) {
	s, err := spec.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := fixtures.Load(helpmock.DefaultFixtures())
	if err != nil {
		t.Fatal(err)
	}
	m, err := mock.New(mock.Options{Spec: s, Fixtures: set})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m)
	defer srv.Close()

	report, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: s})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range report.Violations() {
		t.Error(v)
	}
	if report.Passed == 0 {
		t.Fatalf("%d cases passed", report.Passed)
	}
}

// TestOwnSpec does the same with a spec of one's own (here imported from Help Pages by
// `helpmock import`), without fixtures: the mock answers from its examples and schemas.
func TestOwnSpec(t *testing.T) {
	s, err := spec.LoadFile("testdata/orders.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := mock.New(mock.Options{Spec: s})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m)
	defer srv.Close()

	// The frontend's view: an order, in XML, as the real service writes it.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/orders/7", nil)
	req.Header.Set("Accept", "application/xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "<Order ") {
		t.Errorf("GET /api/orders/7 = %d %s, want 200 and an <Order> element", resp.StatusCode, body)
	}

	report, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: s})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range report.Violations() {
		t.Error(v)
	}
}
