package dcxml

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/model"
)

// Violation is one way a response body departs from its layout.
type Violation struct {
	// Path locates the element by local names and 1-based item positions:
	// /LoginResult/Expires/DateTime, /LoginResult/Errors/string[2].
	Path string
	// Expected and Actual say what the layout wants and what the body has.
	Expected, Actual string
	// Message explains the violation.
	Message string
}

// String returns "path: message (expected ..., got ...)".
func (v Violation) String() string {
	s := v.Path + ": " + v.Message
	if v.Expected != "" || v.Actual != "" {
		s += fmt.Sprintf(" (expected %s, got %s)", v.Expected, v.Actual)
	}
	return s
}

// Check judges body, a response of t (a class, or a collection, dictionary or primitive
// as the whole body), as strictly as JSON Schema validation judges
// JSON: root name and namespace, each member's element name and namespace, DataContract
// member order, no undocumented elements, value types, DateTimeOffset and collection
// shapes, i:nil only on nullable members, required members present. Prefixes and white
// space between elements are not judged. It returns nil for a conforming body.
//
// The body is read with etree: the whole tree is needed, and element namespaces resolve
// through etree's NamespaceURI.
func Check(t *model.Type, body []byte) []Violation {
	c := &checker{}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(body); err != nil {
		return []Violation{{Path: "/", Expected: "well-formed XML", Actual: "malformed XML", Message: "body is not well-formed XML: " + err.Error()}}
	}
	for _, tok := range doc.Child {
		switch tok := tok.(type) {
		case *etree.Directive:
			c.add("/", "no DTD", "<!"+shorten(tok.Data)+">", "a DTD or other declaration: DataContractSerializer neither writes nor reads one")
		case *etree.ProcInst:
			if tok.Target != "xml" {
				c.add("/", "no processing instruction", "<?"+tok.Target+"?>", "a processing instruction: DataContractSerializer would refuse the body")
			}
		case *etree.CharData:
			if !tok.IsWhitespace() {
				c.add("/", "only the root element", "text", "text outside the root element")
			}
		}
	}
	root := doc.Root()
	if root == nil {
		c.add("/", "<"+t.Name+">", "no element", "the body has no root element")
		return c.out
	}
	path := "/" + root.Tag
	if root.Tag != t.Name || root.NamespaceURI() != t.Namespace {
		c.add(path, qname(t.Name, t.Namespace), qname(root.Tag, root.NamespaceURI()), "wrong root element")
		return c.out
	}
	if t.Serializer == model.XMLSerializer && !isHTTPError(t) {
		c.xsValue(path, t, root, t.Namespace, true)
		return c.out
	}
	if t.Kind == model.Object && t.Namespace == "" {
		c.dict(path, t, root)
		return c.out
	}
	c.value(path, t, root)
	return c.out
}

type checker struct {
	out []Violation
}

func (c *checker) add(path, expected, actual, format string, args ...any) {
	c.out = append(c.out, Violation{Path: path, Expected: expected, Actual: actual, Message: fmt.Sprintf(format, args...)})
}

func qname(local, ns string) string {
	if ns == "" {
		return "element " + local + " in no namespace"
	}
	return "element " + local + " in namespace " + ns
}

// isNil checks i:nil on el and reports whether el is nil.
func (c *checker) isNil(path string, t *model.Type, el *etree.Element) bool {
	for _, a := range el.Attr {
		if a.NamespaceURI() != model.InstanceNamespace || a.Key != "nil" {
			continue
		}
		b, ok := parseXSDBool(a.Value)
		if !ok {
			c.add(path, `i:nil="true" or no i:nil`, fmt.Sprintf("i:nil=%q", a.Value), "i:nil is not an xs:boolean")
			return false
		}
		if !b {
			return false
		}
		if !t.Nullable {
			c.add(path, "a "+t.Kind.String()+" value", "i:nil=\"true\"", "null for a member the contract does not mark nullable")
		}
		if len(el.ChildElements()) > 0 || strings.TrimSpace(el.Text()) != "" {
			c.add(path, "an empty element", "content", "an i:nil element has content")
		}
		return true
	}
	return false
}

// class checks the members of el against t's DataContract order.
func (c *checker) class(path string, t *model.Type, el *etree.Element) {
	c.noText(path, el, "member elements")
	seen := make([]bool, len(t.XMLMembers))
	last := -1
	for _, child := range el.ChildElements() {
		childPath := path + "/" + child.Tag
		name, ns := child.Tag, child.NamespaceURI()
		j := -1
		for k := last + 1; k < len(t.XMLMembers); k++ {
			if m := t.XMLMembers[k]; m.XMLName == name && m.Namespace == ns {
				j = k
				break
			}
		}
		if j < 0 {
			c.unexpected(childPath, t, name, ns, last)
			continue
		}
		last, seen[j] = j, true
		m := t.XMLMembers[j]
		c.value(childPath, m.Type, child)
	}
	for j, m := range t.XMLMembers {
		if !seen[j] && m.Required {
			c.add(path+"/"+m.XMLName, qname(m.XMLName, m.Namespace), "nothing",
				"required member %s is missing (DataContractSerializer writes every data member, in the order %s)", m.XMLName, memberOrder(t))
		}
	}
}

// unexpected explains an element DataContractSerializer would not bind.
func (c *checker) unexpected(path string, t *model.Type, name, ns string, last int) {
	for j, m := range t.XMLMembers {
		if m.XMLName != name {
			continue
		}
		switch {
		case m.Namespace != ns:
			c.add(path, "namespace "+nsName(m.Namespace), "namespace "+nsName(ns), "member %s is in the wrong namespace; .NET would drop it", name)
		case j == last:
			c.add(path, "one "+name, "two", "member %s appears twice; .NET would drop the second", name)
		default:
			c.add(path, "order "+memberOrder(t), name+" after "+t.XMLMembers[last].XMLName,
				"member %s is out of DataContract order; .NET would drop it", name)
		}
		return
	}
	for _, m := range t.XMLMembers {
		if strings.EqualFold(m.XMLName, name) {
			c.add(path, m.XMLName, name, "member names are case-sensitive; .NET would drop %s", name)
			return
		}
	}
	c.add(path, "members "+memberOrder(t), name, "undocumented element %s in %s", name, t.Name)
}

// noText flags non-white-space text directly inside el.
func (c *checker) noText(path string, el *etree.Element, want string) {
	for _, tok := range el.Child {
		if cd, ok := tok.(*etree.CharData); ok && !cd.IsWhitespace() {
			c.add(path, want, "text "+strconv.Quote(shorten(cd.Data)), "text where %s belong", want)
			return
		}
	}
}

// value checks el as a value of t.
func (c *checker) value(path string, t *model.Type, el *etree.Element) {
	if c.isNil(path, t, el) {
		return
	}
	switch t.Kind {
	case model.Object:
		if t.Namespace == "" {
			c.dict(path, t, el)
			return
		}
		c.class(path, t, el)
	case model.Array:
		c.noText(path, el, "<"+t.ItemName+"> items")
		for i, item := range el.ChildElements() {
			itemPath := path + "/" + item.Tag + "[" + strconv.Itoa(i+1) + "]"
			if item.Tag != t.ItemName || item.NamespaceURI() != t.ItemNamespace {
				c.add(itemPath, qname(t.ItemName, t.ItemNamespace), qname(item.Tag, item.NamespaceURI()), "not an item of this collection; .NET would drop it")
				continue
			}
			c.value(itemPath, t.Item, item)
		}
	case model.Map:
		c.dictionary(path, t, el)
	case model.DateTimeOffset:
		c.dateTimeOffset(path, el)
	default:
		c.scalar(path, t, el)
	}
}

func (c *checker) simpleText(path string, el *etree.Element) (string, bool) {
	if kids := el.ChildElements(); len(kids) > 0 {
		c.add(path+"/"+kids[0].Tag, "text", "element "+kids[0].Tag, "an element inside a simple value")
		return "", false
	}
	return el.Text(), true
}

func (c *checker) scalar(path string, t *model.Type, el *etree.Element) {
	text, ok := c.simpleText(path, el)
	if !ok {
		return
	}
	switch t.Kind {
	case model.Int:
		n, ok := parseXSDInt(text, t.Schema != nil && t.Schema.Format == "int64")
		if !ok {
			c.add(path, "an xs:int", strconv.Quote(shorten(text)), "not an integer")
			return
		}
		c.bounds(path, t, float64(n))
	case model.Number:
		if f, err := strconv.ParseFloat(trimXMLSpace(text), 64); err != nil {
			c.add(path, "a number", strconv.Quote(shorten(text)), "not a number")
		} else {
			c.bounds(path, t, f)
		}
	case model.Bool:
		if _, ok := parseXSDBool(text); !ok {
			c.add(path, "true or false", strconv.Quote(shorten(text)), "not an xs:boolean")
		}
	case model.DateTime:
		if _, _, _, err := parseXSDDateTime(trimXMLSpace(text)); err != nil {
			c.add(path, "an xs:dateTime", strconv.Quote(shorten(text)), "not an xs:dateTime")
		}
	default:
		if len(t.Enum) > 0 {
			for _, e := range t.Enum {
				if e == text {
					return
				}
			}
			c.add(path, "one of "+strings.Join(t.Enum, ", "), strconv.Quote(shorten(text)), "not an allowed value")
		}
	}
}

func (c *checker) bounds(path string, t *model.Type, f float64) {
	if t.Schema == nil {
		return
	}
	if m := t.Schema.Min; m != nil && f < *m {
		c.add(path, fmt.Sprintf(">= %v", *m), strconv.FormatFloat(f, 'g', -1, 64), "below the minimum")
	}
	if m := t.Schema.Max; m != nil && f > *m {
		c.add(path, fmt.Sprintf("<= %v", *m), strconv.FormatFloat(f, 'g', -1, 64), "above the maximum")
	}
}

// dateTimeOffset checks DateTime (UTC, with Z) then OffsetMinutes, in the System namespace.
func (c *checker) dateTimeOffset(path string, el *etree.Element) {
	c.noText(path, el, "DateTime and OffsetMinutes")
	kids := el.ChildElements()
	want := [...]string{"DateTime", "OffsetMinutes"}
	var dateTime string
	offset := 0
	for i, kid := range kids {
		kidPath := path + "/" + kid.Tag
		if i >= len(want) {
			c.add(kidPath, "nothing after OffsetMinutes", qname(kid.Tag, kid.NamespaceURI()), "undocumented element in a DateTimeOffset")
			continue
		}
		if kid.Tag != want[i] || kid.NamespaceURI() != model.SystemNamespace {
			c.add(kidPath, qname(want[i], model.SystemNamespace), qname(kid.Tag, kid.NamespaceURI()), "a DateTimeOffset holds DateTime then OffsetMinutes")
			return
		}
		text, ok := c.simpleText(kidPath, kid)
		if !ok {
			return
		}
		text = trimXMLSpace(text)
		if i == 0 {
			_, kind, _, err := parseXSDDateTime(text)
			switch {
			case err != nil:
				c.add(kidPath, "an xs:dateTime in UTC such as 2024-11-21T08:42:50.8590439Z", strconv.Quote(shorten(text)), "not an xs:dateTime")
				return
			case kind != kindUTC:
				c.add(kidPath, "a UTC date-time ending in Z", strconv.Quote(text), "DataContractSerializer writes a DateTimeOffset's DateTime in UTC")
			}
			dateTime = text
			continue
		}
		n, ok := parseXSDInt(text, false)
		if !ok || n < minOffset || n > maxOffset {
			c.add(kidPath, "minutes between -840 and 840", strconv.Quote(shorten(text)), "not a valid offset")
			return
		}
		offset = int(n)
	}
	if len(kids) < len(want) {
		c.add(path+"/"+want[len(kids)], qname(want[len(kids)], model.SystemNamespace), "nothing", "a DateTimeOffset holds DateTime then OffsetMinutes")
		return
	}
	if _, err := fromXML(dateTime, offset); err != nil {
		c.add(path, "a representable DateTimeOffset", dateTime+" at "+strconv.Itoa(offset)+" minutes", "%v", err)
	}
}

// dictionary checks a Dictionary<string,X>: KeyValueOfstringX entries holding a Key
// (a string) then a Value, all in the Arrays namespace, no key twice.
func (c *checker) dictionary(path string, t *model.Type, el *etree.Element) {
	c.noText(path, el, "<"+t.ItemName+"> entries")
	keys := map[string]bool{}
	for i, entry := range el.ChildElements() {
		entryPath := path + "/" + entry.Tag + "[" + strconv.Itoa(i+1) + "]"
		if entry.Tag != t.ItemName || entry.NamespaceURI() != t.ItemNamespace {
			c.add(entryPath, qname(t.ItemName, t.ItemNamespace), qname(entry.Tag, entry.NamespaceURI()), "not an entry of this dictionary; .NET would drop it")
			continue
		}
		c.noText(entryPath, entry, "Key and Value")
		kids := entry.ChildElements()
		want := [...]string{"Key", "Value"}
		for j, kid := range kids {
			kidPath := entryPath + "/" + kid.Tag
			if j >= len(want) {
				c.add(kidPath, "nothing after Value", qname(kid.Tag, kid.NamespaceURI()), "undocumented element in a dictionary entry")
				continue
			}
			if kid.Tag != want[j] || kid.NamespaceURI() != t.ItemNamespace {
				c.add(kidPath, qname(want[j], t.ItemNamespace), qname(kid.Tag, kid.NamespaceURI()), "a dictionary entry holds Key then Value")
				break
			}
			if j == 0 {
				if c.isNil(kidPath, keyType, kid) {
					continue
				}
				if key, ok := c.simpleText(kidPath, kid); ok {
					if keys[key] {
						c.add(kidPath, "distinct keys", strconv.Quote(shorten(key)), "a key appears twice")
					}
					keys[key] = true
				}
				continue
			}
			c.value(kidPath, t.Item, kid)
		}
		if len(kids) < len(want) {
			c.add(entryPath+"/"+want[len(kids)], qname(want[len(kids)], t.ItemNamespace), "nothing", "a dictionary entry holds Key then Value")
		}
	}
}

// dict checks an HttpError: known keys in no namespace, text or nested keys.
func (c *checker) dict(path string, t *model.Type, el *etree.Element) {
	c.noText(path, el, "elements")
	seen := map[string]bool{}
	for _, kid := range el.ChildElements() {
		kidPath := path + "/" + kid.Tag
		m := t.Member(decodeLocalName(kid.Tag))
		switch {
		case kid.NamespaceURI() != "":
			c.add(kidPath, "no namespace", "namespace "+kid.NamespaceURI(), "HttpError's elements are in no namespace")
		case m == nil:
			c.add(kidPath, "members "+strings.Join(t.MemberNames(), ", "), kid.Tag, "undocumented element %s in %s", kid.Tag, t.Name)
		case seen[m.Name]:
			c.add(kidPath, "one "+m.Name, "two", "member %s appears twice", m.Name)
		default:
			seen[m.Name] = true
			if m.Type.Kind == model.Map {
				c.mapEntries(kidPath, kid)
			} else {
				c.simpleText(kidPath, kid)
			}
		}
	}
	for _, m := range t.Members {
		if m.Required && !seen[m.Name] {
			c.add(path+"/"+m.XMLName, qname(m.XMLName, ""), "nothing", "required member %s is missing", m.Name)
		}
	}
}

// mapEntries checks a Map: one text-only element per key.
func (c *checker) mapEntries(path string, el *etree.Element) {
	c.noText(path, el, "one element per key")
	for _, kid := range el.ChildElements() {
		c.simpleText(path+"/"+kid.Tag, kid)
	}
}
