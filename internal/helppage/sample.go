package helppage

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// jsonValue is a JSON sample value with its members in document order (the order is
// Json.NET's declaration order, which a map would lose).
type jsonValue struct {
	kind   jsonKind
	keys   []string
	fields map[string]*jsonValue
	items  []*jsonValue
	str    string
	num    json.Number
	b      bool
}

type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonObject
	jsonArray
	jsonString
	jsonNumber
	jsonBool
)

// parseJSON parses a JSON sample, keeping member order.
func parseJSON(text string) (*jsonValue, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	v, err := readJSON(dec)
	if err != nil {
		return nil, fmt.Errorf("parse json sample: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse json sample: trailing data")
	}
	return v, nil
}

func readJSON(dec *json.Decoder) (*jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v := &jsonValue{kind: jsonObject, fields: map[string]*jsonValue{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", kt)
				}
				val, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := v.fields[key]; !dup {
					v.keys = append(v.keys, key)
				}
				v.fields[key] = val
			}
			_, err := dec.Token() // '}'
			return v, err
		case '[':
			v := &jsonValue{kind: jsonArray}
			for dec.More() {
				item, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, item)
			}
			_, err := dec.Token() // ']'
			return v, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string:
		return &jsonValue{kind: jsonString, str: t}, nil
	case json.Number:
		return &jsonValue{kind: jsonNumber, num: t}, nil
	case bool:
		return &jsonValue{kind: jsonBool, b: t}, nil
	case nil:
		return &jsonValue{kind: jsonNull}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// xmlElement is an element of an XML sample with its namespace resolved and the prefix
// it was written with (d2p1), which the schema's xml object keeps.
type xmlElement struct {
	name, prefix, space string
	children            []*xmlElement
	text                string
	nil                 bool
}

// child returns the first child named name, or nil.
func (e *xmlElement) child(name string) *xmlElement {
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// parseXML parses an XML sample. It uses encoding/xml's RawToken rather than etree
// because it needs each element's prefix as written next to its resolved namespace, and
// the module does not otherwise depend on etree.
func parseXML(text string) (*xmlElement, error) {
	dec := xml.NewDecoder(strings.NewReader(text))
	type scope map[string]string
	scopes := []scope{{"xml": "http://www.w3.org/XML/1998/namespace"}}
	lookup := func(prefix string) (string, bool) {
		for i := len(scopes) - 1; i >= 0; i-- {
			if ns, ok := scopes[i][prefix]; ok {
				return ns, true
			}
		}
		return "", prefix == ""
	}
	var root *xmlElement
	var stack []*xmlElement
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse xml sample: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			sc := scope{}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					sc[""] = a.Value
				case a.Name.Space == "xmlns":
					sc[a.Name.Local] = a.Value
				}
			}
			scopes = append(scopes, sc)
			ns, ok := lookup(t.Name.Space)
			if !ok {
				return nil, fmt.Errorf("parse xml sample: element %s: prefix %q is not declared", t.Name.Local, t.Name.Space)
			}
			e := &xmlElement{name: t.Name.Local, prefix: t.Name.Space, space: ns}
			for _, a := range t.Attr {
				if a.Name.Local == "nil" && a.Value == "true" {
					if ans, _ := lookup(a.Name.Space); ans == instanceNamespace {
						e.nil = true
					}
				}
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			} else if root == nil {
				root = e
			} else {
				return nil, fmt.Errorf("parse xml sample: more than one root element")
			}
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, fmt.Errorf("parse xml sample: unexpected end element %s", t.Name.Local)
			}
			stack = stack[:len(stack)-1]
			scopes = scopes[:len(scopes)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("parse xml sample: no root element")
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("parse xml sample: element %s is not closed", stack[len(stack)-1].name)
	}
	return root, nil
}

// compactXML removes the whitespace between elements of a sample, as
// DataContractSerializer writes it (the Help Page indents its samples). It is a byte scan
// rather than a re-serialisation so that everything else stays exactly as documented.
func compactXML(text string) string {
	var b bytes.Buffer
	text = strings.TrimSpace(text)
	for i := 0; i < len(text); i++ {
		c := text[i]
		b.WriteByte(c)
		if c != '>' {
			continue
		}
		j := i + 1
		for j < len(text) && strings.IndexByte(" \t\r\n", text[j]) >= 0 {
			j++
		}
		if j < len(text) && text[j] == '<' {
			i = j - 1
		}
	}
	return b.String()
}

// Namespaces DataContractSerializer writes.
const (
	instanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"
	arraysNamespace   = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
	systemNamespace   = "http://schemas.datacontract.org/2004/07/System"
	contractPrefix    = "http://schemas.datacontract.org/2004/07/"
)
