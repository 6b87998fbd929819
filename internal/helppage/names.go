package helppage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// componentName is what OpenAPI 3.0 allows as the name of a component (§4.7.7: keys of
// components "MUST use keys that match the regular expression ^[a-zA-Z0-9\.\-_]+$").
var componentName = regexp.MustCompile(`^[a-zA-Z0-9.\-_]+$`)

// safeName derives a component name from a type's name as a page shows it. The Help Page
// names a closed generic "ResponseResultOfNullableOfGuid" (ModelNameHelper), which is
// already safe; a customised page may show the CLR name instead ("ResponseResult`1",
// "ServiceResult<AccountModel>", "Dictionary<int, bool>"), which becomes the Help Page's
// form: "`N" is dropped, "<" reads "Of", "," reads "And". Any other character OpenAPI
// forbids becomes "_". It returns "" when nothing usable is left.
func safeName(s string) string {
	s = strings.TrimSpace(s)
	if componentName.MatchString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '`':
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
		case c == '<' || c == '[':
			b.WriteString("Of")
		case c == ',':
			b.WriteString("And")
		case c == '>' || c == ']' || c == ' ' || c == '?':
		case c < 0x80 && (c == '.' || c == '-' || c == '_' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))):
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_.-")
}

// isTypeName reports whether s can be the name of a .NET type as a Help Page shows it:
// one word, possibly a CLR generic name, never a sentence such as an annotation ("Max
// length: 128") or a cell run together with its neighbour ("date |").
func isTypeName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, ":|;=\"'()") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); r != '_' && !unicode.IsLetter(r) {
		return false
	}
	// "Dictionary<int, bool>" has a space after its comma; a sentence has words.
	return !strings.Contains(strings.ReplaceAll(s, ", ", ","), " ")
}
