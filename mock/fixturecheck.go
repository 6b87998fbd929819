package mock

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/spec"
)

// validateFixture renders f with sample values and checks the result against every media
// type documented for its status: JSON with kin-openapi, XML by rendering it. Errors name
// the file and the line of the offending member.
func validateFixture(o *spec.Operation, f *fixtures.Fixture) error {
	if !slices.Contains(o.Statuses, f.Status) {
		return fmt.Errorf("%s: status %d is not documented for operation %s (documented: %v)", f.File, f.Status, o.ID, o.Statuses)
	}
	if !f.HasBody() {
		return nil
	}
	v, err := f.Render(fixtures.SampleEnv())
	if err != nil {
		return fmt.Errorf("%s: %w", f.File, err)
	}
	var errs []error
	for _, mt := range slices.Sorted(maps.Keys(o.Responses[f.Status])) {
		layout := o.Response(f.Status, mt)
		switch {
		case spec.IsJSON(mt) && layout.Schema != nil:
			if err := layout.Schema.VisitJSON(v, openapi3.MultiErrors()); err != nil {
				errs = append(errs, schemaErrors(f, mt, err)...)
			}
		case spec.IsXML(mt) && f.Status < 400:
			if _, err := dcxml.Encode(layout, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %w", f.File, mt, err))
			}
		}
	}
	return errors.Join(errs...)
}

// schemaErrors turns kin-openapi's errors into "file:line: media type: /path: reason".
func schemaErrors(f *fixtures.Fixture, mediaType string, err error) []error {
	var multi openapi3.MultiError
	if !errors.As(err, &multi) {
		multi = openapi3.MultiError{err}
	}
	var out []error
	for _, one := range multi {
		var se *openapi3.SchemaError
		if !errors.As(one, &se) {
			out = append(out, fmt.Errorf("%s: %s: %w", f.File, mediaType, one))
			continue
		}
		ptr := se.JSONPointer()
		where := f.File
		if line := f.Line(ptr...); line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, line)
		}
		out = append(out, fmt.Errorf("%s: %s: body/%s: %s", where, mediaType, strings.Join(ptr, "/"), se.Reason))
	}
	return out
}
