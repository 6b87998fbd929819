package contracts

import (
	"net/http"
	"slices"
	"strings"
)

// curl returns a shell command that sends req with body again: method, URL, headers in
// sorted order, and the body as --data-binary (absent when the request has none).
func curl(req *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString("curl -sS -i -X ")
	b.WriteString(req.Method)
	b.WriteString(" ")
	b.WriteString(shellQuote(req.URL.String()))
	keys := make([]string, 0, len(req.Header))
	for k := range req.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range req.Header[k] {
			b.WriteString(" -H ")
			b.WriteString(shellQuote(k + ": " + v))
		}
	}
	if body != nil {
		b.WriteString(" --data-binary ")
		b.WriteString(shellQuote(string(body)))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell: single quotes, with ' written as '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
