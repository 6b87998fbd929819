package redact

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// Replacer decides the replacement of a member's scalar value: name is the member (or,
// for a value inside a collection or class, each enclosing member in turn, innermost
// first, until one is replaced), value its text, unescaped, and quoted whether it is a
// JSON string. It returns the replacement and true, or false to keep the value. A
// replacement is written escaped for the format and, for a JSON string, quoted; for any
// other JSON value it is written as it is.
type Replacer func(name, value string, quoted bool) (string, bool)

// Members returns body with member values rewritten by fn: JSON when the body starts
// with '{' or '[', XML when it starts with '<', else form data (name=value&...) when
// contentType is form data or has no media type. Other bodies are returned unchanged.
// It never fails: a truncated or malformed body is rewritten as far as it can be read.
func Members(body []byte, contentType string, fn Replacer) []byte {
	switch FormatOf(body, contentType) {
	case JSON:
		return rewriteJSON(body, fn)
	case XML:
		return rewriteXML(body, fn)
	case Form:
		return rewriteForm(body, fn)
	}
	return body
}

// Format is how Members reads a body.
type Format int

// The formats of a body.
const (
	Other Format = iota // none Members rewrites
	JSON
	XML
	Form // application/x-www-form-urlencoded
)

// FormatOf tells how Members reads body: JSON when it starts with '{' or '[', XML when it
// starts with '<', else form data when contentType is form data or has no media type.
func FormatOf(body []byte, contentType string) Format {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return Other
	}
	switch trimmed[0] {
	case '{', '[':
		return JSON
	case '<':
		return XML
	}
	switch mediaType(contentType) {
	case "application/x-www-form-urlencoded", "":
		return Form
	}
	return Other
}

// rewriter builds the output of a scan lazily: until the first replacement, the body
// itself is the output.
type rewriter struct {
	in   []byte
	out  []byte
	last int // in[:last] has been written to out (or needs no rewriting)
	hit  bool
}

// replace writes in[last:from], then repl in place of in[from:to].
func (w *rewriter) replace(from, to int, repl string) {
	if !w.hit {
		w.out = make([]byte, 0, len(w.in)+16)
		w.hit = true
	}
	w.out = append(w.out, w.in[w.last:from]...)
	w.out = append(w.out, repl...)
	w.last = to
}

func (w *rewriter) result() []byte {
	if !w.hit {
		return w.in
	}
	return append(w.out, w.in[w.last:]...)
}

// try calls fn with name and then each of outer (innermost last in the slice), until one
// is replaced.
func try(fn Replacer, name string, outer []string, value string, quoted bool) (string, bool) {
	if name != "" {
		if r, ok := fn(name, value, quoted); ok {
			return r, true
		}
	}
	for i := len(outer) - 1; i >= 0; i-- {
		if outer[i] == "" {
			continue
		}
		if r, ok := fn(outer[i], value, quoted); ok {
			return r, true
		}
	}
	return "", false
}

// jsonScope is an object or array being read, with the member that holds it ("" for the
// root or an array item).
type jsonScope struct {
	array bool
	name  string
}

// rewriteJSON scans JSON text token by token. A string followed by ':' inside an object
// is a member name; a scalar value belongs to that name, or inside an array to the
// array's member, and to each enclosing member after it.
func rewriteJSON(in []byte, fn Replacer) []byte {
	w := &rewriter{in: in}
	var stack []jsonScope
	var names []string // the names of stack, for try
	pending := ""      // the member name just read, awaiting its value
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == '"':
			end := jsonStringEnd(in, i)
			inObject := len(stack) > 0 && !stack[len(stack)-1].array
			if k := skipSpace(in, end); inObject && pending == "" && k < len(in) && in[k] == ':' {
				pending = jsonString(in[i:end])
				i = k + 1
				continue
			}
			if r, ok := try(fn, pending, names, jsonString(in[i:end]), true); ok {
				w.replace(i, end, jsonQuote(r))
			}
			pending, i = "", end
		case c == '{' || c == '[':
			stack = append(stack, jsonScope{array: c == '[', name: pending})
			names = append(names, pending)
			pending, i = "", i+1
		case c == '}' || c == ']':
			if len(stack) > 0 {
				stack, names = stack[:len(stack)-1], names[:len(names)-1]
			}
			pending, i = "", i+1
		case c == ',':
			pending, i = "", i+1
		case c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f':
			end := i
			for end < len(in) && !isJSONDelim(in[end]) {
				end++
			}
			if r, ok := try(fn, pending, names, string(in[i:end]), false); ok {
				w.replace(i, end, r)
			}
			pending, i = "", end
		default: // space, ':', null and anything malformed
			i++
		}
	}
	return w.result()
}

// jsonStringEnd returns the index after the string starting at in[start] ('"'), or
// len(in) when it is not closed.
func jsonStringEnd(in []byte, start int) int {
	for i := start + 1; i < len(in); i++ {
		switch in[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(in)
}

// jsonString returns the text of a JSON string token (with its quotes, or without the
// closing one when it is cut short), unescaped when it is well-formed.
func jsonString(tok []byte) string {
	if bytes.IndexByte(tok, '\\') < 0 {
		s := string(tok[1:])
		return strings.TrimSuffix(s, `"`)
	}
	var s string
	if json.Unmarshal(tok, &s) == nil {
		return s
	}
	return strings.TrimSuffix(string(tok[1:]), `"`)
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

func isJSONDelim(c byte) bool {
	switch c {
	case ',', ':', '{', '}', '[', ']', ' ', '\t', '\r', '\n', '"':
		return true
	}
	return false
}

func skipSpace(in []byte, i int) int {
	for i < len(in) && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n') {
		i++
	}
	return i
}

// rewriteXML scans XML markup: the text (and CDATA) of an element belongs to its local
// name and to each enclosing element's after it; an attribute's value to the
// attribute's local name. Comments, processing instructions and declarations are kept.
func rewriteXML(in []byte, fn Replacer) []byte {
	w := &rewriter{in: in}
	var names []string // open elements' local names, outermost first
	text := func(from, to int) {
		raw := in[from:to]
		if len(names) == 0 || len(bytes.TrimSpace(raw)) == 0 {
			return
		}
		inner := names[len(names)-1]
		if r, ok := try(fn, inner, names[:len(names)-1], xmlUnescape(string(raw)), true); ok {
			w.replace(from, to, xmlEscape(r))
		}
	}
	i := 0
	for i < len(in) {
		lt := bytes.IndexByte(in[i:], '<')
		if lt < 0 {
			text(i, len(in))
			break
		}
		text(i, i+lt)
		i += lt
		rest := in[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(in, i, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			start := i + len("<![CDATA[")
			end := bytes.Index(in[start:], []byte("]]>"))
			if end < 0 {
				end = len(in) - start
			}
			if len(names) > 0 {
				if r, ok := try(fn, names[len(names)-1], names[:len(names)-1], string(in[start:start+end]), true); ok {
					w.replace(start, start+end, strings.ReplaceAll(r, "]]>", "]]&gt;"))
				}
			}
			i = min(start+end+len("]]>"), len(in))
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(in, i, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			i = skipPast(in, i, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			if len(names) > 0 {
				names = names[:len(names)-1]
			}
			i = skipPast(in, i, ">")
		default:
			var name string
			var selfClosing bool
			i, name, selfClosing = xmlStartTag(in, i, w, fn)
			if !selfClosing {
				names = append(names, name)
			}
		}
	}
	return w.result()
}

// skipPast returns the index after the first end at or after i, or len(in).
func skipPast(in []byte, i int, end string) int {
	k := bytes.Index(in[i:], []byte(end))
	if k < 0 {
		return len(in)
	}
	return i + k + len(end)
}

// xmlStartTag reads the start tag at in[i] ('<'), rewriting its attributes' values, and
// returns the index after it, the element's local name and whether it closes itself.
func xmlStartTag(in []byte, i int, w *rewriter, fn Replacer) (int, string, bool) {
	j := i + 1
	for j < len(in) && !isXMLSpace(in[j]) && in[j] != '>' && in[j] != '/' {
		j++
	}
	name := localName(string(in[i+1 : j]))
	for j < len(in) {
		switch c := in[j]; {
		case c == '>':
			return j + 1, name, false
		case c == '/' && j+1 < len(in) && in[j+1] == '>':
			return j + 2, name, true
		case c == '"' || c == '\'':
			j = skipPast(in, j+1, string(c))
		case isXMLSpace(c) || c == '/':
			j++
		default: // an attribute: name = "value"
			k := j
			for k < len(in) && !isXMLSpace(in[k]) && in[k] != '=' && in[k] != '>' && in[k] != '/' {
				k++
			}
			attr := string(in[j:k])
			k = skipSpace(in, k)
			if k >= len(in) || in[k] != '=' {
				j = k
				continue
			}
			k = skipSpace(in, k+1)
			if k >= len(in) || (in[k] != '"' && in[k] != '\'') {
				j = k
				continue
			}
			q := in[k]
			end := bytes.IndexByte(in[k+1:], q)
			if end < 0 {
				end = len(in) - k - 1
			}
			from, to := k+1, k+1+end
			if attr != "xmlns" && !strings.HasPrefix(attr, "xmlns:") {
				if r, ok := fn(localName(attr), xmlUnescape(string(in[from:to])), true); ok {
					w.replace(from, to, xmlEscape(r))
				}
			}
			j = min(to+1, len(in))
		}
	}
	return len(in), name, true
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func localName(qname string) string {
	if _, local, ok := strings.Cut(qname, ":"); ok {
		return local
	}
	return qname
}

var (
	xmlUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")
	xmlEscaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

func xmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return xmlUnescaper.Replace(s)
}

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }

// rewriteForm rewrites form data or a query (name=value pairs joined by '&'): a value
// belongs to its name's last segment (model.AccessToken, tokens[0]) and then to the
// segments before it.
func rewriteForm(in []byte, fn Replacer) []byte {
	w := &rewriter{in: in}
	for i := 0; i < len(in); {
		end := bytes.IndexByte(in[i:], '&')
		if end < 0 {
			end = len(in)
		} else {
			end += i
		}
		pair := in[i:end]
		if eq := bytes.IndexByte(pair, '='); eq > 0 {
			segs := formSegments(formUnescape(string(pair[:eq])))
			value := formUnescape(string(pair[eq+1:]))
			if r, ok := try(fn, segs[len(segs)-1], segs[:len(segs)-1], value, true); ok {
				w.replace(i+eq+1, end, r)
			}
		}
		i = end + 1
	}
	return w.result()
}

// formSegments splits a form key into its member names: "model.Tokens[0].Value" →
// model, Tokens, Value.
func formSegments(key string) []string {
	segs := strings.FieldsFunc(key, func(r rune) bool { return r == '.' || r == '[' || r == ']' })
	if len(segs) == 0 {
		return []string{key}
	}
	return segs
}

func formUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}
