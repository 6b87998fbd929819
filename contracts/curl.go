package contracts

import (
	"net/http"
	"slices"
	"strings"
)

// curl returns a shell command that sends req with body again: method, URL, headers in
// sorted order, and the body as --data-binary (absent when the request has none). It
// holds no secret (see reportSecrets): a -header or -set value is read from its shell
// variable ("$HELPMOCK_HEADER_AUTHORIZATION"), so the line runs once the variable is
// set, and the spec's other secret members read [redacted].
func (s *reportSecrets) curl(req *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString("curl -sS -i -X ")
	b.WriteString(req.Method)
	b.WriteString(" ")
	b.WriteString(s.shellWord(req.URL.String()))
	keys := make([]string, 0, len(req.Header))
	for k := range req.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range req.Header[k] {
			b.WriteString(" -H ")
			b.WriteString(s.header(k, v))
		}
	}
	if body != nil {
		b.WriteString(" --data-binary ")
		b.WriteString(s.shellWord(s.body(body, req.Header.Get("Content-Type"))))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell: single quotes, with ' written as '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
