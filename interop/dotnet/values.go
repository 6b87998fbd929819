package dotnet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/helpmock/helpmock/internal/dcxml"

	"github.com/helpmock/helpmock/internal/model"
)

// sameValues reports whether .NET's read of an XML body (canonical JSON) holds the values
// the mock meant (package dcxml's reading of the body), in every member of t's XML layout.
func sameValues(t *model.Type, dotnet string, meant any) bool {
	d, err := decode(dotnet)
	if err != nil {
		return false
	}
	m, err := json.Marshal(meant)
	if err != nil {
		return false
	}
	mv, err := decode(string(m))
	if err != nil {
		return false
	}
	return reflect.DeepEqual(normalize(prune(t, d)), normalize(prune(t, mv)))
}

// normalize makes equal values compare equal whatever their spelling: numbers by value,
// date-times by instant and offset.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case string:
		if tm, err := time.Parse(time.RFC3339Nano, x); err == nil {
			_, off := tm.Zone()
			return fmt.Sprintf("%s %d", tm.UTC().Format(time.RFC3339Nano), off)
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	}
	return v
}

// diffValues shows .NET's read beside the mock's meaning.
func diffValues(dotnet string, meant any, problems []dcxml.Problem, err error) string {
	m, _ := json.Marshal(meant)
	out := "\n    .NET read: " + dotnet + "\n    mock meant: " + string(m)
	if err != nil || len(problems) > 0 {
		out += fmt.Sprintf("\n    the mock cannot read its own body: %v %v", err, problems)
	}
	return out
}

// sameXMLValues reports whether two canonical JSON values (.NET's reads of an XML and a
// JSON body) hold the same values in every member the XML layout t has; members only
// JSON has (not data members) are not compared.
func sameXMLValues(t *model.Type, fromXML, fromJSON string) bool {
	x, errX := decode(fromXML)
	j, errJ := decode(fromJSON)
	if errX != nil || errJ != nil {
		return false
	}
	return reflect.DeepEqual(prune(t, x), prune(t, j))
}

func decode(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// prune keeps of v the members t's XML layout has.
func prune(t *model.Type, v any) any {
	if t == nil {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if t.Kind == model.Map {
			out := make(map[string]any, len(x))
			for k, e := range x {
				out[k] = prune(t.Item, e)
			}
			return out
		}
		if t.Kind != model.Object {
			return v
		}
		out := map[string]any{}
		for _, m := range t.XMLMembers {
			if e, ok := x[m.Name]; ok {
				out[m.Name] = prune(m.Type, e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = prune(t.Item, e)
		}
		return out
	}
	return v
}
