package helppage

import (
	"strings"
)

// A Help Page's title is ApiDescription.RelativePath: the route template, with the query
// string Web API adds for the parameters bound from the URI ("api/x/{id}?expand={expand}").
// An attribute route keeps its inline constraints and optional marks in it:
// {id:int}, {id:guid}, {id:int?}, {day?}, {*path}, {id:regex(^\d{4}$)} — so a '?' or a
// '/' inside braces belongs to the parameter, not to the query or the path.

// splitRoute splits a page's route at the first '?' outside braces into the path
// template and the query string.
func splitRoute(route string) (path, query string) {
	depth := 0
	for i, r := range route {
		switch r {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case '?':
			if depth == 0 {
				return route[:i], route[i+1:]
			}
		}
	}
	return route, ""
}

// routeSegments splits a path template at the slashes outside braces, dropping empty
// segments.
func routeSegments(path string) []string {
	var segs []string
	depth, start := 0, 0
	flush := func(end int) {
		if seg := strings.TrimSpace(path[start:end]); seg != "" {
			segs = append(segs, seg)
		}
	}
	for i, r := range path {
		switch r {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case '/':
			if depth == 0 {
				flush(i)
				start = i + 1
			}
		}
	}
	flush(len(path))
	return segs
}

// routeParameter reads a path segment "{...}" as Web API's route parser does: a leading
// '*' marks a catch-all, a trailing '?' an optional parameter, and what follows the first
// ':' the inline constraints ("int", "guid", "min(1)", "regex(...)", chained with ':').
// It returns the parameter's name and its first constraint's name, lower-cased ("int"
// for {id:int:min(1)}), "" without one.
func routeParameter(seg string) (name, constraint string) {
	inner := strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}")
	inner = strings.TrimPrefix(inner, "*")
	name, cons, _ := strings.Cut(inner, ":")
	name = strings.TrimSpace(strings.TrimSuffix(name, "?"))
	name, _, _ = strings.Cut(name, "=") // {id=5}: a default value in the template
	cons = strings.TrimSuffix(cons, "?")
	cons, _, _ = strings.Cut(cons, ":")
	cons, _, _ = strings.Cut(cons, "(")
	return name, strings.ToLower(strings.TrimSpace(cons))
}

// constraintType is the type an inline route constraint gives its parameter (Web API's
// DefaultInlineConstraintResolver), nil for a constraint that says no type (alpha,
// length, regex).
func constraintType(constraint string) *typ {
	switch constraint {
	case "int", "min", "max", "range":
		return &typ{kind: kInt}
	case "long":
		return &typ{kind: kInt, format: "int64"}
	case "bool":
		return &typ{kind: kBool}
	case "guid":
		return &typ{kind: kGUID}
	case "datetime":
		return &typ{kind: kDateTime}
	case "decimal":
		return &typ{kind: kNumber}
	case "double":
		return &typ{kind: kNumber, format: "double"}
	case "float":
		return &typ{kind: kNumber, format: "float"}
	}
	return nil
}

// OpenAPIPath returns the OpenAPI path of a Help Page's route (its title after the
// method): the query string dropped and each parameter reduced to its name, as
// "api/x/{id:int?}?expand={expand}" gives "/api/x/{id}".
func OpenAPIPath(route string) string {
	path, _ := splitRoute(route)
	segs := routeSegments(path)
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name, _ := routeParameter(seg)
			segs[i] = "{" + name + "}"
		}
	}
	return "/" + strings.Join(segs, "/")
}
