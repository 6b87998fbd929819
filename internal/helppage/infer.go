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
	// ids holds the operationIds given so far.
	ids map[string]bool
	// xmlListed tells that some page lists an XML media type.
	xmlListed bool
	// camelJSON and declaredJSON count the JSON members that show a camelCase resolver
	// and those that show declared names (jsonnaming.go).
	camelJSON, declaredJSON int
}

// guessNamespaces gives each class no XML sample showed a data contract namespace: the
// namespace most classes of the pages share (a service keeps its models together), else
// DataContractSerializer's namespace of a type outside any CLR namespace. The guess is
// a warning naming the overlay key that states it, when the pages list XML at all.
// XmlSerializer's classes have no namespace unless [XmlRoot] gives one, which the samples show.
func (in *inferrer) guessNamespaces() {
	if in.xmlSerializer {
		return // XmlSerializer writes no data contract namespace: none is missing
	}
	count := map[string]int{}
	for _, c := range in.classes {
		if c.namespace != "" && !c.isEnum {
			count[c.namespace]++
		}
	}
	guess, best := contractPrefix, 0
	for ns, n := range count {
		if n > best || n == best && ns < guess {
			guess, best = ns, n
		}
	}
	for _, c := range in.sortedClasses() {
		if c.namespace != "" || c.isEnum || c.members == nil && c.base == nil {
			continue
		}
		c.namespace = guess
		// A class of the same page is the better guide: its service's models.
		for _, o := range in.sortedClasses() {
			if o.page == c.page && o.namespace != "" && !o.isEnum && o.namespace != c.namespace && count[o.namespace] > 0 {
				c.namespace = o.namespace
				break
			}
		}
		if in.xmlListed {
			in.warnKey(where{source: c.source, line: c.line, path: c.name, key: schemaKey(c.name)}, "xml.namespace",
				"no XML sample shows its data contract namespace; %s assumed", c.namespace)
		}
	}
}

// where is the context of an inference, for warnings.
type where struct {
	source string
	line   int
	// page is the API page being read; a document may hold several.
	page *Page
	path string // "LoginResult.Expires"
	resp bool
	// key is the overlay key of what is being inferred: a member's schema
	// (components, schemas, LoginResult, properties, Expires), a parameter.
	key []string
}

// warn reports what the page does not say and no overlay key can state.
func (in *inferrer) warn(w where, format string, args ...any) {
	in.warnAt(w, nil, format, args...)
}

// warnKey reports what the page does not say, naming the overlay key (w.key, then sub's
// dot-separated segments) that states it.
func (in *inferrer) warnKey(w where, sub string, format string, args ...any) {
	if len(w.key) == 0 {
		// Nothing the overlay can name (a type of no schema of its own).
		in.warnAt(w, nil, format, args...)
		return
	}
	key := slices.Clone(w.key)
	if sub != "" {
		key = append(key, strings.Split(sub, ".")...)
	}
	in.warnAt(w, key, format, args...)
}

func (in *inferrer) warnAt(w where, key []string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if w.path != "" {
		msg = w.path + ": " + msg
	}
	wn := Warning{Source: w.source, Line: w.line, Message: msg}
	if len(key) > 0 {
		wn.path, wn.Key = key, overlayKey(key)
	}
	in.warnings = append(in.warnings, wn)
}

// at descends to a member ("Expires") or to a collection's items ("[]").
func (w where) at(path string) where {
	if len(w.key) > 0 {
		seg := []string{"properties", path}
		switch path {
		case "[]":
			seg = []string{"items"}
		case "{}":
			seg = []string{"additionalProperties"}
		}
		w.key = slices.Concat(w.key, seg)
	}
	if w.path != "" {
		path = w.path + "." + path
	}
	w.path = path
	return w
}

// schemaKey is the overlay key of schema name.
func schemaKey(name string) []string { return []string{"components", "schemas", name} }

// typeOf infers a type from the type column's text (may be empty) and the member's JSON
// and XML sample values (either may be nil).
func (in *inferrer) typeOf(w where, text string, jv *jsonValue, xe *xmlElement, memberName string) *typ {
	text = cleanTypeText(text)
	if text != "" && !isTypeText(text) {
		in.warnKey(w, "type", "the type column reads %q, which is no type; inferred from the samples", text)
		text = ""
	}
	isNull := jv != nil && jv.kind == jsonNull || xe != nil && xe.nil
	if inner, ok := unwrapNullable(text); ok {
		text, isNull = inner, true
	}
	if text != "" {
		k, part, keyText := parseTypeText(text)
		switch k {
		case kArray:
			return in.arrayOf(w, part, jv, xe, memberName)
		case kMap:
			t := &typ{kind: kMap, key: &typ{kind: kString}}
			switch kk, _, _ := parseTypeText(keyText); kk {
			case kString, kInt, kGUID, kBool, kNumber, kDateTime:
				t.key.kind = kk
			default:
				in.warnKey(w, "x-dotnet-type", "dictionary key type %q: only simple keys are modelled; string assumed", keyText)
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
			t.item = in.typeOf(w.at("{}"), part, jItem, xItem, memberName)
			return t
		case kObject:
			return &typ{kind: kObject}
		case kClass:
			if m, ok := in.models[part]; ok && len(m.Enum) > 0 {
				t := in.enumOf(w, part, m, jv)
				t.nullable = isNull
				return t
			}
			if jv != nil && jv.kind != jsonObject && jv.kind != jsonNull {
				in.warnKey(w, "enum", "type %s has no table and its sample is not an object; treated as an enumeration without values", part)
				return &typ{kind: kEnum, enumNumbers: jv.kind == jsonNumber, class: &class{name: safeName(part), isEnum: true}}
			}
			return &typ{kind: kClass, class: in.classOf(w, part, true, false, jv, xe)}
		default:
			t := &typ{kind: k, nullable: isNull && k != kString}
			if c, ok := clrTypes[strings.TrimPrefix(text, "System.")]; ok {
				t.format = c.format
			}
			if text == "URI" {
				t.format = "uri"
			}
			if t.kind == kDateTimeOffset {
				return t
			}
			if k == kInt || k == kNumber {
				if jv != nil && jv.kind != jsonNumber && jv.kind != jsonNull {
					in.warnKey(w, "type", "the table says %s but the JSON sample holds %s", text, describe(jv))
				}
			}
			if k == kDateTime {
				switch {
				case isDateTimeOffsetXML(xe):
					t.kind = kDateTimeOffset
				case xe == nil || xe.nil:
					in.warnKey(w, "x-dotnet-type", "date: DateTime or DateTimeOffset cannot be told without an XML sample; DateTime assumed")
				}
			}
			return t
		}
	}
	switch {
	case jv == nil && xe == nil:
		in.warnKey(w, "type", "no type in a table and no sample value; string assumed")
		return &typ{kind: kString}
	case isDateTimeOffsetXML(xe):
		return &typ{kind: kDateTimeOffset}
	case jv != nil && jv.kind == jsonObject && len(jv.keys) == 0 && (xe == nil || len(xe.children) == 0 && !xe.nil):
		// {} and <Id />: System.Object, which the sample generator writes as new object().
		return &typ{kind: kObject}
	case jv != nil && jv.kind == jsonObject, jv == nil && xe != nil && len(xe.children) > 0:
		in.warnAt(w, []string{OverlayImportKey, "rename", safeName(memberName)}, "the page names no type for this object; its class is named %s after the member", memberName)
		in.warnings[len(in.warnings)-1].alt = schemaKey(safeName(memberName))
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
			in.warnKey(w, "enum", "a number in JSON but %q in XML: an enumeration whose values the page does not list", xe.text)
			return &typ{kind: kEnum, enumNumbers: true, class: &class{name: safeName(memberName), isEnum: true}}
		}
		if strings.ContainsAny(jv.num.String(), ".eE") {
			return &typ{kind: kNumber}
		}
		return &typ{kind: kInt}
	case jv != nil && jv.kind == jsonBool:
		return &typ{kind: kBool}
	case jv != nil && jv.kind == jsonNull && (xe == nil || xe.nil):
		in.warnKey(w, "type", "the sample holds null and no table names the type; string assumed")
		return &typ{kind: kString}
	}
	if xe == nil {
		return &typ{kind: kString}
	}
	// Only the XML sample, with text content.
	text = strings.TrimSpace(xe.text)
	switch {
	case text == "true" || text == "false":
		return &typ{kind: kBool, nullable: isNull}
	case isNumeric(text) && !strings.Contains(text, "."):
		return &typ{kind: kInt, nullable: isNull}
	case isNumeric(text):
		return &typ{kind: kNumber, nullable: isNull}
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
		in.warnKey(w, "items", "an empty collection with no item type in a table; collection of string assumed")
	}
	t.item = in.typeOf(w.at("[]"), itemText, jItem, xItem, memberName)
	if c := t.item.class; t.item.kind == kClass && xItem != nil && c.xmlName == c.name && xItem.name != c.name {
		// Items are named by their data contract name: the XML sample's, when a
		// [DataContract(Name)] or a generic's name differs from the page's type name.
		c.xmlName = xItem.name
	}
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
	table := in.models[name]
	if strings.Contains(name, "`") && root && xe != nil && componentName.MatchString(xe.name) {
		// A CLR generic name ("ResponseResult`1") says nothing of its arguments, so two
		// closings would share it; the data contract name the XML sample shows
		// (ResponseResultOfNullableOfguid5F2dSckg) is unique.
		name = xe.name
	} else if strings.Contains(name, "`") {
		in.warnAt(w, []string{OverlayImportKey, "rename", safeName(name)},
			"%s is a generic type the page does not close; named %s", name, safeName(name))
	}
	if sn := safeName(name); sn != name {
		if sn == "" {
			sn = "Model"
		}
		name = sn
	}
	if c, ok := in.classes[name]; ok {
		return c
	}
	c := &class{name: name, xmlName: name, named: named, source: w.source, line: w.line, page: w.page}
	if root && xe != nil {
		// The XML sample is the truth for the data contract name: a [DataContract(Name)]
		// or a generic's name (ResponseResultOfNullableOfguid5F2dSckg).
		c.xmlName = xe.name
	}
	in.classes[name] = c
	w = where{source: w.source, line: w.line, page: w.page, path: name, resp: w.resp, key: schemaKey(name)}
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
	// A member the JSON sample spells otherwise (camelCase or snake_case by a Json.NET
	// naming strategy) is one member: JSON names it, alias keeps its element name.
	alias := map[string]string{}
	if hasJSON {
		renamed := make([]*xmlElement, len(children))
		for i, ch := range children {
			renamed[i] = ch
			if _, exact := jv.fields[ch.name]; exact {
				continue
			}
			for _, k := range jsonKeys {
				if sameMember(k, ch.name) {
					cp := *ch
					cp.name = k
					alias[k] = ch.name
					renamed[i] = &cp
					break
				}
			}
		}
		children = renamed
	}
	in.noteJSONNames(jsonKeys, alias)
	elementOf := func(n string) string {
		if a, ok := alias[n]; ok {
			return a
		}
		return n
	}
	if table != nil && (hasJSON || hasXML) {
		var known []string
		known = append(known, jsonKeys...)
		for _, ch := range children {
			known = append(known, ch.name)
		}
		for i, n := range tableOrder {
			if slices.Contains(known, n) {
				continue
			}
			for _, k := range known {
				if sameMember(k, n) {
					rows[k] = rows[n]
					tableOrder[i] = k
					if !hasXML {
						// With no XML sample, the table's name (the CLR or data member
						// name) is DataContractSerializer's.
						alias[k] = n
					}
					break
				}
			}
		}
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
				in.warnKey(w.at(ch.name), "", "in the XML sample only; declared last")
			}
			add(ch.name)
		}
	}
	for _, n := range tableOrder {
		if !slices.Contains(names, n) {
			if hasJSON || hasXML {
				in.warnKey(w.at(n), "", "in the table but in no sample; declared last")
			}
			add(n)
		}
	}
	if !hasJSON && !hasXML && table == nil {
		in.warnKey(w, "properties", "no table and no sample describe its members")
	}
	if !hasJSON && hasXML && table == nil && len(names) > 1 {
		in.warnKey(w, "properties", "no JSON sample: declaration order taken from the XML sample's (ordinal) order")
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
			case elementOf(ch.name) < elementOf(prev.name) && hasJSON && jsonIndex(ch.name) >= 0 && jsonIndex(prev.name) >= 0:
				newLayer = jsonIndex(ch.name) < jsonIndex(prev.name)
			case elementOf(ch.name) < elementOf(prev.name) && !hasJSON:
				in.warnKey(w.at(ch.name), "x-dotnet-order", "without a JSON sample a base class cannot be told from a [DataMember(Order)]; Order assumed")
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
		in.warnKey(w, "xml.namespace", "the XML sample shows no data contract namespace")
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
				in.warnKey(w.at(n), "", "the JSON sample's order does not match the class hierarchy the XML sample shows")
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
		in.warnAt(w, []string{OverlayImportKey, "rename", baseName}, "base class in namespace %s is not named by the page; named %s", layers[li].namespace, baseName)
		b := &class{name: baseName, xmlName: baseName, namespace: layers[li].namespace, source: w.source, line: w.line, page: w.page}
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
			if a, ok := alias[n]; ok {
				m.xmlName = a
			}
			mw := where{source: w.source, line: w.line, page: w.page, path: cl.name, resp: w.resp, key: schemaKey(cl.name)}.at(n)
			row, hasRow := rows[n]
			if hasRow {
				m.doc = row.Documentation
				if row.Line > 0 {
					mw.line = row.Line
				}
				annotations := row.Annotations
				if t := cleanTypeText(row.Type); isAnnotation(t) {
					// A cell run into the type column: it is an annotation all the same.
					annotations = append(slices.Clone(annotations), t)
				}
				m.cons = in.parseAnnotations(mw, annotations)
				m.required = m.cons.required
			}
			var jm *jsonValue
			if hasJSON {
				jm = jv.fields[n]
			}
			m.t = in.typeOf(mw, row.Type, jm, xmlChild[n], n)
			in.check(mw, &m.cons, jm)
			cl.members = append(cl.members, m)
		}
		if hasJSON && hasXML {
			in.inferOrder(w, cl, layers[li].names, jsonKeys, elementOf)
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
func (in *inferrer) inferOrder(w where, cl *class, xmlNames, jsonKeys []string, elementOf func(string) string) {
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
		if !slices.IsSortedFunc(x[:k], func(a, b string) int { return strings.Compare(elementOf(a), elementOf(b)) }) ||
			!slices.Equal(x[k:], j[len(j)-(n-k):]) {
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
	in.warnKey(where{source: w.source, line: w.line, page: w.page, path: cl.name, key: schemaKey(cl.name)}, "",
		"the XML sample's member order is neither ordinal nor explained by [DataMember(Order)]; set x-dotnet-order on its members")
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

// sameMember reports whether a JSON name and an element name are one member written by
// different naming rules: Id and id, FirstName and firstName or first_name.
func sameMember(a, b string) bool {
	fold := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }
	return fold(a) == fold(b)
}
