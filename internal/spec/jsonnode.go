package spec

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// jsonNode parses data, a JSON document, into the node tree that yaml3 makes of it (JSON
// is YAML): mappings, sequences and scalars holding their decoded text, which is all that
// declarationOrders reads. It reports false for anything but one valid JSON object: a
// mapping with a key twice too (yaml3 refuses those), so that Load leaves such documents
// to the YAML parser and its errors.
//
// Written by hand because yaml3's parser is slow: it keeps `helpmock serve`'s start-up
// under its target (the figures: bench/results.md, "Fast paths").
func jsonNode(data []byte) (*yaml.Node, bool) {
	p := jsonParser{data: data}
	p.space()
	if p.pos >= len(p.data) || p.data[p.pos] != '{' {
		return nil, false
	}
	n, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	if p.pos != len(p.data) {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{n}}, true
}

// maxJSONNodeDepth bounds the nesting jsonNode follows; deeper documents go to yaml3.
const maxJSONNodeDepth = 512

type jsonParser struct {
	data []byte
	pos  int
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*yaml.Node, bool) {
	if depth > maxJSONNodeDepth || p.pos >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s}, ok
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		for p.pos < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.pos]) >= 0 {
			p.pos++
		}
		text := string(p.data[start:p.pos])
		if !jsonNumber.MatchString(text) {
			return nil, false
		}
		tag := "!!float"
		if strings.IndexAny(text, ".eE") < 0 {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}, true
	}
	for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if end := p.pos + len(lit.text); end <= len(p.data) && string(p.data[p.pos:end]) == lit.text {
			p.pos += len(lit.text)
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: lit.tag, Value: lit.text}, true
		}
	}
	return nil, false
}

func (p *jsonParser) object(depth int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	p.pos++ // {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, true
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, false
		}
		key, ok := p.str()
		if !ok {
			return nil, false
		}
		for i := 0; i < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return nil, false // yaml3: mapping key already defined
			}
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, false
		}
		p.pos++
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: key}, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return n, true
		default:
			return nil, false
		}
	}
}

func (p *jsonParser) array(depth int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	p.pos++ // [
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, true
	}
	for {
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		n.Content = append(n.Content, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return n, true
		default:
			return nil, false
		}
	}
}

// str reads a JSON string and returns its decoded text; false for an invalid one (a
// control character, a bad escape, invalid UTF-8). A string with escapes is decoded by
// encoding/json, as kin-openapi decodes it.
func (p *jsonParser) str() (string, bool) {
	p.pos++ // "
	start := p.pos
	escaped := false
	for i := start; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '\\':
			escaped = true
			i++ // the escaped character cannot end the string
		case c == '"':
			p.pos = i + 1
			if !escaped {
				s := string(p.data[start:i])
				return s, utf8.ValidString(s)
			}
			var s string
			if !utf8.Valid(p.data[start:i]) || json.Unmarshal(p.data[start-1:i+1], &s) != nil {
				return "", false
			}
			return s, true
		case c < ' ':
			return "", false
		}
	}
	return "", false
}
