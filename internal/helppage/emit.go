package helppage

import (
	"cmp"
	"strconv"

	yaml "github.com/oasdiff/yaml3"
)

// dateTimeOffsetSchema is the XML form of System.DateTimeOffset, as openapi.yaml encodes
// it: DataContractSerializer writes the UTC DateTime and the offset in minutes in the
// System namespace. It is a fixed shape of the framework, not something a page shows.
func dateTimeOffsetSchema() *yaml.Node {
	return mapping(
		"type", "object",
		"x-dotnet-type", dotnetDateTimeOffset,
		"xml", mapping("name", "DateTimeOffset", "namespace", systemNamespace, "prefix", "d2p1"),
		"required", []string{"DateTime", "OffsetMinutes"},
		"properties", mapping(
			"DateTime", mapping("type", "string", "format", "date-time"),
			"OffsetMinutes", mapping("type", "integer", "format", "int32", "minimum", -840, "maximum", 840),
		),
	)
}

const (
	dotnetDateTimeOffset = "System.DateTimeOffset"
	dateTimeOffsetName   = "DateTimeOffset"
	extOrder             = "x-dotnet-order"
	extKey               = "x-dotnet-key"
)

func schemaRef(name string) *yaml.Node {
	return mapping("$ref", "#/components/schemas/"+name)
}

// schemaName returns the name of c's schema for a format.
func schemaName(c *class, xmlForm bool) string {
	if xmlForm && c.xmlVariant {
		return c.name + "Xml"
	}
	return c.name
}

// emitter writes components.schemas in a stable order: each class after its base class,
// its XML form right after it, then the classes its members refer to.
type emitter struct {
	schemas *yaml.Node
	done    map[string]bool
	in      *inferrer
}

func (e *emitter) emitType(t *typ) {
	for ; t != nil; t = t.item {
		switch t.kind {
		case kClass:
			e.emitClass(t.class)
		case kDateTimeOffset:
			if !e.done[dateTimeOffsetName] {
				e.done[dateTimeOffsetName] = true
				set(e.schemas, dateTimeOffsetName, dateTimeOffsetSchema())
			}
		}
	}
}

func (e *emitter) emitClass(c *class) {
	if e.done["class:"+c.name] {
		return
	}
	e.done["class:"+c.name] = true
	if c.base != nil {
		e.emitClass(c.base)
	}
	set(e.schemas, c.name, e.classSchema(c, false))
	if c.xmlVariant {
		set(e.schemas, c.name+"Xml", e.classSchema(c, true))
	}
	for _, m := range c.members {
		e.emitType(m.t)
	}
}

// classSchema is a class in one format: an object schema with the data contract name and
// namespace, or allOf with the base class first when it has one.
func (e *emitter) classSchema(c *class, xmlForm bool) *yaml.Node {
	props := mapping()
	var required []string
	for _, m := range c.members {
		if xmlForm && !m.inXML || !xmlForm && !m.inJSON {
			continue
		}
		s := typeSchema(m.t, xmlForm, false)
		cons := m.cons
		cons.apply(s, m.t)
		if d := cons.description(m.doc); d != "" {
			set(s, "description", str(d))
		}
		if m.order > 0 {
			set(s, extOrder, toNode(m.order))
		}
		if m.xmlName != "" {
			// The element is named otherwise than the JSON member (camelCase JSON by
			// a Json.NET naming strategy): xml.name says so, OpenAPI's own way.
			s = renameElement(s, m.xmlName)
		}
		markSecret(s, m)
		set(props, m.name, s)
		// Json.NET writes every member of a response, null or not; a request needs only
		// the members marked [Required].
		if m.required || c.inResponse && !c.inRequest {
			required = append(required, m.name)
		}
	}
	body := mapping("type", "object")
	if c.doc != "" && c.base == nil {
		set(body, "description", str(c.doc))
	}
	x := mapping("name", c.xmlName)
	if c.namespace != "" {
		set(x, "namespace", str(c.namespace))
	}
	set(body, "xml", x)
	if len(required) > 0 {
		set(body, "required", toNode(required))
	}
	set(body, "properties", props)
	if c.base == nil {
		return body
	}
	out := mapping()
	if c.doc != "" {
		set(out, "description", str(c.doc))
	}
	set(out, "allOf", seq(schemaRef(schemaName(c.base, xmlForm)), body))
	return out
}

// typeSchema is the schema of a member (or, with item set, of a collection's item).
func typeSchema(t *typ, xmlForm, item bool) *yaml.Node {
	s := valueSchema(t, xmlForm, item)
	if t.nullable && get(s, "nullable") == nil && get(s, "$ref") == nil {
		set(s, "nullable", toNode(true))
	}
	return s
}

// keySchema is a dictionary's key schema, said by x-dotnet-key when the key is not a
// string (Dictionary<int,bool>: JSON writes "1", DataContractSerializer
// KeyValueOfintboolean entries).
func keySchema(t *typ) *yaml.Node {
	s := valueSchema(t, false, true)
	del(s, "nullable")
	return s
}

func valueSchema(t *typ, xmlForm, item bool) *yaml.Node {
	switch t.kind {
	case kObject:
		return mapping("type", "object", "nullable", true, "x-dotnet-type", "System.Object")
	case kGUID:
		return mapping("type", "string", "format", "uuid")
	case kInt:
		return mapping("type", "integer", "format", cmp.Or(t.format, "int32"))
	case kNumber:
		if t.format != "" {
			return mapping("type", "number", "format", t.format)
		}
		return mapping("type", "number")
	case kBool:
		return mapping("type", "boolean")
	case kDateTime:
		return mapping("type", "string", "format", "date-time")
	case kDateTimeOffset:
		if xmlForm {
			return schemaRef(dateTimeOffsetName)
		}
		return mapping("type", "string", "format", "date-time", "x-dotnet-type", dotnetDateTimeOffset)
	case kEnum:
		if t.enumNumbers && !xmlForm {
			s := mapping("type", "integer", "format", "int32")
			if vals := t.class.enum; len(vals) > 0 {
				n := seq()
				n.Style = yaml.FlowStyle
				for _, v := range vals {
					if _, err := strconv.Atoi(v.Value); err == nil {
						n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v.Value})
					}
				}
				set(s, "enum", n)
			}
			return s
		}
		s := mapping("type", "string")
		if vals := t.class.enum; len(vals) > 0 {
			var names []string
			for _, v := range vals {
				names = append(names, v.Name)
			}
			set(s, "enum", toNode(names))
		}
		return s
	case kClass:
		if item {
			return schemaRef(schemaName(t.class, xmlForm))
		}
		return mapping("type", "object", "nullable", true, "allOf", seq(schemaRef(schemaName(t.class, xmlForm))))
	case kArray:
		items := typeSchema(t.item, xmlForm, true)
		if t.item.kind != kClass {
			name, ns := t.itemName, t.itemNamespace
			if name == "" {
				name, ns = defaultItemName(t.item.kind), arraysNamespace
			}
			x := mapping("name", name, "namespace", ns)
			if t.itemPrefix != "" {
				set(x, "prefix", str(t.itemPrefix))
			}
			set(items, "xml", x)
		}
		return mapping("type", "array", "nullable", true, "xml", mapping("wrapped", true), "items", items)
	case kMap:
		s := mapping("type", "object", "nullable", true, "additionalProperties", typeSchema(t.item, xmlForm, true))
		if t.key != nil && t.key.kind != kString {
			set(s, extKey, keySchema(t.key))
		}
		return s
	}
	if t.format != "" {
		return mapping("type", "string", "format", t.format, "nullable", true)
	}
	return mapping("type", "string", "nullable", true)
}

// defaultItemName is DataContractSerializer's element name for a collection item of a
// primitive kind (in the Arrays namespace).
func defaultItemName(k kind) string {
	switch k {
	case kInt:
		return "int"
	case kNumber:
		return "decimal"
	case kBool:
		return "boolean"
	case kDateTime:
		return "dateTime"
	case kGUID:
		return "guid"
	}
	return "string"
}

// renameElement gives a member schema the element name xmlName: in its xml object, or,
// for a reference (whose siblings OpenAPI 3.0 ignores), in an allOf wrapper.
func renameElement(s *yaml.Node, xmlName string) *yaml.Node {
	if get(s, "$ref") != nil {
		s = mapping("allOf", seq(s))
	}
	x := get(s, "xml")
	if x == nil {
		x = mapping()
		set(s, "xml", x)
	}
	set(x, "name", str(xmlName))
	return s
}
