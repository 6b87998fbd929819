package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The secrets of TestRunVerifyKeepsNoSecrets, as a CI passes them from its secret store.
const (
	ciBearer  = "ci-bearer-0f3c9a7e51"
	ciRefresh = "ci-refresh-77d2b4e910"
	// targetToken is a token the target issues, in a secret member of its answer.
	targetToken = "target-issued-5e1d9c"
)

// echoTarget is a failing target that quotes what it receives, as a careless service's
// error pages do: the Authorization header and the request body, in the answer's members
// (the access token member among them) and, every other request, in a body that is not
// JSON, whose excerpt the report shows, with a token of its own in a secret member. It records the last Authorization and body.
type echoTarget struct {
	n        atomic.Int64
	mu       sync.Mutex
	lastAuth string
	lastBody string
}

func (e *echoTarget) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	auth := r.Header.Get("Authorization")
	e.mu.Lock()
	e.lastAuth, e.lastBody = auth, string(body)
	e.mu.Unlock()
	quoted, _ := json.Marshal(auth + " " + string(body))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if e.n.Add(1)%2 == 0 {
		w.Write([]byte(`{"AccessToken":"` + targetToken + `","Message":` + string(quoted) + `} and more: ` + auth + string(body)))
		return
	}
	authJSON, _ := json.Marshal(auth)
	w.Write([]byte(`{"AccessToken":` + string(authJSON) + `,"RefreshAccessToken":` + string(quoted) + `,"Echo":` + string(quoted) + `}`))
}

// TestRunVerifyKeepsNoSecrets runs verify with -header and -set against a failing target
// that echoes them, and checks that none of its three reports holds either value, that
// each reproduce line reads them from shell variables, and that such a line, run by sh
// with the variables set, sends the real values again.
func TestRunVerifyKeepsNoSecrets(t *testing.T) {
	target := &echoTarget{}
	srv := httptest.NewServer(target)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	junitPath, jsonPath := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "report.json")
	args := []string{"-target", srv.URL, "-header", "Authorization: Bearer " + ciBearer,
		"-set", "AccessTokenRefresh=" + ciRefresh, "-junit", junitPath, "-json", jsonPath}
	var stdout, stderr bytes.Buffer
	if code := runVerify(context.Background(), args, &stdout, &stderr); code != exitFail {
		t.Fatalf("runVerify = %d, want %d\n%s%s", code, exitFail, stdout.String(), stderr.String())
	}
	// The target may still be handling a request whose case gave up: read under its lock.
	target.mu.Lock()
	lastAuth := target.lastAuth
	target.mu.Unlock()
	if target.n.Load() == 0 || !strings.Contains(lastAuth, ciBearer) {
		t.Fatalf("the target never received the header: %q", lastAuth)
	}
	junit, err := os.ReadFile(junitPath)
	if err != nil {
		t.Fatal(err)
	}
	jsonReport, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]string{"text": stdout.String(), "JUnit": string(junit), "JSON": string(jsonReport)}
	for name, report := range reports {
		for _, secret := range []string{ciBearer, ciRefresh, targetToken} {
			// Its start too: an excerpt may cut the value.
			if n := strings.Count(report, secret[:len("ci-bear")]); n > 0 {
				t.Errorf("the %s report holds %q (or its start) %d times", name, secret, n)
			}
		}
		for _, variable := range []string{`"$HELPMOCK_HEADER_AUTHORIZATION"`, `"$HELPMOCK_SET_AccessTokenRefresh"`} {
			if name == "JSON" {
				variable = strings.ReplaceAll(variable, `"`, `\"`)
			}
			if !strings.Contains(report, variable) {
				t.Errorf("the %s report has no %s", name, variable)
			}
		}
	}
	if !strings.Contains(stdout.String(), "export them to run a line") {
		t.Errorf("the text report does not say how to run the reproduce lines:\n%s", stdout.String())
	}

	// A reproduce line sends the real values once the variables are set.
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed: the reproduce line is not run")
	}
	line := regexp.MustCompile(`(?m)^  reproduce: (curl .*AccessTokenRefresh.*)$`).FindStringSubmatch(stdout.String())
	if line == nil {
		t.Fatalf("no reproduce line with a body:\n%s", stdout.String())
	}
	cmd := exec.Command("sh", "-c", line[1])
	cmd.Env = append(os.Environ(), "HELPMOCK_HEADER_AUTHORIZATION=Bearer "+ciBearer, "HELPMOCK_SET_AccessTokenRefresh="+ciRefresh)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line[1], err, out)
	}
	target.mu.Lock()
	defer target.mu.Unlock()
	if target.lastAuth != "Bearer "+ciBearer || !strings.Contains(target.lastBody, ciRefresh) {
		t.Errorf("%s sent Authorization %q and body %q, want the real values", line[1], target.lastAuth, target.lastBody)
	}
}
