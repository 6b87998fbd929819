package contracts_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helpmock/helpmock/contracts"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from its golden file (go test ./contracts -update rewrites it):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// sampleReport is a fixed report with a pass, a failure with two violations and a
// transport failure.
func sampleReport() *contracts.Report {
	curl := `curl -sS -i -X POST 'http://127.0.0.1:8080/api/v2/account/refreshtoken' -H 'Accept: application/xml' -H 'Content-Type: application/json' --data-binary '{"AccessTokenOld":"sample string 1","AccessTokenRefresh":"sample string 2"}'`
	failed := &contracts.CaseResult{Operation: "refreshToken", Name: "application/json, Accept: application/xml", Method: "POST",
		URL: "http://127.0.0.1:8080/api/v2/account/refreshtoken", Status: 200, ContentType: "application/xml; charset=utf-8",
		Duration: 3 * time.Millisecond, Curl: curl}
	for _, v := range []contracts.Violation{
		{Check: contracts.CheckXML, Path: "/LoginResult/ErrorCode", Expected: "an integer value", Actual: `i:nil="true"`,
			Message: "null for a member the contract does not mark nullable"},
		{Check: contracts.CheckParity, Path: "/ErrorCode", Expected: "null in both answers or in neither",
			Actual: "JSON null: false, XML i:nil: true", Message: "ErrorCode is null in one answer and not in the other"},
	} {
		v.Case, v.Curl = failed.FullName(), curl
		failed.Violations = append(failed.Violations, v)
	}
	hung := &contracts.CaseResult{Operation: "pfmsGetRefreshToken", Name: "malformed XML", Method: "POST",
		URL: "http://127.0.0.1:8080/api/PFMS/pfms_get_refresh_token", Duration: 10 * time.Second,
		Curl: `curl -sS -i -X POST 'http://127.0.0.1:8080/api/PFMS/pfms_get_refresh_token' -H 'Content-Type: application/xml' --data-binary '<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><'`}
	hung.Violations = []contracts.Violation{{Case: hung.FullName(), Check: contracts.CheckTransport, Expected: "400",
		Message: `no complete answer within the request timeout of 10s: Post "http://127.0.0.1:8080/api/PFMS/pfms_get_refresh_token": context deadline exceeded`, Curl: hung.Curl}}
	r := &contracts.Report{Target: "http://127.0.0.1:8080", Spec: "openapi.yaml", Duration: 1234 * time.Millisecond,
		Cases: []*contracts.CaseResult{
			{Operation: "pfmsGetRefreshToken", Name: "application/json, Accept: (none)", Method: "POST",
				URL: "http://127.0.0.1:8080/api/PFMS/pfms_get_refresh_token", Status: 200, ContentType: "application/json; charset=utf-8",
				Duration: 2 * time.Millisecond, Curl: `curl -sS -i -X POST 'http://127.0.0.1:8080/api/PFMS/pfms_get_refresh_token' -H 'Content-Type: application/json' --data-binary '{}'`,
				Violations: []contracts.Violation{}},
			hung,
			failed,
		},
		Passed: 1, Failed: 2,
		Coverage: &contracts.Coverage{Exercised: 3, Total: 4, Percent: 75, Items: []contracts.CoverageItem{
			{Operation: "pfmsGetRefreshToken", Kind: contracts.CoverRequest, Name: "application/json, Accept: (none)", Exercised: true},
			{Operation: "pfmsGetRefreshToken", Kind: contracts.CoverExample, Name: "invalid-refresh-token, text/xml", Exercised: true},
			{Operation: "pfmsGetRefreshToken", Kind: contracts.CoverResponse, Name: "500", Reason: "no probe or request example leads to it"},
			{Operation: "refreshToken", Kind: contracts.CoverResponse, Name: "200", Exercised: true},
		}}}
	return r
}

func TestRenderers(t *testing.T) {
	tests := []struct {
		name  string
		write func(*contracts.Report, *bytes.Buffer) error
	}{
		{"report.txt", func(r *contracts.Report, b *bytes.Buffer) error { return r.WriteText(b) }},
		{"report.junit.xml", func(r *contracts.Report, b *bytes.Buffer) error { return r.WriteJUnit(b) }},
		{"report.json", func(r *contracts.Report, b *bytes.Buffer) error { return r.WriteJSON(b) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(sampleReport(), &b); err != nil {
				t.Fatalf("write %s: %v", tt.name, err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}
