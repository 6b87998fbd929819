package jsonnet

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Member is one member of a JSON object, in document order (duplicates kept).
type Member struct {
	Name  string
	Value any
}

// Object is a JSON object as read: its members in document order.
type Object []Member

// SyntaxError is a body Json.NET cannot read.
type SyntaxError struct {
	// Path is the member path being read when the error occurred ("" at the root,
	// "AccessTokenRefresh" inside that member's value).
	Path   string
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("invalid JSON in member %s at offset %d: %s", e.Path, e.Offset, e.Msg)
}

// Read parses the first JSON value of data. Values are nil, bool, string, json.Number,
// []any and Object. leniencies describes each construct that Json.NET accepts but RFC 8259
// does not, in reading order.
func Read(data []byte, maxDepth int) (v any, leniencies []string, err error) {
	if maxDepth <= 0 {
		maxDepth = 64
	}
	// One string of the whole body: strings without escapes, member names and numbers
	// are substrings of it, so that reading allocates little per value.
	r := &reader{data: data, text: string(data), maxDepth: maxDepth}
	r.skipSpace()
	v, err = r.value("", 0)
	if err != nil {
		return nil, r.leniencies, err
	}
	r.skipSpace()
	if r.pos < len(r.data) {
		r.lenient("content after the JSON value is ignored")
	}
	return v, r.leniencies, nil
}

type reader struct {
	data       []byte
	text       string // data as a string
	pos        int
	maxDepth   int
	leniencies []string
}

func (r *reader) lenient(what string) {
	if len(r.leniencies) < 20 {
		r.leniencies = append(r.leniencies, what)
	}
}

func (r *reader) fail(path, format string, args ...any) error {
	return &SyntaxError{Path: path, Offset: r.pos, Msg: fmt.Sprintf(format, args...)}
}

func (r *reader) skipSpace() {
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			r.pos++
		case c == '/' && r.pos+1 < len(r.data) && r.data[r.pos+1] == '*':
			end := strings.Index(r.text[r.pos+2:], "*/")
			if end < 0 {
				r.pos = len(r.data)
				return
			}
			r.lenient("a comment")
			r.pos += end + 4
		case c == '/' && r.pos+1 < len(r.data) && r.data[r.pos+1] == '/':
			r.lenient("a comment")
			for r.pos < len(r.data) && r.data[r.pos] != '\n' {
				r.pos++
			}
		default:
			return
		}
	}
}

func (r *reader) value(path string, depth int) (any, error) {
	if depth > r.maxDepth {
		return nil, r.fail(path, "nested deeper than %d levels", r.maxDepth)
	}
	if r.pos >= len(r.data) {
		return nil, r.fail(path, "unexpected end of the body")
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return r.object(path, depth)
	case c == '[':
		return r.array(path, depth)
	case c == '"' || c == '\'':
		if c == '\'' {
			r.lenient("a single-quoted string")
		}
		return r.str(path)
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number(path)
	default:
		word := r.word()
		switch word {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		case "":
			return nil, r.fail(path, "unexpected character %q", rune(c))
		}
		return nil, r.fail(path, "unexpected %q", word)
	}
}

func (r *reader) word() string {
	start := r.pos
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c == '_' || c == '$' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			r.pos++
			continue
		}
		break
	}
	return r.text[start:r.pos]
}

func (r *reader) object(path string, depth int) (any, error) {
	r.pos++ // {
	obj := make(Object, 0, 8)
	for {
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.fail(path, "unexpected end of the body in an object")
		}
		if r.data[r.pos] == '}' {
			r.pos++
			return obj, nil
		}
		var name string
		switch c := r.data[r.pos]; c {
		case '"', '\'':
			if c == '\'' {
				r.lenient("a single-quoted member name")
			}
			s, err := r.quoted(path)
			if err != nil {
				return nil, err
			}
			name = s
		default:
			name = r.word()
			if name == "" {
				return nil, r.fail(path, "expected a member name, got %q", rune(c))
			}
			r.lenient(fmt.Sprintf("the unquoted member name %s", name))
		}
		r.skipSpace()
		if r.pos >= len(r.data) || r.data[r.pos] != ':' {
			return nil, r.fail(join(path, name), "expected ':' after member name %q", name)
		}
		r.pos++
		r.skipSpace()
		v, err := r.value(join(path, name), depth+1)
		if err != nil {
			return nil, err
		}
		obj = append(obj, Member{Name: name, Value: v})
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.fail(path, "unexpected end of the body in an object")
		}
		switch r.data[r.pos] {
		case ',':
			r.pos++
			r.skipSpace()
			if r.pos < len(r.data) && r.data[r.pos] == '}' {
				r.lenient("a trailing comma")
			}
		case '}':
		default:
			return nil, r.fail(path, "expected ',' or '}' after member %q", name)
		}
	}
}

func (r *reader) array(path string, depth int) (any, error) {
	r.pos++ // [
	arr := []any{}
	for {
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.fail(path, "unexpected end of the body in an array")
		}
		if r.data[r.pos] == ']' {
			r.pos++
			return arr, nil
		}
		v, err := r.value(fmt.Sprintf("%s[%d]", path, len(arr)), depth+1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.fail(path, "unexpected end of the body in an array")
		}
		switch r.data[r.pos] {
		case ',':
			r.pos++
			r.skipSpace()
			if r.pos < len(r.data) && r.data[r.pos] == ']' {
				r.lenient("a trailing comma")
			}
		case ']':
		default:
			return nil, r.fail(path, "expected ',' or ']' in an array")
		}
	}
}

func (r *reader) str(path string) (any, error) {
	s, err := r.quoted(path)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// quoted reads a quoted string (a value or a member name).
func (r *reader) quoted(path string) (string, error) {
	quote := r.data[r.pos]
	r.pos++
	// Fast path: a string without escapes is one slice of the body.
	for i := r.pos; i < len(r.data); i++ {
		c := r.data[i]
		if c == quote {
			if s := r.text[r.pos:i]; utf8.ValidString(s) {
				r.pos = i + 1
				return s, nil
			}
			break
		}
		if c == '\\' {
			break
		}
	}
	var b strings.Builder
	for {
		if r.pos >= len(r.data) {
			return "", r.fail(path, "unterminated string")
		}
		c := r.data[r.pos]
		switch {
		case c == quote:
			r.pos++
			return b.String(), nil
		case c == '\\':
			if r.pos+1 >= len(r.data) {
				return "", r.fail(path, "unterminated string")
			}
			r.pos++
			switch e := r.data[r.pos]; e {
			case '"', '\\', '/', '\'':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if r.pos+4 >= len(r.data) {
					return "", r.fail(path, "truncated \\u escape")
				}
				n, err := strconv.ParseUint(string(r.data[r.pos+1:r.pos+5]), 16, 16)
				if err != nil {
					return "", r.fail(path, "invalid \\u escape")
				}
				r.pos += 4
				ru := rune(n)
				// A surrogate pair spells one character.
				if ru >= 0xD800 && ru < 0xDC00 && r.pos+6 < len(r.data) && r.data[r.pos+1] == '\\' && r.data[r.pos+2] == 'u' {
					if lo, err := strconv.ParseUint(string(r.data[r.pos+3:r.pos+7]), 16, 16); err == nil && lo >= 0xDC00 && lo < 0xE000 {
						ru = 0x10000 + (ru-0xD800)<<10 + (rune(lo) - 0xDC00)
						r.pos += 6
					}
				}
				b.WriteRune(ru)
			default:
				return "", r.fail(path, "invalid escape \\%c", e)
			}
			r.pos++
		default:
			ru, size := utf8.DecodeRune(r.data[r.pos:])
			b.WriteRune(ru)
			r.pos += size
		}
	}
}

func (r *reader) number(path string) (any, error) {
	start := r.pos
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			r.pos++
			continue
		}
		break
	}
	text := r.text[start:r.pos]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, r.fail(path, "%q is not a valid number", text)
	}
	_ = f
	return json.Number(text), nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
