package crawl

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzMirrorName: every link the crawl follows gets a file name under the -save
// directory (never an absolute path, "..", or a name a Go module cannot hold), or an
// error.
func FuzzMirrorName(f *testing.F) {
	for _, s := range []string{
		"/Help/Api/GET-api-books-id", "/Help/ResourceModel?modelName=Ns.X", "../../etc/passwd",
		"/Help/Api/%2e%2e/%2e%2e/x", "/Help/..%2f..%2fx", "/Help/a\\b", "/Help/Api/a:b?c=d/e", "//other/Help",
		"/Help/%00", "/Help/ResourceModel?modelName=..%2F..%2Fx",
	} {
		f.Add(s)
	}
	s := newSite(&url.URL{Scheme: "http", Host: "host", Path: "/Help"})
	base := &url.URL{Scheme: "http", Host: "host", Path: "/Help/Api/GET-x"}
	f.Fuzz(func(t *testing.T, href string) {
		u, ok := s.follow(base, href)
		if !ok {
			return
		}
		for _, html := range []bool{false, true} {
			name, err := s.MirrorName(u, html)
			if err != nil {
				continue
			}
			if !filepath.IsLocal(name) || strings.Contains(name, "\\") || path.Clean(name) != name {
				t.Fatalf("MirrorName(%s) = %q: not a plain file name under the directory", u, name)
			}
			for _, c := range name {
				if c == '/' || c == '%' || c == '@' || c == '=' || c == '.' || c == '-' || c == '_' ||
					'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
					strings.ContainsRune("&+,~()[]!$", c) {
					continue
				}
				t.Fatalf("MirrorName(%s) = %q: holds %q", u, name, c)
			}
		}
	})
}
