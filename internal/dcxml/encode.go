package dcxml

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// Encode returns the bytes ASP.NET Web API's XmlMediaTypeFormatter (DataContractSerializer)
// writes for v, a value of class t in JSON form. A class without a namespace is written as
// Web API's HttpError (an IXmlSerializable dictionary), see AppendEncode.
func Encode(t *model.Type, v any) ([]byte, error) {
	return AppendEncode(make([]byte, 0, 512), t, v)
}

// AppendEncode appends Encode's bytes to dst.
//
// The bytes are written directly rather than through etree: DataContractSerializer's
// output depends on XmlWriter details etree does not reproduce (" />" with a space, the
// default namespace declaration after explicit xmlns:prefix attributes, d{depth}p{n}
// prefixes, apostrophes and quotes left unescaped in text), and a single pass over the
// layout is what the mock's hot path wants.
func AppendEncode(dst []byte, t *model.Type, v any) ([]byte, error) {
	if t == nil {
		return dst, fmt.Errorf("encode xml: no layout")
	}
	if t.Serializer == model.XMLSerializer && !isHTTPError(t) {
		return appendEncodeXS(dst, t, v)
	}
	e := encoder{buf: dst, scopes: make([]binding, 0, 8)}
	if t.Kind == model.Object && t.Namespace == "" {
		if err := e.httpError(t.Name, t, v); err != nil {
			return dst, fmt.Errorf("encode xml %s: %w", t.Name, err)
		}
		return e.buf, nil
	}
	if v == nil {
		if isValueType(t) {
			return dst, fmt.Errorf("encode xml %s: null for a non-nullable %s", t.Name, t.Kind)
		}
		// DataContractSerializer writes a null root with i:nil before the declarations:
		// <Note i:nil="true" xmlns:i=... xmlns=... />, <ArrayOfNote i:nil="true" ... />.
		e.open(t.Name, t.Namespace)
		e.buf = append(e.buf, ` i:nil="true"`...)
		e.xmlnsAttr("i", model.InstanceNamespace)
		e.close()
		return e.buf, nil
	}
	e.open(t.Name, t.Namespace)
	var err error
	switch t.Kind {
	case model.Object:
		e.xmlnsAttr("i", model.InstanceNamespace)
		err = e.classBody("", t, v)
	case model.Array:
		e.xmlnsAttr("i", model.InstanceNamespace)
		err = e.arrayBody("", t, v)
	case model.Map:
		e.xmlnsAttr("i", model.InstanceNamespace)
		err = e.dictionaryBody("", t, v)
	case model.DateTimeOffset:
		e.xmlnsAttr("i", model.InstanceNamespace)
		err = e.dateTimeOffsetBody("", v)
	default:
		// A primitive root declares only its namespace: <int xmlns="...">5</int>.
		err = e.scalarBody("", t, v)
	}
	if err != nil {
		return dst, fmt.Errorf("encode xml %s: %w", t.Name, err)
	}
	return e.buf, nil
}

// binding is a namespace prefix in scope; prefix "" is the default namespace.
type binding struct {
	prefix, uri string
	depth       int
}

// encoder mimics the XmlWellFormedWriter and XmlWriterDelegator pair under
// DataContractSerializer: an element whose namespace is not in scope gets a default
// namespace declaration after its other attributes; a contract namespace that is not in
// scope gets the prefix d{depth}p{n}.
type encoder struct {
	buf    []byte
	scopes []binding
	depth  int
	// prefixes counts the d{depth}p{n} prefixes declared on the current element.
	prefixes int
	// pendingDefault is the default namespace the current start tag must still declare.
	pendingDefault string
	hasPending     bool
	// qnames holds the qualified names of the open elements, for their end tags.
	qnames []string
	// contentPos is len(buf) right after the current start tag's ">", so that an
	// element with no content is closed as XmlWriter does, with " />".
	contentPos int
	// inStartTag tells whether the current start tag still lacks its ">".
	inStartTag bool
}

// lookup returns the prefix bound to uri in scope (innermost first), if any.
func (e *encoder) lookup(uri string) (string, bool) {
	for i := len(e.scopes) - 1; i >= 0; i-- {
		b := e.scopes[i]
		if b.uri != uri {
			continue
		}
		shadowed := false
		for _, later := range e.scopes[i+1:] {
			if later.prefix == b.prefix {
				shadowed = true
				break
			}
		}
		if !shadowed {
			return b.prefix, true
		}
	}
	if uri == "" {
		// No default namespace declared yet means the empty one.
		for _, b := range e.scopes {
			if b.prefix == "" {
				return "", false
			}
		}
		return "", true
	}
	return "", false
}

// open writes "<qname" for an element in namespace ns.
func (e *encoder) open(local, ns string) {
	e.depth++
	e.prefixes = 1
	prefix, ok := e.lookup(ns)
	e.hasPending = !ok
	if !ok {
		prefix = ""
		e.pendingDefault = ns
		e.scopes = append(e.scopes, binding{prefix: "", uri: ns, depth: e.depth})
	}
	qname := local
	if prefix != "" {
		qname = prefix + ":" + local
	}
	e.qnames = append(e.qnames, qname)
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, qname...)
	e.inStartTag = true
}

// xmlnsAttr declares prefix for uri on the current start tag.
func (e *encoder) xmlnsAttr(prefix, uri string) {
	e.scopes = append(e.scopes, binding{prefix: prefix, uri: uri, depth: e.depth})
	e.buf = append(e.buf, " xmlns:"...)
	e.buf = append(e.buf, prefix...)
	e.buf = append(e.buf, `="`...)
	e.buf = appendAttr(e.buf, uri)
	e.buf = append(e.buf, '"')
}

// contractNamespace is XmlWriterDelegator.WriteXmlnsAttribute: declare ns under a
// generated prefix unless a prefix (or the default namespace) already maps it.
func (e *encoder) contractNamespace(ns string) {
	if _, ok := e.lookup(ns); ok {
		return
	}
	prefix := "d" + strconv.Itoa(e.depth) + "p" + strconv.Itoa(e.prefixes)
	e.prefixes++
	e.xmlnsAttr(prefix, ns)
}

// endStartTag writes the pending default namespace declaration (if any) but not ">".
func (e *encoder) endStartTag() {
	if e.hasPending {
		e.buf = append(e.buf, ` xmlns="`...)
		e.buf = appendAttr(e.buf, e.pendingDefault)
		e.buf = append(e.buf, '"')
		e.hasPending = false
	}
}

// content finishes the start tag with ">".
func (e *encoder) content() {
	e.endStartTag()
	e.buf = append(e.buf, '>')
	e.contentPos = len(e.buf)
	e.inStartTag = false
}

// close ends the current element as XmlWriter.WriteEndElement does: " />" when nothing
// was written after the start tag, else the end tag.
func (e *encoder) close() {
	switch {
	case e.inStartTag:
		e.endStartTag()
		e.buf = append(e.buf, " />"...)
	case e.contentPos == len(e.buf):
		e.buf = append(e.buf[:len(e.buf)-1], " />"...)
	default:
		e.endTag()
	}
	e.pop()
}

// closeFull ends the current element with an end tag, as XmlWriter does after a
// WriteString call, even an empty one.
func (e *encoder) closeFull() {
	if e.inStartTag {
		e.content()
	}
	e.endTag()
	e.pop()
}

func (e *encoder) endTag() {
	e.buf = append(e.buf, "</"...)
	e.buf = append(e.buf, e.qnames[len(e.qnames)-1]...)
	e.buf = append(e.buf, '>')
}

func (e *encoder) pop() {
	e.inStartTag = false
	e.contentPos = -1
	e.qnames = e.qnames[:len(e.qnames)-1]
	for len(e.scopes) > 0 && e.scopes[len(e.scopes)-1].depth == e.depth {
		e.scopes = e.scopes[:len(e.scopes)-1]
	}
	e.depth--
}

// nilElement writes <local i:nil="true" /> for a null of type t. As DataContractSerializer
// does, a class, collection, dictionary or DateTimeOffset declares its contract's namespace
// first, unused: <One xmlns:d2p1="…" i:nil="true" />.
func (e *encoder) nilElement(local, ns string, t *model.Type) {
	e.open(local, ns)
	switch t.Kind {
	case model.Object:
		if t.Namespace != "" { // HttpError has none
			e.contractNamespace(t.Namespace)
		}
	case model.Array, model.Map:
		if !t.Free {
			e.contractNamespace(t.ItemNamespace)
		}
	case model.DateTimeOffset:
		e.contractNamespace(model.SystemNamespace)
	}
	prefix, ok := e.lookup(model.InstanceNamespace)
	if !ok {
		prefix = "i"
		e.xmlnsAttr(prefix, model.InstanceNamespace)
	}
	e.buf = append(e.buf, ' ')
	e.buf = append(e.buf, prefix...)
	e.buf = append(e.buf, `:nil="true"`...)
	e.close()
}

// classBody writes the members of a class whose start tag is open, then closes it.
func (e *encoder) classBody(path string, t *model.Type, v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%sgot %s, want an object", at(path), jsonKind(v))
	}
	e.contractNamespace(t.Namespace)
	e.content()
	for _, m := range t.XMLMembers {
		// Paths are built only on error: the hot path allocates nothing per member.
		if err := e.value(m.Name, m.XMLName, m.Namespace, m.Type, obj[m.Name]); err != nil {
			if path != "" {
				return fmt.Errorf("%s.%w", path, err)
			}
			return err
		}
	}
	e.close()
	return nil
}

// value writes one element named local in namespace ns holding v of type t.
func (e *encoder) value(path, local, ns string, t *model.Type, v any) error {
	if v == nil {
		if isValueType(t) {
			return fmt.Errorf("%snull for a non-nullable %s", at(path), t.Kind)
		}
		e.nilElement(local, ns, t)
		return nil
	}
	switch t.Kind {
	case model.Object:
		if t.Namespace == "" {
			return e.httpError(local, t, v)
		}
		e.open(local, ns)
		return e.classBody(path, t, v)
	case model.Array:
		e.open(local, ns)
		return e.arrayBody(path, t, v)
	case model.Map:
		e.open(local, ns)
		if t.Free {
			// System.Object: new object() is an empty element; nothing else is written
			// without a known type.
			e.close()
			return nil
		}
		return e.dictionaryBody(path, t, v)
	case model.DateTimeOffset:
		e.open(local, ns)
		return e.dateTimeOffsetBody(path, v)
	}
	e.open(local, ns)
	return e.scalarBody(path, t, v)
}

// arrayBody writes the items of a collection whose start tag is open, then closes it.
func (e *encoder) arrayBody(path string, t *model.Type, v any) error {
	items, ok := v.([]any)
	if !ok {
		return fmt.Errorf("%sgot %s, want an array", at(path), jsonKind(v))
	}
	e.contractNamespace(t.ItemNamespace)
	e.content()
	for i, item := range items {
		if err := e.value("", t.ItemName, t.ItemNamespace, t.Item, item); err != nil {
			return fmt.Errorf("%s[%d]%w", path, i, err)
		}
	}
	e.close()
	return nil
}

// keyType is the layout of a dictionary's string keys.
var keyType = &model.Type{Kind: model.String, Name: "string", Namespace: model.SerializationNamespace}

// dictionaryBody writes a Dictionary<string,X> whose start tag is open, as
// DataContractSerializer does: one KeyValueOfstringX entry per key holding Key and Value,
// all in the Arrays namespace; then closes it. Keys are written in ordinal order (a Go map
// has none; .NET writes insertion order).
func (e *encoder) dictionaryBody(path string, t *model.Type, v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%sgot %s, want an object", at(path), jsonKind(v))
	}
	e.contractNamespace(t.ItemNamespace)
	e.content()
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		e.open(t.ItemName, t.ItemNamespace)
		e.content()
		if err := e.value("", "Key", t.ItemNamespace, keyType, k); err != nil {
			return fmt.Errorf("%s[%q]%w", path, k, err)
		}
		if err := e.value("", "Value", t.ItemNamespace, t.Item, obj[k]); err != nil {
			return fmt.Errorf("%s[%q]: %w", path, k, err)
		}
		e.close()
	}
	e.close()
	return nil
}

// dateTimeOffsetBody writes DateTime and OffsetMinutes in a DateTimeOffset element whose
// start tag is open, then closes it.
func (e *encoder) dateTimeOffsetBody(path string, v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%sgot %s, want a DateTimeOffset string", at(path), jsonKind(v))
	}
	d, err := parseJSONDateTimeOffset(s)
	if err != nil {
		return fmt.Errorf("%s%w", at(path), err)
	}
	e.contractNamespace(model.SystemNamespace)
	e.content()
	e.open("DateTime", model.SystemNamespace)
	e.content()
	e.buf = d.appendXMLDateTime(e.buf)
	e.closeFull()
	e.open("OffsetMinutes", model.SystemNamespace)
	e.content()
	e.buf = strconv.AppendInt(e.buf, int64(d.offset), 10)
	e.closeFull()
	e.close()
	return nil
}

// scalarBody writes the text of a primitive whose start tag is open, then closes it.
func (e *encoder) scalarBody(path string, t *model.Type, v any) error {
	text, err := scalarText(t, v)
	if err != nil {
		return fmt.Errorf("%s%w", at(path), err)
	}
	e.content()
	e.buf = AppendText(e.buf, text)
	e.closeFull()
	return nil
}

// at returns "path: ", or "" for the root.
func at(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

// scalarText returns the XML text of a scalar member.
func scalarText(t *model.Type, v any) (string, error) {
	switch t.Kind {
	case model.Int:
		n, err := toInt(v)
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(n, 10), nil
	case model.Number:
		switch x := v.(type) {
		case json.Number:
			if _, err := strconv.ParseFloat(string(x), 64); err != nil {
				return "", fmt.Errorf("%q is not a number", string(x))
			}
			return string(x), nil
		case float64:
			return strconv.FormatFloat(x, 'G', -1, 64), nil
		}
		if n, err := toInt(v); err == nil {
			return strconv.FormatInt(n, 10), nil
		}
		return "", fmt.Errorf("got %s, want a number", jsonKind(v))
	case model.Bool:
		b, ok := v.(bool)
		if !ok {
			return "", fmt.Errorf("got %s, want a boolean", jsonKind(v))
		}
		return strconv.FormatBool(b), nil
	default: // String, DateTime
		switch x := v.(type) {
		case string:
			return x, nil
		case json.Number:
			// Json.NET binds a JSON number to a string member; keep its text.
			return string(x), nil
		}
		return "", fmt.Errorf("got %s, want a string", jsonKind(v))
	}
}

func toInt(v any) (int64, error) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an integer", string(x))
		}
		return n, nil
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case float64:
		if x == float64(int64(x)) {
			return int64(x), nil
		}
		return 0, fmt.Errorf("%v is not an integer", x)
	}
	return 0, fmt.Errorf("got %s, want an integer", jsonKind(v))
}

// isValueType reports whether t is a .NET value type that cannot be null.
func isValueType(t *model.Type) bool {
	if t.Nullable {
		return false
	}
	switch t.Kind {
	case model.Int, model.Number, model.Bool, model.DateTimeOffset:
		return true
	}
	return false
}

// httpError writes Web API's HttpError (an IXmlSerializable dictionary): one element per
// key present in v, in the layout's declaration order (the order HttpError adds its keys),
// no namespace, no i:nil: a null value is an empty element.
func (e *encoder) httpError(local string, t *model.Type, v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("got %s, want an object", jsonKind(v))
	}
	e.open(local, "")
	e.content()
	for _, m := range t.Members {
		mv, present := obj[m.Name]
		if !present {
			continue
		}
		if err := e.dictEntry(m.XMLName, mv); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
	}
	e.close()
	return nil
}

// mapBody writes a Map (HttpError's ModelState) whose start tag is open: one element per
// key, in sorted order (Go maps have none; Web API keeps insertion order).
func (e *encoder) mapBody(path string, v any) error {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: got %s, want an object", path, jsonKind(v))
	}
	e.content()
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if err := e.dictEntry(EncodeLocalName(k), obj[k]); err != nil {
			return fmt.Errorf("%s.%s: %w", path, k, err)
		}
	}
	e.close()
	return nil
}

// dictEntry writes one HttpError entry: a string, strings joined by spaces
// (XmlWriter.WriteValue(string[])), a nested dictionary, or an empty element for null.
func (e *encoder) dictEntry(local string, v any) error {
	switch x := v.(type) {
	case nil:
		e.open(local, "")
		e.close()
	case map[string]any:
		e.open(local, "")
		return e.mapBody(local, x)
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			s, ok := item.(string)
			if !ok {
				return fmt.Errorf("item %d: got %s, want a string", i, jsonKind(item))
			}
			parts[i] = s
		}
		e.open(local, "")
		e.content()
		e.buf = AppendText(e.buf, strings.Join(parts, " "))
		e.closeFull()
	case string:
		e.open(local, "")
		e.content()
		e.buf = AppendText(e.buf, x)
		e.closeFull()
	case json.Number:
		e.open(local, "")
		e.content()
		e.buf = append(e.buf, x...)
		e.closeFull()
	case bool:
		e.open(local, "")
		e.content()
		e.buf = strconv.AppendBool(e.buf, x)
		e.closeFull()
	default:
		return fmt.Errorf("got %s, want a string", jsonKind(v))
	}
	return nil
}

// appendAttr appends s escaped for a double-quoted attribute value.
func appendAttr(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// jsonKind names the JSON kind of v for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number, float64, int, int64, int32:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}
