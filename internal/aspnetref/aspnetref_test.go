package aspnetref

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStandIns(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tokens in JSON, numbered", `{"A":"Yk3PZq0V2mJx8nWc4tRb7LhQe1sAfD9uGo6iKy5vN_E","B":"u7Hn2Kc9QwEr4Ty1UiOp3As6Df8Gh0Jk5Lz-XcVbNmQ"}`,
			`{"A":"recorded-token-1-xxxxxxxxxxxxxxxxxxxxxxxxxx","B":"recorded-token-2-xxxxxxxxxxxxxxxxxxxxxxxxxx"}`},
		{"token in XML", `<A>-7Hn2Kc9QwEr4Ty1UiOp3As6Df8Gh0Jk5Lz-XcVbNmQ</A>`, `<A>recorded-token-1-xxxxxxxxxxxxxxxxxxxxxxxxxx</A>`},
		{"42 characters are no token", `"u7Hn2Kc9QwEr4Ty1UiOp3As6Df8Gh0Jk5Lz-XcVbNm"`, `"u7Hn2Kc9QwEr4Ty1UiOp3As6Df8Gh0Jk5Lz-XcVbNm"`},
		{"clock with fraction", `"Expires":"2026-12-05T17:05:53.12+00:00"`, `"Expires":"2030-01-02T03:04:05.1234567+00:00"`},
		{"clock in XML", `<d2p1:DateTime>2026-12-05T17:05:53.1234567Z</d2p1:DateTime>`, `<d2p1:DateTime>2030-01-02T03:04:05.1234567Z</d2p1:DateTime>`},
		{"clock without fraction", `"created":"2026-12-05T16:05:53"`, `"created":"2030-01-02T03:04:05"`},
		{"MinValue is a value", `"Expires":"0001-01-01T00:00:00+00:00"`, `"Expires":"0001-01-01T00:00:00+00:00"`},
		{"PFMS date", `"DateOfData":"05-12-2026 16:05:53"`, `"DateOfData":"02-01-2030 03:04:05"`},
		{"counter", `"ClienteId":1017,`, `"ClienteId":1001,`},
		{"failure's ClienteId 0 stays", `"ClienteId":0,`, `"ClienteId":0,`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := standIns(tt.in); got != tt.want {
				t.Errorf("standIns(%s) =\n%s\nwant\n%s", tt.in, got, tt.want)
			}
		})
	}
	if n := len(recordedToken(12)); n != 43 {
		t.Errorf("len(recordedToken(12)) = %d, want 43", n)
	}
}

func TestDecodeTextUTF16(t *testing.T) {
	body := []byte{0xFF, 0xFE, '{', 0, '}', 0}
	text, encode := decodeText("application/json; charset=utf-16", body)
	if text != "{}" {
		t.Fatalf("decodeText = %q, want {}", text)
	}
	if got := encode("[]"); string(got) != "\xFF\xFE[\x00]\x00" {
		t.Errorf("encode([]) = %q, want the byte order mark and UTF-16LE", got)
	}
}

func TestBodyJSON(t *testing.T) {
	for _, b := range []Body{Body("<a>&</a>"), Body{0xFF, 0xFE, 'x', 0}, Body("")} {
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		var back Body
		if err := json.Unmarshal(data, &back); err != nil || string(back) != string(b) {
			t.Errorf("Body %q -> %s -> %q, %v", b, data, back, err)
		}
	}
}

// failures is a testing.TB that collects Error and Fatal messages instead of failing.
type failures struct {
	testing.TB
	msgs []string
}

func (f *failures) Helper()                   {}
func (f *failures) Error(args ...any)         { f.msgs = append(f.msgs, fmt.Sprint(args...)) }
func (f *failures) Errorf(s string, a ...any) { f.msgs = append(f.msgs, fmt.Sprintf(s, a...)) }
func (f *failures) Fatalf(s string, a ...any) { f.msgs = append(f.msgs, fmt.Sprintf(s, a...)) }

func TestReplay(t *testing.T) {
	t.Setenv(RecordEnv, "")
	rec := Open(t)
	base := rec.Server()
	do := func(method, target, ct, accept, body string) (*http.Response, string) {
		req, err := http.NewRequest(method, base+target, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, body := do("POST", "/api/nothing?x=1", "application/json", "application/xml", "{}")
	if want := "<Error><Message>No HTTP resource was found that matches the request URI '" + base + "/api/nothing?x=1'.</Message></Error>"; resp.StatusCode != 404 || body != want {
		t.Errorf("replay = %d %s, want 404 %s", resp.StatusCode, body, want)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	resp, body = do("OPTIONS", "/api/nothing", "", "", "")
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" || body != "\xFF\xFE{\x00}\x00" || resp.Header.Get("Content-Type") != "" {
		t.Errorf("replay = %d Allow %q Content-Type %q %q, want 405 Allow POST, no Content-Type, the recorded bytes",
			resp.StatusCode, resp.Header.Get("Allow"), resp.Header.Get("Content-Type"), body)
	}
	if _, err := rec.Run(t, []byte("<T/>"), "--deserialize", "T"); err == nil || !strings.Contains(err.Error(), "deserialize error: x") {
		t.Errorf("Run = %v, want the recorded failure", err)
	}

	// A request or run the recording does not hold fails the test.
	f := &failures{TB: t}
	rec.tb = f
	if resp, _ := do("POST", "/api/nothing?x=1", "application/json", "application/json", "{}"); resp.StatusCode != 500 {
		t.Errorf("unrecorded request = %d, want 500", resp.StatusCode)
	}
	_, _ = rec.Run(f, nil, "--serialize", "T", "--sample")
	if len(f.msgs) != 2 || !strings.Contains(f.msgs[0], "holds no answer") || !strings.Contains(f.msgs[1], "holds no run") {
		t.Errorf("failures = %q, want one for the request and one for the run", f.msgs)
	}
}

func TestOpenWithoutRecording(t *testing.T) {
	t.Setenv(RecordEnv, "")
	f := &failures{TB: t}
	Open(f)
	if len(f.msgs) != 1 || !strings.Contains(f.msgs[0], "record them with interop/aspnet/record.sh") {
		t.Errorf("Open(no recording) failures = %q, want one saying how to record", f.msgs)
	}
}

func TestCompare(t *testing.T) {
	x := func(target, body string) Exchange {
		return Exchange{Request: Request{Method: "GET", Target: target}, Response: Response{Status: 200, Body: Body(body)}}
	}
	old := file{Exchanges: []Exchange{x("/a", "1"), x("/b", "2"), x("/c", "3")}}
	next := file{Exchanges: []Exchange{x("/a", "1"), x("/b", "two"), x("/d", "4")}}
	changed, added, dropped := compare(old, next)
	if len(changed) != 1 || !strings.Contains(changed[0], `"/b"`) || added != 1 || dropped != 1 {
		t.Errorf("compare = %q, %d added, %d dropped; want /b changed, 1 added, 1 dropped", changed, added, dropped)
	}
}

// TestSaveRefusesChangedAnswers: re-recording writes new requests, but an answer that
// changed fails the test and leaves the file as it was, unless forced.
func TestSaveRefusesChangedAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "TestX.json")
	x := func(target, body string) Exchange {
		return Exchange{Request: Request{Method: "GET", Target: target}, Response: Response{Status: 200, Body: Body(body)}}
	}
	record := func(exchanges ...Exchange) (*failures, string) {
		t.Helper()
		f := &failures{TB: t}
		r := &Recording{tb: f, path: path, exe: "AspNetReference.exe", exchanges: map[string]Exchange{}, runs: map[string]Run{}}
		if data, err := os.ReadFile(path); err == nil {
			if err := json.Unmarshal(data, &r.committed); err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range exchanges {
			r.exchanges[e.Request.key()] = e
		}
		r.save()
		data, _ := os.ReadFile(path)
		return f, string(data)
	}
	if f, data := record(x("/a", "1")); len(f.msgs) != 0 || !strings.Contains(data, `"target": "/a"`) {
		t.Fatalf("first recording: failures %q, file %s", f.msgs, data)
	}
	_, before := record(x("/a", "1"), x("/b", "2"))
	if !strings.Contains(before, `"target": "/b"`) {
		t.Fatalf("a new request was not written: %s", before)
	}
	f, after := record(x("/a", "changed"), x("/b", "2"))
	if len(f.msgs) != 1 || !strings.Contains(f.msgs[0], "1 recorded answers changed") || after != before {
		t.Errorf("changed answer: failures %q, file changed %v; want one failure and the file as it was", f.msgs, after != before)
	}
	t.Setenv(ForceEnv, "1")
	if f, forced := record(x("/a", "changed"), x("/b", "2")); len(f.msgs) != 0 || !strings.Contains(forced, `"changed"`) {
		t.Errorf("forced: failures %q, file %s; want the changed answer written", f.msgs, forced)
	}
}
