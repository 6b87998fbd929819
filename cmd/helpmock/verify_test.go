package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// verifyMockTarget serves the mock with the embedded spec and fixtures on a loopback port.
func verifyMockTarget(tb testing.TB) string {
	tb.Helper()
	s, err := spec.Load("openapi.yaml", helpmock.DefaultSpec())
	if err != nil {
		tb.Fatal(err)
	}
	set, err := fixtures.Load(helpmock.DefaultFixtures())
	if err != nil {
		tb.Fatal(err)
	}
	m, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: set})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(m)
	tb.Cleanup(srv.Close)
	return srv.URL
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestRunVerify(t *testing.T) {
	mockURL := verifyMockTarget(t)
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"Message":"An error has occurred."}`))
	}))
	t.Cleanup(broken.Close)
	release := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // so that the server notices the client leaving
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(release) }) // runs before hanging.Close
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String()
	ln.Close()
	badSpec := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(badSpec, []byte("openapi: 3.0.3\npaths: {\n"), 0o644)

	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStdout string // the last line of stdout
		wantStderr string // a phrase of stderr
	}{
		{"passes the mock", []string{"-target", mockURL}, nil, 0, "116 passed, 0 failed", ""},
		{"only one operation", []string{"-target", mockURL, "-only", "pfmsGetRefreshToken"}, nil, 0, "58 passed, 0 failed", ""},
		{"target from the environment", nil, map[string]string{"HELPMOCK_TARGET": mockURL, "HELPMOCK_ONLY": "refreshToken"}, 0, "58 passed, 0 failed", ""},
		{"header and set", []string{"-target", mockURL, "-header", "Authorization: Bearer x", "-set", "RefreshToken=abc", "-parallel", "1"}, nil, 0, "116 passed, 0 failed", ""},
		{"violations", []string{"-target", broken.URL, "-only", "refreshToken"}, nil, 1, "0 passed, 58 failed", ""},
		{"coverage above -min-coverage", []string{"-target", mockURL, "-min-coverage", "90"}, nil, 0, "116 passed, 0 failed", ""},
		{"coverage below -min-coverage", []string{"-target", mockURL, "-min-coverage", "95"}, nil, 1, "116 passed, 0 failed", "coverage 92.1% (70 of 76 items) is below -min-coverage 95%"},
		{"-min-coverage above 100", []string{"-target", mockURL, "-min-coverage", "101"}, nil, 2, "", "want a percent from 0 to 100"},
		{"hanging target, whole-run timeout", []string{"-target", hanging.URL, "-timeout", "700ms", "-request-timeout", "300ms", "-parallel", "8"}, nil, 1, "0 passed, 116 failed", ""},
		{"unreachable target", []string{"-target", down}, nil, 2, "", "target unreachable"},
		{"no target", nil, nil, 2, "", "-target is required"},
		{"bad header", []string{"-target", mockURL, "-header", "NoColon"}, nil, 2, "", "want 'Name: value'"},
		{"unknown operation", []string{"-target", mockURL, "-only", "nope"}, nil, 2, "", `select operation "nope"`},
		{"unknown member", []string{"-target", mockURL, "-set", "Nope=1"}, nil, 2, "", "set Nope"},
		{"bad spec", []string{"-target", mockURL, "-spec", badSpec}, nil, 2, "", "bad.yaml"},
		{"bad parallel", []string{"-target", mockURL, "-parallel", "0"}, nil, 2, "", "-parallel 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			code := runVerify(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("runVerify(%q) = %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.wantCode, stdout.String(), stderr.String())
			}
			if tt.wantStdout != "" {
				if got := lastLine(stdout.String()); got != tt.wantStdout {
					t.Errorf("runVerify(%q) last line = %q, want %q", tt.args, got, tt.wantStdout)
				}
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("runVerify(%q) stderr = %q, want it to contain %q", tt.args, stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestRunVerifyReports(t *testing.T) {
	dir := t.TempDir()
	junitPath, jsonPath := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "report.json")
	args := []string{"-target", verifyMockTarget(t), "-junit", junitPath, "-json", jsonPath}
	var stdout, stderr bytes.Buffer
	if code := runVerify(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("runVerify(%q) = %d, want 0\n%s%s", args, code, stdout.String(), stderr.String())
	}
	var junit struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(junitPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &junit); err != nil {
		t.Fatalf("parse %s: %v", junitPath, err)
	}
	if junit.Tests != 116 || len(junit.Suites) != 2 {
		t.Errorf("JUnit report = %d tests in %d suites, want 116 in 2 (one per operation)", junit.Tests, len(junit.Suites))
	}
	var report struct {
		Passed, Failed int
		Cases          []json.RawMessage
	}
	data, err = os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("parse %s: %v", jsonPath, err)
	}
	if report.Passed != 116 || report.Failed != 0 || len(report.Cases) != 116 {
		t.Errorf("JSON report = %d passed, %d failed, %d cases, want 116, 0, 116", report.Passed, report.Failed, len(report.Cases))
	}
}
