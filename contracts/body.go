package contracts

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// requestValue returns the JSON-form request value the cases send: the docs example of a
// JSON request media type with the members of set overridden.
func requestValue(o *spec.Operation, set map[string]string) any {
	var value any
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		if v, ok := o.RequestExamples[mt][spec.DocsExample]; ok {
			value = clone(v)
			break
		}
	}
	return requestValueOf(o, value, set)
}

// requestValueOf returns value (a JSON-form request value of o, which it may change) with
// the members of set overridden.
func requestValueOf(o *spec.Operation, value any, set map[string]string) any {
	t := o.Request[spec.ApplicationJSON]
	if t == nil {
		t = o.Request[spec.TextJSON]
	}
	obj, ok := value.(map[string]any)
	if t == nil || t.Kind != model.Object {
		return value
	}
	if !ok {
		if value != nil || len(set) == 0 {
			return value
		}
		obj = map[string]any{}
		value = obj
	}
	for name, raw := range set {
		m := t.MemberFold(name)
		if m == nil {
			continue
		}
		// Drop any spelling of the member the example has, then set the documented name.
		for k := range obj {
			if strings.EqualFold(k, m.Name) {
				delete(obj, k)
			}
		}
		obj[m.Name] = setValue(m.Type, raw)
	}
	return value
}

// setValue converts a -set value to the JSON form of a member of type t.
func setValue(t *model.Type, raw string) any {
	switch {
	case raw == "null" && t.Nullable:
		return nil
	case t.Kind == model.Int || t.Kind == model.Number:
		return json.Number(raw)
	case t.Kind == model.Bool && (raw == "true" || raw == "false"):
		return raw == "true"
	}
	return raw
}

func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

// encodeRequest writes value, the request example name (in JSON form), as a body of media
// type mt.
func encodeRequest(o *spec.Operation, mt, name string, value any) ([]byte, error) {
	t := o.Request[mt]
	switch {
	case spec.IsJSON(mt):
		return jsonnet.Append(nil, t, value), nil
	case spec.IsXML(mt):
		// No JSON example to encode, or an XML form that differs from the JSON one (its
		// own schema: enums by name, other member names): send the XML example as it is.
		if value == nil || differs(o, t) {
			if text, ok := o.RequestExamples[mt][name].(string); ok {
				return []byte(text), nil
			}
			// No XML sample: the JSON value in the XML form (enum names, element names).
			value = model.XMLValue(jsonRequestLayout(o), t, value)
		}
		return encodeXML(t, value)
	case mt == spec.FormURLEncoded:
		return []byte(formEncode(t, value)), nil
	}
	return nil, fmt.Errorf("media type %s is not one Web API's default formatters read", mt)
}

// jsonRequestLayout returns the layout of o's JSON request body, nil without one.
func jsonRequestLayout(o *spec.Operation) *model.Type {
	if t := o.Request[spec.ApplicationJSON]; t != nil {
		return t
	}
	return o.Request[spec.TextJSON]
}

// formEncode writes the scalar members of v as a form body, in layout order; null members
// are left out, as a browser leaves out an empty field.
func formEncode(t *model.Type, v any) string {
	obj, _ := v.(map[string]any)
	var parts []string
	add := func(k string, e any) {
		var s string
		switch e := e.(type) {
		case nil, map[string]any, []any:
			return
		case string:
			s = e
		default:
			s = fmt.Sprint(e)
		}
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(s))
	}
	done := map[string]bool{}
	if t != nil {
		for _, m := range t.Members {
			if e, ok := obj[m.Name]; ok {
				done[m.Name] = true
				add(m.Name, e)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if !done[k] {
			add(k, obj[k])
		}
	}
	return strings.Join(parts, "&")
}

// differs tells whether the XML layout t has another schema than the JSON request's.
func differs(o *spec.Operation, t *model.Type) bool {
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		if j := o.Request[mt]; j != nil {
			return j.Schema != t.Schema
		}
	}
	return false
}
