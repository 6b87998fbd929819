package contracts_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// corpusDirs lists the Help Page corpus folders: the importer's, this package's own, and
// the seed documents (imported with no overlay, as a new user does).
func corpusDirs(tb testing.TB) []string {
	tb.Helper()
	dirs := []string{"../docs/helppages"}
	for _, pattern := range []string{"../internal/helppage/testdata/helppages/*", "testdata/helppages/*"} {
		ds, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		dirs = append(dirs, ds...)
	}
	if len(dirs) == 0 {
		tb.Fatal("no Help Page corpus folder")
	}
	return dirs
}

// TestMockPassesImportedCorpus imports each Help Page corpus folder, serves it with the
// mock (no fixtures) and runs the contract suite against it, as a new user does with
// import, serve and verify: collections, dictionaries and primitives as the whole body,
// 204 answers without content, path parameters in the first segment and query
// parameters from the title included. Every probe must pass: the framework's own errors
// are documented by the importer, and no request carries a literal {id}.
func TestMockPassesImportedCorpus(t *testing.T) {
	for _, dir := range corpusDirs(t) {
		name := filepath.Base(dir)
		if name == "helppages" {
			name = "seeds"
		}
		t.Run(name, func(t *testing.T) {
			s := importDir(t, dir)
			lenient, err := mock.New(mock.Options{Spec: bridge.Public(s), Lenient: true})
			if err != nil {
				t.Fatal(err)
			}
			if r := verifyAgainst(t, lenient, contracts.Options{Spec: bridge.Public(s)}); !r.OK() {
				t.Errorf("Verify(lenient mock of %s) = %d passed, %d failed, want 0 failed:\n%s", dir, r.Passed, r.Failed, textReport(t, r))
			}
			r := verifyAgainst(t, newImportedMock(t, s), contracts.Options{Spec: bridge.Public(s)})
			if !r.OK() || r.Passed == 0 {
				t.Fatalf("Verify(mock of %s) = %d passed, %d failed, want 0 failed:\n%s", dir, r.Passed, r.Failed, textReport(t, r))
			}
			probes := map[int]bool{}
			for _, c := range r.Cases {
				if strings.ContainsAny(c.URL, "{}") || strings.Contains(strings.ToUpper(c.URL), "%7B") {
					t.Errorf("case %s %s: URL %s has a path template's braces", c.Operation, c.Name, c.URL)
				}
				probes[c.Status] = true
			}
			for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
				if !probes[status] {
					t.Errorf("Verify(mock of %s): no case answered %d", dir, status)
				}
			}
		})
	}
}

// TestImportedCorpusDrift checks that the suite, run on a freshly imported spec, fails a
// server that answers the framework's errors in another shape than Web API 2 does.
func TestImportedCorpusDrift(t *testing.T) {
	tests := []struct {
		name    string
		rewrite rewrite
		check   string
		message string
	}{
		{"400 without ModelState", func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusBadRequest {
				return status, body
			}
			if isXMLAnswer(h) {
				return status, []byte(`<Error><Message>The request is invalid.</Message></Error>`)
			}
			return status, []byte(`{"Message":"The request is invalid."}`)
		}, contracts.CheckBody, "ModelState"},
		{"404 as a bare string", func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusNotFound || !isJSONAnswer(h) {
				return status, body
			}
			return status, []byte(`"No HTTP resource was found that matches the request URI."`)
		}, contracts.CheckJSONSchema, "object"},
		{"415 answered as 400", func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusUnsupportedMediaType {
				return status, body
			}
			return http.StatusBadRequest, body
		}, contracts.CheckStatus, "415"},
		{"405 answered as 404", func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusMethodNotAllowed {
				return status, body
			}
			h.Del("Allow")
			return http.StatusNotFound, body
		}, contracts.CheckStatus, "405"},
	}
	dirs := []string{"testdata/helppages/buckets", "../internal/helppage/testdata/helppages/settings"}
	for _, dir := range dirs {
		s := importDir(t, dir)
		for _, tt := range tests {
			t.Run(filepath.Base(dir)+"/"+tt.name, func(t *testing.T) {
				r := verifyAgainst(t, drifting(newImportedMock(t, s), tt.rewrite), contracts.Options{Spec: bridge.Public(s)})
				for _, v := range r.Violations() {
					if v.Check == tt.check && strings.Contains(v.Message+" "+v.Expected, tt.message) {
						return
					}
				}
				t.Errorf("Verify(%s, %s) violations lack a %s violation with %q; got:\n%s", dir, tt.name, tt.check, tt.message, textReport(t, r))
			})
		}
	}
}

// newImportedMock is the mock of an imported spec, with no fixtures.
func newImportedMock(tb testing.TB, s *spec.Spec) http.Handler {
	tb.Helper()
	m, err := mock.New(mock.Options{Spec: bridge.Public(s)})
	if err != nil {
		tb.Fatalf("mock.New(%s) error: %v", s.Source, err)
	}
	return m
}

// importDir imports the Help Page documents of dir into a loaded spec.
func importDir(tb testing.TB, dir string) *spec.Spec {
	tb.Helper()
	docs, err := helppage.ReadDocuments(os.DirFS(dir), ".")
	if err != nil {
		tb.Fatal(err)
	}
	res, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		tb.Fatalf("Import(%s) error: %v", dir, err)
	}
	s, err := spec.Load(dir, res.YAML)
	if err != nil {
		tb.Fatalf("spec.Load(Import(%s)) error: %v", dir, err)
	}
	return s
}

// TestSetParameter checks that Options.Set gives a path or query parameter its value in
// every case, matched in any letter case, as Web API's value providers match.
func TestSetParameter(t *testing.T) {
	s := importDir(t, "testdata/helppages/buckets")
	bucket := "0b7e55b2-5a55-4c1e-9d2c-7a9e8f6d5c4b"
	mockServer := newImportedMock(t, s)
	var mu sync.Mutex
	var sent []string // the request URIs the target received
	recording := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sent = append(sent, r.Method+" "+r.URL.RequestURI())
		mu.Unlock()
		mockServer.ServeHTTP(w, r)
	})
	r := verifyAgainst(t, recording, contracts.Options{Spec: bridge.Public(s), Set: map[string]string{"BUCKET": bucket, "version": "7"}})
	if !r.OK() {
		t.Fatalf("Verify(set bucket, version) = %d failed, want 0:\n%s", r.Failed, textReport(t, r))
	}
	if len(sent) == 0 {
		t.Fatal("the target received no request")
	}
	for _, uri := range sent {
		if !strings.Contains(uri, "/"+bucket+"/source") {
			t.Errorf("request %s lacks the bucket set", uri)
		}
		if strings.HasPrefix(uri, "GET /"+bucket+"/source?") && !strings.Contains(uri, "version=7") {
			t.Errorf("request %s lacks version=7", uri)
		}
	}
	// The report shows a -set value as the shell variable that stands for it.
	for _, c := range r.Cases {
		if !strings.Contains(c.URL, "/$HELPMOCK_SET_BUCKET/source") || strings.Contains(c.URL, bucket) {
			t.Errorf("case %s %s: URL %s, want the bucket as $HELPMOCK_SET_BUCKET", c.Operation, c.Name, c.URL)
		}
	}
}
