package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	yaml "github.com/oasdiff/yaml3"
)

// siteDir is a wget mirror of a Help Page site of our own: its home page, CSS and
// scripts, the Help index, 23 API pages and the model pages.
const siteDir = "testdata/site"

// mirrorServer serves a mirror directory as the live site it was saved from: /Help is
// Help/index.html, /Help/Api/X is Help/Api/X.html, /Help/ResourceModel?modelName=X is
// Help/ResourceModel@modelName=X.html. It records the paths asked for.
type mirrorServer struct {
	dir string
	mu  sync.Mutex
	got []string
}

func (m *mirrorServer) requests() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.got...)
}

func (m *mirrorServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.got = append(m.got, r.URL.RequestURI())
	m.mu.Unlock()
	rel := strings.Trim(path.Clean(r.URL.Path), "/")
	if r.URL.RawQuery != "" {
		rel += "@" + r.URL.RawQuery
	}
	for _, name := range []string{rel, rel + ".html", path.Join(rel, "index.html")} {
		if info, err := os.Stat(filepath.Join(m.dir, filepath.FromSlash(name))); err == nil && !info.IsDir() {
			http.ServeFile(w, r, filepath.Join(m.dir, filepath.FromSlash(name)))
			return
		}
	}
	http.NotFound(w, r)
}

// serveSite starts the mirror server with handler wrapped around it (nil for none).
func serveSite(t *testing.T, wrap func(http.Handler) http.Handler) (*httptest.Server, *mirrorServer) {
	t.Helper()
	m := &mirrorServer{dir: siteDir}
	var h http.Handler = m
	if wrap != nil {
		h = wrap(m)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, m
}

func runImportT(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runImport(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestImportSiteCrawledAndSaved imports the site by URL (saving it), from its mirror
// folder and from the saved folder: the three specs are byte-identical, and the crawl
// stays under /Help.
func TestImportSiteCrawledAndSaved(t *testing.T) {
	srv, m := serveSite(t, nil)
	saved := t.TempDir()
	code, byURL, stderr := runImportT(t, "-overlay", "", "-save", saved, srv.URL+"/Help")
	if code != exitOK {
		t.Fatalf("import %s/Help = %d, stderr:\n%s", srv.URL, code, stderr)
	}
	if !strings.Contains(stderr, "helpmock import: fetched 31/31 ") {
		t.Errorf("stderr = %q, want a progress line per page (31 pages)", stderr)
	}
	for _, r := range m.requests() {
		if !strings.HasPrefix(r, "/Help") {
			t.Errorf("the crawl asked for %s, outside /Help", r)
		}
	}
	code, fromMirror, stderr := runImportT(t, "-overlay", "", siteDir)
	if code != exitOK {
		t.Fatalf("import %s = %d, stderr:\n%s", siteDir, code, stderr)
	}
	code, fromSaved, stderr := runImportT(t, "-overlay", "", saved)
	if code != exitOK {
		t.Fatalf("import %s = %d, stderr:\n%s", saved, code, stderr)
	}
	if byURL != fromMirror {
		t.Errorf("import of the URL and of the mirror folder differ:\n%s", firstDiff(byURL, fromMirror))
	}
	if byURL != fromSaved {
		t.Errorf("import of the URL and of its -save folder differ:\n%s", firstDiff(byURL, fromSaved))
	}
	if ops := operations(t, byURL); len(ops) != 23 {
		t.Errorf("the site's spec has %d operations, want 23: %q", len(ops), ops)
	}
	for _, name := range []string{"index.html", "Api/GET-api-books_page_pageSize.html", "ResourceModel@modelName=Genre.html"} {
		if _, err := os.Stat(filepath.Join(saved, name)); err != nil {
			t.Errorf("-save: %v", err)
		}
	}
}

// operations lists the operations of an OpenAPI document as "METHOD path".
func operations(t *testing.T, doc string) []string {
	t.Helper()
	var d struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("parse the spec: %v", err)
	}
	var ops []string
	for p, item := range d.Paths {
		for m := range item {
			ops = append(ops, strings.ToUpper(m)+" "+p)
		}
	}
	slices.Sort(ops)
	return ops
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d and %d lines", len(al), len(bl))
}

// TestImportSiteFailures: a page that fails to load is a warning and the rest is
// imported; an index that fails, an unreachable host or a cap on the index is exit 2;
// a redirect off the site is not followed.
func TestImportSiteFailures(t *testing.T) {
	const broken = "/Help/Api/GET-api-authors"
	failing, _ := serveSite(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == broken {
				http.Error(w, "boom", http.StatusInternalServerError)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	var elsewhere []string
	var mu sync.Mutex
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere = append(elsewhere, r.URL.Path)
		mu.Unlock()
	}))
	t.Cleanup(other.Close)
	redirecting, _ := serveSite(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == broken {
				http.Redirect(w, r, other.URL+broken, http.StatusFound)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr []string
		wantOps    int // operations in the spec written (none of them GET /api/authors); 0: not checked
	}{
		{"a page failing with 500", []string{"-retries", "0", failing.URL + "/Help"}, exitOK,
			[]string{"warning: " + failing.URL + broken + ": not imported: HTTP 500"}, 22},
		{"a failing page fails -strict", []string{"-strict", "-retries", "0", failing.URL + "/Help"}, exitFail,
			[]string{"warnings (-strict)"}, 0},
		{"a redirect to another host", []string{redirecting.URL + "/Help"}, exitOK,
			[]string{"warning: " + redirecting.URL + broken + ": not imported: redirect to " + other.URL + broken + " leaves"}, 22},
		{"an index that fails", []string{"-retries", "0", failing.URL + "/Help/Api/NoSuchPage"}, exitUsage,
			[]string{"the Help index page failed to load", "HTTP 404"}, 0},
		{"an unreachable host", []string{gone.URL + "/Help"}, exitUsage,
			[]string{"the Help index page failed to load", "connection refused"}, 0},
		{"the page cap", []string{"-max-pages", "5", failing.URL + "/Help"}, exitOK,
			[]string{"stopped at 5 pages (the page cap): 22 more linked pages not fetched"}, 4},
		{"the byte cap on the index", []string{"-max-page-bytes", "1000", failing.URL + "/Help"}, exitUsage,
			[]string{"over the cap of 1000 bytes a page"}, 0},
		{"a site with no Help Page", []string{failing.URL + "/Content"}, exitUsage, []string{"failed to load"}, 0},
		{"not a URL the crawl takes", []string{"-overlay", "", "http://"}, exitUsage, []string{"not an http or https URL"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runImportT(t, append([]string{"-overlay", ""}, tt.args...)...)
			if code != tt.wantCode {
				t.Fatalf("import %q = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr)
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("import %q stderr =\n%s\nwant it to contain %q", tt.args, stderr, want)
				}
			}
			if tt.wantOps == 0 {
				return
			}
			ops := operations(t, stdout)
			if len(ops) != tt.wantOps {
				t.Errorf("import %q: %d operations, want %d", tt.args, len(ops), tt.wantOps)
			}
			if slices.Contains(ops, "GET /api/authors") {
				t.Errorf("import %q: operations %q, want no GET /api/authors (its page did not load)", tt.args, ops)
			}
		})
	}
	if len(elsewhere) > 0 {
		t.Errorf("the crawl followed a redirect to another host: it asked for %q", elsewhere)
	}
}

// TestImportSiteLegacyCharset crawls a site that serves its Help Pages in Windows-1252
// (IIS with <globalization responseEncoding="windows-1252">, whose layout still says
// <meta charset="utf-8">). Said in the Content-Type, the charset is honoured without a
// word; not said, the page is read as Windows-1252 all the same, with a warning. Either
// way the spec holds the accented text (a golden file).
func TestImportSiteLegacyCharset(t *testing.T) {
	// The pages of the helppage corpus case windows-1252-html, their <meta> saying utf-8.
	pages := map[string][]byte{}
	for path, file := range map[string]string{
		"/Help/Api/GET-api-books-id": "GET-api-books-id.html",
		"/Help/ResourceModel":        "ResourceModel@modelName=Genre.html",
	} {
		data, err := os.ReadFile("../../internal/helppage/testdata/helppages/windows-1252-html/" + file)
		if err != nil {
			t.Fatal(err)
		}
		const meta = `<meta charset="windows-1252" />`
		if !bytes.Contains(data, []byte(meta)) {
			t.Fatalf("%s has no %s", file, meta)
		}
		pages[path] = bytes.Replace(data, []byte(meta), []byte(`<meta charset="utf-8" />`), 1)
	}
	const index = `<!DOCTYPE html><html><body><h1>ASP.NET Web API Help Page</h1><table class="help-page-table">
<thead><tr><th>API</th><th>Description</th></tr></thead><tbody><tr><td class="api-name">
<a href="/Help/Api/GET-api-books-id">GET api/books/{id}</a></td><td class="api-documentation"><p>Gets one book.</p></td></tr>
</tbody></table></body></html>`
	tests := []struct {
		name        string
		contentType string
		warning     string // on stderr; "" for none about the encoding
	}{
		{"charset=windows-1252", "text/html; charset=windows-1252", ""},
		{"charset=ISO-8859-1", "text/html; charset=ISO-8859-1", ""},
		{"no charset", "text/html", "/Help/Api/GET-api-books-id:38: not UTF-8 though its <meta> says so; read as Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				switch {
				case r.URL.Path == "/Help":
					fmt.Fprint(w, index)
				case r.URL.Path == "/Help/ResourceModel" && r.URL.Query().Get("modelName") != "Genre":
					http.NotFound(w, r) // Book's page, not in the corpus case
				case pages[r.URL.Path] != nil:
					w.Write(pages[r.URL.Path])
				default:
					http.NotFound(w, r)
				}
			}))
			t.Cleanup(srv.Close)
			code, stdout, stderr := runImportT(t, "-overlay", "", srv.URL+"/Help")
			if code != exitOK {
				t.Fatalf("import %s/Help = %d, stderr:\n%s", srv.URL, code, stderr)
			}
			for _, want := range []string{"summary: Obtém um livro pelo código (edição, descrição).", "description: Título impresso — “oficial”."} {
				if !strings.Contains(stdout, want) {
					t.Errorf("import %s/Help: the spec has no %q", srv.URL, want)
				}
			}
			golden(t, "import-windows-1252-site.yaml", stdout)
			var got []string
			for _, line := range strings.Split(stderr, "\n") {
				if strings.Contains(line, "UTF-8") {
					got = append(got, line)
				}
			}
			var want []string
			if tt.warning != "" {
				want = []string{"warning: " + srv.URL + tt.warning}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("import %s/Help: encoding warnings %q, want %q", srv.URL, got, want)
			}
		})
	}
}

// TestImportSiteSavedOverlay: the overlay beside the saved pages applies to the crawl
// that saves there, as to the offline import of the saved folder; a page saved before
// that the site no longer has is a warning.
func TestImportSiteSavedOverlay(t *testing.T) {
	srv, _ := serveSite(t, nil)
	saved := t.TempDir()
	if err := os.WriteFile(filepath.Join(saved, overlayName), []byte("info:\n  title: The library\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(saved, "Api", "GET-api-gone.html")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("<h1>GET api/gone</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, byURL, stderr := runImportT(t, "-save", saved, srv.URL+"/Help")
	if want := "warning: " + old + ": not on the site (any more)"; !strings.Contains(stderr, want) {
		t.Errorf("import -save into a folder with an old page: stderr =\n%s\nwant %q", stderr, want)
	}
	if err := os.Remove(old); err != nil {
		t.Fatal(err)
	}
	if code != exitOK || !strings.Contains(byURL, "title: The library") {
		t.Fatalf("import -save %s %s/Help = %d, title given: %t; stderr:\n%s", saved, srv.URL, code, strings.Contains(byURL, "title: The library"), stderr)
	}
	code, offline, stderr := runImportT(t, saved)
	if code != exitOK {
		t.Fatalf("import %s = %d; stderr:\n%s", saved, code, stderr)
	}
	if byURL != offline {
		t.Errorf("import of the URL and of its -save folder differ:\n%s", firstDiff(byURL, offline))
	}
}

// TestProgress: a bar redrawn in place on a terminal, a line per page otherwise.
func TestProgress(t *testing.T) {
	var plain, tty bytes.Buffer
	p := newProgress(&plain)
	p.update(1, 3, "http://host/Help")
	p.update(2, 3, "http://host/Help/Api/GET-x")
	p.finish()
	if want := "helpmock import: fetched 1/3 http://host/Help\nhelpmock import: fetched 2/3 http://host/Help/Api/GET-x\n"; plain.String() != want {
		t.Errorf("progress on a pipe = %q, want %q", plain.String(), want)
	}
	bar := &progress{w: &tty, terminal: true}
	bar.update(1, 3, "http://host/Help")
	bar.update(3, 3, "http://host/Help/Api/GET-x")
	bar.finish()
	want := "\rcrawling [==========                    ] 1/3 pages" +
		"\rcrawling [==============================] 3/3 pages\n"
	if tty.String() != want {
		t.Errorf("progress on a terminal = %q, want %q", tty.String(), want)
	}
}
