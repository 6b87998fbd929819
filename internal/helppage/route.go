package helppage

import (
	"errors"
	"slices"
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
		if text, names, _ := complexSegment(seg); len(names) > 0 {
			segs[i] = text
			continue
		}
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name, _ := routeParameter(seg)
			segs[i] = "{" + name + "}"
		}
	}
	return "/" + strings.Join(segs, "/")
}

// optionalSegment tells whether a path segment "{...}" is an optional parameter ({day?},
// {id:int?}) or a catch-all ({*path}), which Web API's route also matches when the
// request leaves it out.
func optionalSegment(seg string) bool {
	inner := strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}")
	return strings.HasSuffix(inner, "?") || strings.HasPrefix(inner, "*")
}

// optionalRouteVariants returns, for each operation whose route ends in optional
// parameters, the operations of the shorter paths the route also matches
// (api/readings/{station}/{day?} answers /api/readings/{station} too, with day null):
// the same operation without those path parameters, under the path's own operationId.
// A shorter path some page documents for the method (documented: "METHOD path") is that
// page's.
func (in *inferrer) optionalRouteVariants(ops []*operation, documented map[string]bool) []*operation {
	var out []*operation
	for _, op := range ops {
		segs := routeSegments(op.path)
		id := op.id
		for k := len(op.optional) - 1; k >= 0; k-- {
			name := op.optional[k]
			segs = segs[:len(segs)-1]
			id = strings.TrimSuffix(id, "By"+pascal(name))
			short := "/" + strings.Join(segs, "/")
			if documented[op.method+" "+short] {
				break
			}
			documented[op.method+" "+short] = true
			v := *op
			v.path, v.optional = short, nil
			v.params = nil
			for _, p := range op.params {
				if !slices.Contains(op.optional[k:], get(p, "name").Value) || get(p, "in").Value != "path" {
					v.params = append(v.params, p)
				}
			}
			v.id = in.uniqueID(id)
			out = append(out, &v)
		}
	}
	return out
}

// extAspNetRoute is the path item's route template (spec.ExtensionAspNetRoute).
const extAspNetRoute = "x-aspnet-route"

// catchAllRoute returns the route template of an operation whose route ends in a
// catch-all ({*path}: the rest of the request's path, slashes and all), for the path
// item's x-aspnet-route; "" for any other route, and for the shorter path an
// optionalRouteVariants operation has.
func catchAllRoute(op *operation) string {
	route, _ := splitRoute(op.page.Route)
	segs := routeSegments(route)
	if len(segs) == 0 || !strings.HasPrefix(segs[len(segs)-1], "{*") || len(routeSegments(op.path)) != len(segs) {
		return ""
	}
	return strings.Join(segs, "/")
}

// complexSegment reads a segment that holds parameters among other text, as Web API's
// route parser allows ({year}-{month}, {name}.{format}, file{id}): it returns the
// segment with each parameter reduced to {name}, and the parameters' names and first
// constraints. A segment that is one parameter, or none, gives no names.
func complexSegment(seg string) (text string, names, constraints []string) {
	var b strings.Builder
	depth, start := 0, -1
	for i, r := range seg {
		switch {
		case r == '{':
			if depth == 0 {
				start = i
			}
			depth++
		case r == '}' && depth > 0:
			depth--
			if depth == 0 {
				name, cons := routeParameter(seg[start : i+1])
				names = append(names, name)
				constraints = append(constraints, cons)
				b.WriteString("{" + name + "}")
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if len(names) == 0 || (len(names) == 1 && strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") && b.Len() == len(names[0])+2) {
		return seg, nil, nil
	}
	return b.String(), names, constraints
}

// checkRoute refuses a route Web API's route parser refuses too, so that no page can
// show it: a parameter with no name ({}, {?}, {:int}) or unbalanced braces.
func checkRoute(route string) error {
	path, _ := splitRoute(route)
	if strings.Count(path, "{") != strings.Count(path, "}") {
		return errors.New("unbalanced braces")
	}
	for _, seg := range routeSegments(path) {
		_, names, _ := complexSegment(seg)
		if len(names) == 0 && strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name, _ := routeParameter(seg)
			names = []string{name}
		}
		for _, n := range names {
			if n == "" {
				return errors.New("a parameter with no name")
			}
		}
	}
	return nil
}
