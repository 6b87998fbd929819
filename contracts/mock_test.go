package contracts_test

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
)

// startMock serves the mock with the repository's spec and fixtures on a loopback port.
func startMock(tb testing.TB) string {
	tb.Helper()
	s := loadSpec(tb)
	set, err := fixtures.Load(os.DirFS("../fixtures"))
	if err != nil {
		tb.Fatalf("fixtures.Load(../fixtures) error: %v", err)
	}
	m, err := mock.New(mock.Options{Spec: s, Fixtures: set})
	if err != nil {
		tb.Fatalf("mock.New error: %v", err)
	}
	srv := httptest.NewServer(m)
	tb.Cleanup(srv.Close)
	return srv.URL
}

func TestMockPasses(t *testing.T) {
	target := startMock(t)
	r, err := contracts.Verify(context.Background(), contracts.Options{Target: target, Spec: loadSpec(t)})
	if err != nil {
		t.Fatalf("Verify(mock) error: %v", err)
	}
	if !r.OK() || r.Passed == 0 {
		t.Fatalf("Verify(mock) = %d passed, %d failed, want 0 failed:\n%s", r.Passed, r.Failed, textReport(t, r))
	}
}
