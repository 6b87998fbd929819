package mock

import (
	"net/http"

	"github.com/helpmock/helpmock/internal/redact"
	"github.com/helpmock/helpmock/internal/spec"
)

// specRules are the redaction rules of one spec (its x-helpmock-secret members).
type specRules struct {
	spec  *spec.Spec
	rules *redact.Rules
}

// redactRules returns the rules of the spec the mock serves now (cached in s.rules: a
// reload swaps the spec, and the rules follow on first use); nil when
// Options.JournalSecrets shows secrets.
func (s *Server) redactRules() *redact.Rules {
	if s.opts.JournalSecrets {
		return nil
	}
	sp := s.current().spec
	if r := s.rules.Load(); r != nil && r.spec == sp {
		return r.rules
	}
	r := &specRules{spec: sp, rules: redact.New(sp.Secrets)}
	s.rules.Store(r)
	return r.rules
}

// redactEntry returns e as the journal shows it: credential headers and secret members
// of the query and body [redacted], and the messages that quote them scrubbed. The
// stored entry is left as it is.
func (s *Server) redactEntry(e JournalEntry) JournalEntry {
	rules := s.redactRules()
	if rules == nil {
		return e
	}
	var found, more []string
	e.Header, found = rules.Header(e.Header)
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

// redactLogEntry hides the secrets of req in its request log line: the secret query
// parameters of the URI, and any secret value (query, credential header, body member
// when the journal captured the body) that the error quotes.
func (s *Server) redactLogEntry(le *RequestLogEntry, req *http.Request, body *capture) {
	if req.URL.RawQuery == "" && le.Error == "" {
		return // the common case costs nothing
	}
	rules := s.redactRules()
	if rules == nil {
		return
	}
	var found []string
	le.URI, found = rules.URI(le.URI)
	if le.Error == "" {
		return
	}
	_, more := rules.Header(req.Header)
	found = append(found, more...)
	if body != nil {
		_, more = rules.Body(body.buf, req.Header.Get("Content-Type"))
		found = append(found, more...)
	}
	le.Error = redact.Scrub(le.Error, found)
}
