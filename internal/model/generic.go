package model

import (
	"crypto/md5"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaNamespace is XML Schema's namespace: the data contract namespace of most
// primitives (int, string, boolean, ...) as generic arguments and collection items.
const schemaNamespace = "http://www.w3.org/2001/XMLSchema"

// contractRef is a data contract's name and namespace.
type contractRef struct{ name, namespace string }

// argument is t's data contract as a generic argument (the X of KeyValueOfstringX) or a
// collection's item type (the X of ArrayOfX): Nullable<T> for a nullable value type,
// in the System namespace; else t's own contract.
func argument(t *Type) contractRef {
	if nullableValue(t) {
		inner := contractRef{primitiveName(t), primitiveNamespace(t)}
		if t.Kind == DateTimeOffset {
			inner = contractRef{"DateTimeOffset", SystemNamespace}
		}
		return contractRef{genericName("Nullable", inner), SystemNamespace}
	}
	switch t.Kind {
	case Object, Array, Map, DateTimeOffset:
		return contractRef{t.Name, t.Namespace}
	}
	return contractRef{primitiveName(t), primitiveNamespace(t)}
}

// nullableValue tells whether t is Nullable<T> in .NET: a nullable number, boolean,
// date, DateTimeOffset or guid. A nullable string or class is a plain reference, and
// enums are written as strings here.
func nullableValue(t *Type) bool {
	if !t.Nullable {
		return false
	}
	switch t.Kind {
	case Int, Number, Bool, DateTime, DateTimeOffset:
		return true
	case String:
		return len(t.Enum) == 0 && t.Schema != nil && t.Schema.Format == "uuid"
	}
	return false
}

// primitiveNamespace is the data contract namespace of a primitive: the Serialization
// namespace for guid, XML Schema's for the others.
func primitiveNamespace(t *Type) string {
	if primitiveName(t) == "guid" {
		return SerializationNamespace
	}
	return schemaNamespace
}

// genericName is DataContractSerializer's default name for a closed generic type
// (DataContract.GetDefaultStableLocalName): the type's name, "Of", its arguments' names,
// then a digest of their namespaces unless all are built in (XML Schema's or the
// Serialization namespace): KeyValueOfstringint, KeyValueOfstringNote1nUFNFzU,
// NullableOfDateTimeOffset5F2dSckg. Written by hand: no library names data contracts.
func genericName(base string, args ...contractRef) string {
	var name strings.Builder
	name.WriteString(base)
	name.WriteString("Of")
	builtIn := true
	namespaces := " " + strconv.Itoa(len(args))
	for _, a := range args {
		name.WriteString(a.name)
		namespaces += " " + a.namespace
		builtIn = builtIn && (a.namespace == schemaNamespace || a.namespace == SerializationNamespace)
	}
	if !builtIn {
		name.WriteString(namespacesDigest(namespaces))
	}
	return name.String()
}

// namespacesDigest is DataContract.GetNamespacesDigest: the first 6 bytes of the MD5 of
// the namespaces, in base64 without padding, '/' written "_S" and '+' "_P".
func namespacesDigest(namespaces string) string {
	sum := md5.Sum([]byte(namespaces))
	digest := base64.RawStdEncoding.EncodeToString(sum[:6])
	return strings.NewReplacer("/", "_S", "+", "_P").Replace(digest)
}

// dictionaryKey is the data contract of a dictionary's keys: string, or the primitive
// x-dotnet-key names ({type: integer, format: int32} is int).
func dictionaryKey(s *openapi3.Schema) contractRef {
	key, _ := s.Extensions[ExtensionDotnetKey].(map[string]any)
	if key == nil {
		return contractRef{"string", schemaNamespace}
	}
	ks := &openapi3.Schema{}
	ks.Format, _ = key["format"].(string)
	t := &Type{Schema: ks}
	switch key["type"] {
	case "integer":
		t.Kind = Int
	case "number":
		t.Kind = Number
	case "boolean":
		t.Kind = Bool
	case "string":
		if ks.Format == "date-time" {
			t.Kind = DateTime
		}
	}
	return contractRef{primitiveName(t), primitiveNamespace(t)}
}
