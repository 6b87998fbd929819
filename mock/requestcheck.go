package mock

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

// Checking a request against the spec, the second part of the bind step: the bound
// body (bind.go) and the parameters (params.go) against their schemas, in strict mode;
// each violation becomes an entry of the 400 answer's ModelState. Fixtures are checked
// at start-up by fixturecheck.go.

// modelErrors collects the ModelState of a 400 answer. The error is made on the first
// entry, so that a valid request allocates nothing for it.
type modelErrors struct{ err *HTTPError }

func (m *modelErrors) add(key, message string) {
	if m.err == nil {
		m.err = invalidRequest()
	}
	m.err.add(key, message)
}

// validateSchema validates v against the layout's schema with kin-openapi and adds each
// violation to e. A value that certainly satisfies a plain object schema (plainschema.go)
// is not passed to kin-openapi.
func (s *Server) validateSchema(e *modelErrors, op *operation, layout *model.Type, v any) {
	if layout.Schema == nil {
		return
	}
	if p := op.plain[layout]; p != nil && p.satisfiedBy(v) {
		return
	}
	err := layout.Schema.VisitJSON(v, openapi3.MultiErrors())
	if err == nil {
		return
	}
	var multi openapi3.MultiError
	if !errors.As(err, &multi) {
		multi = openapi3.MultiError{err}
	}
	for _, one := range multi {
		key := "model"
		var se *openapi3.SchemaError
		if errors.As(one, &se) {
			if ptr := se.JSONPointer(); len(ptr) > 0 {
				key = "model." + strings.Join(ptr, ".")
			}
			e.add(key, fmt.Sprintf("%s (schema: %s).", strings.TrimSuffix(se.Reason, "."), describeSchema(se.Schema)))
			continue
		}
		e.add(key, one.Error())
	}
}

func describeSchema(s *openapi3.Schema) string {
	if s == nil || s.Type == nil {
		return "any"
	}
	d := strings.Join(s.Type.Slice(), "|")
	if s.Format != "" {
		d += " (" + s.Format + ")"
	}
	if s.Nullable {
		d += ", nullable"
	}
	return d
}

// explain returns Web API's message in lenient mode, and adds the mock's explanation in
// strict mode, where the point is to tell the developer what is wrong.
func (s *Server) explain(webAPIMessage, detail string) string {
	if s.opts.Lenient || detail == "" {
		return webAPIMessage
	}
	return webAPIMessage + " " + upperFirst(detail)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
