package model

import (
	"encoding/json"
	"fmt"
)

// XMLValue converts a value in its JSON form (the layout j) to the value the XML
// layout x encodes, where the two differ: Json.NET writes an enum as its number unless a
// StringEnumConverter is registered ("Priority": 5) while DataContractSerializer always
// writes its name (<Priority>High</Priority>), and a camelCase resolver names members
// otherwise than the data contract. The import describes such an enum twice from the one
// enumeration table, in the same order: the integer enum of the JSON schema and the names
// of the XML one, so a number maps to the name at its index. Members are matched by name
// without case. A value it cannot map is left as it is, for the encoder to report.
func XMLValue(j, x *Type, v any) any {
	if j == nil || x == nil || v == nil {
		return v
	}
	switch x.Kind {
	case String:
		if len(x.Enum) == 0 || j.Kind != Int || j.Schema == nil || len(j.Schema.Enum) != len(x.Enum) {
			return v
		}
		n := numberText(v)
		for i, e := range j.Schema.Enum {
			if n != "" && numberText(e) == n {
				return x.Enum[i]
			}
		}
		return v
	case Object:
		obj, ok := v.(map[string]any)
		if !ok || j.Kind != Object {
			return v
		}
		out := make(map[string]any, len(obj))
		for k, e := range obj {
			jm, xm := j.MemberFold(k), x.MemberFold(k)
			if jm == nil || xm == nil {
				out[k] = e
				continue
			}
			out[xm.Name] = XMLValue(jm.Type, xm.Type, e)
		}
		return out
	case Array:
		items, ok := v.([]any)
		if !ok || j.Kind != Array {
			return v
		}
		out := make([]any, len(items))
		for i, e := range items {
			out[i] = XMLValue(j.Item, x.Item, e)
		}
		return out
	case Map:
		m, ok := v.(map[string]any)
		if !ok || j.Kind != Map {
			return v
		}
		out := make(map[string]any, len(m))
		for k, e := range m {
			out[k] = XMLValue(j.Item, x.Item, e)
		}
		return out
	}
	return v
}

// numberText is a JSON number's text ("5" for 5, 5.0 and json.Number("5")), "" for
// anything else.
func numberText(v any) string {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		if err != nil {
			return ""
		}
		return fmt.Sprint(f)
	case float64:
		return fmt.Sprint(n)
	case int:
		return fmt.Sprint(n)
	case int64:
		return fmt.Sprint(n)
	}
	return ""
}
