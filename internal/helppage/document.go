package helppage

import (
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// formURLEncoded is the media type of HTML form bodies, which bind by member name like
// JSON.
const formURLEncoded = "application/x-www-form-urlencoded"

// document builds the OpenAPI document of the operations.
func (in *inferrer) document(ops []*operation) *yaml.Node {
	paths := mapping()
	schemas := mapping()
	examples := mapping()
	e := &emitter{schemas: schemas, done: map[string]bool{}, in: in}
	for _, op := range ops {
		item := get(paths, op.path)
		if item == nil {
			item = mapping()
			set(paths, op.path, item)
		}
		o := mapping("operationId", op.id)
		if doc := op.page.Documentation; doc != "" {
			// A description over several paragraphs: the first is the summary.
			first, _, more := strings.Cut(doc, "\n")
			set(o, "summary", str(first))
			if more {
				set(o, "description", str(doc))
			}
		} else {
			// No documentation: the page's title names the operation.
			set(o, "summary", str(op.method+" "+op.page.Route))
		}
		if len(op.params) > 0 {
			set(o, "parameters", seq(op.params...))
		}
		if op.reqType != nil {
			rb := mapping()
			doc := ""
			switch {
			case op.page.BodyParameter != nil:
				doc = op.page.BodyParameter.Documentation
			case op.page.Request != nil:
				doc = op.page.Request.Documentation
			}
			if doc != "" {
				set(rb, "description", str(doc))
			}
			// ASP.NET Web API answers an empty body with 400 "The request body is required."
			set(rb, "required", toNode(true))
			set(rb, "content", in.content(op, op.reqType, op.reqGroups, op.reqName, examples))
			set(o, "requestBody", rb)
			e.emitType(op.reqType)
		}
		responses := mapping()
		if op.respType != nil {
			desc := "OK"
			if op.page.Response != nil && op.page.Response.Documentation != "" {
				desc = op.page.Response.Documentation
			}
			set(responses, "200", mapping("description", desc,
				"content", in.content(op, op.respType, op.respGroup, op.respName, examples)))
			e.emitType(op.respType)
		} else {
			set(responses, noBodyStatus(op), noBodyResponse(op))
		}
		set(o, "responses", responses)
		if route := catchAllRoute(op); route != "" {
			set(item, extAspNetRoute, str(route))
		}
		set(item, strings.ToLower(op.method), o)
	}
	components := mapping("schemas", schemas)
	if len(examples.Content) > 0 {
		set(components, "examples", examples)
	}
	return mapping(
		"openapi", "3.0.3",
		"info", mapping("title", "ASP.NET Web API (imported from its Help Pages)", "version", "1.0.0"),
		// What OpenAPI assumes when they are absent (the document's own host; no
		// security requirement: a Help Page says nothing of authentication), said so
		// that linters (Redocly's no-empty-servers, security-defined) accept the
		// document. The overlay states the real ones.
		"servers", seq(mapping("url", "/")),
		"security", seq(),
		"paths", paths,
		"components", components,
	)
}

// content lists each media type of the samples with the schema of its format and, when
// the page has a sample, a "docs" example.
func (in *inferrer) content(op *operation, t *typ, groups []sampleGroup, base string, examples *yaml.Node) *yaml.Node {
	c := mapping()
	w := where{source: op.page.Source, line: op.page.Line}
	for _, g := range groups {
		var exName string
		if g.Available {
			switch {
			case g.json != nil:
				exName = addExample(examples, base+"Json", mapping("summary", "Help Page sample (JSON)", "value", jsonNode(g.json)))
			case g.xml != nil:
				exName = addExample(examples, base+"Xml", mapping("summary", "Help Page sample (XML)", "value", compactXML(g.Text)))
			default:
				gw := w
				gw.line = g.Line
				in.warn(gw, "sample for %s not used (only JSON and XML samples become examples)", strings.Join(g.MediaTypes, ", "))
			}
		}
		for _, mt := range g.MediaTypes {
			xmlForm := isXMLMediaType(mt)
			if !xmlForm && !isJSONMediaType(mt) && mt != formURLEncoded {
				gw := w
				gw.line = g.Line
				in.warn(gw, "media type %s is neither JSON, XML nor a form; described with the JSON schema", mt)
			}
			m := mapping("schema", rootSchema(t, xmlForm))
			if exName != "" {
				set(m, "examples", mapping("docs", mapping("$ref", "#/components/examples/"+exName)))
			}
			set(c, mt, m)
		}
	}
	return c
}

func rootSchema(t *typ, xmlForm bool) *yaml.Node {
	if t.kind == kClass {
		return schemaRef(schemaName(t.class, xmlForm))
	}
	return typeSchema(t, xmlForm, false)
}

// addExample adds an example under name, or under name2, name3... when another example
// already has that name; an identical example is shared.
func addExample(examples *yaml.Node, name string, ex *yaml.Node) string {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = name + strconv.Itoa(i)
		}
		old := get(examples, n)
		if old == nil {
			set(examples, n, ex)
			return n
		}
		if nodesEqual(old, ex) {
			return n
		}
	}
}

func nodesEqual(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || a.Tag != b.Tag || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !nodesEqual(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// jsonNode converts a JSON sample to YAML, keeping member order.
func jsonNode(v *jsonValue) *yaml.Node {
	switch v.kind {
	case jsonObject:
		m := mapping()
		for _, k := range v.keys {
			set(m, k, jsonNode(v.fields[k]))
		}
		return m
	case jsonArray:
		s := seq()
		flow := true
		for _, it := range v.items {
			n := jsonNode(it)
			flow = flow && n.Kind == yaml.ScalarNode
			s.Content = append(s.Content, n)
		}
		if flow {
			s.Style = yaml.FlowStyle
		}
		return s
	case jsonString:
		return str(v.str)
	case jsonNumber:
		tag := "!!int"
		if strings.ContainsAny(v.num.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.num.String()}
	case jsonBool:
		return toNode(v.b)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
}
