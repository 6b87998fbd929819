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
	"sync"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
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

// page is the frontend under test, served from another origin than the mock: its script
// calls the mocked API with fetch() in JSON and XML, switching scenarios as a frontend
// does (a query parameter, a Prefer header), then tries what any other site's page could
// try: read the journal, pin a scenario, and mint tokens with a request that needs no
// preflight. It writes what it got into #result.
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>frontend</title></head>
<body><pre id="result">pending</pre>
<script>
const mockURL = MOCK_URL;
const path = "/api/v2/account/refreshtoken";
const body = JSON.stringify({AccessTokenOld: "old-token", AccessTokenRefresh: "refresh-token"});
async function call(accept, extra, query) {
  const r = await fetch(mockURL + path + (query || ""), {method: "POST", body,
    headers: Object.assign({"Content-Type": "application/json", "Accept": accept}, extra || {})});
  return {status: r.status, type: r.headers.get("Content-Type"), text: await r.text()};
}
// attempt says how a fetch ended: "read N: text" when the script could read the answer,
// "opaque" when it could not (no-cors), "blocked" when the browser refused it.
async function attempt(f) {
  try {
    const r = await f();
    if (r.type === "opaque") return "opaque";
    return "read " + r.status + ": " + await r.text();
  } catch (e) {
    return "blocked";
  }
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
    const scenario = "?__scenario=invalid-refresh-token";
    const pj = JSON.parse((await call("application/json", {}, scenario)).text);
    out.scenarioJSON = {errorCode: pj.ErrorCode, succeeded: pj.Succeeded, errors: pj.Errors};
    const px = new DOMParser().parseFromString((await call("text/xml", {}, scenario)).text, "application/xml");
    out.scenarioXML = {errorCode: px.getElementsByTagName("ErrorCode")[0].textContent,
      nil: px.getElementsByTagName("AccessToken")[0].getAttribute("i:nil")};
    const pref = await call("application/json", {"Prefer": "example=server-error"});
    out.prefer = {status: pref.status, text: pref.text};
    out.readJournal = await attempt(() => fetch(mockURL + "/__helpmock/requests"));
    out.pin = await attempt(() => fetch(mockURL + "/__helpmock/scenarios/refreshToken", {method: "PUT",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify({scenario: "server-error"})}));
    out.mintNoCors = await attempt(() => fetch(mockURL + "/__helpmock/tokens", {method: "POST", mode: "no-cors",
      headers: {"Content-Type": "text/plain"}, body: "{}"}));
    const after = await call("application/json");
    out.afterAttacks = {status: after.status, succeeded: JSON.parse(after.text).Succeeded};
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
	ScenarioJSON struct {
		ErrorCode int      `json:"errorCode"`
		Succeeded bool     `json:"succeeded"`
		Errors    []string `json:"errors"`
	} `json:"scenarioJSON"`
	ScenarioXML struct {
		ErrorCode string `json:"errorCode"`
		Nil       string `json:"nil"`
	} `json:"scenarioXML"`
	Prefer struct {
		Status int    `json:"status"`
		Text   string `json:"text"`
	} `json:"prefer"`
	ReadJournal  string `json:"readJournal"`
	Pin          string `json:"pin"`
	MintNoCors   string `json:"mintNoCors"`
	AfterAttacks struct {
		Status    int  `json:"status"`
		Succeeded bool `json:"succeeded"`
	} `json:"afterAttacks"`
	Error string `json:"error"`
}

// TestBrowser loads a page from one loopback origin in headless Chromium; its fetch()
// calls go to the mock on another origin: the mocked API answers them (CORS, preflights
// for JSON and Prefer), the admin API does not (no CORS grant, no JSON from a request
// that needs no preflight), so the page can neither read the journal nor pin a scenario.
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
	admin := &adminLog{}
	srv, err := mock.New(mock.Options{Spec: bridge.Public(sp), Fixtures: set, Admin: true, CORS: true, Journal: 100, RequestLog: admin})
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
		{"query scenario JSON ErrorCode", got.ScenarioJSON.ErrorCode, 401},
		{"query scenario JSON Succeeded", got.ScenarioJSON.Succeeded, false},
		{"query scenario JSON Errors", strings.Join(got.ScenarioJSON.Errors, "|"), "Invalid refresh token."},
		{"query scenario XML ErrorCode", got.ScenarioXML.ErrorCode, "401"},
		{"query scenario XML AccessToken nil", got.ScenarioXML.Nil, "true"},
		{"Prefer status", got.Prefer.Status, 500},
		{"Prefer body", got.Prefer.Text, `{"Message":"An error has occurred."}`},
		{"reading the journal is blocked", got.ReadJournal, "blocked"},
		{"pinning is blocked", got.Pin, "blocked"},
		{"minting without a preflight is opaque", got.MintNoCors, "opaque"},
		{"no PUT reached the admin API (its preflight got no grant)", admin.count("PUT", "/__helpmock/"), 0},
		{"the mint without a preflight was refused: 415", admin.status("POST", "/__helpmock/tokens"), 415},
		{"nothing pinned", pinned(srv, "refreshToken"), ""},
		{"the mocked API answers as before", got.AfterAttacks.Status == 200 && got.AfterAttacks.Succeeded, true},
		{"journal scenarios", journalScenarios(srv), "success,success,invalid-refresh-token,invalid-refresh-token,server-error,success"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("browser saw %s = %v, want %v", c.name, c.got, c.want)
			}
		})
	}
}

// adminLog records the admin API's requests from the request log.
type adminLog struct {
	mu      sync.Mutex
	entries []mock.RequestLogEntry
}

func (l *adminLog) LogRequest(e mock.RequestLogEntry) {
	if !strings.HasPrefix(e.URI, mock.AdminPrefix) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
}

// count returns how many requests with method had a URI under prefix.
func (l *adminLog) count(method, prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.entries {
		if e.Method == method && strings.HasPrefix(e.URI, prefix) {
			n++
		}
	}
	return n
}

// status returns the status of the last request with method to uri, 0 when none.
func (l *adminLog) status(method, uri string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.entries) - 1; i >= 0; i-- {
		if e := l.entries[i]; e.Method == method && e.URI == uri {
			return e.Status
		}
	}
	return 0
}

func pinned(s *mock.Server, operation string) string {
	for _, info := range s.Scenarios() {
		if info.OperationID == operation && info.Pinned != nil {
			return *info.Pinned
		}
	}
	return ""
}

func journalScenarios(s *mock.Server) string {
	var out []string
	for _, e := range s.Journal("refreshToken") {
		out = append(out, e.Scenario)
	}
	return strings.Join(out, ",")
}
