package mock

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// How a URI or query value converts to a parameter's CLR type, as the type's
// TypeConverter does with the invariant culture (see params.go for what was observed).

// isNullable tells whether a parameter of schema s takes null when its value does not
// convert: a nullable type, or a string other than a Guid's or a date's.
func isNullable(s *openapi3.Schema) bool {
	return s == nil || s.Nullable || s.Type == nil || s.Type.Is(openapi3.TypeString) && !isValueFormat(s.Format) && len(s.Enum) == 0
}

// isValueFormat tells the string formats of .NET value types (Guid, DateTime): a value
// that does not convert is null, which such a parameter cannot take.
func isValueFormat(format string) bool {
	switch strings.ToLower(format) {
	case "uuid", "guid", "date-time", "date":
		return true
	}
	return false
}

// describeParam names the CLR type a parameter's schema stands for, as Web API's
// messages do (System.Guid), or its schema type when no CLR type is certain.
func describeParam(s *openapi3.Schema) string {
	if s == nil || s.Type == nil {
		return "value"
	}
	switch {
	case len(s.Enum) > 0:
		return "enum (" + enumList(s.Enum) + ")"
	case s.Type.Is(openapi3.TypeInteger) && strings.EqualFold(s.Format, "int32"):
		return "System.Int32"
	case s.Type.Is(openapi3.TypeInteger) && strings.EqualFold(s.Format, "int64"):
		return "System.Int64"
	case s.Type.Is(openapi3.TypeNumber):
		return "System.Decimal"
	case s.Type.Is(openapi3.TypeBoolean):
		return "System.Boolean"
	case strings.EqualFold(s.Format, "uuid"), strings.EqualFold(s.Format, "guid"):
		return "System.Guid"
	case strings.EqualFold(s.Format, "date-time"), strings.EqualFold(s.Format, "date"):
		return "System.DateTime"
	}
	d := strings.Join(s.Type.Slice(), "|")
	if s.Format != "" {
		d += " (" + s.Format + ")"
	}
	return d
}

// bindParam converts v as Web API's TypeConverter for the schema's type would. converts
// is false when Web API binds null; problem says why, or (when it converts) what strict
// mode refuses that Web API accepts: a value outside the schema's bounds, lengths, pattern
// or enum. Both are "" for a valid value.
func bindParam(s *openapi3.Schema, v string) (problem string, converts bool) {
	if s == nil || s.Type == nil {
		return "", true
	}
	switch {
	case s.Type.Is(openapi3.TypeInteger):
		return bindInteger(s, v)
	case s.Type.Is(openapi3.TypeNumber):
		f, ok := parseDecimal(v)
		if !ok {
			return "not a decimal number", false
		}
		return checkBounds(s, f), true
	case s.Type.Is(openapi3.TypeBoolean):
		if t := strings.TrimSpace(v); !strings.EqualFold(t, "true") && !strings.EqualFold(t, "false") {
			return "not true or false", false
		}
		return "", true
	case s.Type.Is(openapi3.TypeString):
		return bindString(s, v)
	}
	return "", true
}

func bindInteger(s *openapi3.Schema, v string) (string, bool) {
	n, ok := parseInteger(v)
	if len(s.Enum) > 0 && !ok && isIdentifier(strings.TrimSpace(v)) {
		// A numeric enum: its names bind too, and the schema does not list them.
		return "", true
	}
	if !ok {
		return "not an integer", false
	}
	// The schema's format is the parameter's CLR type: System.Int32 for int32 (what the
	// importer writes for "integer"; an overlay makes a long int64), else a 64-bit range.
	lo, hi := big.NewInt(math.MinInt32), big.NewInt(math.MaxInt32)
	if !strings.EqualFold(s.Format, "int32") {
		lo, hi = big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	}
	if n.Cmp(lo) < 0 || n.Cmp(hi) > 0 {
		return fmt.Sprintf("out of range for %s", describeParam(s)), false
	}
	if p := checkBounds(s, float64(n.Int64())); p != "" {
		return p, true
	}
	if len(s.Enum) > 0 && !enumHas(s.Enum, func(e any) bool { return numberEquals(e, n.Int64()) }) {
		return fmt.Sprintf("The value '%s' is not one of %s; Web API binds an undefined enum value silently.", v, enumList(s.Enum)), true
	}
	return "", true
}

func bindString(s *openapi3.Schema, v string) (string, bool) {
	switch strings.ToLower(s.Format) {
	case "uuid", "guid":
		if !isGUID(v) {
			return "not a globally unique identifier", false
		}
		return "", true
	case "date-time", "date":
		if !isDateTime(v) {
			return "not a date", false
		}
		return "", true
	}
	if len(s.Enum) > 0 {
		return bindEnumName(s, v)
	}
	if n := uint64(len([]rune(v))); n < s.MinLength || s.MaxLength != nil && n > *s.MaxLength {
		bounds := fmt.Sprintf("a maximum length of %d", derefOr(s.MaxLength, math.MaxInt64))
		if s.MinLength > 0 {
			bounds = fmt.Sprintf("a minimum length of %d and %s", s.MinLength, bounds)
		}
		return fmt.Sprintf("The value '%s' must be a string with %s.", v, bounds), true
	}
	if s.Pattern != "" {
		if re := compiledPattern(s.Pattern); re != nil && !re.MatchString(v) {
			return fmt.Sprintf("The value '%s' must match the regular expression '%s'.", v, s.Pattern), true
		}
	}
	return "", true
}

// patterns holds the spec's compiled patterns (nil for one that does not compile): they
// come from the spec, never from a request, so the cache is bounded.
var patterns sync.Map

func compiledPattern(pattern string) *regexp.Regexp {
	if re, ok := patterns.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		re = nil
	}
	patterns.Store(pattern, re)
	return re
}

// bindEnumName binds an enum shown by name: Enum.Parse with ignoreCase, which also takes
// comma-separated names (flags) and any number.
func bindEnumName(s *openapi3.Schema, v string) (string, bool) {
	t := strings.TrimSpace(v)
	if n, ok := parseInteger(t); ok && n.IsInt64() {
		return fmt.Sprintf("The value '%s' is a number, not one of %s; Web API binds it as an enum value, defined or not.", v, enumList(s.Enum)), true
	}
	names := strings.Split(t, ",")
	for _, name := range names {
		name = strings.TrimSpace(name)
		if !enumHas(s.Enum, func(e any) bool { es, ok := e.(string); return ok && strings.EqualFold(es, name) }) {
			return "not one of " + enumList(s.Enum), false
		}
	}
	if len(names) > 1 {
		return fmt.Sprintf("The value '%s' names %d values of %s; Web API combines them as flags.", v, len(names), enumList(s.Enum)), true
	}
	return "", true
}

func enumHas(enum []any, match func(any) bool) bool {
	for _, e := range enum {
		if match(e) {
			return true
		}
	}
	return false
}

func numberEquals(e any, n int64) bool {
	switch e := e.(type) {
	case float64:
		return e == float64(n)
	case int:
		return int64(e) == n
	case int64:
		return e == n
	}
	return fmt.Sprint(e) == strconv.FormatInt(n, 10)
}

func enumList(enum []any) string {
	parts := make([]string, len(enum))
	for i, e := range enum {
		parts[i] = fmt.Sprint(e)
	}
	return strings.Join(parts, ", ")
}

func derefOr(p *uint64, def uint64) uint64 {
	if p != nil {
		return *p
	}
	return def
}

// checkBounds says how f breaks the schema's minimum or maximum, as [Range] words it.
func checkBounds(s *openapi3.Schema, f float64) string {
	below := s.Min != nil && (f < *s.Min || s.ExclusiveMin.IsTrue() && f == *s.Min)
	above := s.Max != nil && (f > *s.Max || s.ExclusiveMax.IsTrue() && f == *s.Max)
	if !below && !above {
		return ""
	}
	lo, hi := "-∞", "∞"
	if s.Min != nil {
		lo = strconv.FormatFloat(*s.Min, 'f', -1, 64)
	}
	if s.Max != nil {
		hi = strconv.FormatFloat(*s.Max, 'f', -1, 64)
	}
	return fmt.Sprintf("The value %s must be between %s and %s.", strconv.FormatFloat(f, 'f', -1, 64), lo, hi)
}

// parseInteger reads an integer as Int32Converter and Int64Converter do: white space
// around it, a leading sign, or a hexadecimal 0x, &h or # prefix.
func parseInteger(v string) (*big.Int, bool) {
	t := strings.TrimFunc(v, unicode.IsSpace)
	lower := strings.ToLower(t)
	for _, prefix := range []string{"0x", "&h", "#"} {
		if hex, ok := strings.CutPrefix(lower, prefix); ok {
			n, ok := new(big.Int).SetString(hex, 16)
			return n, ok && hex != "" && !strings.ContainsAny(hex, "+-")
		}
	}
	if t == "" || strings.ContainsAny(t[1:], "+-") {
		return nil, false
	}
	n, ok := new(big.Int).SetString(strings.TrimPrefix(t, "+"), 10)
	return n, ok
}

// decimalNumber is NumberStyles.Float: white space, a leading sign, a decimal point and an
// exponent; no thousands separator, no NaN or Infinity (System.Decimal has neither).
var decimalNumber = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

func parseDecimal(v string) (float64, bool) {
	t := strings.TrimFunc(v, unicode.IsSpace)
	if !decimalNumber.MatchString(t) {
		return 0, false
	}
	f, err := strconv.ParseFloat(t, 64)
	return f, err == nil
}

// guidForms are the forms Guid.Parse reads: 32 digits, with dashes, in braces or in
// parentheses.
var guidForms = regexp.MustCompile(`^(?i:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$`)

func isGUID(v string) bool {
	return guidForms.MatchString(strings.TrimFunc(v, unicode.IsSpace))
}

// dateLayouts are the forms of DateTime.Parse (invariant culture) the mock recognises:
// ISO 8601 with or without a time, fraction and offset; the invariant culture's month
// first dates; month names.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04", "2006-01-02 15:04:05.9999999",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04", "2006-01-02", "2006/01/02", "2006-1-2",
	"01/02/2006", "1/2/2006", "01/02/2006 15:04:05", "1/2/2006 15:04:05", "1/2/2006 3:04:05 PM", "01-02-2006", "1-2-2006",
	"Jan 2 2006", "Jan 2, 2006", "January 2 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006",
	"Mon, 02 Jan 2006 15:04:05 MST", time.RFC1123Z, "2006-01", "15:04", "15:04:05",
}

func isDateTime(v string) bool {
	t := strings.TrimFunc(v, unicode.IsSpace)
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, t); err == nil {
			return true
		}
	}
	return false
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}
