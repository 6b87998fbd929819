package conform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// registerTextJSON teaches openapi3filter to decode text/json, one of Web API's JSON media
// types; kin-openapi registers only application/json and +json types. The registry is
// global, and registering the JSON decoder for text/json is right for any user of it.
var registerTextJSON = sync.OnceFunc(func() {
	if openapi3filter.RegisteredBodyDecoder(spec.TextJSON) == nil {
		openapi3filter.RegisterBodyDecoder(spec.TextJSON, openapi3filter.JSONBodyDecoder)
	}
})

// responseJSON judges a JSON response body: against the response schema with
// openapi3filter (every error), and against the layout Json.NET writes.
func responseJSON(ctx context.Context, in *ResponseInput, mediaType string, t *model.Type) []Violation {
	registerTextJSON()
	var out []Violation
	dec := json.NewDecoder(bytes.NewReader(in.Body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []Violation{{Rule: RuleBody, Expected: "a JSON " + typeName(t), Actual: Excerpt(in.Body),
			Message: fmt.Sprintf("the %s body is not JSON: %v", mediaType, err)}}
	}
	if dec.More() {
		out = append(out, Violation{Rule: RuleBody, Actual: Excerpt(in.Body), Message: "the JSON body has data after its value"})
	}

	op := in.Operation
	req := (&http.Request{Method: op.Method, URL: &url.URL{Path: op.Path}, Header: http.Header{}}).WithContext(ctx)
	header := http.Header{"Content-Type": {mediaType + "; charset=utf-8"}}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req,
			Route:   &routers.Route{Path: op.Path, Method: op.Method, Operation: op.Op, Spec: in.Doc},
		},
		Status: in.Status,
		Header: header,
		Body:   io.NopCloser(bytes.NewReader(in.Body)),
		Options: &openapi3filter.Options{
			MultiError:            true,
			IncludeResponseStatus: true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				openapi3.WithStringFormatValidator("date-time", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringDateTime)),
			},
		},
	}
	if err := openapi3filter.ValidateResponse(ctx, input); err != nil {
		out = append(out, schemaViolations(err)...)
	}
	out = append(out, jsonMembers(v, t, "")...)
	if raw, _, err := jsonnet.Read(in.Body, 0); err == nil {
		out = append(out, jsonOrder(raw, t, "")...)
	}
	return out
}

// jsonOrder checks that each object's documented members come in Json.NET's order: the
// class's own members, then inherited ones, each class in declaration order (the
// layout's Members). It reports the first member out of place in each object.
func jsonOrder(v any, t *model.Type, path string) []Violation {
	if t == nil {
		return nil
	}
	var out []Violation
	switch t.Kind {
	case model.Object:
		obj, ok := v.(jsonnet.Object)
		if !ok {
			return nil
		}
		last, reported := -1, false
		for _, member := range obj {
			idx := slices.IndexFunc(t.Members, func(m *model.Member) bool { return m.Name == member.Name })
			if idx < 0 {
				continue // jsonMembers reports undocumented members
			}
			if idx < last && !reported {
				reported = true
				out = append(out, Violation{Rule: RuleJSONLayout, Path: path + "/" + member.Name,
					Expected: strings.Join(t.MemberNames(), ", "), Actual: objectNames(obj),
					Message: fmt.Sprintf("member %q comes after %q; Json.NET writes the members of %s in the order %s",
						member.Name, t.Members[last].Name, typeName(t), strings.Join(t.MemberNames(), ", "))})
			}
			last = max(last, idx)
			out = append(out, jsonOrder(member.Value, t.Members[idx].Type, path+"/"+member.Name)...)
		}
	case model.Array:
		if arr, ok := v.([]any); ok {
			for i, e := range arr {
				out = append(out, jsonOrder(e, t.Item, fmt.Sprintf("%s/%d", path, i))...)
			}
		}
	}
	return out
}

func objectNames(obj jsonnet.Object) string {
	names := make([]string, len(obj))
	for i, m := range obj {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}

// schemaViolations turns openapi3filter's error tree into one violation per schema error.
func schemaViolations(err error) []Violation {
	var out []Violation
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			path := "/" + strings.Join(se.JSONPointer(), "/")
			if name, ok := missingProperty(se.Reason); ok && !strings.HasSuffix(path, "/"+name) {
				path = strings.TrimSuffix(path, "/") + "/" + name
			}
			out = append(out, Violation{Rule: RuleSchema, Path: path, Expected: schemaSummary(se),
				Actual: valueSummary(se.Value, se.Reason), Message: se.Reason})
			return
		}
		var re *openapi3filter.ResponseError
		if errors.As(err, &re) && re.Err != nil {
			walk(re.Err)
			return
		}
		out = append(out, Violation{Rule: RuleSchema, Message: err.Error()})
	}
	walk(err)
	return out
}

// missingProperty reads the member name out of kin-openapi's `property "X" is missing`.
func missingProperty(reason string) (string, bool) {
	rest, ok := strings.CutPrefix(reason, `property "`)
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, `" is missing`)
	return name, ok
}

func schemaSummary(se *openapi3.SchemaError) string {
	s := se.Schema
	if s == nil {
		return ""
	}
	if _, ok := missingProperty(se.Reason); ok {
		return "the member, present"
	}
	var parts []string
	if s.Type != nil && len(*s.Type) > 0 {
		parts = append(parts, strings.Join(*s.Type, "|"))
	} else if len(s.AllOf) > 0 {
		parts = append(parts, "object")
	}
	if s.Format != "" {
		parts = append(parts, "format "+s.Format)
	}
	if s.Nullable {
		parts = append(parts, "or null")
	}
	return strings.Join(parts, " ")
}

func valueSummary(v any, reason string) string {
	if _, ok := missingProperty(reason); ok {
		return "absent"
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return Excerpt(data)
}

// jsonMembers checks what the schema cannot: member names match the documented ones
// exactly (Json.NET writes declared names; a camelCase answer is drift even though
// Json.NET reads names case-insensitively), no undocumented members, and DateTimeOffset
// values in Json.NET's form.
func jsonMembers(v any, t *model.Type, path string) []Violation {
	if t == nil || v == nil {
		return nil
	}
	var out []Violation
	switch t.Kind {
	case model.Object:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil // the schema check reports the wrong type
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			m := t.Member(k)
			if m == nil {
				p := path + "/" + k
				if fold := t.MemberFold(k); fold != nil {
					out = append(out, Violation{Rule: RuleJSONLayout, Path: p, Expected: fold.Name, Actual: k,
						Message: fmt.Sprintf("member %q of %s is spelled %q; Json.NET writes the declared name", fold.Name, typeName(t), k)})
					continue
				}
				msg := fmt.Sprintf("member %q is not a documented member of %s (members: %s)", k, typeName(t), strings.Join(t.MemberNames(), ", "))
				if s := t.Suggest(k); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				out = append(out, Violation{Rule: RuleJSONLayout, Path: p, Actual: k, Message: msg})
				continue
			}
			out = append(out, jsonMembers(obj[k], m.Type, path+"/"+k)...)
		}
	case model.Array:
		if arr, ok := v.([]any); ok {
			for i, e := range arr {
				out = append(out, jsonMembers(e, t.Item, fmt.Sprintf("%s/%d", path, i))...)
			}
		}
	case model.Map:
		if obj, ok := v.(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(obj)) {
				out = append(out, jsonMembers(obj[k], t.Item, path+"/"+k)...)
			}
		}
	case model.DateTimeOffset:
		if s, ok := v.(string); ok && !jsonnet.IsDateTimeOffset(s) {
			out = append(out, Violation{Rule: RuleJSONLayout, Path: cmpPath(path), Expected: "a DateTimeOffset as Json.NET writes it, like 2024-11-21T08:42:50.8590439+00:00",
				Actual: s, Message: "not Json.NET's DateTimeOffset form (ISO 8601 with its offset)"})
		}
	}
	return out
}

func cmpPath(p string) string {
	if p == "" {
		return "/"
	}
	return p
}
