package dcxml

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// Default limits of DecodeOptions.
const (
	// DefaultMaxDepth is XmlMediaTypeFormatter.MaxDepth's default in Web API 2.
	DefaultMaxDepth = 256
	// DefaultMaxElements bounds the elements of one body.
	DefaultMaxElements = 10000
)

// DecodeOptions limits what Decode reads.
type DecodeOptions struct {
	// MaxDepth is the deepest element nesting accepted (the root is depth 1).
	// Default: DefaultMaxDepth.
	MaxDepth int
	// MaxElements is the most elements accepted in one body. Default: DefaultMaxElements.
	MaxElements int
	// TranscodedFrom names the charset the body was sent in before the caller converted it
	// to UTF-8 ("utf-16" for a request with charset=utf-16); an XML declaration naming it
	// is then accepted. Default: "", the body was sent in UTF-8.
	TranscodedFrom string
}

// Problem is something DataContractSerializer silently drops or ignores while binding a
// body: the value Decode returns already reflects it.
type Problem struct {
	// Path locates the element, by local names: /AccessTokenBindingModel/accesstokenold.
	Path string
	// Message explains the drop for a developer.
	Message string
}

// String returns "path: message".
func (p Problem) String() string { return p.Path + ": " + p.Message }

// BindError is a body Web API answers 400 for whatever the mock's strictness: malformed
// XML, a DTD, a root of the wrong name or namespace, a value DataContractSerializer cannot
// convert, or a body over the limits.
type BindError struct {
	// Path locates the element at fault, when there is one.
	Path string
	// Line and Column locate the error in the body (1-based), when known.
	Line, Column int
	// Message explains the error for a developer.
	Message string
	// Err is the underlying parser error, if any.
	Err error
}

// Error returns the message with its position.
func (e *BindError) Error() string {
	var b strings.Builder
	b.WriteString("bind xml body")
	if e.Line > 0 {
		fmt.Fprintf(&b, " (line %d, column %d)", e.Line, e.Column)
	}
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the underlying parser error.
func (e *BindError) Unwrap() error { return e.Err }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode binds body, the XML form of t (a class, or a collection, dictionary or primitive
// as the whole body: ArrayOfNote, ArrayOfKeyValueOfstringint, <int>), as
// DataContractSerializer does, and returns
// the value in JSON form with every data member (absent members get .NET's default: null,
// 0, false or DateTimeOffset.MinValue), the problems DataContractSerializer would have
// silently dropped, and a *BindError for what Web API answers 400 for. An empty body is
// a nil value without error, as XmlMediaTypeFormatter reads it.
//
// It reads with encoding/xml's streaming decoder rather than etree: the limits must hold
// before anything is built, and binding is a single forward pass. encoding/xml never
// reads a DTD, expands only the predefined entities, and refuses other encodings than
// UTF-8 (as Web API does for a body sent as UTF-8).
func Decode(t *model.Type, body []byte, opts DecodeOptions) (any, []Problem, error) {
	if t == nil {
		return nil, nil, errors.New("decode xml: no layout")
	}
	if len(body) == 0 {
		return nil, nil, nil
	}
	d := &decoder{opts: opts}
	if d.opts.MaxDepth <= 0 {
		d.opts.MaxDepth = DefaultMaxDepth
	}
	if d.opts.MaxElements <= 0 {
		d.opts.MaxElements = DefaultMaxElements
	}
	body = bytes.TrimPrefix(body, utf8BOM)
	d.dec = xml.NewDecoder(bytes.NewReader(body))
	if from := opts.TranscodedFrom; from != "" {
		d.dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
			if strings.EqualFold(label, from) {
				return input, nil // already UTF-8
			}
			return nil, fmt.Errorf("the XML declaration names encoding %q but the body was sent as %s", label, from)
		}
	}
	document := d.document
	if t.Serializer == model.XMLSerializer && !isHTTPError(t) {
		document = d.xsDocument
	}
	v, err := document(t)
	if err != nil {
		return nil, d.problems, err
	}
	return v, d.problems, nil
}

type decoder struct {
	dec      *xml.Decoder
	opts     DecodeOptions
	depth    int
	elements int
	problems []Problem
}

func (d *decoder) fail(path, format string, args ...any) *BindError {
	line, col := d.dec.InputPos()
	return &BindError{Path: path, Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}

func (d *decoder) problem(path, format string, args ...any) {
	d.problems = append(d.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// token returns the next token, turning parser errors into *BindError and enforcing the
// limits.
func (d *decoder) token(path string) (xml.Token, error) {
	tok, err := d.dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.EOF // only at the top level: inside an element it is a syntax error
		}
		line, col := d.dec.InputPos()
		return nil, &BindError{Path: path, Line: line, Column: col, Message: "malformed XML: " + strings.TrimPrefix(err.Error(), "XML syntax error on line "+strconv.Itoa(line)+": "), Err: err}
	}
	switch tok := tok.(type) {
	case xml.StartElement:
		d.depth++
		d.elements++
		if d.depth > d.opts.MaxDepth {
			return nil, d.fail(path, "elements nest deeper than %d", d.opts.MaxDepth)
		}
		if d.elements > d.opts.MaxElements {
			return nil, d.fail(path, "more than %d elements", d.opts.MaxElements)
		}
	case xml.EndElement:
		d.depth--
	case xml.Directive:
		return nil, d.fail(path, "a DTD or other <!...> declaration is not allowed: DataContractSerializer refuses DTDs")
	case xml.ProcInst:
		if tok.Target != "xml" {
			return nil, d.fail(path, "processing instruction <?%s?> is not allowed: DataContractSerializer accepts only the XML declaration", tok.Target)
		}
	}
	return tok, nil
}

// document reads the prolog, the root and the epilogue.
func (d *decoder) document(t *model.Type) (any, error) {
	return d.readDocument(t, func(root string, tok xml.StartElement) (any, bool, error) {
		if tok.Name.Local != t.Name || tok.Name.Space != t.Namespace {
			return nil, false, d.fail(root, "expecting element %q from namespace %q, found element %q from namespace %q",
				t.Name, t.Namespace, tok.Name.Local, tok.Name.Space)
		}
		isNil, err := d.nilAttr(root, tok)
		if err != nil {
			return nil, false, err
		}
		if isNil {
			d.problem(root, "the root element has i:nil=\"true\": DataContractSerializer binds null, so the action gets no model")
			return nil, false, d.skip(root)
		}
		v, err := d.root(root, t, tok)
		return v, true, err
	})
}

// readDocument reads a body's prolog and epilogue around its one root element, which
// readRoot reads once it has started; readRoot's ok false leaves the value nil.
func (d *decoder) readDocument(t *model.Type, readRoot func(root string, tok xml.StartElement) (v any, ok bool, err error)) (any, error) {
	root := "/" + t.Name
	var v any
	seenRoot := false
	for {
		tok, err := d.token("")
		if err == io.EOF {
			if seenRoot {
				return v, nil
			}
			return nil, d.fail("", "unexpected end of file: no root element")
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if seenRoot {
				return nil, d.fail("", "there are multiple root elements")
			}
			seenRoot = true
			got, ok, err := readRoot(root, tok)
			if err != nil {
				return nil, err
			}
			if ok {
				v = got
			}
		case xml.CharData:
			if !isWhitespace(tok) {
				return nil, d.fail("", "text outside the root element")
			}
		}
	}
}

// root reads the content of the element se, just started (the root, or a member once
// value has handled i:nil), by the layout's kind.
func (d *decoder) root(path string, t *model.Type, se xml.StartElement) (any, error) {
	switch t.Kind {
	case model.Object:
		if t.Namespace == "" {
			return d.dict(path)
		}
		return d.class(path, t, se)
	case model.Array:
		return d.array(path, t)
	case model.Map:
		return d.dictionary(path, t)
	case model.DateTimeOffset:
		return d.dateTimeOffset(path)
	}
	text, err := d.text(path)
	if err != nil {
		return nil, err
	}
	return d.scalar(path, t, text)
}

// skip consumes the rest of the element whose start tag was just read.
func (d *decoder) skip(path string) error {
	for depth := 1; depth > 0; {
		tok, err := d.token(path)
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// nilAttr reads i:nil; a value that is not an xs:boolean is an error, as in DCS.
func (d *decoder) nilAttr(path string, se xml.StartElement) (bool, error) {
	for _, a := range se.Attr {
		if a.Name.Space == model.InstanceNamespace && a.Name.Local == "nil" {
			b, ok := parseXSDBool(a.Value)
			if !ok {
				return false, d.fail(path, "i:nil=%q: the value cannot be parsed as the type 'Boolean'", a.Value)
			}
			return b, nil
		}
	}
	return false, nil
}

// class reads the members of a class whose start tag se was just read.
func (d *decoder) class(path string, t *model.Type, se xml.StartElement) (map[string]any, error) {
	obj := make(map[string]any, len(t.XMLMembers))
	for _, m := range t.XMLMembers {
		obj[m.Name] = zeroValue(m.Type)
	}
	last := -1
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
				return nil, d.fail(path, "text %q where DataContractSerializer expects member elements", shorten(string(tok)))
			}
		case xml.StartElement:
			childPath := path + "/" + tok.Name.Local
			j := matchMember(t, tok.Name, last)
			if j < 0 {
				d.dropped(childPath, t, tok.Name, last)
				if err := d.skip(childPath); err != nil {
					return nil, err
				}
				continue
			}
			last = j
			m := t.XMLMembers[j]
			v, err := d.value(childPath, m.Type, tok)
			if err != nil {
				return nil, err
			}
			obj[m.Name] = v
		}
	}
}

// matchMember finds the member after index last named name, as DataContractSerializer's
// reader does: the exact local name and namespace, looking only forward.
func matchMember(t *model.Type, name xml.Name, last int) int {
	for j := last + 1; j < len(t.XMLMembers); j++ {
		m := t.XMLMembers[j]
		if m.XMLName == name.Local && m.Namespace == name.Space {
			return j
		}
	}
	return -1
}

// dropped records why DataContractSerializer skips an element of class t.
func (d *decoder) dropped(path string, t *model.Type, name xml.Name, last int) {
	for j, m := range t.XMLMembers {
		if m.XMLName != name.Local {
			continue
		}
		if m.Namespace != name.Space {
			d.problem(path, "`%s` is in namespace %s, want %s; DataContractSerializer would silently drop it",
				name.Local, nsName(name.Space), nsName(m.Namespace))
			return
		}
		if j == last {
			d.problem(path, "`%s` appears twice; DataContractSerializer keeps the first and silently drops this one", name.Local)
			return
		}
		d.problem(path, "`%s` comes after `%s`; DataContractSerializer would silently drop it (members must be in the order %s)",
			name.Local, t.XMLMembers[last].XMLName, memberOrder(t))
		return
	}
	for _, m := range t.XMLMembers {
		if strings.EqualFold(m.XMLName, name.Local) {
			d.problem(path, "`%s` is not a member of %s; did you mean `%s`? (member names are case-sensitive in XML)",
				name.Local, t.Name, m.XMLName)
			return
		}
	}
	if s := t.Suggest(name.Local); s != "" {
		d.problem(path, "`%s` is not a member of %s; did you mean `%s`? DataContractSerializer ignores unknown elements", name.Local, t.Name, s)
		return
	}
	d.problem(path, "`%s` is not a member of %s; DataContractSerializer ignores unknown elements (members: %s)", name.Local, t.Name, memberOrder(t))
}

func memberOrder(t *model.Type) string {
	names := make([]string, len(t.XMLMembers))
	for i, m := range t.XMLMembers {
		names[i] = m.XMLName
	}
	return strings.Join(names, ", ")
}

func nsName(ns string) string {
	if ns == "" {
		return "(no namespace)"
	}
	return ns
}

// value reads the element se, just started, as a value of t.
func (d *decoder) value(path string, t *model.Type, se xml.StartElement) (any, error) {
	isNil, err := d.nilAttr(path, se)
	if err != nil {
		return nil, err
	}
	for _, a := range se.Attr {
		if a.Name.Space == model.InstanceNamespace && a.Name.Local == "type" {
			d.problem(path, "i:type=%q is ignored by the reference serializer; .NET's DataContractSerializer rejects unknown types", a.Value)
		}
	}
	if isNil {
		if isValueType(t) {
			return nil, d.fail(path, "i:nil=\"true\" on a %s member: ValueType cannot be null", t.Kind)
		}
		if err := d.skip(path); err != nil {
			return nil, err
		}
		return nil, nil
	}
	return d.root(path, t, se)
}

// text reads the text content of a simple element: character data and CDATA,
// comments skipped; a child element is an error.
func (d *decoder) text(path string) (string, error) {
	var b []byte
	for {
		tok, err := d.token(path)
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b = append(b, tok...)
		case xml.StartElement:
			return "", d.fail(path, "element <%s> inside a simple value", tok.Name.Local)
		case xml.EndElement:
			return string(b), nil
		}
	}
}

func (d *decoder) scalar(path string, t *model.Type, text string) (any, error) {
	switch t.Kind {
	case model.Int:
		n, ok := parseXSDInt(text, t.Schema != nil && t.Schema.Format == "int64")
		if !ok {
			return nil, d.fail(path, "%q cannot be parsed as an integer (Int32)", shorten(text))
		}
		return json.Number(strconv.FormatInt(n, 10)), nil
	case model.Number:
		s := trimXMLSpace(text)
		if _, err := strconv.ParseFloat(s, 64); err != nil || strings.ContainsAny(s, "xXpP_") || strings.EqualFold(s, "inf") || strings.EqualFold(s, "nan") {
			return nil, d.fail(path, "%q cannot be parsed as a number", shorten(text))
		}
		return json.Number(strings.TrimPrefix(s, "+")), nil
	case model.Bool:
		b, ok := parseXSDBool(text)
		if !ok {
			return nil, d.fail(path, "%q cannot be parsed as the type 'Boolean' (true, false, 1 or 0)", shorten(text))
		}
		return b, nil
	}
	return text, nil
}

// array reads a wrapped collection: item elements only; others are dropped.
func (d *decoder) array(path string, t *model.Type) (any, error) {
	items := []any{}
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
				return nil, d.fail(path, "text %q where DataContractSerializer expects <%s> items", shorten(string(tok)), t.ItemName)
			}
		case xml.StartElement:
			itemPath := path + "/" + tok.Name.Local + "[" + strconv.Itoa(len(items)+1) + "]"
			if tok.Name.Local != t.ItemName || tok.Name.Space != t.ItemNamespace {
				d.problem(itemPath, "`%s` in namespace %s is not an item of this collection (want `%s` in %s); DataContractSerializer silently drops it",
					tok.Name.Local, nsName(tok.Name.Space), t.ItemName, nsName(t.ItemNamespace))
				if err := d.skip(itemPath); err != nil {
					return nil, err
				}
				continue
			}
			v, err := d.value(itemPath, t.Item, tok)
			if err != nil {
				return nil, err
			}
			items = append(items, v)
		}
	}
}

// dictionary reads a Dictionary<string,X>: KeyValueOfstringX entries, each holding Key
// then Value, all in the Arrays namespace. Other elements are dropped, as
// DataContractSerializer skips them; an entry without a Key is refused, as .NET cannot add
// a null key.
func (d *decoder) dictionary(path string, t *model.Type) (any, error) {
	obj := map[string]any{}
	n := 0
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
				return nil, d.fail(path, "text %q where DataContractSerializer expects <%s> entries", shorten(string(tok)), t.ItemName)
			}
		case xml.StartElement:
			n++
			entryPath := path + "/" + tok.Name.Local + "[" + strconv.Itoa(n) + "]"
			if tok.Name.Local != t.ItemName || tok.Name.Space != t.ItemNamespace {
				d.problem(entryPath, "`%s` in namespace %s is not an entry of this dictionary (want `%s` in %s); DataContractSerializer silently drops it",
					tok.Name.Local, nsName(tok.Name.Space), t.ItemName, nsName(t.ItemNamespace))
				if err := d.skip(entryPath); err != nil {
					return nil, err
				}
				continue
			}
			if err := d.entry(entryPath, t, obj); err != nil {
				return nil, err
			}
		}
	}
}

// entry reads one KeyValueOfstringX entry into obj.
func (d *decoder) entry(path string, t *model.Type, obj map[string]any) error {
	var key any
	var value any
	seen := 0 // 1 after Key, 2 after Value
	for {
		tok, err := d.token(path)
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			k, ok := key.(string)
			if !ok {
				return d.fail(path, "a dictionary entry without a Key: .NET cannot add a null key")
			}
			if _, dup := obj[k]; dup {
				return d.fail(path, "key %q appears twice: .NET's Dictionary refuses a duplicate key", shorten(k))
			}
			if seen < 2 {
				value = zeroValue(t.Item)
			}
			obj[k] = value
			return nil
		case xml.CharData:
			if !isWhitespace(tok) {
				return d.fail(path, "text %q where DataContractSerializer expects Key and Value", shorten(string(tok)))
			}
		case xml.StartElement:
			childPath := path + "/" + tok.Name.Local
			switch {
			case seen == 0 && tok.Name.Local == "Key" && tok.Name.Space == t.ItemNamespace:
				if key, err = d.value(childPath, keyType, tok); err != nil {
					return err
				}
				seen = 1
			case seen == 1 && tok.Name.Local == "Value" && tok.Name.Space == t.ItemNamespace:
				if value, err = d.value(childPath, t.Item, tok); err != nil {
					return err
				}
				seen = 2
			default:
				d.problem(childPath, "`%s` is not expected here (a dictionary entry holds Key then Value in %s); DataContractSerializer silently drops it",
					tok.Name.Local, t.ItemNamespace)
				if err := d.skip(childPath); err != nil {
					return err
				}
			}
		}
	}
}

// dateTimeOffset reads DateTimeOffset's DateTime and OffsetMinutes (both required, in
// that order, in the System namespace); later unknown elements are dropped.
func (d *decoder) dateTimeOffset(path string) (any, error) {
	var dateTime string
	var offset int64
	seen := 0
	for {
		tok, err := d.token(path)
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			if seen < 2 {
				return nil, d.fail(path, "expecting element %q from namespace %q before the end of the DateTimeOffset",
					[]string{"DateTime", "OffsetMinutes"}[seen], model.SystemNamespace)
			}
			dto, err := fromXML(dateTime, int(offset))
			if err != nil {
				return nil, d.fail(path, "%v", err)
			}
			return dto.jsonString(), nil
		case xml.CharData:
			if !isWhitespace(tok) {
				return nil, d.fail(path, "text %q where DataContractSerializer expects DateTime and OffsetMinutes", shorten(string(tok)))
			}
		case xml.StartElement:
			childPath := path + "/" + tok.Name.Local
			want := [...]string{"DateTime", "OffsetMinutes"}
			if seen < 2 && (tok.Name.Local != want[seen] || tok.Name.Space != model.SystemNamespace) {
				return nil, d.fail(childPath, "element %q from namespace %q is not expected; expecting element %q from namespace %q",
					tok.Name.Local, tok.Name.Space, want[seen], model.SystemNamespace)
			}
			if seen == 2 {
				d.problem(childPath, "`%s` is not a member of DateTimeOffset; DataContractSerializer ignores it", tok.Name.Local)
				if err := d.skip(childPath); err != nil {
					return nil, err
				}
				continue
			}
			if isNil, err := d.nilAttr(childPath, tok); err != nil {
				return nil, err
			} else if isNil {
				return nil, d.fail(childPath, "i:nil=\"true\": ValueType cannot be null")
			}
			text, err := d.text(childPath)
			if err != nil {
				return nil, err
			}
			if seen == 0 {
				dateTime = trimXMLSpace(text)
				if _, _, _, err := parseXSDDateTime(dateTime); err != nil {
					return nil, d.fail(childPath, "%v", err)
				}
			} else {
				n, ok := parseXSDInt(text, false)
				if !ok {
					return nil, d.fail(childPath, "%q cannot be parsed as an integer (Int16)", shorten(text))
				}
				offset = n
			}
			seen++
		}
	}
}

// dict reads HttpError-shaped content: one element per key holding text or more keys.
func (d *decoder) dict(path string) (any, error) {
	obj := map[string]any{}
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
				return nil, d.fail(path, "text %q where elements are expected", shorten(string(tok)))
			}
		case xml.StartElement:
			childPath := path + "/" + tok.Name.Local
			v, err := d.dictValue(childPath)
			if err != nil {
				return nil, err
			}
			obj[decodeLocalName(tok.Name.Local)] = v
		}
	}
}

// dictValue reads an entry: text, or nested entries when it holds elements.
func (d *decoder) dictValue(path string) (any, error) {
	var text []byte
	var nested map[string]any
	for {
		tok, err := d.token(path)
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			if nested != nil {
				return nested, nil
			}
			return string(text), nil
		case xml.CharData:
			text = append(text, tok...)
		case xml.StartElement:
			if nested == nil {
				nested = map[string]any{}
			}
			v, err := d.dictValue(path + "/" + tok.Name.Local)
			if err != nil {
				return nil, err
			}
			nested[decodeLocalName(tok.Name.Local)] = v
		}
	}
}

// zeroValue is the JSON form of the .NET default of t: what a member DataContractSerializer
// never sets holds.
func zeroValue(t *model.Type) any {
	if !isValueType(t) {
		return nil
	}
	switch t.Kind {
	case model.Bool:
		return false
	case model.DateTimeOffset:
		return "0001-01-01T00:00:00+00:00"
	}
	return json.Number("0")
}

// isWhitespace reports whether b is only XML white space (space, tab, CR, LF).
func isWhitespace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

func trimXMLSpace(s string) string { return strings.Trim(s, " \t\r\n") }

// parseXSDBool is XmlConvert.ToBoolean: true, false, 1 or 0 between white space.
func parseXSDBool(s string) (value, ok bool) {
	switch trimXMLSpace(s) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// parseXSDInt is XmlConvert.ToInt32 (or ToInt64): an optional sign and decimal digits
// between white space, within range.
func parseXSDInt(s string, wide bool) (int64, bool) {
	s = trimXMLSpace(s)
	if s == "" || strings.HasPrefix(s, "+-") || strings.HasPrefix(s, "-+") {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && !(i == 0 && (c == '+' || c == '-')) {
			return 0, false
		}
	}
	bits := 32
	if wide {
		bits = 64
	}
	n, err := strconv.ParseInt(s, 10, bits)
	return n, err == nil
}

// decodeLocalName is XmlConvert.DecodeName: _xHHHH_ sequences back to characters.
func decodeLocalName(name string) string {
	if !strings.Contains(name, "_x") {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		if name[i] == '_' && isEscapeAt(name, i) {
			width := 4
			if !(i+6 < len(name) && name[i+6] == '_') {
				width = 8
			}
			r, _ := strconv.ParseUint(name[i+2:i+2+width], 16, 32)
			b.WriteRune(rune(r))
			i += 3 + width
			continue
		}
		b.WriteByte(name[i])
		i++
	}
	return b.String()
}

// shorten cuts s for messages.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
