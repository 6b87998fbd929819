package conform

import (
	"errors"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

// Value judges v, a body bound to its JSON form (as jsonnet.Bind and dcxml.Decode give
// it), against t's schema with kin-openapi's Schema.VisitJSON, every error reported: the
// check the mock runs on a request body once the body is read. Each violation carries the
// schema it breaks and kin-openapi's reason as its Message. It returns nil for a layout
// without a schema.
func Value(t *model.Type, v any) []Violation {
	if t.Schema == nil {
		return nil
	}
	err := t.Schema.VisitJSON(v, openapi3.MultiErrors())
	if err == nil {
		return nil
	}
	var multi openapi3.MultiError
	if !errors.As(err, &multi) {
		multi = openapi3.MultiError{err}
	}
	out := make([]Violation, 0, len(multi))
	for _, one := range multi {
		var se *openapi3.SchemaError
		if !errors.As(one, &se) {
			out = append(out, Violation{Rule: RuleSchema, Message: one.Error()})
			continue
		}
		ptr := se.JSONPointer()
		out = append(out, Violation{Rule: RuleSchema, Path: pointerPath(ptr), Pointer: ptr, Schema: se.Schema,
			Expected: schemaSummary(se), Actual: valueSummary(se.Value, se.Reason), Message: se.Reason})
	}
	return out
}

// pointerPath writes the tokens of a JSON pointer as a path: "/" for none.
func pointerPath(ptr []string) string {
	p := ""
	for _, tok := range ptr {
		p += "/" + tok
	}
	return cmpPath(p)
}
