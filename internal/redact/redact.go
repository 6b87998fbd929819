package redact

import (
	"mime"
	"net/http"
	"sort"
	"strings"
)

// Mask replaces a secret value.
const Mask = "[redacted]"

// secretHeaders are the headers that carry credentials whatever the spec says.
var secretHeaders = map[string]bool{
	"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Set-Cookie": true,
}

// IsSecretHeader reports whether the header name (any case) carries credentials:
// Authorization, Proxy-Authorization, Cookie or Set-Cookie.
func IsSecretHeader(name string) bool {
	return secretHeaders[http.CanonicalHeaderKey(name)]
}

// Rules say which members are secret. The zero value and nil hide only the credential
// headers; a Rules is safe for concurrent use once made.
type Rules struct {
	members map[string]bool // lower case: Json.NET and form binding match names so
}

// OAuthSecrets are the parameters OAuth 2.0 defines for credentials (RFC 6749 §4.3.2,
// §2.3.1 and §6; RFC 6750 §2.2 and §2.3), secret in any API: New always adds them.
var OAuthSecrets = []string{"access_token", "refresh_token", "client_secret", "password"}

// New returns the rules that hide the members and parameters named in members, and
// OAuthSecrets, (matched case-insensitively, as ASP.NET binds them) wherever they appear.
func New(members []string) *Rules {
	r := &Rules{members: make(map[string]bool, len(members)+len(OAuthSecrets))}
	for _, m := range append(OAuthSecrets, members...) {
		r.members[strings.ToLower(m)] = true
	}
	return r
}

// Secret reports whether name is a secret member or parameter.
func (r *Rules) Secret(name string) bool {
	if r == nil || len(r.members) == 0 {
		return false
	}
	if r.members[name] {
		return true
	}
	return r.members[strings.ToLower(name)]
}

// Header returns h with the values of its secret headers (IsSecretHeader, or named as a
// secret parameter) replaced by Mask, and the values it replaced. h itself is returned,
// never changed, when it holds none.
func (r *Rules) Header(h http.Header) (http.Header, []string) {
	var out http.Header
	var found []string
	for k, vs := range h {
		if !IsSecretHeader(k) && !r.Secret(k) {
			continue
		}
		if out == nil {
			out = make(http.Header, len(h))
			for k2, vs2 := range h {
				out[k2] = vs2
			}
		}
		masked := make([]string, len(vs))
		for i, v := range vs {
			masked[i] = Mask
			found = append(found, credentials(v)...)
		}
		out[k] = masked
	}
	if out == nil {
		return h, nil
	}
	return out, found
}

// credentials returns the secret parts of a header value: the value, and for
// "Scheme credentials" (RFC 9110 §11.4) the credentials alone, which a server may quote.
func credentials(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if _, cred, ok := strings.Cut(v, " "); ok && strings.TrimSpace(cred) != "" {
		return []string{v, strings.TrimSpace(cred)}
	}
	return []string{v}
}

// Query returns the raw query with the values of secret parameters replaced by Mask, and
// the values it replaced (unescaped).
func (r *Rules) Query(raw string) (string, []string) {
	if raw == "" || r == nil || len(r.members) == 0 {
		return raw, nil
	}
	var found []string
	out := rewriteForm([]byte(raw), r.replacer(&found))
	return string(out), found
}

// URI returns a request URI (path and query) with its secret parameters hidden, and the
// values it hid.
func (r *Rules) URI(uri string) (string, []string) {
	path, query, ok := strings.Cut(uri, "?")
	if !ok {
		return uri, nil
	}
	q, found := r.Query(query)
	if found == nil {
		return uri, nil
	}
	return path + "?" + q, found
}

// Body returns body with the values of its secret members replaced by Mask, and the
// values it replaced. The format is told by the first character of the body ('{' or '['
// JSON, '<' XML), else by contentType (form data); body itself is returned when it holds
// no secret.
func (r *Rules) Body(body []byte, contentType string) ([]byte, []string) {
	if len(body) == 0 || r == nil || len(r.members) == 0 {
		return body, nil
	}
	var found []string
	return Members(body, contentType, r.replacer(&found)), found
}

// replacer is the Replacer that masks secret members and records their values in found.
func (r *Rules) replacer(found *[]string) Replacer {
	return func(name, value string, quoted bool) (string, bool) {
		if !r.Secret(name) {
			return "", false
		}
		if value != "" {
			*found = append(*found, value)
		}
		if quoted {
			return Mask, true
		}
		return `"` + Mask + `"`, true
	}
}

// Scrub returns s with every occurrence of the values replaced by Mask, the longest
// value first so that a value holding another is replaced whole. Values shorter than
// MinScrubLength are left, since they would match unrelated text. Text cut short with
// an ellipsis ("…", as excerpts end) that ends in the start of a value has that start
// replaced too.
func Scrub(s string, values []string) string {
	if s == "" || len(values) == 0 {
		return s
	}
	vs := make([]string, 0, len(values))
	for _, v := range values {
		if len(v) >= MinScrubLength && strings.Contains(s, v) {
			vs = append(vs, v)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return len(vs[i]) > len(vs[j]) })
	for _, v := range vs {
		s = strings.ReplaceAll(s, v, Mask)
	}
	return scrubCut(s, values)
}

// ellipsis ends text cut short.
const ellipsis = "…"

// scrubCut replaces the start of a value (at least MinScrubLength long) that ends text
// cut with an ellipsis.
func scrubCut(s string, values []string) string {
	body, cut := strings.CutSuffix(s, ellipsis)
	if !cut {
		return s
	}
	for _, v := range values {
		for k := len(v) - 1; k >= MinScrubLength; k-- {
			if strings.HasSuffix(body, v[:k]) {
				return body[:len(body)-k] + Mask + ellipsis
			}
		}
	}
	return s
}

// MinScrubLength is the shortest value Scrub replaces in free text.
const MinScrubLength = 4

// mediaType returns contentType's media type in lower case, "" when it has none.
func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}
