package jsonnet

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/helpmock/helpmock/internal/model"
)

// ModelError is a binding error as Web API records it in ModelState.
type ModelError struct {
	// Key is "model" or "model.<member path>".
	Key string
	// Detail says what went wrong, for the mock's strict-mode explanations.
	Detail string
}

// Result is the outcome of binding a read JSON value to a layout.
type Result struct {
	// Value is the bound value in JSON form, as the .NET model would hold it: every member
	// of the layout, converted to its type, null when absent.
	Value map[string]any
	// Normalized is the value as sent, with member names in the layout's letter case and
	// unknown members left out: what the schema validates in strict mode.
	Normalized map[string]any
	// Body is the bound body whatever the layout's kind: Value for a class, a []any for a
	// collection (List<Note>), a map for a dictionary, a scalar for a primitive.
	Body any
	// NormalizedBody is Normalized for a class, and the normalized body for other kinds.
	NormalizedBody any
	// Errors are the model errors that make Web API answer 400.
	Errors []ModelError
	// Problems describe what Json.NET accepts silently but a careful client would not send:
	// unknown members, members sent twice.
	Problems []string
}

// Bind binds v, as Read returned it, to t: a class (Value), or a collection, dictionary
// or primitive as the whole body (Body).
func Bind(t *model.Type, v any) Result {
	var res Result
	if t.Kind != model.Object {
		body, err := convert(t, v, "", &res)
		if err != "" {
			res.Errors = append(res.Errors, ModelError{Key: "model", Detail: fmt.Sprintf("the body is %s: %s", describe(v), err)})
			return res
		}
		res.Body, res.NormalizedBody = body, normalize(t, v)
		return res
	}
	obj, ok := v.(Object)
	if !ok {
		res.Errors = append(res.Errors, ModelError{Key: "model", Detail: fmt.Sprintf("the body is %s, not an object of %s", describe(v), t.Name)})
		return res
	}
	res.Value, res.Normalized = bindObject(t, obj, "", &res)
	res.Body, res.NormalizedBody = res.Value, res.Normalized
	return res
}

func bindObject(t *model.Type, obj Object, path string, res *Result) (map[string]any, map[string]any) {
	value := make(map[string]any, len(t.Members))
	for _, m := range t.Members {
		value[m.Name] = nil
	}
	// normalized stays nil while it would hold what value holds for the members seen: a
	// well-formed request sends every member in its own type, and then the two maps are
	// one (neither is changed once bound).
	var normalized map[string]any
	// The members seen so far; a layout has few, so a slice on the stack beats a map.
	var seenArray [16]string
	seen := seenArray[:0]
	for _, member := range obj {
		m := t.MemberFold(member.Name)
		if m == nil {
			msg := fmt.Sprintf("`%s` is not a member of %s", join(path, member.Name), t.Name)
			if s := t.Suggest(member.Name); s != "" {
				msg += fmt.Sprintf("; did you mean `%s`?", s)
			} else {
				msg += fmt.Sprintf(" (members: %s)", strings.Join(t.MemberNames(), ", "))
			}
			res.Problems = append(res.Problems, msg+"; Json.NET would silently ignore it")
			continue
		}
		before := seen
		if slices.Contains(seen, m.Name) {
			res.Problems = append(res.Problems, fmt.Sprintf("`%s` is sent twice; Json.NET would silently keep only the last value", join(path, m.Name)))
		} else {
			seen = append(seen, m.Name)
		}
		memberPath := join(path, member.Name)
		norm := normalize(m.Type, member.Value)
		converted, err := convert(m.Type, member.Value, memberPath, res)
		if normalized == nil && (err != "" || !sameScalar(norm, converted)) {
			normalized = make(map[string]any, len(obj))
			for _, name := range before {
				normalized[name] = value[name]
			}
		}
		if normalized != nil {
			normalized[m.Name] = norm
		}
		if err != "" {
			res.Errors = append(res.Errors, ModelError{Key: modelKey(memberPath), Detail: fmt.Sprintf("`%s`: %s", memberPath, err)})
			continue
		}
		value[m.Name] = converted
	}
	switch {
	case normalized != nil:
	case len(seen) == len(t.Members):
		normalized = value
	default: // members left out: value holds them as null, normalized must not
		normalized = make(map[string]any, len(seen))
		for _, name := range seen {
			normalized[name] = value[name]
		}
	}
	return value, normalized
}

// sameScalar reports whether a and b are the same string, boolean or null: the values
// that binding keeps as they were sent.
func sameScalar(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		b, ok := b.(string)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	}
	return false
}

// modelKey is Web API's ModelState key for a member path: model.Member, or model[0].Member
// inside a collection body.
func modelKey(path string) string {
	if strings.HasPrefix(path, "[") {
		return "model" + path
	}
	return "model." + path
}

// normalize returns v with nested objects as maps keyed by the layout's member names.
func normalize(t *model.Type, v any) any {
	switch v := v.(type) {
	case Object:
		out := make(map[string]any, len(v))
		for _, member := range v {
			if t != nil && t.Kind == model.Object {
				if m := t.MemberFold(member.Name); m != nil {
					out[m.Name] = normalize(m.Type, member.Value)
				}
				continue
			}
			var item *model.Type
			if t != nil {
				item = t.Item
			}
			out[member.Name] = normalize(item, member.Value)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			var it *model.Type
			if t != nil {
				it = t.Item
			}
			out[i] = normalize(it, item)
		}
		return out
	default:
		return v
	}
}

// convert converts v to the member type t as Json.NET would, or says why it cannot.
func convert(t *model.Type, v any, path string, res *Result) (any, string) {
	if v == nil {
		switch t.Kind {
		case model.Int, model.Number, model.Bool, model.DateTimeOffset:
			if !t.Nullable {
				return nil, fmt.Sprintf("null cannot be converted to a non-nullable %s", t.Kind)
			}
		}
		return nil, ""
	}
	if t.Free {
		// System.Object (JObject, dynamic): Json.NET takes any JSON.
		return normalize(nil, v), ""
	}
	// A value of the member's JSON type is kept as it is: re-boxing it would allocate.
	switch v.(type) {
	case string:
		if t.Kind == model.String {
			return v, ""
		}
	case json.Number:
		if t.Kind == model.Number {
			return v, ""
		}
	}
	switch t.Kind {
	case model.String:
		switch v := v.(type) {
		case json.Number:
			return numberText(v), ""
		case bool:
			if v {
				return "True", ""
			}
			return "False", ""
		}
	case model.Int:
		switch v := v.(type) {
		case json.Number:
			if n, err := strconv.ParseInt(string(v), 10, 64); err == nil {
				return json.Number(strconv.FormatInt(n, 10)), ""
			}
		case string:
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				return json.Number(strconv.FormatInt(n, 10)), ""
			}
		}
	case model.Number:
		switch v := v.(type) {
		case json.Number:
			return v, ""
		case string:
			if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				return json.Number(strings.TrimSpace(v)), ""
			}
		}
	case model.Bool:
		switch v := v.(type) {
		case bool:
			return v, ""
		case string:
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "true":
				return true, ""
			case "false":
				return false, ""
			}
		}
	case model.DateTime, model.DateTimeOffset:
		if s, ok := v.(string); ok {
			if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return s, ""
			}
			if _, err := time.Parse("2006-01-02T15:04:05.9999999", s); err == nil {
				return s, ""
			}
		}
	case model.Object:
		if obj, ok := v.(Object); ok {
			value, _ := bindObject(t, obj, path, res)
			return value, ""
		}
	case model.Map:
		if obj, ok := v.(Object); ok {
			out := make(map[string]any, len(obj))
			for _, member := range obj {
				item, err := convert(t.Item, member.Value, join(path, member.Name), res)
				if err != "" {
					return nil, err
				}
				out[member.Name] = item
			}
			return out, ""
		}
	case model.Array:
		if arr, ok := v.([]any); ok {
			out := make([]any, len(arr))
			for i, item := range arr {
				c, err := convert(t.Item, item, fmt.Sprintf("%s[%d]", path, i), res)
				if err != "" {
					return nil, err
				}
				out[i] = c
			}
			return out, ""
		}
	}
	return nil, fmt.Sprintf("%s cannot be converted to %s", describe(v), t.Kind)
}

// numberText is the text .NET gives a JSON number converted to a string: integers as
// written, other numbers as a double's shortest round-trip form.
func numberText(n json.Number) string {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return strconv.FormatInt(i, 10)
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) {
		return string(n)
	}
	s := strconv.FormatFloat(f, 'G', -1, 64)
	// .NET writes exponents as E+20 / E-05 where Go writes e+20 / e-05.
	return strings.Replace(s, "e", "E", 1)
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case Object:
		return "an object"
	case []any:
		return "an array"
	case string:
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + string(v)
	case bool:
		return fmt.Sprintf("the boolean %t", v)
	}
	return fmt.Sprintf("%T", v)
}
