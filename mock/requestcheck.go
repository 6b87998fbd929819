package mock

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/conform"
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

// validateSchema judges v against the layout's schema (conform.Value) and adds each
// violation to e. A value that certainly satisfies a plain object schema (plainschema.go)
// is not passed to kin-openapi.
func (s *Server) validateSchema(e *modelErrors, op *operation, layout *model.Type, v any) {
	if layout.Schema == nil {
		return
	}
	if p := op.plain[layout]; p != nil && p.satisfiedBy(v) {
		return
	}
	for _, bad := range conform.Value(layout, v) {
		if bad.Schema == nil {
			e.add("model", bad.Message)
			continue
		}
		key := "model"
		if len(bad.Pointer) > 0 {
			key = "model." + strings.Join(bad.Pointer, ".")
		}
		e.add(key, fmt.Sprintf("%s (schema: %s).", strings.TrimSuffix(bad.Message, "."), describeSchema(bad.Schema)))
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
