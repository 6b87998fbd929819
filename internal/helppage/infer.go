package helppage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// inferrer combines the pages' tables and samples into classes.
type inferrer struct {
	warnings []Warning
	classes  map[string]*class
	order    []*class
	// models holds the member tables and enumeration values the pages show, by type name.
	models map[string]*Model
	// xmlSerializer is set when the XML samples were written by XmlSerializer.
	xmlSerializer bool
}

// where is the context of an inference, for warnings.
type where struct {
	source string
	line   int
	path   string // "LoginResult.Expires"
	resp   bool
}

func (in *inferrer) warn(w where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if w.path != "" {
		msg = w.path + ": " + msg
	}
	in.warnings = append(in.warnings, Warning{Source: w.source, Line: w.line, Message: msg})
}

func (w where) at(path string) where {
	if w.path != "" {
		path = w.path + "." + path
	}
	w.path = path
	return w
}

// typeOf infers a type from the type column's text (may be empty) and the member's JSON
// and XML sample values (either may be nil).
func (in *inferrer) typeOf(w where, text string, jv *jsonValue, xe *xmlElement, memberName string) *typ {
	if text != "" {
		k, part, keyText := parseTypeText(text)
		switch k {
		case kArray:
			return in.arrayOf(w, part, jv, xe, memberName)
		case kMap:
			t := &typ{kind: kMap, key: &typ{kind: kString}}
			if kk, _, _ := parseTypeText(keyText); kk != kString {
				in.warn(w, "dictionary key type %q: only string keys are supported; string assumed", keyText)
			}
			var jItem *jsonValue
			if jv != nil && jv.kind == jsonObject && len(jv.keys) > 0 {
				jItem = jv.fields[jv.keys[0]]
			}
			var xItem *xmlElement
			if xe != nil && len(xe.children) > 0 {
				kv := xe.children[0]
				t.itemName, t.itemNamespace, t.itemPrefix = kv.name, kv.space, kv.prefix
				xItem = kv.child("Value")
			}
			t.item = in.typeOf(w, part, jItem, xItem, memberName)
			return t
		case kClass:
			if m, ok := in.models[part]; ok && len(m.Enum) > 0 {
				return in.enumOf(w, part, m, jv)
			}
			if jv != nil && jv.kind != jsonObject && jv.kind != jsonNull {
				in.warn(w, "type %s has no table and its sample is not an object; treated as an enumeration without values", part)
				return &typ{kind: kEnum, enumNumbers: jv.kind == jsonNumber, class: &class{name: part, isEnum: true}}
			}
			return &typ{kind: kClass, class: in.classOf(w, part, true, false, jv, xe)}
		default:
			t := &typ{kind: k}
			if k == kInt || k == kNumber {
				if jv != nil && jv.kind != jsonNumber {
					in.warn(w, "the table says %s but the JSON sample holds %s", text, describe(jv))
				}
			}
			if k == kDateTime {
				switch {
				case isDateTimeOffsetXML(xe):
					t.kind = kDateTimeOffset
				case xe == nil:
					in.warn(w, "date: DateTime or DateTimeOffset cannot be told without an XML sample; DateTime assumed")
				}
			}
			return t
		}
	}
	switch {
	case jv == nil && xe == nil:
		in.warn(w, "no type in a table and no sample value; string assumed")
		return &typ{kind: kString}
	case isDateTimeOffsetXML(xe):
		return &typ{kind: kDateTimeOffset}
	case jv != nil && jv.kind == jsonObject, jv == nil && xe != nil && len(xe.children) > 0:
		in.warn(w, "the page names no type for this object; its class is named %s after the member", memberName)
		return &typ{kind: kClass, class: in.classOf(w, memberName, false, false, jv, xe)}
	case jv != nil && jv.kind == jsonArray:
		return in.arrayOf(w, "", jv, xe, memberName)
	case jv != nil && jv.kind == jsonString:
		if _, err := time.Parse(time.RFC3339Nano, jv.str); err == nil {
			return &typ{kind: kDateTime}
		}
		if isGUID(jv.str) {
			return &typ{kind: kGUID}
		}
		return &typ{kind: kString}
	case jv != nil && jv.kind == jsonNumber:
		if xe != nil && !isNumeric(strings.TrimSpace(xe.text)) {
			in.warn(w, "a number in JSON but %q in XML: an enumeration whose values the page does not list", xe.text)
			return &typ{kind: kEnum, enumNumbers: true, class: &class{name: memberName, isEnum: true}}
		}
		if strings.ContainsAny(jv.num.String(), ".eE") {
			return &typ{kind: kNumber}
		}
		return &typ{kind: kInt}
	case jv != nil && jv.kind == jsonBool:
		return &typ{kind: kBool}
	case jv != nil && jv.kind == jsonNull:
		in.warn(w, "the JSON sample holds null and no table names the type; string assumed")
		return &typ{kind: kString}
	}
	// Only the XML sample, with text content.
	text = strings.TrimSpace(xe.text)
	switch {
	case text == "true" || text == "false":
		return &typ{kind: kBool}
	case isNumeric(text) && !strings.Contains(text, "."):
		return &typ{kind: kInt}
	case isNumeric(text):
		return &typ{kind: kNumber}
	}
	return &typ{kind: kString}
}

// arrayOf infers a collection; itemText is the item type's name when a table gave it.
func (in *inferrer) arrayOf(w where, itemText string, jv *jsonValue, xe *xmlElement, memberName string) *typ {
	t := &typ{kind: kArray}
	var jItem *jsonValue
	if jv != nil && jv.kind == jsonArray && len(jv.items) > 0 {
		jItem = jv.items[0]
	}
	var xItem *xmlElement
	if xe != nil && len(xe.children) > 0 {
		xItem = xe.children[0]
		t.itemName, t.itemNamespace, t.itemPrefix = xItem.name, xItem.space, xItem.prefix
	}
	if itemText == "" && xItem != nil && (jItem == nil || jItem.kind == jsonObject) && len(xItem.children) > 0 {
		// A collection of a class: DataContractSerializer names each item after it.
		itemText = xItem.name
	}
	if itemText == "" && jItem == nil && xItem == nil {
		in.warn(w, "an empty collection with no item type in a table; collection of string assumed")
	}
	t.item = in.typeOf(w.at("[]"), itemText, jItem, xItem, memberName)
	return t
}

// enumOf builds an enumeration from its "Possible enumeration values".
func (in *inferrer) enumOf(w where, name string, m *Model, jv *jsonValue) *typ {
	return &typ{kind: kEnum, enumNumbers: jv != nil && jv.kind == jsonNumber,
		class: &class{name: name, xmlName: name, isEnum: true, enum: m.Enum, named: true}}
}

func isDateTimeOffsetXML(xe *xmlElement) bool {
	if xe == nil {
		return false
	}
	dt, off := xe.child("DateTime"), xe.child("OffsetMinutes")
	return dt != nil && off != nil && dt.space == systemNamespace && len(xe.children) == 2
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || (r == '-' && i == 0)) {
			return false
		}
	}
	return true
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

func describe(jv *jsonValue) string {
	switch jv.kind {
	case jsonObject:
		return "an object"
	case jsonArray:
		return "an array"
	case jsonString:
		return fmt.Sprintf("the string %q", jv.str)
	case jsonNumber:
		return "the number " + jv.num.String()
	case jsonBool:
		return "a boolean"
	}
	return "null"
}

// layer is one class of a hierarchy as the XML sample shows it.
type layer struct {
	namespace string
	names     []string
}

// classOf infers the class name from its table (if the pages have one) and its sample
// values. named is false when the name was made up (after a member); root tells that xe
// is the sample's root element (named after the class, in its namespace) rather than a
// member element.
func (in *inferrer) classOf(w where, name string, named, root bool, jv *jsonValue, xe *xmlElement) *class {
	if c, ok := in.classes[name]; ok {
		return c
	}
	c := &class{name: name, xmlName: name, named: named, source: w.source, line: w.line}
	in.classes[name] = c
	w = where{source: w.source, line: w.line, path: name, resp: w.resp}
	table := in.models[name]
	if table != nil {
		c.doc = table.Documentation
	}
	rows := map[string]Parameter{}
	var tableOrder []string
	if table != nil {
		for _, r := range table.Members {
			rows[r.Name] = r
			tableOrder = append(tableOrder, r.Name)
		}
	}
	var jsonKeys []string
	if jv != nil && jv.kind == jsonObject {
		jsonKeys = jv.keys
	}
	hasJSON := jv != nil && jv.kind == jsonObject
	var children []*xmlElement
	hasXML := xe != nil && !xe.nil
	if hasXML {
		children = xe.children
	}
	xmlChild := map[string]*xmlElement{}
	for _, ch := range children {
		if _, dup := xmlChild[ch.name]; !dup {
			xmlChild[ch.name] = ch
		}
	}
	// Declaration order: the JSON sample's (Json.NET writes declaration order), else the
	// table's (reflection order), else the XML sample's.
	var names []string
	add := func(n string) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	switch {
	case hasJSON:
		for _, n := range jsonKeys {
			add(n)
		}
	case table != nil:
		for _, n := range tableOrder {
			add(n)
		}
	}
	for _, ch := range children {
		if !slices.Contains(names, ch.name) {
			if hasJSON || table != nil {
				in.warn(w.at(ch.name), "in the XML sample only; declared last")
			}
			add(ch.name)
		}
	}
	for _, n := range tableOrder {
		if !slices.Contains(names, n) {
			if hasJSON || hasXML {
				in.warn(w.at(n), "in the table but in no sample; declared last")
			}
			add(n)
		}
	}
	if !hasJSON && !hasXML && table == nil {
		in.warn(w, "no table and no sample describe its members")
	}
	if !hasJSON && hasXML && table == nil && len(names) > 1 {
		in.warn(w, "no JSON sample: declaration order taken from the XML sample's (ordinal) order")
	}
	jsonIndex := func(n string) int { return slices.Index(jsonKeys, n) }

	// Class hierarchy from the XML sample: a new class starts where the namespace
	// changes, or where the ordinal order descends and the JSON sample puts the later
	// element first (Json.NET writes derived members first; a [DataMember(Order)] keeps
	// the JSON order instead).
	var layers []layer
	for i, ch := range children {
		newLayer := i == 0
		if i > 0 {
			prev := children[i-1]
			switch {
			case ch.space != prev.space:
				newLayer = true
			case ch.name < prev.name && hasJSON && jsonIndex(ch.name) >= 0 && jsonIndex(prev.name) >= 0:
				newLayer = jsonIndex(ch.name) < jsonIndex(prev.name)
			case ch.name < prev.name && !hasJSON:
				in.warn(w.at(ch.name), "without a JSON sample a base class cannot be told from a [DataMember(Order)]; Order assumed")
			}
		}
		if newLayer {
			layers = append(layers, layer{namespace: ch.space})
		}
		layers[len(layers)-1].names = append(layers[len(layers)-1].names, ch.name)
	}
	if in.xmlSerializer {
		layers = in.xmlSerializerLayers(w, children, jsonKeys, hasJSON)
	}
	ownNS := ""
	switch {
	case xe != nil && root:
		ownNS = xe.space
	case len(layers) > 0:
		ownNS = layers[len(layers)-1].namespace
	}
	if len(layers) == 0 || layers[len(layers)-1].namespace != ownNS {
		layers = append(layers, layer{namespace: ownNS})
	}
	if ownNS == "" && hasXML {
		in.warn(w, "the XML sample shows no data contract namespace")
	}
	c.namespace = ownNS
	// Members in the JSON sample only (a non-public setter) join the class of the JSON
	// member before them.
	layerOf := map[string]int{}
	for li, l := range layers {
		for _, n := range l.names {
			layerOf[n] = li
		}
	}
	for i, n := range names {
		if _, ok := layerOf[n]; ok {
			continue
		}
		li, found := len(layers)-1, false
		for j := i - 1; j >= 0 && !found; j-- {
			if l, ok := layerOf[names[j]]; ok {
				li, found = l, true
			}
		}
		for j := i + 1; j < len(names) && !found; j++ {
			if l, ok := layerOf[names[j]]; ok {
				li, found = l, true
			}
		}
		layerOf[n] = li
	}
	if hasJSON && len(layers) > 1 {
		// Json.NET writes the most derived class's members first.
		last := len(layers)
		for _, n := range jsonKeys {
			li := layerOf[n]
			if li > last {
				in.warn(w.at(n), "the JSON sample's order does not match the class hierarchy the XML sample shows")
				break
			}
			last = li
		}
	}
	// Build the classes, base first.
	classes := make([]*class, len(layers))
	classes[len(layers)-1] = c
	for li := len(layers) - 2; li >= 0; li-- {
		derived := classes[li+1]
		baseName := derived.name + "Base"
		in.warn(w, "base class in namespace %s is not named by the page; named %s (rename it in the overlay)", layers[li].namespace, baseName)
		b := &class{name: baseName, xmlName: baseName, namespace: layers[li].namespace, source: w.source, line: w.line}
		in.classes[baseName] = b
		classes[li] = b
		derived.base = b
	}
	for li, cl := range classes {
		var own []string
		for _, n := range names {
			if layerOf[n] == li {
				own = append(own, n)
			}
		}
		for _, n := range own {
			m := &member{name: n, inJSON: !hasJSON || slices.Contains(jsonKeys, n), inXML: !hasXML || xmlChild[n] != nil}
			row, hasRow := rows[n]
			if hasRow {
				m.doc = row.Documentation
				for _, a := range row.Annotations {
					if a == "Required" {
						m.required = true
					}
				}
			}
			var jm *jsonValue
			if hasJSON {
				jm = jv.fields[n]
			}
			m.t = in.typeOf(w.at(n), row.Type, jm, xmlChild[n], n)
			cl.members = append(cl.members, m)
		}
		if hasJSON && hasXML {
			in.inferOrder(w, cl, layers[li].names, jsonKeys)
		}
	}
	for li := range classes {
		in.order = append(in.order, classes[li])
	}
	return c
}

// inferOrder finds the members of cl that carry a [DataMember(Order)]: within a class,
// DataContractSerializer writes the members without Order in ordinal order, then the
// others by Order; Json.NET writes them in declaration order, the ordered ones last by
// Order. The fewest ordered members that explain both samples get Order 1, 2, ...
func (in *inferrer) inferOrder(w where, cl *class, xmlNames, jsonKeys []string) {
	var x, j []string
	for _, n := range xmlNames {
		if slices.Contains(jsonKeys, n) && !slices.Contains(x, n) {
			x = append(x, n)
		}
	}
	for _, n := range jsonKeys {
		if slices.Contains(x, n) {
			j = append(j, n)
		}
	}
	n := len(x)
	for k := n; k >= 0; k-- {
		if !slices.IsSorted(x[:k]) || !slices.Equal(x[k:], j[len(j)-(n-k):]) {
			continue
		}
		for i, name := range x[k:] {
			for _, m := range cl.members {
				if m.name == name {
					m.order = i + 1
				}
			}
		}
		return
	}
	in.warn(w.at(cl.name), "the XML sample's member order is neither ordinal nor explained by [DataMember(Order)]")
}

// markUsage records that c (and everything it refers to) is used in a request or a
// response.
func markUsage(c *class, resp bool) {
	if c == nil {
		return
	}
	if resp && c.inResponse || !resp && c.inRequest {
		return
	}
	if resp {
		c.inResponse = true
	} else {
		c.inRequest = true
	}
	markUsage(c.base, resp)
	for _, m := range c.members {
		markTypeUsage(m.t, resp)
	}
}

func markTypeUsage(t *typ, resp bool) {
	for ; t != nil; t = t.item {
		if t.kind == kClass {
			markUsage(t.class, resp)
		}
	}
}

// needsXMLVariant reports whether c's XML form differs from its JSON form: a member in
// one format's sample only, a DateTimeOffset, an enumeration Json.NET writes as a number,
// or a base or member class that differs.
func needsXMLVariant(c *class, seen map[*class]bool) bool {
	if v, ok := seen[c]; ok {
		return v
	}
	seen[c] = false
	v := c.base != nil && needsXMLVariant(c.base, seen)
	for _, m := range c.members {
		if !m.inJSON || !m.inXML || typeDiffers(m.t, seen) {
			v = true
		}
	}
	seen[c] = v
	c.xmlVariant = v
	return v
}

func typeDiffers(t *typ, seen map[*class]bool) bool {
	for ; t != nil; t = t.item {
		switch {
		case t.kind == kDateTimeOffset, t.kind == kEnum && t.enumNumbers:
			return true
		case t.kind == kClass && needsXMLVariant(t.class, seen):
			return true
		}
	}
	return false
}

// sortedClasses returns the classes by name, for deterministic iteration.
func (in *inferrer) sortedClasses() []*class {
	out := slices.Collect(func(yield func(*class) bool) {
		for _, c := range in.classes {
			if !yield(c) {
				return
			}
		}
	})
	slices.SortFunc(out, func(a, b *class) int { return cmp.Compare(a.name, b.name) })
	return out
}
