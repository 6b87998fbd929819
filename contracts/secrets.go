package contracts

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/redact"
)

// reportSecrets keeps secrets out of the report, which CI keeps as a build artifact that
// anyone who can read the build may download. Each Options.Header value and each
// Options.Set value is shown as a shell variable ($HELPMOCK_HEADER_AUTHORIZATION,
// $HELPMOCK_SET_AccessTokenRefresh), so that a curl line runs once the variable is set;
// the values of the spec's secret members (x-helpmock-secret) and credential headers
// the target answers with read [redacted] wherever the report quotes them, as in the
// mock's journal (package redact). The rest of a request the report shows comes from
// the spec, which is no secret, and stays as sent so that the curl line reproduces it.
type reportSecrets struct {
	rules *redact.Rules
	vars  []secretVar // longest value first, so that a value holding another is replaced whole
}

// secretVar is a value the user passed, and the variable that stands for it.
type secretVar struct {
	name   string // HELPMOCK_HEADER_AUTHORIZATION
	value  string
	header string // the header it is a value of, canonical; "" for a -set value
	member string // the -set member; "" for a header
}

func newReportSecrets(opts *Options) *reportSecrets {
	s := &reportSecrets{}
	if opts.compiled != nil {
		s.rules = redact.New(opts.compiled.Secrets)
	}
	headers := make([]string, 0, len(opts.Header))
	for k := range opts.Header {
		headers = append(headers, k)
	}
	slices.Sort(headers)
	for _, k := range headers {
		for i, v := range opts.Header[k] {
			if v == "" {
				continue
			}
			name := "HELPMOCK_HEADER_" + strings.ToUpper(envSafe(k))
			if i > 0 {
				name += "_" + strconv.Itoa(i+1)
			}
			s.vars = append(s.vars, secretVar{name: name, value: v, header: http.CanonicalHeaderKey(k)})
		}
	}
	members := make([]string, 0, len(opts.Set))
	for m := range opts.Set {
		members = append(members, m)
	}
	slices.Sort(members)
	for _, m := range members {
		if v := opts.Set[m]; v != "" {
			s.vars = append(s.vars, secretVar{name: "HELPMOCK_SET_" + envSafe(m), value: v, member: m})
		}
	}
	slices.SortStableFunc(s.vars, func(a, b secretVar) int { return len(b.value) - len(a.value) })
	return s
}

var envUnsafe = regexp.MustCompile(`[^A-Za-z0-9_]`)

// envSafe makes name usable in a shell variable's name.
func envSafe(name string) string { return envUnsafe.ReplaceAllString(name, "_") }

// Variables returns the names of the shell variables the report's curl lines read,
// sorted.
func (s *reportSecrets) variables() []string {
	out := make([]string, len(s.vars))
	for i, v := range s.vars {
		out[i] = v.name
	}
	slices.Sort(out)
	return out
}

// Markers stand for a variable in text until it is shell-quoted: private-use characters,
// which neither JSON nor XML escapes and no request holds, around the variable's index
// and how its value is escaped where it stands (an escaping).
const markOpen, markClose = "\uE000", "\uE001"

// An escaping is how a variable's value must be escaped, when the curl line runs, to
// stand where the request had it: a value holding a quote inside a JSON string, say.
type escaping string

const (
	asIs        escaping = ""  // the value as it is
	jsonString  escaping = "j" // inside a JSON string: \ and " escaped
	xmlText     escaping = "x" // XML text: &, < and > as entities
	percentForm escaping = "u" // form data or a URL: every byte percent-encoded
)

func mark(i int, e escaping) string { return markOpen + strconv.Itoa(i) + string(e) + markClose }

// markers matches a marker: the variable's index and its escaping.
var markers = regexp.MustCompile(markOpen + `([0-9]+)([jxu]?)` + markClose)

// escapingIn returns how value must be escaped at run time to stand in a body of format f
// (inside a JSON string when quoted): asIs when the value needs no escaping there, or
// only escaping that changes no reader's result (an apostrophe in form data). Control
// characters inside a JSON string are not escaped: a -set value hardly holds one.
func escapingIn(f redact.Format, value string, quoted bool) escaping {
	switch {
	case f == redact.JSON && quoted && strings.ContainsAny(value, `"\`):
		return jsonString
	case f == redact.XML && strings.ContainsAny(value, "&<>"):
		return xmlText
	case f == redact.Form && strings.ContainsFunc(value, breaksForm):
		return percentForm
	}
	return asIs
}

// breaksForm reports whether r, written as it is in form data, changes what a reader
// reads: a separator, an escape, a space or anything but printable ASCII.
func breaksForm(r rune) bool {
	return strings.ContainsRune(" %&+=#", r) || r < 0x20 || r >= 0x7f
}

// markValues replaces in text each variable's value (at least redact.MinScrubLength
// long: a shorter one would match unrelated text) with its marker, and the value as JSON,
// XML or a URL escapes it (an excerpt of a body, a path or query parameter) with a marker
// to escape it so.
func (s *reportSecrets) markValues(text string) string {
	for i, v := range s.vars {
		if len(v.value) < redact.MinScrubLength {
			continue
		}
		text = strings.ReplaceAll(text, v.value, mark(i, asIs))
		for _, e := range []struct {
			escaped string
			as      escaping
		}{
			{jsonStringContent(v.value), jsonString},
			{string(dcxml.AppendText(nil, v.value)), xmlText},
			{url.QueryEscape(v.value), percentForm},
			{url.PathEscape(v.value), percentForm},
		} {
			if e.escaped != v.value {
				text = strings.ReplaceAll(text, e.escaped, mark(i, e.as))
			}
		}
	}
	return text
}

// jsonStringContent returns value inside a JSON string as the request wrote it (Json.NET's
// escapes), without its quotes.
func jsonStringContent(value string) string {
	quoted := jsonnet.AppendString(nil, value)
	return string(quoted[1 : len(quoted)-1])
}

// shellValue returns the shell word for variable name's value, escaped as e says.
func shellValue(name string, e escaping) string {
	value := `"$` + name + `"`
	switch e {
	case jsonString:
		return `"$(printf '%s' ` + value + ` | sed 's/[\\"]/\\&/g')"`
	case xmlText:
		return `"$(printf '%s' ` + value + ` | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')"`
	case percentForm:
		return `"$(printf '%s' ` + value + ` | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g')"`
	}
	return value
}

// shellWord quotes text, whose markers (and variables' values) become "$NAME", as one
// word for a POSIX shell.
func (s *reportSecrets) shellWord(text string) string {
	text = s.markValues(text)
	if !strings.Contains(text, markOpen) {
		return shellQuote(text)
	}
	var b strings.Builder
	for text != "" {
		m := markers.FindStringSubmatchIndex(text)
		if m == nil {
			b.WriteString(shellQuote(text))
			break
		}
		if m[0] > 0 {
			b.WriteString(shellQuote(text[:m[0]]))
		}
		n, err := strconv.Atoi(text[m[2]:m[3]])
		if err != nil || n >= len(s.vars) {
			b.WriteString(shellQuote(text[m[0]:m[1]]))
		} else {
			b.WriteString(shellValue(s.vars[n].name, escaping(text[m[4]:m[5]])))
		}
		text = text[m[1]:]
	}
	return b.String()
}

// body returns a request body as the report shows it: each -set member's value as its
// marker, found by the member's name, so that even a short value is replaced.
func (s *reportSecrets) body(body []byte, contentType string) string {
	format := redact.FormatOf(body, contentType)
	return string(redact.Members(body, contentType, func(name, value string, quoted bool) (string, bool) {
		for i, v := range s.vars {
			if v.member != "" && strings.EqualFold(v.member, name) && v.value == value {
				return mark(i, escapingIn(format, value, quoted)), true
			}
		}
		return "", false
	}))
}

// header returns the shell word of one -H argument: a -header value as its variable, any
// other credential header [redacted].
func (s *reportSecrets) header(name, value string) string {
	for i, v := range s.vars {
		if v.header == name && v.value == value {
			return s.shellWord(name + ": " + mark(i, asIs))
		}
	}
	if redact.IsSecretHeader(name) || s.rules.Secret(name) {
		return shellQuote(name + ": " + redact.Mask)
	}
	return s.shellWord(name + ": " + value)
}

// text returns free text of the report (a URL, a message, an excerpt of a body) with the
// variables' values as "$NAME" and the found secret values [redacted].
func (s *reportSecrets) text(text string, found []string) string {
	for _, v := range s.vars {
		found = append(found, v.value) // for the start of a value that ends an excerpt
	}
	text = redact.Scrub(s.markValues(text), found)
	return markers.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(markers.FindStringSubmatch(m)[1])
		if err != nil || n >= len(s.vars) {
			return m
		}
		return "$" + s.vars[n].name
	})
}

// scrub hides the secrets in every string of the report but the curl lines, which
// curl built without them: the values each case's exchange carried in secret members
// and credential headers, and the variables' values.
func (s *reportSecrets) scrub(r *Report, exchanges []*exchange) {
	r.Target = redactURL(r.Target)
	r.Variables = s.variables()
	for i, c := range r.Cases {
		var found []string
		if i < len(exchanges) && exchanges[i] != nil {
			found = s.found(exchanges[i])
		}
		c.URL = s.text(c.URL, found)
		for j := range c.Violations {
			v := &c.Violations[j]
			v.Message, v.Expected, v.Actual = s.text(v.Message, found), s.text(v.Expected, found), s.text(v.Actual, found)
			v.Path = s.text(v.Path, found)
		}
	}
}

// found returns the secret values the target answered with: its body's secret members
// and its credential headers (Set-Cookie).
func (s *reportSecrets) found(x *exchange) []string {
	_, found := s.rules.Header(x.header)
	if x.body != nil {
		_, more := s.rules.Body(x.body, x.header.Get("Content-Type"))
		found = append(found, more...)
	}
	return found
}

// redactURL hides a password in a URL's user information.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}
