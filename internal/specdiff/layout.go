package specdiff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// comparer compares two layouts of one body, for one kind of client, in one direction.
type comparer struct {
	// request tells that the client writes the body and the service reads it.
	request bool
	// xml compares what XML clients see: element names, namespaces, order.
	xml bool
	// ordered tells that the XML reader needs members in order (DataContractSerializer).
	ordered bool
	seen    map[[2]*model.Type]bool
	emit    func(path string, kind Kind, msg string, breaking bool)
}

// narrowed is the verdict on a change that lets the reader accept less than before: it
// breaks a request, whose old writers still send what is now refused.
func (c *comparer) narrowed() bool { return c.request }

// widened is the verdict on a change that lets the writer send more than before: it
// breaks a response, whose old readers meet what they do not expect.
func (c *comparer) widened() bool { return !c.request }

func (c *comparer) compare(o, n *model.Type, path string, root bool) {
	key := [2]*model.Type{o, n}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	if c.xml && root && (o.Name != n.Name || o.Namespace != n.Namespace) {
		c.emit(path, XMLRootChanged, fmt.Sprintf("root element changed from %s to %s: the reader expects the old one and fails", qname(o.Name, o.Namespace), qname(n.Name, n.Namespace)), true)
	}
	if o.Kind != n.Kind {
		c.kind(o, n, path)
		return
	}
	c.format(o, n, path)
	switch {
	case o.Nullable && !n.Nullable && c.request:
		c.emit(path, NullableChanged, "no longer nullable: the service refuses the null clients send", true)
	case o.Nullable && !n.Nullable:
		c.emit(path, NullableChanged, "no longer nullable", false)
	case !o.Nullable && n.Nullable && c.request:
		c.emit(path, NullableChanged, "became nullable", false)
	case !o.Nullable && n.Nullable:
		c.emit(path, NullableChanged, "became nullable: clients meet a null they cannot hold", true)
	}
	c.enum(o, n, path)
	c.constraints(o, n, path)
	if o.Schema != nil && n.Schema != nil && o.Schema.Description != n.Schema.Description {
		c.emit(path, DescriptionChanged, "description changed", false)
	}
	switch o.Kind {
	case model.Array, model.Map:
		if c.xml && (o.ItemName != n.ItemName || o.ItemNamespace != n.ItemNamespace) {
			c.emit(path, XMLItemChanged, fmt.Sprintf("item elements changed from %s to %s: the reader finds no items", qname(o.ItemName, o.ItemNamespace), qname(n.ItemName, n.ItemNamespace)), true)
		}
		suffix := "[]"
		if o.Kind == model.Map {
			suffix = "{}"
		}
		if o.Item != nil && n.Item != nil {
			c.compare(o.Item, n.Item, path+suffix, false)
		}
	case model.Object:
		c.members(o, n, path)
	}
}

func qname(name, namespace string) string {
	if namespace == "" {
		return "<" + name + ">"
	}
	return "<" + name + " xmlns=\"" + namespace + "\">"
}

// kind judges a change of kind: integer to number and string to date-time narrow or widen
// the values; any other change breaks both ways.
func (c *comparer) kind(o, n *model.Type, path string) {
	msg := fmt.Sprintf("type changed from %s to %s", o.Kind, n.Kind)
	switch {
	case o.Kind == model.Int && n.Kind == model.Number, o.Kind == model.DateTime && n.Kind == model.String:
		c.emit(path, TypeChanged, msg, c.widened())
	case o.Kind == model.Number && n.Kind == model.Int, o.Kind == model.String && n.Kind == model.DateTime:
		c.emit(path, TypeChanged, msg, c.narrowed())
	default:
		c.emit(path, TypeChanged, msg, true)
	}
}

// formatRank orders the formats of a kind from narrow to wide; 0 for a format without a
// place in the order.
var formatRank = map[model.Kind]map[string]int{
	model.Int:    {"int32": 1, "int64": 2, "": 3},
	model.Number: {"float": 1, "double": 2, "": 3},
}

func (c *comparer) format(o, n *model.Type, path string) {
	of, nf := format(o), format(n)
	if of == nf {
		return
	}
	msg := fmt.Sprintf("format changed from %s to %s", orNone(of), orNone(nf))
	or, nr := formatRank[o.Kind][of], formatRank[o.Kind][nf]
	switch {
	case or > 0 && nr > 0 && nr > or, o.Kind == model.String && nf == "":
		c.emit(path, FormatChanged, msg, c.widened())
	case or > 0 && nr > 0 && nr < or, o.Kind == model.String && of == "":
		c.emit(path, FormatChanged, msg, c.narrowed())
	default:
		c.emit(path, FormatChanged, msg, true)
	}
}

func format(t *model.Type) string {
	switch t.Kind {
	case model.String, model.Int, model.Number:
		if t.Schema != nil {
			return t.Schema.Format
		}
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// enumValues returns the values t's schema allows, as text: a string enum's, or an
// integer enum's.
func enumValues(t *model.Type) []string {
	if len(t.Enum) > 0 || t.Schema == nil {
		return t.Enum
	}
	var out []string
	for _, v := range t.Schema.Enum {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func (c *comparer) enum(o, n *model.Type, path string) {
	oe, ne := enumValues(o), enumValues(n)
	switch {
	case len(oe) == 0 && len(ne) == 0:
	case len(oe) == 0:
		c.emit(path, EnumAdded, fmt.Sprintf("values restricted to %s", strings.Join(ne, ", ")), c.narrowed())
	case len(ne) == 0:
		c.emit(path, EnumRemoved, fmt.Sprintf("values no longer restricted to %s", strings.Join(oe, ", ")), c.widened())
	default:
		if removed := missing(oe, ne); len(removed) > 0 {
			c.emit(path, EnumValuesRemoved, fmt.Sprintf("enum values removed: %s", strings.Join(removed, ", ")), c.narrowed())
		}
		if added := missing(ne, oe); len(added) > 0 {
			msg := fmt.Sprintf("enum values added: %s", strings.Join(added, ", "))
			if !c.request {
				msg += " (Json.NET's StringEnumConverter and DataContractSerializer throw on a value the client's enum lacks)"
			}
			c.emit(path, EnumValuesAdded, msg, c.widened())
		}
	}
}

// missing returns the values of a that b lacks, in a's order.
func missing(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// constraints compares the bounds of a value: a lower maxLength or maximum, a higher
// minLength or minimum, or a new pattern narrows it.
func (c *comparer) constraints(o, n *model.Type, path string) {
	os, ns := o.Schema, n.Schema
	if os == nil || ns == nil {
		return
	}
	check := func(name string, ov, nv *float64, upper bool) {
		switch {
		case ov == nil && nv == nil:
		case ov != nil && nv != nil && *ov == *nv:
		case ov == nil, nv != nil && (*nv < *ov) == upper:
			c.emit(path, ConstraintChanged, fmt.Sprintf("%s changed from %s to %s", name, bound(ov), bound(nv)), c.narrowed())
		default:
			c.emit(path, ConstraintChanged, fmt.Sprintf("%s changed from %s to %s", name, bound(ov), bound(nv)), c.widened())
		}
	}
	check("maxLength", uintBound(os.MaxLength), uintBound(ns.MaxLength), true)
	check("minLength", uintBound(&os.MinLength), uintBound(&ns.MinLength), false)
	check("maximum", os.Max, ns.Max, true)
	check("minimum", os.Min, ns.Min, false)
	if os.Pattern != ns.Pattern {
		switch {
		case os.Pattern == "":
			c.emit(path, ConstraintChanged, fmt.Sprintf("pattern %s added", ns.Pattern), c.narrowed())
		case ns.Pattern == "":
			c.emit(path, ConstraintChanged, fmt.Sprintf("pattern %s removed", os.Pattern), c.widened())
		default:
			c.emit(path, ConstraintChanged, fmt.Sprintf("pattern changed from %s to %s", os.Pattern, ns.Pattern), true)
		}
	}
}

func uintBound(v *uint64) *float64 {
	if v == nil || *v == 0 {
		return nil
	}
	f := float64(*v)
	return &f
}

func bound(v *float64) string {
	if v == nil {
		return "none"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
