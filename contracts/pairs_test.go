package contracts_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestPairWithAnotherStatus runs the suite against the mock with no fixtures on a spec
// whose business failure is a 409 with a body (testdata/pairs.yaml): the mock answers the
// request example closed-order with the 409 example of the same name, verify expects it
// in every request media type, and the 400 example, which no request example is named
// after, is listed as not exercised.
func TestPairWithAnotherStatus(t *testing.T) {
	s, err := spec.LoadFile("testdata/pairs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := mock.New(mock.Options{Spec: bridge.Public(s)})
	if err != nil {
		t.Fatalf("mock.New error: %v", err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	// -set changes the docs request, not the member that makes the pair.
	for _, set := range []map[string]string{nil, {"orderid": "B2"}} {
		r, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: bridge.Public(s), Set: set})
		if err != nil {
			t.Fatalf("Verify error: %v", err)
		}
		if !r.OK() {
			t.Fatalf("Verify(mock, pairs.yaml, set %v) = %d failed, want 0:\n%s", set, r.Failed, textReport(t, r))
		}
	}
	r, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: bridge.Public(s)})
	if err != nil {
		t.Fatalf("Verify error: %v", err)
	}
	pairCases := 0
	for _, c := range r.Cases {
		if strings.HasPrefix(c.Name, "example closed-order, ") {
			pairCases++
			if c.Status != 409 {
				t.Errorf("%s: status %d, want 409", c.FullName(), c.Status)
			}
		}
	}
	if pairCases != 15 { // JSON, XML and a form × 5 Accept headers
		t.Errorf("%d closed-order cases, want 15", pairCases)
	}
	found := false
	for _, it := range r.Coverage.Items {
		if it.Name == "malformed-body (400 response)" && !it.Exercised && strings.Contains(it.Reason, "no request example named malformed-body") {
			found = true
		}
	}
	if !found {
		t.Errorf("coverage lacks the unpaired 400 example:\n%s", textReport(t, r))
	}

	// The same suite finds the 409 pair answered as a 200 (the mock told to answer its
	// default scenario) and names the check.
	drift := httptest.NewServer(m)
	t.Cleanup(drift.Close)
	r, err = contracts.Verify(context.Background(), contracts.Options{Target: drift.URL, Spec: bridge.Public(s),
		Header: map[string][]string{"Prefer": {"example=docs"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range r.Violations() {
		if v.Check == contracts.CheckStatus && strings.Contains(v.Message, "closed-order") && v.Expected == "409 Conflict" {
			return
		}
	}
	t.Errorf("Verify(200 for closed-order) lacks a status violation naming the pair:\n%s", textReport(t, r))
}
