package contracts_test

import (
	"context"
	"testing"

	"github.com/helpmock/helpmock/contracts"
)

// TestCoverageOfTheMock checks the coverage a run against the mock reports: the
// failure-path pair of both seed operations in all five request media types, and the
// documented answers no request leads to, with the reason.
func TestCoverageOfTheMock(t *testing.T) {
	r, err := contracts.Verify(context.Background(), contracts.Options{Target: startMock(t), Spec: loadSpec(t)})
	if err != nil {
		t.Fatalf("Verify(mock) error: %v", err)
	}
	cov := r.Coverage
	if cov == nil || cov.Total == 0 {
		t.Fatalf("Verify(mock).Coverage = %+v, want items", cov)
	}
	items := map[string]contracts.CoverageItem{}
	for _, it := range cov.Items {
		items[it.Operation+" "+it.Kind+" "+it.Name] = it
	}
	for _, op := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		for _, mt := range []string{"application/json", "text/json", "application/xml", "text/xml", "application/x-www-form-urlencoded"} {
			key := op + " example invalid-refresh-token, " + mt
			if it, ok := items[key]; !ok || !it.Exercised {
				t.Errorf("coverage item %q = %+v (found %t), want exercised", key, it, ok)
			}
		}
		for key, reason := range map[string]string{
			op + " response 413":                          "no probe or request example leads to it",
			op + " example malformed-body (400 response)": "no request example named malformed-body leads to it",
		} {
			if it := items[key]; it.Exercised || it.Reason != reason {
				t.Errorf("coverage item %q = %+v, want not exercised because %q", key, it, reason)
			}
		}
		if it := items[op+" response 200"]; !it.Exercised {
			t.Errorf("coverage item %s response 200 = %+v, want exercised", op, it)
		}
	}
	exercised := 0
	for _, it := range cov.Items {
		if it.Exercised {
			exercised++
		}
	}
	if cov.Exercised != exercised || cov.Percent != float64(exercised)*100/float64(len(cov.Items)) {
		t.Errorf("Coverage = %d exercised, %.2f%%, want %d of %d", cov.Exercised, cov.Percent, exercised, len(cov.Items))
	}
}
