package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// chromium returns the path of the chromium binary, skipping the test when it is
// missing (failing under CI=true, where .ci/run installs it).
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("chromium is not installed (CI=true: .ci/run installs Debian's chromium package)")
	}
	tb.Skip("chromium is not installed: apt-get install chromium to run the browser test")
	return ""
}

// page is the frontend under test: its script calls the mock with fetch() in JSON and
// XML, pins a scenario through the admin API, and writes what it got into #result.
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>frontend</title></head>
<body><pre id="result">pending</pre>
<script>
const mockURL = MOCK_URL;
const path = "/api/v2/account/refreshtoken";
const body = JSON.stringify({AccessTokenOld: "old-token", AccessTokenRefresh: "refresh-token"});
async function call(accept, extra) {
  const r = await fetch(mockURL + path, {method: "POST", body,
    headers: Object.assign({"Content-Type": "application/json", "Accept": accept}, extra || {})});
  return {status: r.status, type: r.headers.get("Content-Type"), text: await r.text()};
}
async function main() {
  const out = {origin: location.origin};
  try {
    const j = await call("application/json");
    const v = JSON.parse(j.text);
    out.json = {status: j.status, type: j.type, succeeded: v.Succeeded, tokenType: v.TokenType, tokenLength: v.AccessToken.length};
    const x = await call("application/xml");
    const doc = new DOMParser().parseFromString(x.text, "application/xml");
    out.xml = {status: x.status, type: x.type, root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI, tokenType: doc.getElementsByTagName("TokenType")[0].textContent};
    const pin = await fetch(mockURL + "/__helpmock/scenarios/refreshToken", {method: "PUT",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify({scenario: "invalid-refresh-token"})});
    out.pin = {status: pin.status, pinned: (await pin.json()).pinned};
    const pj = JSON.parse((await call("application/json")).text);
    out.pinnedJSON = {errorCode: pj.ErrorCode, succeeded: pj.Succeeded, errors: pj.Errors};
    const px = new DOMParser().parseFromString((await call("text/xml")).text, "application/xml");
    out.pinnedXML = {errorCode: px.getElementsByTagName("ErrorCode")[0].textContent,
      nil: px.getElementsByTagName("AccessToken")[0].getAttribute("i:nil")};
    const pref = await call("application/json", {"Prefer": "example=server-error"});
    out.prefer = {status: pref.status, text: pref.text};
    const unpin = await fetch(mockURL + "/__helpmock/scenarios/refreshToken", {method: "DELETE"});
    out.unpin = unpin.status;
    const journal = await (await fetch(mockURL + "/__helpmock/requests?operation=refreshToken")).json();
    out.journal = journal.requests.map(r => r.scenario);
  } catch (e) {
    out.error = String(e);
  }
  document.getElementById("result").textContent = JSON.stringify(out);
}
main();
</script></body></html>`

// result is what the page writes into #result.
type result struct {
	Origin string `json:"origin"`
	JSON   struct {
		Status      int    `json:"status"`
		Type        string `json:"type"`
		Succeeded   bool   `json:"succeeded"`
		TokenType   string `json:"tokenType"`
		TokenLength int    `json:"tokenLength"`
	} `json:"json"`
	XML struct {
		Status    int    `json:"status"`
		Type      string `json:"type"`
		Root      string `json:"root"`
		NS        string `json:"ns"`
		TokenType string `json:"tokenType"`
	} `json:"xml"`
	Pin struct {
		Status int    `json:"status"`
		Pinned string `json:"pinned"`
	} `json:"pin"`
	PinnedJSON struct {
		ErrorCode int      `json:"errorCode"`
		Succeeded bool     `json:"succeeded"`
		Errors    []string `json:"errors"`
	} `json:"pinnedJSON"`
	PinnedXML struct {
		ErrorCode string `json:"errorCode"`
		Nil       string `json:"nil"`
	} `json:"pinnedXML"`
	Prefer struct {
		Status int    `json:"status"`
		Text   string `json:"text"`
	} `json:"prefer"`
	Unpin   int      `json:"unpin"`
	Journal []string `json:"journal"`
	Error   string   `json:"error"`
}

// TestBrowser loads a page from one loopback origin in headless Chromium; its fetch()
// calls go to the mock on another origin (CORS, preflights for JSON and Prefer).
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	sp, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fixtures.Load(os.DirFS("../fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := mock.New(mock.Options{Spec: sp, Fixtures: set, Admin: true, CORS: true, Journal: 100})
	if err != nil {
		t.Fatal(err)
	}
	mockTS := httptest.NewServer(srv)
	t.Cleanup(mockTS.Close)
	mockURL, _ := json.Marshal(mockTS.URL)
	pageHTML := strings.Replace(page, "MOCK_URL", string(mockURL), 1)
	pageTS := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(pageHTML))
	}))
	t.Cleanup(pageTS.Close)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir="+filepath.Join(t.TempDir(), "profile"),
		// Virtual time runs the page until its fetches and timers are done before dumping.
		"--virtual-time-budget=20000", "--dump-dom", pageTS.URL+"/")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	m := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no #result in the dumped DOM:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
	var got result
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatalf("#result = %q: %v", m[1], err)
	}
	if got.Error != "" {
		t.Fatalf("the page's script failed: %s (DOM %s)", got.Error, m[1])
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"page origin differs from the mock", got.Origin != mockTS.URL, true},
		{"JSON status", got.JSON.Status, 200},
		{"JSON Content-Type", got.JSON.Type, "application/json; charset=utf-8"},
		{"JSON Succeeded", got.JSON.Succeeded, true},
		{"JSON TokenType", got.JSON.TokenType, "bearer"},
		{"JSON AccessToken length", got.JSON.TokenLength, 43},
		{"XML status", got.XML.Status, 200},
		{"XML Content-Type", got.XML.Type, "application/xml; charset=utf-8"},
		{"XML root", got.XML.Root, "LoginResult"},
		{"XML namespace", got.XML.NS, "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result"},
		{"XML TokenType", got.XML.TokenType, "bearer"},
		{"pin status", got.Pin.Status, 200},
		{"pinned scenario", got.Pin.Pinned, "invalid-refresh-token"},
		{"pinned JSON ErrorCode", got.PinnedJSON.ErrorCode, 401},
		{"pinned JSON Succeeded", got.PinnedJSON.Succeeded, false},
		{"pinned JSON Errors", strings.Join(got.PinnedJSON.Errors, "|"), "Invalid refresh token."},
		{"pinned XML ErrorCode", got.PinnedXML.ErrorCode, "401"},
		{"pinned XML AccessToken nil", got.PinnedXML.Nil, "true"},
		{"Prefer status", got.Prefer.Status, 500},
		{"Prefer body", got.Prefer.Text, `{"Message":"An error has occurred."}`},
		{"unpin status", got.Unpin, 200},
		{"journal scenarios", strings.Join(got.Journal, ","), "success,success,invalid-refresh-token,invalid-refresh-token,server-error"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("browser saw %s = %v, want %v", c.name, c.got, c.want)
			}
		})
	}
}
