package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Namespaces DataContractSerializer uses for framework types.
const (
	// ArraysNamespace holds the items of collections of primitives (List<string> → d2p1:string).
	ArraysNamespace = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
	// SystemNamespace holds the members of System.DateTimeOffset.
	SystemNamespace = "http://schemas.datacontract.org/2004/07/System"
	// SerializationNamespace holds primitives written as the whole body
	// (<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">5</int>).
	SerializationNamespace = "http://schemas.microsoft.com/2003/10/Serialization/"
	// InstanceNamespace is the XML Schema instance namespace of i:nil.
	InstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"
	// ExtensionDotnetOrder is a member's [DataMember(Order = N)].
	ExtensionDotnetOrder = "x-dotnet-order"
	// ExtensionDotnetType names a member's CLR type where JSON Schema cannot say it.
	ExtensionDotnetType = "x-dotnet-type"
	// ExtensionDotnetKey is the schema of a dictionary's keys when they are not strings
	// (Dictionary<int,bool>); JSON writes them as strings all the same.
	ExtensionDotnetKey = "x-dotnet-key"
	// DotnetObject is the x-dotnet-type value of a System.Object member.
	DotnetObject = "System.Object"
	// DotnetDateTimeOffset is the x-dotnet-type value of a DateTimeOffset member.
	DotnetDateTimeOffset = "System.DateTimeOffset"
)

// Kind is the kind of value a member holds.
type Kind int

// The kinds of value. The zero Kind is String.
const (
	String Kind = iota
	Int
	Number
	Bool
	// DateTime is a string of format date-time (xs:dateTime in XML).
	DateTime
	// DateTimeOffset is a System.DateTimeOffset: an ISO 8601 string with its offset in JSON,
	// an element with DateTime and OffsetMinutes children in XML.
	DateTimeOffset
	Array
	Object
	// Map is an object with additionalProperties only (HttpError's ModelState).
	Map
)

var kindNames = [...]string{"string", "integer", "number", "boolean", "date-time", "DateTimeOffset", "array", "object", "map"}

// String returns the kind's name as error messages use it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Type is the compiled layout of a schema.
type Type struct {
	Kind     Kind
	Nullable bool
	// Name is the type's data contract name, the XML root element's name when the type is
	// the whole body: the class name for an Object; ArrayOf<ItemName> for an Array
	// (ArrayOfNote, ArrayOfint); ArrayOfKeyValueOfstring<value name> for a Map; the
	// DataContractSerializer primitive name (int, long, decimal, double, boolean, string,
	// dateTime, guid) for a scalar; DateTimeOffset for a DateTimeOffset.
	Name string
	// Namespace is the data contract namespace of Name: an Object's own; an Array's item
	// namespace (the item class's, or ArraysNamespace for primitives); ArraysNamespace for
	// a Map; SerializationNamespace for a scalar; SystemNamespace for a DateTimeOffset.
	// HttpError's layout is the one Object without a namespace.
	Namespace string
	// Members lists an Object's data members in Json.NET's order: the class's own members
	// first, then inherited ones, each class in declaration order.
	Members []*Member
	// XMLMembers lists the members DataContractSerializer writes, in its order: base-class
	// members first, each class's members in ordinal order.
	XMLMembers []*Member
	// Item is the type of an Array's items or a Map's values.
	Item *Type
	// ItemName and ItemNamespace name an Array's item elements in XML, or a Map's entry
	// elements (KeyValueOfstring<value name>, with a digest when the value's contract is
	// not built in (see genericName), in ArraysNamespace, each holding Key and Value
	// elements in ArraysNamespace).
	ItemName, ItemNamespace string
	// Enum lists the allowed values of a String, if the schema restricts them.
	Enum []string
	// Free marks a System.Object member (x-dotnet-type: System.Object): a Map in JSON
	// ({} for the new object() a Help Page sample shows), an empty element in its
	// declaring class's namespace in XML.
	Free bool
	// Schema is the schema the type was compiled from.
	Schema *openapi3.Schema
	// Serializer is the serializer whose layout this is. With XMLSerializer, Namespace is
	// the class's [XmlRoot]/[XmlType] namespace ("" by default), XMLMembers are in
	// declaration order (base class first), ItemName is XmlSerializer's (<string>,
	// <int>, <Note>) in no namespace of its own, and Name is ArrayOfString for a
	// collection.
	Serializer Serializer
}

// Member is a data member of a class.
type Member struct {
	// Name is the JSON member name and, unless the schema renames it, the XML element name.
	Name string
	// XMLName is the member's XML element name.
	XMLName string
	// Namespace is the XML namespace of the member's element: its declaring class's.
	Namespace string
	// Class is the name of the declaring class.
	Class    string
	Type     *Type
	Required bool
	// Order is the member's [DataMember(Order)], or -1 when it has none.
	Order int
	// Nil tells whether XmlSerializer writes the member as xsi:nil="true" when it is
	// null (a nullable value type, or [XmlElement(IsNullable = true)]) rather than
	// omitting it. DataContractSerializer always writes i:nil.
	Nil bool
}

// Member returns the member named exactly name, or nil.
func (t *Type) Member(name string) *Member {
	for _, m := range t.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// MemberFold returns the member whose name equals name case-insensitively, as Json.NET and
// form binding match them, or nil.
func (t *Type) MemberFold(name string) *Member {
	if m := t.Member(name); m != nil {
		return m
	}
	for _, m := range t.Members {
		if strings.EqualFold(m.Name, name) {
			return m
		}
	}
	return nil
}

// Suggest returns the member name closest to name (for "did you mean"), or "" when none
// is close.
func (t *Type) Suggest(name string) string {
	best, bestDist := "", len(name)/2+2
	for _, m := range t.Members {
		if d := distance(strings.ToLower(name), strings.ToLower(m.Name)); d < bestDist {
			best, bestDist = m.Name, d
		}
	}
	return best
}

// MemberNames returns the names of an Object's members in JSON order.
func (t *Type) MemberNames() []string {
	names := make([]string, len(t.Members))
	for i, m := range t.Members {
		names[i] = m.Name
	}
	return names
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Compiler compiles schemas, sharing the layouts of schemas it has seen (so recursive
// models terminate and each class is compiled once).
type Compiler struct {
	// Order, when set, returns the names of s's properties in the order the document
	// declares them, or nil when it does not know. The properties of a schema it does not
	// know (see IsPropertyOrder) are ordered by the origins kin-openapi recorded
	// (openapi3.Loader.IncludeOrigin), then ordinally. Default: nil.
	Order func(s *openapi3.Schema) []string
	// Serializer is the serializer whose layouts to compile. Default: DataContract.
	Serializer Serializer

	seen map[compileKey]*Type
}

type compileKey struct {
	schema   *openapi3.Schema
	nullable bool
}

// NewCompiler returns an empty Compiler.
func NewCompiler() *Compiler {
	return &Compiler{seen: make(map[compileKey]*Type)}
}

// Compile returns the layout of ref.
func (c *Compiler) Compile(ref *openapi3.SchemaRef) (*Type, error) {
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("compile schema %q: unresolved", refName(ref))
	}
	return c.compile(ref.Value, ref.Value.Nullable)
}

func (c *Compiler) compile(s *openapi3.Schema, nullable bool) (*Type, error) {
	key := compileKey{s, nullable}
	if t, ok := c.seen[key]; ok {
		return t, nil
	}
	t := &Type{Nullable: nullable, Schema: s, Serializer: c.Serializer}
	c.seen[key] = t
	switch {
	case s.Extensions[ExtensionDotnetType] == DotnetObject:
		t.Kind, t.Free, t.Item = Map, true, &Type{Kind: String}
		t.Name, t.Namespace = "anyType", schemaNamespace
		return t, nil
	case s.Extensions[ExtensionDotnetType] == DotnetDateTimeOffset:
		t.Kind = DateTimeOffset
	case len(s.AllOf) > 0 || len(s.Properties) > 0:
		return t, c.compileClass(t, s)
	default:
		if err := c.compileValue(t, s); err != nil {
			return nil, err
		}
	}
	t.Name, t.Namespace = rootElement(t)
	if c.Serializer == XMLSerializer {
		xmlSerializerValue(t)
	}
	return t, nil
}

// compileValue compiles a schema that is not a class: a scalar, a collection or a
// dictionary.
func (c *Compiler) compileValue(t *Type, s *openapi3.Schema) error {
	switch {
	case s.Type.Is(openapi3.TypeString):
		t.Kind = String
		if s.Format == "date-time" {
			t.Kind = DateTime
		}
		for _, v := range s.Enum {
			if str, ok := v.(string); ok {
				t.Enum = append(t.Enum, str)
			}
		}
	case s.Type.Is(openapi3.TypeInteger):
		t.Kind = Int
	case s.Type.Is(openapi3.TypeNumber):
		t.Kind = Number
	case s.Type.Is(openapi3.TypeBoolean):
		t.Kind = Bool
	case s.Type.Is(openapi3.TypeArray):
		t.Kind = Array
		if s.Items == nil || s.Items.Value == nil {
			return fmt.Errorf("compile array schema: no items")
		}
		item, err := c.Compile(s.Items)
		if err != nil {
			return fmt.Errorf("compile array items: %w", err)
		}
		t.Item = item
		t.ItemName, t.ItemNamespace = itemElement(s.Items.Value, item)
	case s.Type.Is(openapi3.TypeObject):
		t.Kind = Map
		t.Item = &Type{Kind: String}
		if ap := s.AdditionalProperties.Schema; ap != nil {
			item, err := c.Compile(ap)
			if err != nil {
				return fmt.Errorf("compile additionalProperties: %w", err)
			}
			t.Item = item
		}
		// Dictionary<K,X>: DataContractSerializer writes KeyValueOfKX entries, the name of
		// its generic KeyValue<K,X> (with a digest when X is not built in); K is string
		// unless x-dotnet-key says otherwise (KeyValueOfintboolean).
		t.ItemName = genericName("KeyValue", dictionaryKey(s), argument(t.Item))
		t.ItemNamespace = ArraysNamespace
	default:
		return fmt.Errorf("compile schema: type %v is not supported", s.Type)
	}
	return nil
}

// rootElement is DataContractSerializer's root element for a value that is not a class:
// collections are ArrayOf<item contract name> in the items' namespace, dictionaries
// ArrayOf<entry name> in the Arrays namespace, primitives their XSD-like name in the
// Serialization namespace.
func rootElement(t *Type) (name, namespace string) {
	switch t.Kind {
	case Array:
		if items := t.Schema.Items.Value; items.XML == nil || items.XML.Name == "" {
			// The item type's contract name: NullableOfint for List<int?>, whose items are
			// <int> elements.
			return "ArrayOf" + argument(t.Item).name, t.ItemNamespace
		}
		return "ArrayOf" + t.ItemName, t.ItemNamespace
	case Map:
		return "ArrayOf" + t.ItemName, ArraysNamespace
	case DateTimeOffset:
		return "DateTimeOffset", SystemNamespace
	case Object:
		return t.Name, t.Namespace
	}
	return primitiveName(t), SerializationNamespace
}

// primitiveName is DataContractSerializer's name for a primitive: int, long, decimal,
// double, float, boolean, dateTime, guid or string.
func primitiveName(t *Type) string {
	format := ""
	if t.Schema != nil {
		format = t.Schema.Format
	}
	switch t.Kind {
	case Int:
		if format == "int64" {
			return "long"
		}
		return "int"
	case Number:
		switch format {
		case "double":
			return "double"
		case "float":
			return "float"
		}
		return "decimal"
	case Bool:
		return "boolean"
	case DateTime:
		return "dateTime"
	}
	if format == "uuid" {
		return "guid"
	}
	return "string"
}

// itemElement names the XML elements of a collection's items: the schema's xml object if
// it has one, else DataContractSerializer's defaults (primitives in the Arrays namespace
// under their XSD name, classes under their class name and namespace).
func itemElement(s *openapi3.Schema, item *Type) (name, namespace string) {
	if s.XML != nil && s.XML.Name != "" {
		name, namespace = s.XML.Name, s.XML.Namespace
		if namespace == "" && item.Kind != Object {
			namespace = ArraysNamespace
		}
		if namespace == "" {
			namespace = item.Namespace
		}
		return name, namespace
	}
	switch {
	case nullableValue(item):
		// List<int?>: <int> items in the namespace of Nullable<T>, System's.
		return item.Name, SystemNamespace
	case item.Kind == Object:
		return item.Name, item.Namespace
	case item.Kind == DateTimeOffset:
		return "DateTimeOffset", SystemNamespace
	case item.Kind == Array:
		return item.Name, item.ItemNamespace
	}
	return argument(item).name, ArraysNamespace
}

// layers returns the classes of s, base class first: the allOf entries in order, then s
// itself if it declares members of its own.
func layers(s *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			out = append(out, layers(sub.Value)...)
		}
	}
	if len(s.Properties) > 0 || len(s.AllOf) == 0 {
		out = append(out, s)
	}
	return out
}

func (c *Compiler) compileClass(t *Type, s *openapi3.Schema) error {
	t.Kind = Object
	classes := layers(s)
	// The most derived class names the type.
	for _, cl := range classes {
		if cl.XML != nil && cl.XML.Name != "" {
			t.Name = cl.XML.Name
		}
		if cl.XML != nil && cl.XML.Namespace != "" {
			t.Namespace = cl.XML.Namespace
		}
	}
	var perClass [][]*Member
	for _, cl := range classes {
		className, ns := t.Name, t.Namespace
		if cl.XML != nil {
			className, ns = cmp.Or(cl.XML.Name, className), cmp.Or(cl.XML.Namespace, ns)
		}
		members := make([]*Member, 0, len(cl.Properties))
		for _, name := range c.declarationOrder(cl) {
			prop := cl.Properties[name]
			mt, err := c.Compile(prop)
			if err != nil {
				return fmt.Errorf("compile member %s.%s: %w", className, name, err)
			}
			m := &Member{Name: name, XMLName: name, Namespace: ns, Class: className, Type: mt,
				Required: slices.Contains(cl.Required, name), Order: dataMemberOrder(prop)}
			m.Nil = c.Serializer == DataContract || writesNil(mt, isNullableMember(prop))
			// An inline member schema may rename its element or move it to another
			// namespace; a referenced schema's xml object describes the referenced class,
			// but an inline wrapper of one (allOf with a single reference) the member.
			if prop.Ref == "" && prop.Value.XML != nil && (mt.Kind != Object || wraps(prop.Value)) {
				m.XMLName = cmp.Or(prop.Value.XML.Name, m.XMLName)
				m.Namespace = cmp.Or(prop.Value.XML.Namespace, m.Namespace)
			}
			members = append(members, m)
		}
		perClass = append(perClass, members)
	}
	// Json.NET: most derived class first, declaration order within a class.
	for i := len(perClass) - 1; i >= 0; i-- {
		t.Members = append(t.Members, perClass[i]...)
	}
	if c.Serializer == XMLSerializer {
		xmlSerializerClass(t, perClass)
		return nil
	}
	// DataContractSerializer: base class first; within a class, members without an Order
	// first, then by Order, ordinal (case-sensitive) order among equals.
	for _, members := range perClass {
		sorted := slices.Clone(members)
		slices.SortStableFunc(sorted, func(a, b *Member) int {
			return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.XMLName, b.XMLName))
		})
		t.XMLMembers = append(t.XMLMembers, sorted...)
	}
	return nil
}

// dataMemberOrder reads x-dotnet-order from a member schema; -1 when absent.
func dataMemberOrder(ref *openapi3.SchemaRef) int {
	for _, ext := range []map[string]any{ref.Extensions, ref.Value.Extensions} {
		switch v := ext[ExtensionDotnetOrder].(type) {
		case float64:
			return int(v)
		case int:
			return v
		}
	}
	return -1
}

// declarationOrder returns the names of s's properties in the order the document declares
// them: as c.Order tells, else as kin-openapi's origin tracking records
// (openapi3.Loader.IncludeOrigin); properties without an origin come last, in ordinal order.
func (c *Compiler) declarationOrder(s *openapi3.Schema) []string {
	props := s.Properties
	if c.Order != nil {
		if names := c.Order(s); IsPropertyOrder(names, props) {
			return names
		}
	}
	names := slices.Collect(maps.Keys(props))
	line := func(name string) int {
		ref := props[name]
		if ref.Origin != nil && ref.Origin.Key != nil {
			return ref.Origin.Key.Line
		}
		if ref.Value != nil && ref.Value.Origin != nil && ref.Value.Origin.Key != nil && ref.Ref == "" {
			return ref.Value.Origin.Key.Line
		}
		return 1 << 30
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(line(a), line(b)), strings.Compare(a, b))
	})
	return names
}

// IsPropertyOrder reports whether names lists each of props's names exactly once.
func IsPropertyOrder(names []string, props openapi3.Schemas) bool {
	if len(names) != len(props) {
		return false
	}
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if _, ok := props[name]; !ok || seen[name] {
			return false
		}
		seen[name] = true
	}
	return true
}

func refName(ref *openapi3.SchemaRef) string {
	if ref == nil {
		return "<nil>"
	}
	return ref.Ref
}

// wraps tells whether s only wraps a reference (allOf: [$ref], with nullable or an xml
// object beside it), as a member of a class type is written.
func wraps(s *openapi3.Schema) bool {
	return len(s.AllOf) == 1 && s.AllOf[0].Ref != "" && len(s.Properties) == 0
}
