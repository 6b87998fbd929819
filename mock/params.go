package mock

import (
	"fmt"
	"math"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec"
)

// URI and query parameters, bound as ASP.NET Web API 2 binds them. Observed on the real
// stack (aspnet-reference with the probe actions of testdata/aspnet/ParamProbes.cs:
// Get(Guid id), Get(int id), Get(int? id), Get(DateTime id), Get(Color id), Get(bool id),
// Get(decimal id), Get(string q, int? page, int size = 10), Get(int n),
// Get([FromUri] Filter f)) and read in Web API 2's source (ApiControllerActionSelector,
// ReflectedHttpActionDescriptor):
//
//   - Action selection: an action is selected only when every simple-type parameter
//     without a default value ("Required" on the Help Page) is a route value or a query
//     key (any letter case, empty value included); otherwise no action matches and Web API
//     answers 404 "No HTTP resource was found that matches the request URI '…'.", or 405
//     when, ignoring the verb, an action of another method matches (Allow lists them).
//     (Mono's Web API 1 pre-release selects the action anyway.)
//   - Conversion: a value is converted with the type's TypeConverter (invariant culture).
//     A value that does not convert (abc for a Guid, int, bool, DateTime, decimal or enum;
//     2147483648 or 5.0 for an int, the schema's format int32, int64 otherwise; 1 for a
//     bool; an unknown enum name; an empty ?n=) binds null. For a non-nullable type the action cannot be called: 400
//     {"Message":"The request is invalid."} (MessageDetail "The parameters dictionary
//     contains a null entry for parameter 'id' of non-nullable type 'System.Guid' …" only
//     with error detail on; Mono's pre-release answers the detail as a bare string). For a
//     nullable type (int? page) or a string the action runs with null: 200.
//   - What converts: ints with surrounding spaces, a sign or a 0x prefix (0x10 is 16);
//     decimals with a point or an exponent (1e3, .5), not 1,000 or NaN; bools true/false in
//     any case; Guids with or without dashes or braces, any case; dates in most forms
//     (2024-01-02, 01-02-2024, Jan 2 2024, ISO 8601 with an offset); enum names in any case,
//     comma-separated flags, and any number, defined or not (9 binds Color 9).
//   - A key sent twice binds its first value. Unknown keys are ignored.
//   - [Range], [StringLength], [RegularExpression] on a [FromUri] class's properties go to
//     ModelState ("The field Page must be between 1 and 100."), which the action may or may
//     not answer with 400; on a simple parameter they are not checked at all.
//
// Lenient mode answers exactly that. Strict mode answers the same statuses (404 for a
// missing required parameter, 400 for one that does not convert) and also 400 for what
// Web API silently drops or does not check: a nullable value that does not convert, a key
// sent twice, a value outside the schema's bounds, lengths, pattern or enum; each with the
// reason in ModelState under the parameter's name, as an action that checks ModelState
// answers.

// checkParams binds the path and query parameters of op (pathValues are the route's)
// and returns the HTTPError Web API would answer, or nil.
func (s *Server) checkParams(sp *spec.Spec, op *operation, pathValues map[string]string, req *http.Request) error {
	params := uriParams(sp.Doc, op.Operation)
	if len(params) == 0 {
		return nil
	}
	query := parseQuery(req.URL.RawQuery)
	if missing := missingParams(params, pathValues, query); len(missing) > 0 {
		// No action of this method matches; another method's may (ignoring the verb), and
		// then Web API answers 405 with it in Allow.
		s.opts.Logger.Debug("no action matches: a required parameter is missing", "op", op.ID, "missing", strings.Join(missing, ", "))
		if allow := selectable(sp, req, query, op.Method); len(allow) > 0 {
			return methodNotAllowed(req.Method, allow)
		}
		return notFound(requestURI(req))
	}
	var invalid []string
	var strict modelErrors
	for _, p := range params {
		var values []string
		if p.In == openapi3.ParameterInPath {
			if v, ok := pathValues[p.Name]; ok {
				values = []string{v}
			}
		} else {
			values = queryValues(query, p.Name)
		}
		var schema *openapi3.Schema
		if p.Schema != nil {
			schema = p.Schema.Value
		}
		if len(values) == 0 {
			continue
		}
		isArray := schema != nil && schema.Type.Is(openapi3.TypeArray)
		if len(values) > 1 && !isArray {
			strict.add(p.Name, fmt.Sprintf("`%s` is sent %d times; Web API binds only the first value, %q.", p.Name, len(values), values[0]))
			values = values[:1]
		}
		itemSchema := schema
		if isArray && schema.Items != nil {
			itemSchema = schema.Items.Value
		}
		for _, v := range values {
			if v == "" && isNullable(schema) {
				continue // ?page= binds null, as the client meant
			}
			problem, converts := bindParam(itemSchema, v)
			switch {
			case !converts && !isArray && !isNullable(schema):
				invalid = append(invalid, p.Name)
				strict.add(p.Name, fmt.Sprintf("The value '%s' is not valid for %s (%s): Web API binds null, and the action cannot take null for a non-nullable %s.",
					v, p.Name, problem, describeParam(schema)))
			case !converts:
				strict.add(p.Name, fmt.Sprintf("The value '%s' is not valid for %s (%s); Web API silently binds null.", v, p.Name, problem))
			case problem != "":
				strict.add(p.Name, problem)
			}
		}
	}
	if s.opts.Lenient {
		if len(invalid) > 0 {
			return invalidRequest()
		}
		return nil
	}
	if strict.err != nil {
		return strict.err
	}
	return nil
}

// wrongMethod is the answer to a method the path lacks: 405 with Allow listing the path's
// methods whose actions the request's parameters select, as Web API's action selector
// answers (ignoring the verb, an action is a candidate only when its required parameters
// are there); 404 when there is none.
func (s *Server) wrongMethod(sp *spec.Spec, req *http.Request, allow []string) error {
	if allow = selectable(sp, req, parseQuery(req.URL.RawQuery), ""); len(allow) > 0 {
		return methodNotAllowed(req.Method, allow)
	}
	return notFound(requestURI(req))
}

// selectable lists the methods other than except whose operation on the request's path
// has all of its required parameters in the request.
func selectable(sp *spec.Spec, req *http.Request, query []queryPair, except string) []string {
	var out []string
	for _, m := range []string{http.MethodDelete, http.MethodGet, http.MethodHead, http.MethodOptions,
		http.MethodPatch, http.MethodPost, http.MethodPut} {
		if m == except {
			continue
		}
		o, pathValues, err := sp.Match(m, req.URL.Path)
		if err != nil || o.Method != m {
			continue
		}
		if len(missingParams(uriParams(sp.Doc, o), pathValues, query)) == 0 {
			out = append(out, m)
		}
	}
	return out
}

// uriParams returns the path and query parameters of o: its path item's, then its own.
func uriParams(doc *openapi3.T, o *spec.Operation) []*openapi3.Parameter {
	var refs openapi3.Parameters
	if doc != nil && doc.Paths != nil {
		if item := doc.Paths.Value(o.Path); item != nil {
			refs = item.Parameters
		}
	}
	if o.Op != nil {
		if len(refs) == 0 {
			refs = o.Op.Parameters
		} else {
			refs = append(append(openapi3.Parameters{}, refs...), o.Op.Parameters...)
		}
	}
	var out []*openapi3.Parameter
	for _, ref := range refs {
		if p := ref.Value; p != nil && (p.In == openapi3.ParameterInPath || p.In == openapi3.ParameterInQuery) {
			out = append(out, p)
		}
	}
	return out
}

// missingParams lists the required parameters the request lacks (a query key present with
// an empty value is there).
func missingParams(params []*openapi3.Parameter, pathValues map[string]string, query []queryPair) []string {
	var missing []string
	for _, p := range params {
		if !p.Required {
			continue
		}
		present := false
		if p.In == openapi3.ParameterInPath {
			_, present = pathValues[p.Name]
		} else {
			present = len(queryValues(query, p.Name)) > 0
		}
		if !present {
			missing = append(missing, p.Name)
		}
	}
	return missing
}

// queryPair is one key and value of a query string, in order.
type queryPair struct{ key, value string }

// parseQuery splits a raw query as Web API's GetQueryNameValuePairs does: pairs split at
// '&', '+' is a space, percent escapes decoded; a pair without '=' is a key with an
// empty value; a malformed escape is kept as it is.
func parseQuery(raw string) []queryPair {
	var out []queryPair
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, queryPair{unescapeQuery(k), unescapeQuery(v)})
	}
	return out
}

func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return strings.ReplaceAll(s, "+", " ")
}

// queryValues returns the values of key, in any letter case, in query order.
func queryValues(query []queryPair, key string) []string {
	var out []string
	for _, p := range query {
		if strings.EqualFold(p.key, key) {
			out = append(out, p.value)
		}
	}
	return out
}

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
