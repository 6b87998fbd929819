package dotnet

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// Models is the C# source Generate writes for a spec, and the C# type of each layout.
type Models struct {
	// Source is a C# compilation unit: the spec's classes, and a registry (class
	// Helpmock.Interop.Types) mapping each layout's C# type expression to its System.Type.
	Source string
	// Serializer is the XML serializer the classes are attributed for.
	Serializer model.Serializer

	types   map[*model.Type]string
	seen    map[typeUse]bool
	classes map[string]*class
	order   []*class
	names   map[string]bool
	enums   map[*model.Type]string
	enumSrc strings.Builder
}

// TypeOf returns the C# type expression of t (List<Note>, int?, Dictionary<string,int>),
// as the registry names it; "" for a layout Generate was not given.
func (m *Models) TypeOf(t *model.Type) string { return m.types[t] }

// typeUse is a layout used in XML or in JSON.
type typeUse struct {
	t   *model.Type
	xml bool
}

// class is one C# class: a layer of a model (a base class or the most derived one).
type class struct {
	csName    string
	name, ns  string // contract name and namespace
	base      *class
	members   []*member
	xmlRooted bool
	// inXML and inJSON tell whether an XML or a JSON layout declared the class.
	inXML, inJSON bool
}

// member is a property of a class, with the layouts (XML, JSON) that have it: a spec may
// give a class's XML and JSON media types layouts of their own (a member JSON only).
type member struct {
	*model.Member
	inXML, inJSON bool
	// xmlType and jsonType are the member's layouts in each format, where it has one.
	xmlType, jsonType *model.Type
}

// Generate writes C# classes for every layout of s's operations: requests and responses
// in every media type.
//
// DataContractSerializer specs get [DataContract(Name, Namespace)] classes whose
// [DataMember(Name)] properties are declared in the spec's order (Json.NET writes them in
// that order, most derived class first) with no Order unless the member has x-dotnet-order:
// DataContractSerializer's own ordinal sorting is what the mock must reproduce, so the
// classes do not pin it. XmlSerializer specs get [XmlRoot]/[XmlElement]/[XmlArray]
// classes, whose declaration order is the XML order. Every property carries
// [JsonProperty(Name)] with its JSON name.
func Generate(s *spec.Spec) (*Models, error) {
	m := &Models{Serializer: s.XMLSerializer(), types: map[*model.Type]string{}, seen: map[typeUse]bool{},
		classes: map[string]*class{}, names: map[string]bool{}}
	var roots []typeUse
	for _, op := range s.Operations {
		for _, mt := range op.RequestMediaTypes {
			roots = append(roots, typeUse{op.Request[mt], spec.IsXML(spec.MediaType(mt))})
		}
		for _, status := range op.Statuses {
			for _, mt := range slices.Sorted(mapsKeys(op.Responses[status])) {
				roots = append(roots, typeUse{op.Responses[status][mt], spec.IsXML(spec.MediaType(mt))})
			}
		}
	}
	for _, u := range roots {
		if _, err := m.typeExpr(u.t, u.xml); err != nil {
			return nil, fmt.Errorf("generate C# for %s: %w", s.Source, err)
		}
	}
	m.Source = m.write()
	return m, nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// typeExpr returns t's C# type, declaring the classes it needs; xml tells whether t is
// the layout of an XML body.
func (m *Models) typeExpr(t *model.Type, xml bool) (string, error) {
	if m.seen[typeUse{t, xml}] {
		return m.types[t], nil
	}
	m.seen[typeUse{t, xml}] = true
	if _, ok := m.types[t]; !ok {
		m.types[t] = "object" // a recursive model refers to itself while it is declared
	}
	e, err := m.newTypeExpr(t, xml)
	if err != nil {
		return "", err
	}
	m.types[t] = e
	return e, nil
}

func (m *Models) newTypeExpr(t *model.Type, xml bool) (string, error) {
	format := ""
	if t.Schema != nil {
		format = t.Schema.Format
	}
	value := func(name string) string {
		if t.Nullable {
			return name + "?"
		}
		return name
	}
	if t.Free {
		return "object", nil // System.Object: new object() in the samples
	}
	switch t.Kind {
	case model.String:
		if format == "uuid" && len(t.Enum) == 0 {
			return value("Guid"), nil
		}
		return "string", nil
	case model.Int:
		if format == "int64" {
			return value("long"), nil
		}
		return value("int"), nil
	case model.Number:
		switch format {
		case "double":
			return value("double"), nil
		case "float":
			return value("float"), nil
		}
		return value("decimal"), nil
	case model.Bool:
		return value("bool"), nil
	case model.DateTime:
		return value("DateTime"), nil
	case model.DateTimeOffset:
		return value("DateTimeOffset"), nil
	case model.Array:
		item, err := m.typeExpr(t.Item, xml)
		if err != nil {
			return "", err
		}
		return "List<" + item + ">", nil
	case model.Map:
		item, err := m.typeExpr(t.Item, xml)
		if err != nil {
			return "", err
		}
		return "Dictionary<" + dictionaryKey(t.Schema) + "," + item + ">", nil
	case model.Object:
		c, err := m.declare(t, xml)
		if err != nil {
			return "", err
		}
		return c.csName, nil
	}
	return "", fmt.Errorf("type %s: kind %v has no C# type", t.Name, t.Kind)
}

// declare declares the classes of an Object layout, base class first, and returns the
// most derived one.
func (m *Models) declare(t *model.Type, xml bool) (*class, error) {
	layers := schemaLayers(t.Schema)
	// Names and namespaces come from the schemas' xml objects, as the spec states them,
	// not from the layout: a mock that put a member in the wrong namespace must not put
	// the C# class there too. The most derived xml name names the type.
	typeName, typeNS := "", ""
	for _, l := range layers {
		if l.XML != nil {
			typeName, typeNS = cmp.Or(l.XML.Name, typeName), cmp.Or(l.XML.Namespace, typeNS)
		}
	}
	var base *class
	for i, layer := range layers {
		name, ns := typeName, typeNS
		if layer.XML != nil {
			name, ns = cmp.Or(layer.XML.Name, name), cmp.Or(layer.XML.Namespace, ns)
		}
		// The layer's members, in the layout's (declaration) order.
		var members []*model.Member
		for _, mem := range t.Members {
			if _, ok := layer.Properties[mem.Name]; !ok {
				continue
			}
			if xml && !slices.Contains(t.XMLMembers, mem) {
				continue
			}
			members = append(members, mem)
		}
		key := name + "\x00" + ns
		c := m.classes[key]
		if c == nil {
			c = &class{csName: m.uniqueName(cmp.Or(name, "Anonymous")), name: name, ns: ns, base: base}
			m.classes[key] = c
			m.order = append(m.order, c)
		}
		c.merge(members, xml)
		for _, mem := range members {
			if _, err := m.typeExpr(mem.Type, xml); err != nil {
				return nil, fmt.Errorf("member %s.%s: %w", name, mem.Name, err)
			}
		}
		if i == len(layers)-1 {
			c.xmlRooted = true
		}
		base = c
	}
	return base, nil
}

// merge adds a layout's members to the class. A JSON layout's order is the declaration
// order (Json.NET's); members only an XML layout has follow.
func (c *class) merge(members []*model.Member, xml bool) {
	c.inXML, c.inJSON = c.inXML || xml, c.inJSON || !xml
	find := func(name string) *member {
		for _, have := range c.members {
			if have.Name == name {
				return have
			}
		}
		return nil
	}
	var ordered []*member
	for _, mem := range members {
		have := find(mem.Name)
		if have == nil {
			have = &member{Member: mem}
		}
		have.inXML, have.inJSON = have.inXML || xml, have.inJSON || !xml
		if xml {
			have.xmlType = mem.Type
		} else {
			have.jsonType = mem.Type
		}
		ordered = append(ordered, have)
	}
	if xml {
		for _, mem := range ordered {
			if !slices.Contains(c.members, mem) {
				c.members = append(c.members, mem)
			}
		}
		return
	}
	for _, have := range c.members {
		if !slices.Contains(ordered, have) {
			ordered = append(ordered, have)
		}
	}
	c.members = ordered
}

// schemaLayers returns the classes of s, base class first: its allOf entries in order,
// then s itself if it declares properties (or has no allOf), as package model reads them.
func schemaLayers(s *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			out = append(out, schemaLayers(sub.Value)...)
		}
	}
	if len(s.Properties) > 0 || len(s.AllOf) == 0 {
		out = append(out, s)
	}
	return out
}

// uniqueName returns a C# identifier for name not used by another class.
func (m *Models) uniqueName(name string) string {
	id := identifier(name)
	for i := 2; m.names[id]; i++ {
		id = identifier(name) + strconv.Itoa(i)
	}
	m.names[id] = true
	return id
}

// identifier makes s a C# identifier: letters, digits and underscores, not starting with
// a digit, prefixed with @ when it is a keyword.
func identifier(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	id := b.String()
	if id == "" || unicode.IsDigit(rune(id[0])) {
		id = "_" + id
	}
	if csharpKeywords[id] {
		id = "@" + id
	}
	return id
}

var csharpKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`abstract as base bool break byte case catch char checked class const continue
		decimal default delegate do double else enum event explicit extern false finally fixed float for foreach goto
		if implicit in int interface internal is lock long namespace new null object operator out override params
		private protected public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch
		this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile while`) {
		csharpKeywords[k] = true
	}
}

// str is a C# string literal.
func str(s string) string { return strconv.Quote(s) }

func (m *Models) write() string {
	var b strings.Builder
	b.WriteString("// Code generated by helpmock interop/dotnet from a spec; DO NOT EDIT.\n")
	b.WriteString("using System;\nusing System.Collections.Generic;\nusing System.Runtime.Serialization;\nusing System.Xml.Serialization;\nusing Newtonsoft.Json;\n\n")
	b.WriteString("namespace Helpmock.Interop.Models\n{\n")
	for _, c := range m.order {
		m.writeClass(&b, c)
	}
	b.WriteString(m.enumSrc.String())
	b.WriteString("}\n\nnamespace Helpmock.Interop\n{\n    using Helpmock.Interop.Models;\n\n")
	fmt.Fprintf(&b, "    public static class Types\n    {\n        public const bool XmlSerializer = %v;\n", m.Serializer == model.XMLSerializer)
	b.WriteString("        public static readonly Dictionary<string, Type> ByName = new Dictionary<string, Type>\n        {\n")
	exprs := map[string]bool{}
	for _, e := range m.types {
		exprs[e] = true
	}
	for _, e := range slices.Sorted(mapsKeys(exprs)) {
		fmt.Fprintf(&b, "            { %s, typeof(%s) },\n", str(e), e)
	}
	b.WriteString("        };\n    }\n}\n")
	return b.String()
}

func (m *Models) writeClass(b *strings.Builder, c *class) {
	if m.Serializer == model.XMLSerializer {
		if c.xmlRooted {
			fmt.Fprintf(b, "    [XmlRoot(%s, Namespace = %s)]\n", str(c.name), str(c.ns))
		}
		fmt.Fprintf(b, "    [XmlType(%s, Namespace = %s)]\n", str(c.name), str(c.ns))
	} else {
		fmt.Fprintf(b, "    [DataContract(Name = %s, Namespace = %s)]\n", str(c.name), str(c.ns))
	}
	fmt.Fprintf(b, "    public class %s", c.csName)
	if c.base != nil {
		fmt.Fprintf(b, " : %s", c.base.csName)
	}
	b.WriteString("\n    {\n")
	used := map[string]bool{c.csName: true}
	for _, mem := range c.members {
		prop := identifier(mem.Name)
		for i := 2; used[prop]; i++ {
			prop = identifier(mem.Name) + strconv.Itoa(i)
		}
		used[prop] = true
		typ := m.types[mem.Type]
		if e := m.enum(mem); e != "" {
			typ = e
		}
		// A member one format's layout lacks is not a member in that format: a
		// DataContract class's member without [DataMember], or [XmlIgnore]; [JsonIgnore].
		switch {
		case c.inXML && !mem.inXML && m.Serializer == model.XMLSerializer:
			b.WriteString("        [XmlIgnore]\n")
		case c.inXML && !mem.inXML:
		case m.Serializer == model.XMLSerializer:
			b.WriteString("        " + xmlSerializerMember(mem.Member, typ) + "\n")
		default:
			attr := "Name = " + str(mem.XMLName)
			if mem.Required {
				// Stricter than most services: .NET refuses a body that lacks the member,
				// so a mock that left out a required member is caught.
				attr += ", IsRequired = true"
			}
			if mem.Order >= 0 {
				attr += ", Order = " + strconv.Itoa(mem.Order)
			}
			fmt.Fprintf(b, "        [DataMember(%s)]\n", attr)
		}
		if c.inJSON && !mem.inJSON {
			b.WriteString("        [JsonIgnore]\n")
		} else {
			fmt.Fprintf(b, "        [JsonProperty(%s)]\n", str(mem.Name))
		}
		fmt.Fprintf(b, "        public %s %s { get; set; }\n", typ, prop)
	}
	b.WriteString("    }\n\n")
}

// enum returns the C# enum of a member whose JSON layout is an integer enum and whose
// XML layout a string enum of as many names (Json.NET writes an enum's number,
// DataContractSerializer and XmlSerializer its name), declaring it; "" for any other.
func (m *Models) enum(mem *member) string {
	j, x := mem.jsonType, mem.xmlType
	if j == nil || x == nil || j.Kind != model.Int || x.Kind != model.String || j.Schema == nil ||
		len(j.Schema.Enum) == 0 || len(j.Schema.Enum) != len(x.Enum) {
		return ""
	}
	if m.enums == nil {
		m.enums = map[*model.Type]string{}
	}
	name, ok := m.enums[x]
	if !ok {
		name = m.uniqueName(mem.Name + "Enum")
		m.enums[x] = name
		fmt.Fprintf(&m.enumSrc, "    [DataContract]\n    public enum %s\n    {\n", name)
		for i, v := range x.Enum {
			fmt.Fprintf(&m.enumSrc, "        [EnumMember(Value = %s), XmlEnum(%s)]\n        %s = %v,\n", str(v), str(v), identifier(v), j.Schema.Enum[i])
		}
		m.enumSrc.WriteString("    }\n\n")
	}
	if j.Nullable {
		return name + "?"
	}
	return name
}

// xmlSerializerMember is the XmlSerializer attribute of a member: [XmlArray] for a
// collection (items in elements of their own), else [XmlElement].
func xmlSerializerMember(mem *model.Member, typ string) string {
	args := []string{str(mem.XMLName)}
	if mem.Namespace != "" {
		args = append(args, "Namespace = "+str(mem.Namespace))
	}
	nullableValue := strings.HasSuffix(typ, "?")
	if mem.Nil && !nullableValue {
		args = append(args, "IsNullable = true")
	}
	attr := "XmlElement"
	if mem.Type.Kind == model.Array {
		attr = "XmlArray"
		if it := mem.Type; it.ItemName != "" && it.Schema.Items.Value.XML != nil && it.Schema.Items.Value.XML.Name != "" {
			attr = "XmlArray(" + strings.Join(args, ", ") + "), XmlArrayItem(" + str(it.ItemName)
			return "[" + attr + ")]"
		}
	}
	return "[" + attr + "(" + strings.Join(args, ", ") + ")]"
}

// dictionaryKey is the C# type of a dictionary's keys: string, or the primitive its
// x-dotnet-key schema names (Dictionary<int,bool>).
func dictionaryKey(s *openapi3.Schema) string {
	if s == nil {
		return "string"
	}
	key, _ := s.Extensions[model.ExtensionDotnetKey].(map[string]any)
	format, _ := key["format"].(string)
	switch key["type"] {
	case "integer":
		if format == "int64" {
			return "long"
		}
		return "int"
	case "number":
		if format == "double" {
			return "double"
		}
		return "decimal"
	case "boolean":
		return "bool"
	case "string":
		switch format {
		case "date-time":
			return "DateTime"
		case "uuid":
			return "Guid"
		}
	}
	return "string"
}
