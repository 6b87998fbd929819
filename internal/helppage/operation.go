package helppage

import (
	"strings"
	"unicode"

	yaml "github.com/oasdiff/yaml3"
)

// operation is an API page's operation with its inferred types and parsed samples.
type operation struct {
	page                 *Page
	method, path, id     string
	params               []*yaml.Node
	reqType, respType    *typ
	reqGroups, respGroup []sampleGroup
	reqName, respName    string
}

// sampleGroup is a sample with its parsed value.
type sampleGroup struct {
	Sample
	json *jsonValue
	xml  *xmlElement
}

// parseSamples parses the available JSON and XML samples, warning about those that do
// not parse (they are then treated as not available).
func (in *inferrer) parseSamples(w where, samples []Sample) ([]sampleGroup, *jsonValue, *xmlElement) {
	var out []sampleGroup
	var jv *jsonValue
	var xe *xmlElement
	for _, s := range samples {
		g := sampleGroup{Sample: s}
		if s.Available && len(s.MediaTypes) > 0 {
			sw := w
			sw.line = s.Line
			switch mt := s.MediaTypes[0]; {
			case isJSONMediaType(mt):
				v, err := parseJSON(s.Text)
				if err != nil {
					in.warn(sw, "%s sample ignored: %v", mt, err)
					g.Available = false
				} else {
					g.json = v
					if jv == nil {
						jv = v
					}
				}
			case isXMLMediaType(mt):
				v, err := parseXML(s.Text)
				if err != nil {
					in.warn(sw, "%s sample ignored: %v", mt, err)
					g.Available = false
				} else {
					g.xml = v
					if xe == nil {
						xe = v
					}
				}
			}
		}
		out = append(out, g)
	}
	return out, jv, xe
}

// operation infers an API page's operation.
func (in *inferrer) operation(p *Page) *operation {
	w := where{source: p.Source, line: p.Line}
	op := &operation{page: p, method: strings.ToUpper(p.Method)}
	route, query, _ := strings.Cut(p.Route, "?")
	var segs, pathParams []string
	idParts := []string{strings.ToLower(op.method)}
	var byParts []string
	constraint := map[string]string{}
	for _, seg := range strings.Split(strings.Trim(route, "/"), "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name, cons, _ := strings.Cut(strings.Trim(seg, "{}*"), ":")
			name = strings.TrimSuffix(name, "?")
			constraint[name] = cons
			pathParams = append(pathParams, name)
			segs = append(segs, "{"+name+"}")
			byParts = append(byParts, "By", pascal(name))
			continue
		}
		segs = append(segs, seg)
		if !strings.EqualFold(seg, "api") {
			idParts = append(idParts, pascal(seg))
		}
	}
	op.path = "/" + strings.Join(segs, "/")
	op.id = strings.Join(append(idParts, byParts...), "")
	var queryParams []string
	for _, q := range strings.Split(query, "&") {
		if name, _, ok := strings.Cut(q, "="); ok && name != "" {
			queryParams = append(queryParams, name)
		}
	}
	byName := map[string]Parameter{}
	for _, prm := range p.URIParameters {
		byName[strings.ToLower(prm.Name)] = prm
	}
	addParam := func(name, loc string) {
		prm, ok := byName[strings.ToLower(name)]
		pw := w.at(name)
		if ok {
			pw.line = prm.Line
		} else {
			in.warn(pw, "%s parameter is not in the parameters table", loc)
		}
		var t *typ
		switch {
		case prm.Type != "":
			t = in.typeOf(pw, prm.Type, nil, nil, name)
		case constraint[name] == "int" || constraint[name] == "long":
			t = &typ{kind: kInt}
		case constraint[name] == "bool":
			t = &typ{kind: kBool}
		case constraint[name] == "guid":
			t = &typ{kind: kGUID}
		default:
			in.warn(pw, "the page gives no type for this %s parameter; string assumed", loc)
			t = &typ{kind: kString}
		}
		schema := typeSchema(t, false, false)
		if t.kind == kString {
			del(schema, "nullable")
		}
		required := loc == "path"
		for _, a := range prm.Annotations {
			if a == "Required" {
				required = true
			}
			if v, ok := strings.CutPrefix(a, "Default value is "); ok {
				set(schema, "default", scalarFor(t, v))
			}
		}
		n := mapping("name", name, "in", loc)
		if prm.Documentation != "" {
			set(n, "description", str(prm.Documentation))
		}
		if required {
			set(n, "required", toNode(true))
		}
		set(n, "schema", schema)
		op.params = append(op.params, n)
	}
	for _, name := range pathParams {
		addParam(name, "path")
	}
	for _, name := range queryParams {
		addParam(name, "query")
	}
	for _, prm := range p.URIParameters {
		name := prm.Name
		if !containsFold(pathParams, name) && !containsFold(queryParams, name) {
			addParam(name, "query")
		}
	}

	rw := w
	var jv *jsonValue
	var xe *xmlElement
	op.reqGroups, jv, xe = in.parseSamples(rw, p.RequestSamples)
	if p.Request != nil || p.BodyParameter != nil || len(p.RequestSamples) > 0 {
		text := ""
		rw.line = firstSampleLine(op.reqGroups, rw.line)
		if p.Request != nil {
			text = p.Request.Type
			rw.line = p.Request.Line
		}
		op.reqType = in.rootType(rw, text, jv, xe, op.id+"Request")
		op.reqName = exampleBase(op.reqType, op.id+"Request")
	}
	sw := w
	sw.resp = true
	op.respGroup, jv, xe = in.parseSamples(sw, p.ResponseSamples)
	if p.Response != nil || len(p.ResponseSamples) > 0 {
		text := ""
		sw.line = firstSampleLine(op.respGroup, sw.line)
		if p.Response != nil {
			text = p.Response.Type
			sw.line = p.Response.Line
		}
		op.respType = in.rootType(sw, text, jv, xe, op.id+"Response")
		op.respName = exampleBase(op.respType, op.id+"Response")
	}
	return op
}

// firstSampleLine is the line of the first available sample, where a page without tables
// shows its types; else line.
func firstSampleLine(groups []sampleGroup, line int) int {
	for _, g := range groups {
		if g.Available && g.Line > 0 {
			return g.Line
		}
	}
	return line
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// rootType infers a request or response body's type; the XML sample's root element names
// the class when no table does.
func (in *inferrer) rootType(w where, text string, jv *jsonValue, xe *xmlElement, fallback string) *typ {
	if text != "" {
		k, name, _ := parseTypeText(text)
		switch {
		case k == kClass && (in.models[name] == nil || len(in.models[name].Enum) == 0):
			if xe != nil && xe.name != name {
				in.warn(w, "the XML sample's root element %s differs from the type %s (a [DataContract(Name)]?)", xe.name, name)
			}
			return &typ{kind: kClass, class: in.classOf(w, name, true, true, jv, xe)}
		default:
			return in.typeOf(w, text, jv, xe, fallback)
		}
	}
	switch {
	case jv != nil && jv.kind == jsonArray, xe != nil && strings.HasPrefix(xe.name, "ArrayOf"):
		return in.arrayOf(w, "", jv, xe, fallback)
	case jv != nil && jv.kind == jsonObject, xe != nil && len(xe.children) > 0 && !isDateTimeOffsetXML(xe):
		name, named := fallback, false
		if xe != nil {
			name, named = xe.name, true
		} else {
			in.warn(w, "no XML sample names the body's class; named %s", fallback)
		}
		return &typ{kind: kClass, class: in.classOf(w, name, named, true, jv, xe)}
	}
	return in.typeOf(w, "", jv, xe, fallback)
}

func exampleBase(t *typ, fallback string) string {
	if t != nil && t.kind == kClass {
		return t.class.name
	}
	return fallback
}

// pascal upper-cases the first letter of each part of an identifier split at "_", "-"
// and ".": pfms_get_refresh_token → PfmsGetRefreshToken.
func pascal(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r == '_' || r == '-' || r == '.' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scalarFor writes a default value with the tag of its type.
func scalarFor(t *typ, v string) *yaml.Node {
	switch t.kind {
	case kInt:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
	case kNumber:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v}
	case kBool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strings.ToLower(v)}
	}
	return str(v)
}
