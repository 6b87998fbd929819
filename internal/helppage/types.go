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
	done       bool
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

// elementName is the member's XML element name.
func (m *member) elementName() string {
	if m.xmlName != "" {
		return m.xmlName
	}
	return m.name
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
	return kClass, s, ""
}
