package crawl

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// site is the part of the web a crawl may visit: one scheme and host, and the paths
// under prefix (compared case-insensitively, as IIS does).
type site struct {
	scheme, host string
	// prefix is the lower-case path of the Help root, without a trailing slash ("/help").
	prefix string
	// root is the Help root as given, for messages (http://host/Help).
	root string
}

// newSite returns the site of the start URL: its directory when its last segment names
// a file (/Help/index.html), else its whole path (/Help).
func newSite(u *url.URL) site {
	p := strings.TrimSuffix(u.Path, "/")
	if strings.Contains(path.Base(p), ".") {
		p = path.Dir(p)
	}
	p = strings.TrimSuffix(p, "/")
	root := url.URL{Scheme: u.Scheme, Host: u.Host, Path: p}
	return site{scheme: u.Scheme, host: strings.ToLower(u.Host), prefix: strings.ToLower(p), root: root.String()}
}

// contains reports whether u is on the site.
func (s site) contains(u *url.URL) bool {
	if u.Scheme != s.scheme || strings.ToLower(u.Host) != s.host {
		return false
	}
	p := strings.ToLower(u.Path)
	return p == s.prefix || p == s.prefix+"/" || strings.HasPrefix(p, s.prefix+"/")
}

// rel is u's path under the prefix, in its own case, without a leading slash.
func (s site) rel(u *url.URL) string {
	return strings.Trim(u.Path[min(len(s.prefix), len(u.Path)):], "/")
}

// key identifies a page: the same path in another case, or with a trailing slash, is the
// same page on IIS.
func key(u *url.URL) string {
	k := strings.TrimSuffix(strings.ToLower(u.Path), "/")
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k
}

// staticExtensions are the file types a Help Page links that are not pages.
var staticExtensions = map[string]bool{
	".css": true, ".js": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true,
	".ico": true, ".svg": true, ".woff": true, ".woff2": true, ".ttf": true, ".eot": true,
	".map": true, ".zip": true, ".pdf": true,
}

// follow resolves a link of the page at base and reports whether the crawl follows it:
// a page on the site that is not a static file. The fragment is dropped.
func (s site) follow(base *url.URL, href string) (*url.URL, bool) {
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return nil, false
	}
	u := base.ResolveReference(ref)
	u.Fragment, u.RawFragment = "", ""
	if !s.contains(u) || staticExtensions[strings.ToLower(path.Ext(u.Path))] {
		return nil, false
	}
	return u, true
}

// MirrorName is the file name, relative to the Help root, under which a mirror saves the
// page at u: the path under the root ("index.html" for the root itself), "@" and the
// query for a query (ResourceModel@modelName=Ns.X), ".html" appended to an HTML page
// whose name does not end so (wget -m -E --restrict-file-names=windows). Characters a
// file name cannot hold are %-escaped; a path that would leave the directory is an error.
func (s site) MirrorName(u *url.URL, html bool) (string, error) {
	rel := s.rel(u)
	var segs []string
	if rel != "" {
		for _, seg := range strings.Split(rel, "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", fmt.Errorf("%s: no file name for path segment %q", u, seg)
			}
			segs = append(segs, escapeName(seg))
		}
	}
	if u.RawQuery != "" {
		q, err := url.QueryUnescape(u.RawQuery)
		if err != nil {
			q = u.RawQuery
		}
		if len(segs) == 0 {
			segs = []string{"index"}
		}
		segs[len(segs)-1] += "@" + escapeName(q)
	}
	if len(segs) == 0 {
		return "index.html", nil
	}
	name := strings.Join(segs, "/")
	if lower := strings.ToLower(name); html && !strings.HasSuffix(lower, ".html") && !strings.HasSuffix(lower, ".htm") {
		name += ".html"
	}
	return name, nil
}

// escapeName %-escapes the bytes a portable file name (and a Go module) cannot hold.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-_.=&@+,~()[]!$", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
