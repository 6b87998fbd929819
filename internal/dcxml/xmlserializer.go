package dcxml

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/model"
)

// This file holds the XmlSerializer flavour (XmlMediaTypeFormatter.UseXmlSerializer =
// true), for layouts compiled with model.XMLSerializer. Observed on Mono's XmlSerializer
// and Web API formatter (testdata/xmlserializer, with the script that records it), and
// where Mono is known to differ, written as .NET Framework's XmlSerializer writes:
//   - the root declares xmlns:xsi then xmlns:xsd (.NET Framework's order; Mono writes
//     xmlns:xsd first), then its [XmlRoot] namespace as the default namespace, if any;
//     no XML declaration (Web API's writer omits it), no white space;
//   - members in declaration order, base class first; a member's element is in its
//     class's namespace, else in the namespace of the element around it;
//   - a null member is omitted, unless it is a nullable value type or
//     [XmlElement(IsNullable = true)] (model.Member.Nil): then xsi:nil="true";
//   - a collection is <Tags><string>a</string></Tags>, a null item <string xsi:nil="true" />,
//     an empty one <Tags />; the root of a collection is ArrayOfString;
//   - an empty string is <Text />; a DateTimeOffset is an empty element (XmlSerializer
//     sees no public read/write member in it) and reads back as its default;
//   - a dictionary cannot be serialized at all (ErrNotSerializable): Web API's formatter
//     then refuses the type and the Help Page shows "Failed to generate the sample".
//
// Reading accepts members in any order (the first of a repeated member wins, the items of
// a repeated collection add up), skips unknown elements, and reads xsi:nil on a string
// member that is not IsNullable as "".

// ErrNotSerializable is returned by Encode for a layout XmlSerializer cannot write: one
// that holds a dictionary ("There was an error reflecting type ..."). ASP.NET Web API's
// XmlMediaTypeFormatter answers CanWriteType false for such a type, so the service
// answers JSON instead.
var ErrNotSerializable = errors.New("XmlSerializer cannot serialize a dictionary (IDictionary)")

// xsNilAttr is the xsi:nil attribute as XmlSerializer writes it.
const xsNilAttr = ` xsi:nil="true"`

// isHTTPError tells whether t is Web API's HttpError (model.IsHTTPError), which
// XmlSerializer writes as DataContractSerializer does (testdata/xmlserializer/write/Error.xml).
func isHTTPError(t *model.Type) bool { return model.IsHTTPError(t) }

// xsSerializable returns ErrNotSerializable when XmlSerializer cannot write t.
func xsSerializable(t *model.Type) error {
	if !model.XMLSerializable(t) {
		return ErrNotSerializable
	}
	return nil
}

// appendEncodeXS is AppendEncode for an XmlSerializer layout.
func appendEncodeXS(dst []byte, t *model.Type, v any) ([]byte, error) {
	if err := xsSerializable(t); err != nil {
		return dst, fmt.Errorf("encode xml %s: %w", t.Name, err)
	}
	e := encoder{buf: dst, scopes: make([]binding, 0, 8)}
	e.open(t.Name, t.Namespace)
	switch t.Kind {
	case model.Object, model.Array, model.DateTimeOffset:
		e.xmlnsAttr("xsi", model.InstanceNamespace)
		e.xmlnsAttr("xsd", model.SchemaNamespace)
	}
	if v == nil {
		if isValueType(t) {
			return dst, fmt.Errorf("encode xml %s: null for a non-nullable %s", t.Name, t.Kind)
		}
		if _, ok := e.lookup(model.InstanceNamespace); !ok {
			e.xmlnsAttr("xsi", model.InstanceNamespace)
		}
		e.buf = append(e.buf, xsNilAttr...)
		e.close()
		return e.buf, nil
	}
	if err := e.xsBody("", t, v, t.Namespace); err != nil {
		return dst, fmt.Errorf("encode xml %s: %w", t.Name, err)
	}
	return e.buf, nil
}

// xsNil writes <local xsi:nil="true" />.
func (e *encoder) xsNil(local, ns string) {
	e.open(local, ns)
	prefix, ok := e.lookup(model.InstanceNamespace)
	if !ok {
		prefix = "xsi"
		e.xmlnsAttr(prefix, model.InstanceNamespace)
	}
	e.buf = append(e.buf, ' ')
	e.buf = append(e.buf, prefix...)
	e.buf = append(e.buf, `:nil="true"`...)
	e.close()
}

// xsBody writes the content of an element whose start tag is open, then closes it; ns is
// the namespace members without one of their own are written in.
func (e *encoder) xsBody(path string, t *model.Type, v any, ns string) error {
	switch t.Kind {
	case model.Object:
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%sgot %s, want an object", at(path), jsonKind(v))
		}
		e.content()
		for _, m := range t.XMLMembers {
			if err := e.xsMember(m, obj[m.Name], ns); err != nil {
				if path != "" {
					return fmt.Errorf("%s.%w", path, err)
				}
				return err
			}
		}
		e.close()
	case model.Array:
		items, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%sgot %s, want an array", at(path), jsonKind(v))
		}
		e.content()
		itemNS := cmp.Or(t.ItemNamespace, ns)
		for i, item := range items {
			if item == nil {
				if isValueType(t.Item) {
					return fmt.Errorf("%s[%d]: null for a non-nullable %s", path, i, t.Item.Kind)
				}
				e.xsNil(t.ItemName, itemNS)
				continue
			}
			e.open(t.ItemName, itemNS)
			if err := e.xsBody("", t.Item, item, itemNS); err != nil {
				return fmt.Errorf("%s[%d]%w", path, i, err)
			}
		}
		e.close()
	case model.DateTimeOffset:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%sgot %s, want a DateTimeOffset string", at(path), jsonKind(v))
		}
		e.close()
	case model.Map:
		return fmt.Errorf("%s%w", at(path), ErrNotSerializable)
	default:
		text, err := scalarText(t, v)
		if err != nil {
			return fmt.Errorf("%s%w", at(path), err)
		}
		e.content()
		e.buf = AppendText(e.buf, text)
		e.close() // " />" for an empty string, as XmlWriter.WriteElementString
	}
	return nil
}

// xsMember writes member m holding v, or nothing for a null XmlSerializer omits.
func (e *encoder) xsMember(m *model.Member, v any, ns string) error {
	mns := cmp.Or(m.Namespace, ns)
	if v == nil {
		if isValueType(m.Type) {
			return fmt.Errorf("%s: null for a non-nullable %s", m.Name, m.Type.Kind)
		}
		if m.Nil {
			e.xsNil(m.XMLName, mns)
		}
		return nil
	}
	e.open(m.XMLName, mns)
	if err := e.xsBody("", m.Type, v, mns); err != nil {
		return fmt.Errorf("%s%w", m.Name, prefixPath(err))
	}
	return nil
}

// prefixPath turns an error from a nested xsBody into one that reads after a member name.
func prefixPath(err error) error {
	if strings.HasPrefix(err.Error(), "[") || strings.HasPrefix(err.Error(), ".") {
		return err
	}
	return fmt.Errorf(": %w", err)
}

// xsZero is the value of a member XmlSerializer never set: .NET's default, and an empty
// list for a collection (XmlSerializer creates the collections of the object it reads).
func xsZero(t *model.Type) any {
	switch {
	case t.Kind == model.Array:
		return []any{}
	case t.Nullable:
	case t.Kind == model.DateTime:
		return "0001-01-01T00:00:00"
	case t.Kind == model.String && len(t.Enum) > 0:
		return t.Enum[0] // an enum's default is its first member (value 0) as a rule
	case t.Kind == model.String && t.Schema != nil && t.Schema.Format == "uuid":
		return "00000000-0000-0000-0000-000000000000"
	}
	return zeroValue(t)
}

// xsDocument reads the prolog, the root and the epilogue of an XmlSerializer body.
func (d *decoder) xsDocument(t *model.Type) (any, error) {
	if err := xsSerializable(t); err != nil {
		return nil, fmt.Errorf("decode xml %s: %w", t.Name, err)
	}
	return d.readDocument(t, func(root string, tok xml.StartElement) (any, bool, error) {
		if tok.Name.Local != t.Name || tok.Name.Space != t.Namespace {
			// XmlSerializer: "<order xmlns=''> was not expected."
			return nil, false, d.fail(root, "<%s xmlns='%s'> was not expected (XmlSerializer wants <%s xmlns='%s'>)",
				tok.Name.Local, tok.Name.Space, t.Name, t.Namespace)
		}
		v, err := d.xsValue(root, t, tok, t.Namespace, true)
		return v, true, err
	})
}

// xsValue reads the element se, just started, as a value of t; nilOK tells whether
// xsi:nil="true" reads as null rather than "" for a string.
func (d *decoder) xsValue(path string, t *model.Type, se xml.StartElement, ns string, nilOK bool) (any, error) {
	isNil, err := d.nilAttr(path, se)
	if err != nil {
		return nil, err
	}
	if isNil {
		if isValueType(t) || t.Kind == model.DateTime && !t.Nullable {
			return nil, d.fail(path, "xsi:nil=\"true\" on a %s member: XmlSerializer cannot read null into a value type", t.Kind)
		}
		if err := d.skip(path); err != nil {
			return nil, err
		}
		switch {
		case t.Kind == model.String && !nilOK:
			d.problem(path, "xsi:nil=\"true\" on a string member without [XmlElement(IsNullable = true)]: XmlSerializer reads \"\"")
			return "", nil
		case t.Kind == model.Object && !nilOK:
			d.problem(path, "xsi:nil=\"true\" on a class member without [XmlElement(IsNullable = true)]: XmlSerializer reads an object with default members")
			obj := make(map[string]any, len(t.XMLMembers))
			for _, m := range t.XMLMembers {
				obj[m.Name] = xsZero(m.Type)
			}
			return obj, nil
		}
		return nil, nil
	}
	switch t.Kind {
	case model.Object:
		return d.xsClass(path, t, ns)
	case model.Array:
		return d.xsArray(path, t, ns)
	case model.DateTimeOffset:
		d.problem(path, "XmlSerializer reads nothing into a DateTimeOffset: the member keeps its default")
		if err := d.skip(path); err != nil {
			return nil, err
		}
		return zeroValue(t), nil
	}
	text, err := d.text(path)
	if err != nil {
		return nil, err
	}
	if t.Kind == model.DateTime {
		if _, _, _, err := parseXSDDateTime(trimXMLSpace(text)); err != nil {
			return nil, d.fail(path, "%q is not a valid xs:dateTime", shorten(text))
		}
	}
	if len(t.Enum) > 0 {
		for _, e := range t.Enum {
			if e == text {
				return text, nil
			}
		}
		return nil, d.fail(path, "instance validation error: %q is not a valid value (%s)", shorten(text), strings.Join(t.Enum, ", "))
	}
	return d.scalar(path, t, text)
}

// xsClass reads a class's members in any order, as XmlSerializer's reader does.
func (d *decoder) xsClass(path string, t *model.Type, ns string) (map[string]any, error) {
	obj := make(map[string]any, len(t.XMLMembers))
	for _, m := range t.XMLMembers {
		obj[m.Name] = xsZero(m.Type)
	}
	seen := make([]bool, len(t.XMLMembers))
	for {
		tok, err := d.token(path)
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			return obj, nil
		case xml.CharData:
			if !isWhitespace(tok) {
				d.problem(path, "text %q between members: XmlSerializer ignores it", shorten(string(tok)))
			}
		case xml.StartElement:
			childPath := path + "/" + tok.Name.Local
			j := -1
			for k, m := range t.XMLMembers {
				if m.XMLName == tok.Name.Local && cmp.Or(m.Namespace, ns) == tok.Name.Space {
					j = k
					break
				}
			}
			if j >= 0 && seen[j] && t.XMLMembers[j].Type.Kind != model.Array {
				d.problem(childPath, "`%s` appears twice; XmlSerializer keeps the first and ignores this one", tok.Name.Local)
				j = -1
			} else if j < 0 {
				d.xsUnknown(childPath, t, tok.Name, ns)
			}
			if j < 0 {
				if err := d.skip(childPath); err != nil {
					return nil, err
				}
				continue
			}
			m := t.XMLMembers[j]
			v, err := d.xsValue(childPath, m.Type, tok, cmp.Or(m.Namespace, ns), m.Nil)
			if err != nil {
				return nil, err
			}
			if prev, ok := obj[m.Name].([]any); ok && seen[j] {
				if items, ok := v.([]any); ok {
					v = append(prev, items...)
				}
			}
			seen[j] = true
			obj[m.Name] = v
		}
	}
}

// xsUnknown records why XmlSerializer ignores an element of class t.
func (d *decoder) xsUnknown(path string, t *model.Type, name xml.Name, ns string) {
	for _, m := range t.XMLMembers {
		switch {
		case m.XMLName == name.Local:
			d.problem(path, "`%s` is in namespace %s, want %s; XmlSerializer ignores it",
				name.Local, nsName(name.Space), nsName(cmp.Or(m.Namespace, ns)))
			return
		case strings.EqualFold(m.XMLName, name.Local):
			d.problem(path, "`%s` is not a member of %s; did you mean `%s`? (member names are case-sensitive in XML)",
				name.Local, t.Name, m.XMLName)
			return
		}
	}
	d.problem(path, "`%s` is not a member of %s; XmlSerializer ignores unknown elements (members: %s)", name.Local, t.Name, memberOrder(t))
}

// xsArray reads a collection's items; other elements are ignored.
func (d *decoder) xsArray(path string, t *model.Type, ns string) (any, error) {
	items := []any{}
	itemNS := cmp.Or(t.ItemNamespace, ns)
	for {
		tok, err := d.token(path)
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			return items, nil
		case xml.CharData:
			if !isWhitespace(tok) {
				d.problem(path, "text %q between items: XmlSerializer ignores it", shorten(string(tok)))
			}
		case xml.StartElement:
			itemPath := path + "/" + tok.Name.Local + "[" + strconv.Itoa(len(items)+1) + "]"
			if tok.Name.Local != t.ItemName || tok.Name.Space != itemNS {
				d.problem(itemPath, "`%s` in namespace %s is not an item of this collection (want `%s` in %s); XmlSerializer ignores it",
					tok.Name.Local, nsName(tok.Name.Space), t.ItemName, nsName(itemNS))
				if err := d.skip(itemPath); err != nil {
					return nil, err
				}
				continue
			}
			v, err := d.xsValue(itemPath, t.Item, tok, itemNS, true)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
	}
}

// xsValue checks el as a value of t in an XmlSerializer body; ns is the namespace of
// the element around it; nilOK tells whether xsi:nil may stand for null here.
func (c *checker) xsValue(path string, t *model.Type, el *etree.Element, ns string, nilOK bool) {
	for _, a := range el.Attr {
		if a.NamespaceURI() != model.InstanceNamespace || a.Key != "nil" {
			continue
		}
		b, ok := parseXSDBool(a.Value)
		switch {
		case !ok:
			c.add(path, `xsi:nil="true" or no xsi:nil`, fmt.Sprintf("xsi:nil=%q", a.Value), "xsi:nil is not an xs:boolean")
		case b && !nilOK:
			c.add(path, "the member omitted when null", `xsi:nil="true"`,
				"XmlSerializer omits a null member unless it is a nullable value type or [XmlElement(IsNullable = true)]")
		case b && isValueType(t):
			c.add(path, "a "+t.Kind.String()+" value", `xsi:nil="true"`, "null for a member the contract does not mark nullable")
		}
		if b {
			if len(el.ChildElements()) > 0 || strings.TrimSpace(el.Text()) != "" {
				c.add(path, "an empty element", "content", "an xsi:nil element has content")
			}
			return
		}
	}
	switch t.Kind {
	case model.Object:
		c.xsClass(path, t, el, ns)
	case model.Array:
		c.noText(path, el, "<"+t.ItemName+"> items")
		itemNS := cmp.Or(t.ItemNamespace, ns)
		for i, item := range el.ChildElements() {
			itemPath := path + "/" + item.Tag + "[" + strconv.Itoa(i+1) + "]"
			if item.Tag != t.ItemName || item.NamespaceURI() != itemNS {
				c.add(itemPath, qname(t.ItemName, itemNS), qname(item.Tag, item.NamespaceURI()), "not an item of this collection; XmlSerializer would ignore it")
				continue
			}
			c.xsValue(itemPath, t.Item, item, itemNS, true)
		}
	case model.DateTimeOffset:
		if len(el.Child) > 0 {
			c.add(path, "an empty element", "content", "XmlSerializer writes a DateTimeOffset as an empty element")
		}
	case model.Map:
		c.add(path, "no dictionary", "a dictionary", "%v", ErrNotSerializable)
	default:
		c.scalar(path, t, el)
	}
}

// xsClass checks a class's members: declaration order (base class first), each at most
// once, a null member omitted.
func (c *checker) xsClass(path string, t *model.Type, el *etree.Element, ns string) {
	c.noText(path, el, "member elements")
	seen := make([]bool, len(t.XMLMembers))
	last := -1
	for _, child := range el.ChildElements() {
		childPath := path + "/" + child.Tag
		name, cns := child.Tag, child.NamespaceURI()
		j := -1
		for k, m := range t.XMLMembers {
			if m.XMLName == name && cmp.Or(m.Namespace, ns) == cns {
				j = k
				break
			}
		}
		switch {
		case j < 0:
			c.add(childPath, "members "+memberOrder(t), qname(name, cns), "undocumented element %s in %s", name, t.Name)
			continue
		case seen[j]:
			c.add(childPath, "one "+name, "two", "member %s appears twice", name)
			continue
		case j < last:
			c.add(childPath, "order "+memberOrder(t), name+" after "+t.XMLMembers[last].XMLName,
				"member %s is out of declaration order (XmlSerializer writes base-class members first, then each class's in declaration order)", name)
		}
		last, seen[j] = max(last, j), true
		m := t.XMLMembers[j]
		c.xsValue(childPath, m.Type, child, cmp.Or(m.Namespace, ns), m.Nil)
	}
	for j, m := range t.XMLMembers {
		if seen[j] || !m.Required {
			continue
		}
		// A null reference is omitted: legitimate for a member the contract lets be null.
		if m.Type.Nullable && !m.Nil && !isValueType(m.Type) {
			continue
		}
		c.add(path+"/"+m.XMLName, qname(m.XMLName, cmp.Or(m.Namespace, ns)), "nothing",
			"required member %s is missing (XmlSerializer writes it, in the order %s)", m.XMLName, memberOrder(t))
	}
}
