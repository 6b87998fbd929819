package model

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Serializer is the XML serializer a service's XmlMediaTypeFormatter uses.
type Serializer int

// The XML serializers of ASP.NET Web API. The zero Serializer is DataContract.
const (
	// DataContract is DataContractSerializer, XmlMediaTypeFormatter's default.
	DataContract Serializer = iota
	// XMLSerializer is System.Xml.Serialization.XmlSerializer
	// (XmlMediaTypeFormatter.UseXmlSerializer = true).
	XMLSerializer
)

// ExtensionDotnetXMLSerializer is the document extension naming the serializer that
// writes and reads the service's XML: "DataContractSerializer" (the default) or
// "XmlSerializer".
const ExtensionDotnetXMLSerializer = "x-dotnet-xml-serializer"

// ExtensionDotnetIsNullable marks a member of a reference type that XmlSerializer writes
// as xsi:nil="true" when null ([XmlElement(IsNullable = true)]) instead of omitting it.
const ExtensionDotnetIsNullable = "x-dotnet-is-nullable"

// Names of the serializers as ExtensionDotnetXMLSerializer spells them.
const (
	DataContractSerializerName = "DataContractSerializer"
	XMLSerializerName          = "XmlSerializer"
)

// SchemaNamespace is XML Schema's namespace, which XmlSerializer declares as xmlns:xsd on
// every root.
const SchemaNamespace = schemaNamespace

// String returns the serializer's .NET name.
func (s Serializer) String() string {
	if s == XMLSerializer {
		return XMLSerializerName
	}
	return DataContractSerializerName
}

// ParseSerializer reads an ExtensionDotnetXMLSerializer value.
func ParseSerializer(v any) (Serializer, error) {
	s, ok := v.(string)
	switch {
	case ok && s == DataContractSerializerName:
		return DataContract, nil
	case ok && s == XMLSerializerName:
		return XMLSerializer, nil
	case ok && strings.EqualFold(s, XMLSerializerName):
		return 0, fmt.Errorf("%s: %q: did you mean %q? (the value is case-sensitive)", ExtensionDotnetXMLSerializer, s, XMLSerializerName)
	}
	return 0, fmt.Errorf("%s: got %v, want %q or %q", ExtensionDotnetXMLSerializer, v, DataContractSerializerName, XMLSerializerName)
}

// writesNil tells whether XmlSerializer writes a null member of type t as xsi:nil="true":
// a nullable value type (int?, bool?, DateTime?, an enum? ...), or a member marked
// x-dotnet-is-nullable (isNullable). It omits other null members.
func writesNil(t *Type, isNullable bool) bool {
	return isNullable || nullableValue(t) || t.Nullable && t.Kind == String && len(t.Enum) > 0
}

// isNullableMember reads x-dotnet-is-nullable from a member schema (or its reference).
func isNullableMember(ref *openapi3.SchemaRef) bool {
	for _, ext := range []map[string]any{ref.Extensions, ref.Value.Extensions} {
		if b, ok := ext[ExtensionDotnetIsNullable].(bool); ok {
			return b
		}
	}
	return false
}

// xmlSerializerItemName is XmlSerializer's element name for an item of a collection of t
// (List<string> → <string>, List<Note> → <Note>), and the type name after "ArrayOf" in a
// collection root's name with its first letter upper-cased (ArrayOfString, ArrayOfNote).
func xmlSerializerItemName(t *Type) string {
	switch t.Kind {
	case Object:
		return t.Name
	case Array:
		return t.Name
	case DateTimeOffset:
		return "DateTimeOffset"
	}
	if x := t.Schema; x != nil && x.XML != nil && x.XML.Name != "" {
		return x.XML.Name
	}
	return primitiveName(t)
}

// arrayOf is XmlSerializer's name of a collection of items named item: ArrayOfString.
func arrayOf(item string) string {
	if item == "" {
		return "ArrayOf"
	}
	return "ArrayOf" + strings.ToUpper(item[:1]) + item[1:]
}

// xmlSerializerClass sets XmlSerializer's layout of a class: its members in declaration
// order, base class first (no ordinal sorting: XmlSerializer writes reflection order),
// each in its declaring class's namespace ("" unless the schema's xml object names one;
// package dcxml reads "" as the namespace of the element around it, as XmlSerializer
// writes a nested class's members in its root's namespace).
func xmlSerializerClass(t *Type, perClass [][]*Member) {
	for _, members := range perClass {
		t.XMLMembers = append(t.XMLMembers, members...)
	}
}

// xmlSerializerValue sets XmlSerializer's names on a type that is not a class: a
// collection is ArrayOf<Item> with <item> elements (<string>, <int>, <Note>), in the
// namespace of the element around them; a primitive root is <string>, <int>... in no
// namespace. A dictionary keeps its names: XmlSerializer cannot write one (Web API's
// XmlMediaTypeFormatter then refuses the type, see dcxml.ErrNotSerializable).
func xmlSerializerValue(t *Type) {
	switch t.Kind {
	case Array:
		items := t.Schema.Items.Value
		t.ItemName, t.ItemNamespace = xmlSerializerItemName(t.Item), ""
		if items.XML != nil && items.XML.Name != "" {
			t.ItemName, t.ItemNamespace = items.XML.Name, items.XML.Namespace
		}
		t.Name, t.Namespace = arrayOf(xmlSerializerItemName(t.Item)), ""
	case Map:
	default:
		// A scalar root: <string>, <int>; an enum's is its type name, which only the
		// schema's xml object can tell (<Color>Blue</Color>).
		t.Namespace = ""
		if x := t.Schema.XML; x != nil && x.Name != "" {
			t.Name, t.Namespace = x.Name, x.Namespace
		}
	}
}

// XMLSerializable reports whether XmlSerializer can write and read t: not when t holds a
// dictionary anywhere ("There was an error reflecting type …"), for which Web API's
// XmlMediaTypeFormatter answers CanWriteType and CanReadType false.
func XMLSerializable(t *Type) bool {
	return IsHTTPError(t) || xmlSerializable(t, map[*Type]bool{})
}

// IsHTTPError tells whether t is Web API's HttpError: <Error> in no namespace, with a
// Message. HttpError is IXmlSerializable, which XmlSerializer lets write itself under a
// bare root: the bytes DataContractSerializer writes. A class of the service's own named
// Error with a Message is taken for it.
func IsHTTPError(t *Type) bool {
	return t.Kind == Object && t.Namespace == "" && t.Name == "Error" && t.Member("Message") != nil
}

func xmlSerializable(t *Type, seen map[*Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t.Kind {
	case Map:
		return false
	case Array:
		return xmlSerializable(t.Item, seen)
	case Object:
		for _, m := range t.XMLMembers {
			if !xmlSerializable(m.Type, seen) {
				return false
			}
		}
	}
	return true
}
