package jsonnet

import (
	"unicode/utf8"

	"github.com/helpmock/helpmock/internal/model"
)

// maxPlainMembers bounds the classes BindPlain binds: it tracks the members seen in a
// bit set.
const maxPlainMembers = 64

// BindPlain binds data into value, an empty map, when data is the plainest body a client
// sends for a class whose members are all strings: one object that gives every member
// exactly once, by its exact name, a string without escapes, with nothing but JSON white
// space around the tokens. Then Bind(t, v) of what Read returns has no error and no
// problem, Read reports no leniency, and Value and Normalized both equal value; ok is
// true. For anything else ok is false, value holds what was read so far, and Read and
// Bind decide with all their rules. The caller may pass a map it reuses.
//
// Written by hand because it is the one body every well-behaved client sends: it skips
// the general reader's tree of members and Bind's conversions, half of a request's
// binding cost.
func BindPlain(t *model.Type, data []byte, value map[string]any) (ok bool) {
	if t.Kind != model.Object || len(t.Members) == 0 || len(t.Members) > maxPlainMembers {
		return false
	}
	for _, m := range t.Members {
		if m.Type == nil || m.Type.Kind != model.String {
			return false
		}
	}
	p := plainReader{data: data}
	p.space()
	if !p.take('{') {
		return false
	}
	text := "" // data as a string, made once the body looks plain
	var seen uint64
	for n := 0; ; n++ {
		p.space()
		if n > 0 {
			if p.take('}') {
				break
			}
			if !p.take(',') {
				return false
			}
			p.space()
		}
		nameStart, nameEnd, ok := p.str()
		if !ok {
			return false
		}
		p.space()
		if !p.take(':') {
			return false
		}
		p.space()
		valueStart, valueEnd, ok := p.str()
		if !ok {
			return false
		}
		if text == "" {
			text = string(data)
		}
		i := memberIndex(t, text[nameStart:nameEnd])
		if i < 0 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		value[t.Members[i].Name] = text[valueStart:valueEnd]
	}
	p.space()
	return p.pos == len(data) && seen == 1<<len(t.Members)-1
}

// memberIndex returns the index of the member named name exactly, or -1.
func memberIndex(t *model.Type, name string) int {
	for i, m := range t.Members {
		if m.Name == name {
			return i
		}
	}
	return -1
}

// plainReader reads the tokens BindPlain accepts.
type plainReader struct {
	data []byte
	pos  int
}

// space skips JSON white space (RFC 8259), nothing else: comments are Json.NET's.
func (p *plainReader) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *plainReader) take(c byte) bool {
	if p.pos < len(p.data) && p.data[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// str reads a double-quoted string without escapes that is valid UTF-8 and returns the
// offsets of its text.
func (p *plainReader) str() (start, end int, ok bool) {
	if !p.take('"') {
		return 0, 0, false
	}
	start = p.pos
	for i := start; i < len(p.data); i++ {
		switch p.data[i] {
		case '"':
			if !utf8.Valid(p.data[start:i]) {
				return 0, 0, false
			}
			p.pos = i + 1
			return start, i, true
		case '\\':
			return 0, 0, false
		}
	}
	return 0, 0, false
}
