package helppage

import (
	"strings"
)

// kind is the kind of a member's value, as far as the pages tell it.
type kind int

const (
	kUnknown kind = iota
	kString
	kInt
	kNumber
	kBool
	kDateTime
	kDateTimeOffset
	kGUID
	kArray
	kMap
	kClass
	kEnum
	// kObject is System.Object, a free-form member ({} in JSON, an empty element in XML).
	kObject
)

// typ is an inferred member type.
type typ struct {
	kind kind
	// item is the type of an array's items or a dictionary's values; key a dictionary's
	// keys.
	item, key *typ
	// class is a kClass's or kEnum's class.
	class *class
	// itemName, itemNamespace and itemPrefix name an array's item elements as the XML
	// sample shows them.
	itemName, itemNamespace, itemPrefix string
	// enumNumbers tells that Json.NET writes the enum as its number (the JSON sample
	// shows a number), so that JSON and XML differ.
	enumNumbers bool
	// format is an integer's or number's format when known.
	format string
	// nullable marks a nullable value type (int?, DateTime?, an enum?), which a sample
	// shows as null or i:nil; reference types are always nullable.
	nullable bool
}

// class is an inferred .NET class (or enum).
type class struct {
	// name is the schema name; xmlName the class's data contract name.
	name, xmlName string
	namespace     string
	// named tells whether a page named the class (false: named after a member or its
	// derived class, with a warning).
	named   bool
	base    *class
	members []*member
	enum    []EnumValue
	isEnum  bool
	doc     string
	// inRequest and inResponse record where the class is used.
	inRequest, inResponse bool
	// xmlVariant is set when JSON and XML differ, so the class gets a second schema.
	xmlVariant bool
	source     string
	line       int
	// page is the page the class was first read from: a document may hold several.
	page *Page
	done bool
}

// member is a data member of a class.
type member struct {
	name string
	t    *typ
	// inJSON and inXML tell in which formats' samples the member appears.
	inJSON, inXML bool
	// required is set by a "Required" annotation.
	required bool
	doc      string
	// order is the inferred [DataMember(Order)] (0: none).
	order int
	// xmlName is the member's element name when the XML sample spells it otherwise than
	// JSON (camelCase JSON from CamelCasePropertyNamesContractResolver); else "".
	xmlName string
	// cons are the keywords its annotations state.
	cons constraints
}

// simpleTypes maps the template's names of simple types (ModelDescriptionGenerator's
// DefaultTypeDocumentation) to kinds.
var simpleTypes = map[string]kind{
	"string":                     kString,
	"integer":                    kInt,
	"unsigned integer":           kInt,
	"byte":                       kInt,
	"signed byte":                kInt,
	"decimal number":             kNumber,
	"boolean":                    kBool,
	"date":                       kDateTime,
	"globally unique identifier": kGUID,
	"character":                  kString,
	"URI":                        kString,
	"time interval":              kString,
	"Object":                     kObject,
	"object":                     kObject,
}

// clrTypes maps the CLR names a customised page shows ("Int32", "System.Guid",
// "Nullable<Int64>") to kinds and formats.
var clrTypes = map[string]struct {
	kind   kind
	format string
}{
	"String": {kString, ""}, "Char": {kString, ""}, "Uri": {kString, "uri"}, "TimeSpan": {kString, ""},
	"Int16": {kInt, ""}, "Int32": {kInt, ""}, "Int64": {kInt, "int64"}, "Byte": {kInt, ""}, "SByte": {kInt, ""},
	"UInt16": {kInt, ""}, "UInt32": {kInt, "int64"}, "UInt64": {kInt, "int64"},
	"int": {kInt, ""}, "long": {kInt, "int64"}, "short": {kInt, ""}, "bool": {kBool, ""},
	"Decimal": {kNumber, ""}, "decimal": {kNumber, ""}, "Double": {kNumber, "double"}, "double": {kNumber, "double"},
	"Single": {kNumber, "float"}, "float": {kNumber, "float"},
	"Boolean": {kBool, ""}, "DateTime": {kDateTime, ""}, "DateTimeOffset": {kDateTimeOffset, ""},
	"Guid": {kGUID, ""},
}

// unwrapNullable strips the ways a customised page says Nullable<T> ("Nullable<Int32>",
// "Nullable`1[Int32]", "int?", "Nullable of integer", "nullable integer") and tells
// whether it did.
func unwrapNullable(s string) (string, bool) {
	for _, p := range []string{"Nullable of ", "nullable ", "Nullable "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return strings.TrimSpace(rest), true
		}
	}
	for _, p := range []string{"System.Nullable<", "Nullable<", "Nullable`1[", "NullableOf"} {
		if rest, ok := strings.CutPrefix(s, p); ok && len(rest) > 0 {
			return strings.TrimSpace(strings.TrimRight(rest, ">]")), true
		}
	}
	if rest, ok := strings.CutSuffix(s, "?"); ok && rest != "" {
		return strings.TrimSpace(rest), true
	}
	return s, false
}

// cleanTypeText removes what a mis-parsed cell leaves around a type column ("date |").
func cleanTypeText(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "|"), "|"))
		if t == s {
			return s
		}
		s = t
	}
}

// isTypeText reports whether a type column names a type: a simple type, a collection or
// dictionary of types, or a class name; never an annotation or a sentence.
func isTypeText(s string) bool {
	if isAnnotation(s) {
		return false
	}
	if inner, ok := unwrapNullable(s); ok {
		return isTypeText(inner)
	}
	k, item, key := parseTypeText(s)
	switch k {
	case kArray:
		return isTypeText(item)
	case kMap:
		return isTypeText(item) && isTypeText(key)
	case kClass:
		return isTypeName(item)
	}
	return true
}

// parseTypeText splits a type column ("Collection of X", "Dictionary of string [key] and
// X [value]") into its kind and the names of its parts.
func parseTypeText(s string) (k kind, item, key string) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "Collection of "); ok {
		return kArray, rest, ""
	}
	if rest, ok := strings.CutPrefix(s, "Dictionary of "); ok {
		keyPart, valuePart, found := strings.Cut(rest, " [key] and ")
		if found {
			return kMap, strings.TrimSuffix(valuePart, " [value]"), keyPart
		}
	}
	if k, ok := simpleTypes[s]; ok {
		return k, "", ""
	}
	if c, ok := clrTypes[strings.TrimPrefix(s, "System.")]; ok {
		return c.kind, "", ""
	}
	return kClass, s, ""
}
