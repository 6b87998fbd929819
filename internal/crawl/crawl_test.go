package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/crawl"
)

// index links n API pages.
func index(n int) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body><h1>ASP.NET Web API Help Page</h1><a href=\"/\">Home</a><table>")
	for i := range n {
		fmt.Fprintf(&b, "<tr><td class=\"api-name\"><a href=\"/Help/Api/GET-api-x%d\">GET api/x%d</a></td></tr>", i, i)
	}
	b.WriteString("</table><link href=\"/Help/site.css\" rel=\"stylesheet\"></body></html>")
	return b.String()
}

const apiPage = `<!DOCTYPE html><html><body><a href="/Help">Help Page Home</a><h1>GET api/x</h1>
<a href="/Help/ResourceModel?modelName=Book">Book</a></body></html>`

const modelPage = `<!DOCTYPE html><html><body><h1>Book</h1><a href="/Help/ResourceModel?modelName=Author">Author</a></body></html>`

// site serves an index of n API pages that link model pages; handle, when set, answers
// a request first (it returns true when it did).
func site(t *testing.T, n int, handle func(w http.ResponseWriter, r *http.Request) bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if handle != nil && handle(w, r) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/Help":
			fmt.Fprint(w, index(n))
		case strings.HasPrefix(r.URL.Path, "/Help/Api/"):
			fmt.Fprint(w, apiPage)
		case r.URL.Path == "/Help/ResourceModel":
			fmt.Fprint(w, modelPage)
		default:
			t.Errorf("the crawl asked for %s", r.URL)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func names(res *crawl.Result) []string {
	var out []string
	for _, p := range res.Pages {
		out = append(out, p.Name)
	}
	return out
}

func TestCrawlSite(t *testing.T) {
	srv := site(t, 3, nil)
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Api/GET-api-x0.html", "Api/GET-api-x1.html", "Api/GET-api-x2.html",
		"ResourceModel@modelName=Author.html", "ResourceModel@modelName=Book.html", "index.html"}
	if got := names(res); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Crawl pages = %q, want %q", got, want)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("Crawl warnings = %q, want none", res.Warnings)
	}
}

// TestCrawlKeepsContentType: each page keeps the Content-Type it was served with, whose
// charset the import decodes it by.
func TestCrawlKeepsContentType(t *testing.T) {
	srv := site(t, 1, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/Help/Api/GET-api-x0" {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, apiPage)
		return true
	})
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Pages {
		want := "text/html; charset=utf-8"
		if p.Name == "Api/GET-api-x0.html" {
			want = "text/html; charset=windows-1252"
		}
		if p.ContentType != want {
			t.Errorf("Crawl page %s ContentType = %q, want %q", p.Name, p.ContentType, want)
		}
	}
}

func TestCrawlRetries(t *testing.T) {
	tests := []struct {
		name         string
		failures     int32 // 500s before a 200
		retries      int
		wantRequests int32
		wantWarning  string
	}{
		{"a 500 then a 200", 1, 2, 2, ""},
		{"two 500s then a 200", 2, 2, 3, ""},
		{"500 forever", 1000, 2, 3, "/Help/Api/GET-api-x0: not imported: HTTP 500"},
		{"no retries", 1, -1, 1, "/Help/Api/GET-api-x0: not imported: HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := site(t, 1, func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != "/Help/Api/GET-api-x0" {
					return false
				}
				if requests.Add(1) <= tt.failures {
					http.Error(w, "down", http.StatusInternalServerError)
					return true
				}
				return false
			})
			res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{Retries: tt.retries, Backoff: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if got := requests.Load(); got != tt.wantRequests {
				t.Errorf("requests for the page = %d, want %d", got, tt.wantRequests)
			}
			got := strings.Join(res.Warnings, "\n")
			if tt.wantWarning == "" && got != "" || !strings.Contains(got, tt.wantWarning) {
				t.Errorf("warnings = %q, want %q", got, tt.wantWarning)
			}
		})
	}
}

func TestCrawlTimeout(t *testing.T) {
	var requests atomic.Int32
	srv := site(t, 2, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/Help/Api/GET-api-x1" {
			return false
		}
		requests.Add(1)
		<-r.Context().Done() // never answers
		return true
	})
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help",
		crawl.Options{Timeout: 2 * time.Second, Retries: 1, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := requests.Load(); got != 2 {
		t.Errorf("requests for the page that times out = %d, want 2 (one retry)", got)
	}
	if got := strings.Join(res.Warnings, "\n"); !strings.Contains(got, "GET-api-x1: not imported: no answer within 2s (the timeout of a request)") {
		t.Errorf("warnings = %q, want the page that timed out", got)
	}
	if len(res.Pages) != 4 {
		t.Errorf("pages = %q, want the 4 others", names(res))
	}
}

func TestCrawlConcurrency(t *testing.T) {
	const limit = 3
	var mu sync.Mutex
	inFlight, most := 0, 0
	var once sync.Once
	release := make(chan struct{})
	srv := site(t, 10, func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/Help/Api/") {
			return false
		}
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		if inFlight == limit {
			// Hold the requests in flight a while: one more would show up now.
			once.Do(func() { time.AfterFunc(100*time.Millisecond, func() { close(release) }) })
		}
		mu.Unlock()
		defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		select {
		case <-release:
		case <-time.After(time.Minute):
			t.Errorf("%d requests in flight at most, want %d", most, limit)
		}
		return false
	})
	if _, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{Concurrency: limit}); err != nil {
		t.Fatal(err)
	}
	if most != limit {
		t.Errorf("%d requests in flight at most, want %d", most, limit)
	}
}

func TestCrawlCaps(t *testing.T) {
	big := "<!DOCTYPE html><html><body>" + strings.Repeat("x", 3000) + "</body></html>"
	srv := site(t, 5, func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/Help/Api/GET-api-x1":
			w.Header().Set("Content-Length", fmt.Sprint(len(big))) // refused before reading
			fmt.Fprint(w, big)
			return true
		case "/Help/Api/GET-api-x2":
			w.(http.Flusher).Flush() // chunked: refused after reading past the cap
			fmt.Fprint(w, big)
			return true
		}
		return false
	})
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{MaxPages: 4, MaxPageBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	// The index, x0, and x1 and x2 (too large) are the 4 pages; x3, x4 and Book are left out.
	want := []string{"Api/GET-api-x0.html", "index.html"}
	if got := names(res); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pages = %q, want %q", got, want)
	}
	warnings := strings.Join(res.Warnings, "\n")
	for _, w := range []string{
		"GET-api-x1: not imported: page too large: 3041 bytes, over the cap of 2000 bytes a page",
		"GET-api-x2: not imported: page too large: over the cap of 2000 bytes a page",
		"/Help: stopped at 4 pages (the page cap): 3 more linked pages not fetched",
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings =\n%s\nwant %q", warnings, w)
		}
	}
}

func TestCrawlTotalBytesCap(t *testing.T) {
	srv := site(t, 5, nil)
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{MaxBytes: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); fmt.Sprint(got) != "[index.html]" {
		t.Errorf("pages = %q, want the index only (it fills the cap)", got)
	}
	if got, want := strings.Join(res.Warnings, "\n"), "/Help: stopped at 1 bytes of pages (the crawl's cap): 5 more linked pages not fetched"; !strings.Contains(got, want) {
		t.Errorf("warnings = %q, want %q", got, want)
	}
}

func TestCrawlRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	srv := site(t, 3, func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/Help/Api/GET-api-x0":
			http.Redirect(w, r, other.URL+"/Help/Api/GET-api-x0", http.StatusFound)
			return true
		case "/Help/Api/GET-api-x1":
			http.Redirect(w, r, "/Account/Login?ReturnUrl=%2FHelp", http.StatusFound)
			return true
		case "/Help/Api/GET-api-x2":
			http.Redirect(w, r, "/Help/Api/GET-api-renamed", http.StatusMovedPermanently)
			return true
		}
		return false
	})
	res, err := crawl.Crawl(context.Background(), srv.URL+"/Help", crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if elsewhere.Load() > 0 {
		t.Errorf("the crawl followed a redirect to another host")
	}
	warnings := strings.Join(res.Warnings, "\n")
	for _, w := range []string{
		"GET-api-x0: not imported: redirect to " + other.URL + "/Help/Api/GET-api-x0 leaves " + srv.URL + "/Help: not followed",
		"GET-api-x1: not imported: redirect to " + srv.URL + "/Account/Login?ReturnUrl=%2FHelp leaves",
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings =\n%s\nwant %q", warnings, w)
		}
	}
	if got := names(res); !strings.Contains(fmt.Sprint(got), "Api/GET-api-x2.html") {
		t.Errorf("pages = %q, want GET-api-x2 (redirected on the site)", got)
	}
}

func TestCrawlIndexFails(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	srv := site(t, 1, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/Nope" {
			http.NotFound(w, r)
			return true
		}
		return false
	})
	for _, start := range []string{gone.URL + "/Help", srv.URL + "/Nope", "ftp://host/Help"} {
		_, err := crawl.Crawl(context.Background(), start, crawl.Options{Retries: -1})
		if err == nil {
			t.Errorf("Crawl(%s) = nil error, want one", start)
			continue
		}
		if !strings.HasPrefix(start, "ftp") && !errors.Is(err, crawl.ErrIndex) {
			t.Errorf("Crawl(%s) = %v, want ErrIndex", start, err)
		}
	}
}

// TestCrawlHTTPSUpgrade: an index that redirects from http to https on the same host
// name moves the crawl to https; a later page's redirect to http is not followed.
func TestCrawlHTTPSUpgrade(t *testing.T) {
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch {
		case r.URL.Path == "/Help":
			fmt.Fprint(w, index(2))
		case r.URL.Path == "/Help/Api/GET-api-x1":
			http.Redirect(w, r, "http://"+r.Host+"/Help/Api/GET-api-x1", http.StatusFound)
		case r.URL.Path == "/Help/ResourceModel":
			fmt.Fprint(w, modelPage)
		default:
			fmt.Fprint(w, apiPage)
		}
	}))
	defer secure.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, secure.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	defer plain.Close()
	res, err := crawl.Crawl(context.Background(), plain.URL+"/Help", crawl.Options{Transport: secure.Client().Transport})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Api/GET-api-x0.html", "ResourceModel@modelName=Author.html", "ResourceModel@modelName=Book.html", "index.html"}
	if got := names(res); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pages = %q, want %q", got, want)
	}
	if got := strings.Join(res.Warnings, "\n"); !strings.Contains(got, "GET-api-x1: not imported: redirect to http://") {
		t.Errorf("warnings = %q, want the redirect back to http refused", got)
	}
}
