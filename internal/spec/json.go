package spec

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"

	yaml "github.com/oasdiff/yaml3"
)

// This file turns the YAML node tree of a document into JSON text by hand, so that
// kin-openapi reads it through its encoding/json path rather than its YAML path (YAML →
// interface{} → JSON → openapi3.T, plus origin tracking), which would be most of `helpmock
// serve`'s start-up (the figures: bench/results.md, "Fast paths"). One node parse also
// serves for the properties' declaration order (order.go).
//
// The conversion is deliberately narrow: it accepts only what has one obvious JSON meaning,
// the same one kin-openapi's YAML path gives it, and reports anything else (anchors and
// aliases, merge keys, custom or exotic tags, timestamps, hex or octal integers, .inf and
// .nan, duplicate or non-scalar keys) so that Load takes that path instead.

// jsonNumber matches the numbers JSON writes (RFC 8259 §6).
var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$`)

// toJSON returns the JSON text of the document root (a yaml.DocumentNode), or false when
// the document uses anything the conversion leaves to kin-openapi's YAML path.
func toJSON(root *yaml.Node) ([]byte, bool) {
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil, false
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if !writeJSON(&buf, enc, root.Content[0]) {
		return nil, false
	}
	return buf.Bytes(), true
}

// writeJSON writes n to buf; enc writes strings to buf with JSON's escapes.
func writeJSON(buf *bytes.Buffer, enc *json.Encoder, n *yaml.Node) bool {
	if n.Anchor != "" {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		if n.ShortTag() != "!!map" {
			return false
		}
		buf.WriteByte('{')
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, ok := mappingKey(n.Content[i])
			if !ok || seen[key] {
				return false
			}
			seen[key] = true
			if i > 0 {
				buf.WriteByte(',')
			}
			if enc.Encode(key) != nil {
				return false
			}
			buf.WriteByte(':')
			if !writeJSON(buf, enc, n.Content[i+1]) {
				return false
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		if n.ShortTag() != "!!seq" {
			return false
		}
		buf.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if !writeJSON(buf, enc, item) {
				return false
			}
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		return writeScalar(buf, enc, n)
	default: // aliases
		return false
	}
	return true
}

func writeScalar(buf *bytes.Buffer, enc *json.Encoder, n *yaml.Node) bool {
	switch v := n.Value; n.ShortTag() {
	case "!!str":
		// A plain scalar that reads as a JSON number but resolves to a string (1e400
		// overflows) meant a number in a JSON document.
		if v != "" && (v[0] == '-' || '0' <= v[0] && v[0] <= '9') &&
			n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
			jsonNumber.MatchString(v) {
			return false
		}
		return enc.Encode(v) == nil
	case "!!bool":
		switch v {
		case "true", "True", "TRUE":
			buf.WriteString("true")
		case "false", "False", "FALSE":
			buf.WriteString("false")
		default:
			return false
		}
	case "!!null":
		switch v {
		case "", "~", "null", "Null", "NULL":
			buf.WriteString("null")
		default:
			return false
		}
	case "!!int":
		if !canonicalInt(v) {
			return false
		}
		buf.WriteString(v)
	case "!!float":
		if !jsonNumber.MatchString(v) {
			return false
		}
		buf.WriteString(v)
	default:
		return false
	}
	return true
}

// mappingKey returns a key as JSON names it: a string, or a decimal integer written as a
// string (response codes: `200:`), as kin-openapi's YAML path does.
func mappingKey(k *yaml.Node) (string, bool) {
	if k.Kind != yaml.ScalarNode || k.Anchor != "" {
		return "", false
	}
	switch k.ShortTag() {
	case "!!str":
		return k.Value, true
	case "!!int":
		return k.Value, canonicalInt(k.Value)
	}
	return "", false
}

// canonicalInt reports whether v is an int64 written as kin-openapi's YAML path writes it
// again: in decimal, without a sign on 0, leading zeros or underscores.
func canonicalInt(v string) bool {
	i, err := strconv.ParseInt(v, 10, 64)
	return err == nil && strconv.FormatInt(i, 10) == v
}
