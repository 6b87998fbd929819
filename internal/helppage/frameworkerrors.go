package helppage

import (
	"slices"
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"

	"github.com/helpmock/helpmock/internal/jsonnet"
)

// Web API answers some requests itself, before or instead of the action, with its own
// HttpError body: no Help Page documents these answers, but every service has them, and a
// contract that leaves them out fails every implementation on its first probe. So each
// imported operation documents them (see frameworkErrors), in the JSON and XML media
// types its page lists:
//
//   - 400 when it has a body or parameters: a body that does not bind (ModelState keyed
//     `model` or `model.<member>`), or a URI parameter that does not convert to its type
//     (Message alone; MessageDetail names the parameter when error detail is on);
//   - 404 (no route, or a required URI parameter missing: Web API selects an action only
//     when every parameter without a default value is in the route or the query string);
//   - 405 with Allow;
//   - 413 when it has a body: a body larger than the host accepts (the mock answers it too);
//   - 415 when it has a body;
//   - 500, an unhandled exception.
//
// An overlay may say more (its keys are merged over these), and a status the page or the
// overlay already documents is left as it is.

// frameworkError is one of the framework's answers: its status, the name of its response
// component, its description and whether it documents Allow.
type frameworkError struct {
	status      int
	name, desc  string
	allowHeader bool
	// applies tells whether an operation can get this answer.
	applies func(hasBody, hasParams bool) bool
}

var frameworkErrorList = []frameworkError{
	{status: 400, name: "BadRequest",
		desc: "The body could not be bound (malformed, empty, of the wrong shape or namespace), with the errors in " +
			"`ModelState` by key (`model`, `model.<member>`); or a URI parameter does not convert to its type " +
			"(`Message` alone).",
		applies: func(body, params bool) bool { return body || params }},
	{status: 404, name: "NotFound",
		desc:    "No route matches the request URI, or a required URI parameter is missing.",
		applies: func(bool, bool) bool { return true }},
	{status: 405, name: "MethodNotAllowed", allowHeader: true,
		desc:    "The route exists but not for this method; `Allow` lists the methods it has.",
		applies: func(bool, bool) bool { return true }},
	{status: 413, name: "PayloadTooLarge",
		desc:    "The body is larger than the host accepts (the mock's -max-body; a self-hosted service's MaxReceivedMessageSize).",
		applies: func(body, _ bool) bool { return body }},
	{status: 415, name: "UnsupportedMediaType",
		desc:    "No formatter reads the request's Content-Type.",
		applies: func(body, _ bool) bool { return body }},
	{status: 500, name: "InternalServerError",
		desc:    "An unhandled exception.",
		applies: func(bool, bool) bool { return true }},
}

// defaultErrorMediaTypes are the media types of Web API's default JSON and XML formatters,
// which write HttpError when no page lists any.
var defaultErrorMediaTypes = []string{"application/json", "text/json", "application/xml", "text/xml"}

// addFrameworkErrors documents the framework's own error answers (see frameworkErrorList)
// in every operation of doc, with the shared HttpError schemas and one response component
// per answer and set of media types.
// With camel set (x-dotnet-json-naming: camelCase) the JSON schema names HttpError's
// members camelCase, as the service's resolver writes them.
func addFrameworkErrors(doc *yaml.Node, ops []*operation, camel bool) {
	components := get(doc, "components")
	schemas := get(components, "schemas")
	paths := get(doc, "paths")
	if components == nil || schemas == nil || paths == nil {
		return
	}
	jsonName := addComponent(schemas, "HttpError", httpErrorSchema(false, camel))
	xmlName := addComponent(schemas, "HttpErrorXml", httpErrorSchema(true, false))
	responses := get(components, "responses")
	if responses == nil {
		responses = mapping()
		set(components, "responses", responses)
	}
	site := errorMediaTypes(ops...)
	if len(site) == 0 {
		site = defaultErrorMediaTypes
	}
	for _, op := range ops {
		o := get(get(paths, op.path), strings.ToLower(op.method))
		if o == nil {
			continue
		}
		mts := errorMediaTypes(op)
		if len(mts) == 0 {
			// A page without JSON or XML samples (a void action, a file download): the
			// service's formatters are the ones its other pages list.
			mts = site
		}
		resps := get(o, "responses")
		hasBody, hasParams := get(o, "requestBody") != nil, len(op.params) > 0
		for _, fe := range frameworkErrorList {
			code := strconv.Itoa(fe.status)
			if !fe.applies(hasBody, hasParams) || get(resps, code) != nil {
				continue
			}
			content := mapping()
			for _, mt := range mts {
				name := jsonName
				if isXMLMediaType(strings.ToLower(mt)) {
					name = xmlName
				}
				set(content, mt, mapping("schema", schemaRef(name)))
			}
			r := mapping("description", fe.desc)
			if fe.allowHeader {
				set(r, "headers", mapping("Allow", mapping("description", "The methods the resource supports.",
					"schema", mapping("type", "string"))))
			}
			set(r, "content", content)
			name := addComponent(responses, fe.name, r)
			set(resps, code, mapping("$ref", "#/components/responses/"+name))
		}
		sortStatuses(resps)
	}
}

// errorMediaTypes lists the JSON and XML media types the operations' pages list, request
// and response samples alike, in page order: the formatters that write HttpError.
func errorMediaTypes(ops ...*operation) []string {
	var out []string
	add := func(groups []sampleGroup) {
		for _, g := range groups {
			for _, mt := range g.MediaTypes {
				lower := strings.ToLower(mt)
				if (isJSONMediaType(lower) || isXMLMediaType(lower)) && !slices.Contains(out, mt) {
					out = append(out, mt)
				}
			}
		}
	}
	for _, op := range ops {
		add(op.respGroup)
		add(op.reqGroups)
	}
	return out
}

// addComponent adds node to the name map m under name, or under name2, name3... when
// another node already has that name; an identical node is shared. It returns the name.
func addComponent(m *yaml.Node, name string, node *yaml.Node) string {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = name + strconv.Itoa(i)
		}
		old := get(m, n)
		if old == nil {
			set(m, n, node)
			return n
		}
		if nodesEqual(old, node) {
			return n
		}
	}
}

// sortStatuses orders a responses map by status code, as a person writes it.
func sortStatuses(m *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	type pair struct{ k, v *yaml.Node }
	var pairs []pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, pair{m.Content[i], m.Content[i+1]})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.k.Value, b.k.Value) })
	m.Content = m.Content[:0]
	for _, p := range pairs {
		m.Content = append(m.Content, p.k, p.v)
	}
}

// httpErrorSchema is ASP.NET Web API's HttpError: a JSON object, or an <Error> element
// in no namespace whose ModelState holds one element per key.
// With camel, the JSON form's members are camelCase (message, modelState): Json.NET's
// CamelCasePropertyNamesContractResolver camel-cases a dictionary's keys, and HttpError is
// a Dictionary<string, object>.
func httpErrorSchema(xmlForm, camel bool) *yaml.Node {
	desc := "ASP.NET Web API's `HttpError`, the body of every error the framework answers. In JSON an\n" +
		"object; in XML an `<Error>` element in no namespace, `ModelState` holding one element\nper key.\n"
	modelState := mapping("type", "object", "description", "Model-binding errors by key (`model`, or `model.<member>`).",
		"additionalProperties", mapping("type", "array", "items", mapping("type", "string")))
	if xmlForm {
		desc = "`HttpError` in XML: `<Error>` in no namespace; `ModelState` has one element per key,\n" +
			"named by the key, holding its message.\n"
		modelState = mapping("type", "object", "description", "Model-binding errors, one element per key.",
			"additionalProperties", mapping("type", "string"))
	}
	name := func(s string) string { return s }
	if camel {
		name = jsonnet.CamelCase
		desc = "ASP.NET Web API's `HttpError`, the body of every error the framework answers, as the\n" +
			"service's CamelCasePropertyNamesContractResolver writes it: `message`, `modelState` (its\n" +
			"keys camel-cased too).\n"
	}
	return mapping(
		"type", "object",
		"description", desc,
		"xml", mapping("name", "Error"),
		"required", []string{name("Message")},
		"properties", mapping(
			name("Message"), mapping("type", "string", "description", "What went wrong."),
			name("MessageDetail"), mapping("type", "string", "description", "More detail (a 404, or a URI parameter's 400), when error detail is on."),
			name("ModelState"), modelState,
			name("ExceptionMessage"), mapping("type", "string", "description", "The exception's message, when error detail is on."),
			name("ExceptionType"), mapping("type", "string", "description", "The exception's type, when error detail is on."),
			name("StackTrace"), mapping("type", "string", "nullable", true, "description", "The stack trace, when error detail is on."),
		),
	)
}
