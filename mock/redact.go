package mock

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/helpmock/helpmock/internal/redact"
	"github.com/helpmock/helpmock/internal/spec"
)

// specRules are the redaction rules of one spec (its x-helpmock-secret members).
type specRules struct {
	spec  *spec.Spec
	rules *redact.Rules
	// pathSecrets maps an operationId to the indexes of the path segments (split at "/")
	// that hold a secret path parameter, such as {resetToken}.
	pathSecrets map[string][]int
}

// redactRules returns the rules of the spec the mock serves now (cached in s.rules: a
// reload swaps the spec, and the rules follow on first use); nil when
// Options.JournalSecrets shows secrets.
func (s *Server) redactRules() *specRules {
	if s.opts.JournalSecrets {
		return nil
	}
	sp := s.current().spec
	if r := s.rules.Load(); r != nil && r.spec == sp {
		return r
	}
	r := &specRules{spec: sp, rules: redact.New(sp.Secrets), pathSecrets: map[string][]int{}}
	for _, op := range sp.Operations {
		for i, seg := range strings.Split(op.Path, "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok && strings.HasSuffix(name, "}") &&
				r.rules.Secret(strings.TrimSuffix(name, "}")) {
				r.pathSecrets[op.ID] = append(r.pathSecrets[op.ID], i)
			}
		}
	}
	s.rules.Store(r)
	return r
}

// path returns path (a request URI, whose query stays as it is) with the segments that
// hold op's secret path parameters [redacted], and the values it hid (as sent and
// unescaped, to scrub from messages).
func (r *specRules) path(op, path string) (string, []string) {
	idx := r.pathSecrets[op]
	if len(idx) == 0 {
		return path, nil
	}
	path, query, hasQuery := strings.Cut(path, "?")
	segs := strings.Split(path, "/")
	var found []string
	for _, i := range idx {
		if i < len(segs) && segs[i] != "" {
			v, err := url.PathUnescape(segs[i])
			if err != nil {
				v = segs[i]
			}
			found = append(found, v, segs[i])
			segs[i] = "[redacted]"
		}
	}
	path = strings.Join(segs, "/")
	if hasQuery {
		path += "?" + query
	}
	return path, found
}

// redactEntry returns e as the journal shows it: credential headers and secret members
// of the query and body [redacted], and the messages that quote them scrubbed. The
// stored entry is left as it is.
func (s *Server) redactEntry(e JournalEntry) JournalEntry {
	r := s.redactRules()
	if r == nil {
		return e
	}
	rules := r.rules
	var found, more []string
	e.Path, found = r.path(e.Operation, e.Path)
	e.Header, more = rules.Header(e.Header)
	found = append(found, more...)
	e.Query, more = rules.Query(e.Query)
	found = append(found, more...)
	if e.Body != "" {
		var body []byte
		body, more = rules.Body([]byte(e.Body), e.Header.Get("Content-Type"))
		e.Body, found = string(body), append(found, more...)
	}
	e.ValidationError = redact.Scrub(e.ValidationError, found)
	e.Error = redact.Scrub(e.Error, found)
	return e
}

// redactLogEntry hides the secrets of req in its request log line: the secret path and
// query parameters of the URI, and any secret value (path, query, credential header, body
// member when the journal captured the body) that the error quotes.
func (s *Server) redactLogEntry(le *RequestLogEntry, req *http.Request, body *capture) {
	r := s.redactRules()
	if r == nil || (req.URL.RawQuery == "" && le.Error == "" && r.pathSecrets[le.Operation] == nil) {
		return // the common case costs a map lookup
	}
	rules := r.rules
	var found, more []string
	le.URI, found = r.path(le.Operation, le.URI)
	le.URI, more = rules.URI(le.URI)
	found = append(found, more...)
	if le.Error == "" {
		return
	}
	_, more = rules.Header(req.Header)
	found = append(found, more...)
	if body != nil {
		_, more = rules.Body(body.buf, req.Header.Get("Content-Type"))
		found = append(found, more...)
	}
	le.Error = redact.Scrub(le.Error, found)
}
