package jsonnet

import "unicode"

// CamelCase converts a member or dictionary key name as Json.NET's
// CamelCasePropertyNamesContractResolver does (StringUtils.ToCamelCase): the leading run
// of upper-case letters is lowered, except the last one of a run followed by a lower-case
// letter ("Name" → "name", "URLValue" → "urlValue", "ID" → "id"); a name that does not
// start with an upper-case letter ("model.Name", "sample string") is left as it is.
func CamelCase(s string) string {
	r := []rune(s)
	if len(r) == 0 || !unicode.IsUpper(r[0]) {
		return s
	}
	for i := range r {
		if i == 1 && !unicode.IsUpper(r[i]) {
			break
		}
		hasNext := i+1 < len(r)
		if i > 0 && hasNext && !unicode.IsUpper(r[i+1]) {
			// Json.NET 9+: a separator after the run lowers its last letter too
			// ("ABC DEF" → "abc DEF").
			if unicode.Is(unicode.Zs, r[i+1]) {
				r[i] = unicode.ToLower(r[i])
			}
			break
		}
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}
