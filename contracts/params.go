package contracts

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec"
)

// uriParam is a path or query parameter of an operation with the value the cases send.
type uriParam struct {
	name, in, value string
}

// operationParams returns the path and query parameters of o (the path item's, then the
// operation's, which override them by name and location), each with a value valid for its
// schema: the -set value, else its example, default or first enum value, else one made
// from its type, format and bounds.
func operationParams(doc *openapi3.T, o *spec.Operation, set map[string]string) []uriParam {
	var params openapi3.Parameters
	if doc != nil && doc.Paths != nil {
		if item := doc.Paths.Value(o.Path); item != nil {
			params = append(params, item.Parameters...)
		}
	}
	if o.Op != nil {
		params = append(params, o.Op.Parameters...)
	}
	var out []uriParam
	for _, ref := range params {
		p := ref.Value
		if p == nil || (p.In != openapi3.ParameterInPath && p.In != openapi3.ParameterInQuery) {
			continue
		}
		up := uriParam{name: p.Name, in: p.In}
		if v, ok := setFold(set, p.Name); ok {
			up.value = v
		} else {
			up.value = paramValue(p)
		}
		i := slices.IndexFunc(out, func(q uriParam) bool { return q.in == up.in && strings.EqualFold(q.name, up.name) })
		if i >= 0 {
			out[i] = up
			continue
		}
		out = append(out, up)
	}
	return out
}

// setFold looks name up in set, ignoring case as Web API's value providers do.
func setFold(set map[string]string, name string) (string, bool) {
	for k, v := range set {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// fillPath replaces each {name} of the path template with its parameter's value, escaped
// as a path segment, and returns the escaped path and the query string of the query
// parameters (in declaration order). A template parameter with no declaration gets "1",
// which every simple type Web API binds accepts.
func fillPath(template string, params []uriParam) (string, string) {
	segs := strings.Split(template, "/")
	for i, seg := range segs {
		// A segment may hold several parameters among literal text ({year}-{month}).
		var b strings.Builder
		for seg != "" {
			open := strings.IndexByte(seg, '{')
			end := strings.IndexByte(seg, '}')
			if open < 0 || end < open {
				b.WriteString(escapeLiteralSegment(seg))
				break
			}
			b.WriteString(escapeLiteralSegment(seg[:open]))
			name := seg[open+1 : end]
			value := "1"
			for _, p := range params {
				if p.in == openapi3.ParameterInPath && strings.EqualFold(p.name, name) {
					value = p.value
				}
			}
			b.WriteString(url.PathEscape(value))
			seg = seg[end+1:]
		}
		segs[i] = b.String()
	}
	var query []string
	for _, p := range params {
		if p.in == openapi3.ParameterInQuery {
			query = append(query, url.QueryEscape(p.name)+"="+url.QueryEscape(p.value))
		}
	}
	return strings.Join(segs, "/"), strings.Join(query, "&")
}

// escapeLiteralSegment escapes a literal path segment of the template, which the spec
// writes unescaped.
func escapeLiteralSegment(seg string) string {
	if u, err := url.PathUnescape(seg); err == nil && url.PathEscape(u) == seg {
		return seg
	}
	return url.PathEscape(seg)
}

// Values made for parameters whose schema has no example, default or enum. A date-time
// in a path is a date alone: IIS refuses a ':' in the path by default.
const (
	sampleUUID      = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	sampleDate      = "2024-01-02"
	sampleDateTime  = "2024-01-02T03:04:05Z"
	sampleString    = "helpmock"
	sampleEmail     = "user@example.com"
	sampleURI       = "https://example.com/"
	maxPatternTries = 64
)

// paramValue returns a value of p valid for its schema.
func paramValue(p *openapi3.Parameter) string {
	if p.Example != nil {
		return scalarString(p.Example)
	}
	for _, ex := range sortedExamples(p.Examples) {
		return scalarString(ex)
	}
	if p.Schema == nil || p.Schema.Value == nil {
		return "1"
	}
	return schemaValue(p.Schema.Value, p.In == openapi3.ParameterInPath)
}

func sortedExamples(examples openapi3.Examples) []any {
	var out []any
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range examples {
			if !yield(k) {
				return
			}
		}
	}) {
		if ex := examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, ex.Value.Value)
		}
	}
	return out
}

// schemaValue makes a value valid for s; inPath avoids characters a host may refuse in a
// path.
func schemaValue(s *openapi3.Schema, inPath bool) string {
	switch {
	case s.Example != nil:
		return scalarString(s.Example)
	case s.Default != nil:
		return scalarString(s.Default)
	case len(s.Enum) > 0:
		return scalarString(s.Enum[0])
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			return schemaValue(sub.Value, inPath)
		}
	}
	switch {
	case s.Type.Is(openapi3.TypeArray):
		// A collection from the URI (int[] ids) binds from repeated keys; one item is enough.
		if s.Items != nil && s.Items.Value != nil {
			return schemaValue(s.Items.Value, inPath)
		}
		return "1"
	case s.Type.Is(openapi3.TypeInteger):
		return strconv.FormatInt(int64(numberIn(s, 1, true)), 10)
	case s.Type.Is(openapi3.TypeNumber):
		return strconv.FormatFloat(numberIn(s, 1.5, false), 'f', -1, 64)
	case s.Type.Is(openapi3.TypeBoolean):
		return "true"
	}
	switch strings.ToLower(s.Format) {
	case "uuid", "guid":
		return sampleUUID
	case "date":
		return sampleDate
	case "date-time":
		if inPath {
			return sampleDate
		}
		return sampleDateTime
	case "email":
		return sampleEmail
	case "uri", "url":
		return sampleURI
	}
	return stringValue(s)
}

// numberIn returns want, moved inside the schema's bounds (and to an integer for integers).
func numberIn(s *openapi3.Schema, want float64, integer bool) float64 {
	lo, loExclusive := bound(s.Min, s.ExclusiveMin, math.Inf(-1))
	hi, hiExclusive := bound(s.Max, s.ExclusiveMax, math.Inf(1))
	switch {
	case integer:
		if loExclusive && lo == math.Floor(lo) {
			lo++
		}
		if hiExclusive && hi == math.Floor(hi) {
			hi--
		}
		lo, hi = math.Ceil(lo), math.Floor(hi)
	default:
		if loExclusive {
			lo = math.Nextafter(lo, math.Inf(1))
		}
		if hiExclusive {
			hi = math.Nextafter(hi, math.Inf(-1))
		}
	}
	return math.Max(lo, math.Min(hi, want))
}

// bound is a minimum or maximum (OpenAPI 3.0's, with its exclusive flag, or 3.1's
// exclusive value), or none when neither is set.
func bound(inclusive *float64, exclusive openapi3.ExclusiveBound, none float64) (float64, bool) {
	switch {
	case exclusive.Value != nil:
		return *exclusive.Value, true
	case inclusive != nil:
		return *inclusive, exclusive.IsTrue()
	}
	return none, false
}

// stringValue makes a string within the schema's lengths that matches its pattern when one
// of a few candidates does.
func stringValue(s *openapi3.Schema) string {
	fit := func(v string) string {
		for uint64(len(v)) < s.MinLength {
			v += "x"
		}
		if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
			v = v[:*s.MaxLength]
		}
		return v
	}
	if s.Pattern == "" {
		return fit(sampleString)
	}
	re, err := regexp.Compile(s.Pattern)
	if err != nil {
		return fit(sampleString)
	}
	candidates := []string{sampleString, "1", "12345", "a", "A", "A1", "abc", "ABC", "a1b2", sampleEmail, sampleUUID, sampleDate}
	for n := 1; len(candidates) < maxPatternTries; n++ {
		candidates = append(candidates, strings.Repeat("1", n), strings.Repeat("a", n), strings.Repeat("A", n))
	}
	for _, c := range candidates {
		if v := fit(c); re.MatchString(v) {
			return v
		}
	}
	return fit(sampleString)
}

// scalarString writes an example, default or enum value as a URI value.
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
