package spec

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// ExtensionSecret marks a member (on a property's schema) or a parameter whose values are
// secrets (tokens, passwords): the journal, the request log and verify's reports show
// them as [redacted]. Its value is a boolean. See docs/extensions.md.
const ExtensionSecret = "x-helpmock-secret"

// helpmockPrefix starts every extension that states how helpmock behaves.
const helpmockPrefix = "x-helpmock-"

// Where an x-helpmock-* extension may be, for checkExtensions.
const (
	atRoot      = "the document"
	atProperty  = "a property's schema"
	atParameter = "a parameter"
	atOperation = "an operation"
)

// helpmockExtensions maps each x-helpmock-* extension a spec may hold to where it belongs.
// x-helpmock-import belongs to the overlay, which import merges and removes.
var helpmockExtensions = map[string][]string{
	ExtensionSecret: {atProperty, atParameter},
	ExtensionTokens: {atOperation},
}

// extensionChecker walks a document's objects, checks their x-helpmock-* keys and
// collects the secret members.
type extensionChecker struct {
	errs    []error
	secrets map[string]bool
	seen    map[*openapi3.Schema]bool
}

// checkExtensions checks every x-helpmock-* key of doc: a known extension in its place
// with a value of its type; an unknown or misplaced one is an error naming its line when
// the loader recorded it. It returns the names of the secret members and parameters,
// sorted.
func checkExtensions(doc *openapi3.T) ([]string, error) {
	c := &extensionChecker{secrets: map[string]bool{}, seen: map[*openapi3.Schema]bool{}}
	c.check("the document", atRoot, doc.Extensions, nil, "")
	if doc.Info != nil {
		c.check("info", "info", doc.Info.Extensions, doc.Info.Origin, "")
	}
	if doc.Paths != nil {
		c.check("paths", "paths", doc.Paths.Extensions, doc.Paths.Origin, "")
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			c.check("path "+path, "a path item", item.Extensions, item.Origin, "")
			c.parameters("path "+path, item.Parameters)
			for method, op := range item.Operations() {
				where := method + " " + path
				c.check(where, atOperation, op.Extensions, op.Origin, "")
				c.parameters(where, op.Parameters)
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					c.content(where+" request", op.RequestBody.Value.Content)
				}
				if op.Responses != nil {
					for code, r := range op.Responses.Map() {
						if r.Value != nil {
							c.check(where+" response "+code, "a response", r.Value.Extensions, r.Value.Origin, "")
							c.content(where+" response "+code, r.Value.Content)
						}
					}
				}
			}
		}
	}
	comp := doc.Components
	if comp != nil {
		for _, name := range slices.Sorted(maps.Keys(comp.Schemas)) {
			c.schema("schema "+name, comp.Schemas[name], "")
		}
		for _, name := range slices.Sorted(maps.Keys(comp.Parameters)) {
			if p := comp.Parameters[name]; p != nil && p.Value != nil {
				c.parameter("parameter "+name, p.Value)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(comp.RequestBodies)) {
			if b := comp.RequestBodies[name]; b != nil && b.Value != nil {
				c.content("request body "+name, b.Value.Content)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(comp.Responses)) {
			if r := comp.Responses[name]; r != nil && r.Value != nil {
				c.check("response "+name, "a response", r.Value.Extensions, r.Value.Origin, "")
				c.content("response "+name, r.Value.Content)
			}
		}
	}
	return slices.Sorted(maps.Keys(c.secrets)), errors.Join(c.errs...)
}

func (c *extensionChecker) parameters(where string, ps openapi3.Parameters) {
	for _, p := range ps {
		if p != nil && p.Value != nil {
			c.parameter(where+" parameter "+p.Value.Name, p.Value)
		}
	}
}

func (c *extensionChecker) parameter(where string, p *openapi3.Parameter) {
	c.check(where, atParameter, p.Extensions, p.Origin, p.Name)
	if p.Schema != nil {
		c.schema(where, p.Schema, "")
	}
	c.content(where, p.Content)
}

func (c *extensionChecker) content(where string, content openapi3.Content) {
	for _, mt := range slices.Sorted(maps.Keys(content)) {
		media := content[mt]
		if media == nil {
			continue
		}
		c.check(where+" "+mt, "a media type", media.Extensions, media.Origin, "")
		if media.Schema != nil {
			c.schema(where+" "+mt, media.Schema, "")
		}
	}
}

// schema checks s and the schemas in it; member is the property s is the schema of, ""
// when it is none.
func (c *extensionChecker) schema(where string, ref *openapi3.SchemaRef, member string) {
	if ref == nil || ref.Value == nil {
		return
	}
	s := ref.Value
	place := "a schema"
	if member != "" {
		place = atProperty
	}
	// A shared schema is checked once, but a property's extension is read at each property.
	if member != "" {
		c.check(where, place, s.Extensions, s.Origin, member)
	}
	if c.seen[s] {
		return
	}
	c.seen[s] = true
	if member == "" {
		c.check(where, place, s.Extensions, s.Origin, "")
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		c.schema(where+"."+name, s.Properties[name], name)
	}
	if s.Items != nil {
		c.schema(where+"[]", s.Items, "")
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			c.schema(where, sub, "")
		}
	}
	if s.Not != nil {
		c.schema(where, s.Not, "")
	}
	if s.AdditionalProperties.Schema != nil {
		c.schema(where+"{}", s.AdditionalProperties.Schema, "")
	}
}

// check checks the x-helpmock-* keys of one object's extensions; place says what the
// object is, name names the member or parameter it is (for ExtensionSecret).
func (c *extensionChecker) check(where, place string, ext map[string]any, origin *openapi3.Origin, name string) {
	for _, key := range slices.Sorted(maps.Keys(ext)) {
		if key == ExtensionJSONNaming && place != atRoot {
			// A fact about the whole service, read on the document only.
			c.errs = append(c.errs, fmt.Errorf("%s: %s is not allowed on %s; it belongs on %s",
				where+lineOf(origin, key), key, place, atRoot))
			continue
		}
		if !strings.HasPrefix(strings.ToLower(key), helpmockPrefix) {
			continue
		}
		at := where + lineOf(origin, key)
		places, known := helpmockExtensions[key]
		switch {
		case !known:
			c.errs = append(c.errs, fmt.Errorf("%s: unknown extension %s (known: %s; see docs/extensions.md)",
				at, key, strings.Join(slices.Sorted(maps.Keys(helpmockExtensions)), ", ")))
		case !slices.Contains(places, place):
			c.errs = append(c.errs, fmt.Errorf("%s: %s is not allowed on %s; it belongs on %s",
				at, key, place, strings.Join(places, " or ")))
		case key == ExtensionSecret:
			secret, ok := ext[key].(bool)
			if !ok {
				c.errs = append(c.errs, fmt.Errorf("%s: %s must be true or false, not %v", at, key, ext[key]))
			} else if secret {
				c.secrets[name] = true
			}
		}
	}
}

// lineOf returns " (line N)" for key of an object whose origin the YAML loader recorded,
// "" otherwise.
func lineOf(origin *openapi3.Origin, key string) string {
	if origin == nil {
		return ""
	}
	if loc, ok := origin.Fields.Lookup(key); ok && loc.Line > 0 {
		return fmt.Sprintf(" (line %d)", loc.Line)
	}
	if origin.Key != nil && origin.Key.Line > 0 {
		return fmt.Sprintf(" (line %d)", origin.Key.Line)
	}
	return ""
}
