package mock

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/spec"
)

// validateFixture renders f with sample values and checks the result against every media
// type documented for its status: JSON against its schema (conform.Value), XML by
// rendering it. Errors name the file and the line of the offending member.
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
		case spec.IsJSON(mt):
			errs = append(errs, schemaErrors(f, mt, conform.Value(layout, v))...)
		case spec.IsXML(mt) && f.Status < 400:
			if _, err := dcxml.Encode(layout, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %w", f.File, mt, err))
			}
		}
	}
	return errors.Join(errs...)
}

// schemaErrors turns conform's violations into "file:line: media type: /path: reason".
func schemaErrors(f *fixtures.Fixture, mediaType string, bad []conform.Violation) []error {
	var out []error
	for _, v := range bad {
		if v.Schema == nil {
			out = append(out, fmt.Errorf("%s: %s: %s", f.File, mediaType, v.Message))
			continue
		}
		where := f.File
		if line := f.Line(v.Pointer...); line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, line)
		}
		out = append(out, fmt.Errorf("%s: %s: body/%s: %s", where, mediaType, strings.Join(v.Pointer, "/"), v.Message))
	}
	return out
}
