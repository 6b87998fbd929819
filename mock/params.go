package mock

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec"
)

// URI and query parameters, bound as ASP.NET Web API 2 binds them. Observed on the real
// stack (the ASP.NET reference implementation with the probe actions of
// testdata/aspnet/ParamProbes.cs: Get(Guid id), Get(int id), Get(int? id), Get(DateTime id),
// Get(Color id), Get(bool id), Get(decimal id), Get(string q, int? page, int size = 10),
// Get(int n), Get([FromUri] Filter f)) and read in Web API 2's source (ApiControllerActionSelector,
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
//     bool; an unknown enum name; an empty ?n=) binds null. For a non-nullable type the
//     action cannot be called: 400 {"Message":"The request is invalid."} (MessageDetail
//     "The parameters dictionary contains a null entry for parameter 'id' of non-nullable
//     type 'System.Guid' …" only with error detail on; Mono's pre-release answers the
//     detail as a bare string). For a nullable type (int? page) or a string the action runs
//     with null: 200.
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
