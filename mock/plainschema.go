package mock

import (
	"reflect"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

// A plain object schema is a class whose members are nullable-or-not strings and
// booleans with no other constraint, as Help Pages describe most request models. Whether
// a bound body satisfies it is a type check per member, so strict mode checks that
// first and asks kin-openapi (Schema.VisitJSON) only when the check fails, for its
// messages. VisitJSON costs a few allocations and about a microsecond per request;
// this check costs neither. It is conservative: a schema with any other keyword that
// VisitJSON reads is not plain, and a value it is unsure of goes to VisitJSON.

// plainObject is a plain object schema's members: their JSON type and nullability.
type plainObject map[string]plainMember

type plainMember struct {
	typ      string // openapi3.TypeString or openapi3.TypeBoolean
	nullable bool
}

// plainObjectOf returns s's members when s is a plain object schema, else nil.
func plainObjectOf(s *openapi3.Schema) plainObject {
	if s == nil || !s.Type.Is(openapi3.TypeObject) || !onlyKeywords(s, "Type", "Properties") {
		return nil
	}
	out := plainObject{}
	for name, ref := range s.Properties {
		p := ref.Value
		if p == nil || !onlyKeywords(p, "Type", "Nullable") {
			return nil
		}
		switch {
		case p.Type.Is(openapi3.TypeString):
			out[name] = plainMember{typ: openapi3.TypeString, nullable: p.Nullable}
		case p.Type.Is(openapi3.TypeBoolean):
			out[name] = plainMember{typ: openapi3.TypeBoolean, nullable: p.Nullable}
		default:
			return nil
		}
	}
	return out
}

// annotations are the Schema fields VisitJSON does not read.
var annotations = []string{"Extensions", "Origin", "Title", "Description", "Example", "ExternalDocs", "Deprecated", "XML"}

// schemaFields maps Schema's field names to their indexes, for onlyKeywords.
var schemaFields = sync.OnceValue(func() map[string]int {
	t := reflect.TypeFor[openapi3.Schema]()
	out := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		out[t.Field(i).Name] = i
	}
	return out
})

// onlyKeywords reports whether every field of s other than annotations and allowed is
// its zero value. Comparing the whole struct keeps the check right when kin-openapi
// adds a keyword.
func onlyKeywords(s *openapi3.Schema, allowed ...string) bool {
	c := *s
	v := reflect.ValueOf(&c).Elem()
	fields := schemaFields()
	for _, list := range [][]string{allowed, annotations} {
		for _, name := range list {
			i, ok := fields[name]
			if !ok {
				return false // a field renamed in kin-openapi: be safe
			}
			v.Field(i).SetZero()
		}
	}
	return v.IsZero()
}

// plainObjects computes the plain object schemas of op's request layouts.
func plainObjects(layouts map[string]*model.Type) map[*model.Type]plainObject {
	out := map[*model.Type]plainObject{}
	for _, t := range layouts {
		if t.Kind != model.Object {
			continue
		}
		if p := plainObjectOf(t.Schema); p != nil {
			out[t] = p
		}
	}
	return out
}

// satisfiedBy reports whether v, a bound body in JSON form, certainly satisfies the
// schema; false means VisitJSON must decide.
func (p plainObject) satisfiedBy(v any) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for name, x := range obj {
		m, ok := p[name]
		if !ok {
			return false
		}
		switch x.(type) {
		case nil:
			if !m.nullable {
				return false
			}
		case string:
			if m.typ != openapi3.TypeString {
				return false
			}
		case bool:
			if m.typ != openapi3.TypeBoolean {
				return false
			}
		default:
			return false
		}
	}
	return true
}
