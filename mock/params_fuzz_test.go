package mock

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// FuzzBindParam feeds arbitrary URI values and query strings to the parameter binder,
// which reads what any client sends: it must answer, never panic, and say why a value
// does not convert.
func FuzzBindParam(f *testing.F) {
	for _, v := range []string{"", "abc", "5", " -3 ", "0x1F", "#ff", "&hFF", "2147483648", "1e3", ".5", "1,000", "NaN",
		"true", "True", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "{3FA85F64-5717-4562-B3FC-2C963F66AFA6}", "2024-01-02",
		"Jan 2 2024", "red,green", "9"} {
		f.Add(v, "q="+v+"&Q=x&page=&&=&%zz=1+2")
	}
	max := uint64(5)
	one, hundred := 1.0, 100.0
	schemas := []*openapi3.Schema{
		{Type: &openapi3.Types{openapi3.TypeInteger}, Format: "int32", Min: &one, Max: &hundred},
		{Type: &openapi3.Types{openapi3.TypeInteger}, Format: "int64"},
		{Type: &openapi3.Types{openapi3.TypeInteger}, Enum: []any{1.0, 2.0}},
		{Type: &openapi3.Types{openapi3.TypeNumber}},
		{Type: &openapi3.Types{openapi3.TypeBoolean}},
		{Type: &openapi3.Types{openapi3.TypeString}, Format: "uuid"},
		{Type: &openapi3.Types{openapi3.TypeString}, Format: "date-time"},
		{Type: &openapi3.Types{openapi3.TypeString}, Enum: []any{"Red", "Green"}},
		{Type: &openapi3.Types{openapi3.TypeString}, MaxLength: &max, Pattern: "^[a-z]+$"},
		{Type: &openapi3.Types{openapi3.TypeString}, Pattern: "("},
		nil,
	}
	f.Fuzz(func(t *testing.T, value, query string) {
		for _, s := range schemas {
			if problem, converts := bindParam(s, value); !converts && problem == "" {
				t.Errorf("bindParam(%s, %q) does not convert and gives no reason", describeParam(s), value)
			}
		}
		pairs := parseQuery(query)
		for _, p := range pairs {
			if len(queryValues(pairs, p.key)) == 0 {
				t.Errorf("parseQuery(%q): key %q has no value", query, p.key)
			}
		}
	})
}
