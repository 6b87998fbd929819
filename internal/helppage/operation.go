package helppage

import (
	"slices"
	"strconv"
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
	// noBody tells that the page documents a result but no body for it; result is
	// the action's declared result type when the page names it (IHttpActionResult,
	// HttpResponseMessage).
	noBody bool
	result string
	// optional names the path parameters at the route's end that the template marks
	// optional ({day?}, {id:int?}), in route order (route.go).
	optional []string
}

// sampleGroup is a sample with its parsed value.
type sampleGroup struct {
	Sample
	json *jsonValue
	xml  *xmlElement
	// failed is the template's message when the sample generator failed.
	failed string
}

// parseSamples parses the available JSON and XML samples, warning about those that do
// not parse (they are then treated as not available).
func (in *inferrer) parseSamples(w where, samples []Sample) ([]sampleGroup, *jsonValue, *xmlElement) {
	var out []sampleGroup
	var jv *jsonValue
	var xe *xmlElement
	for _, s := range samples {
		g := sampleGroup{Sample: s}
		if t := strings.TrimSpace(s.Text); strings.HasPrefix(t, failedSample) || strings.HasPrefix(t, formatterException) {
			// The sample generator could not write the type in that format (no
			// parameterless constructor, an interface member, a formatter that refuses).
			g.Available = false
			g.failed = firstLine(t)
		}
		for _, mt := range s.MediaTypes {
			in.xmlListed = in.xmlListed || isXMLMediaType(strings.ToLower(mt))
		}
		if g.Available && len(s.MediaTypes) > 0 {
			sw := w
			sw.line = s.Line
			switch mt := s.MediaTypes[0]; {
			case isJSONMediaType(mt):
				v, err := parseJSON(s.Text)
				if err != nil {
					in.warnAt(sw, append(slices.Clone(w.key), mt, "examples", "docs"), "%s sample ignored: %v", mt, err)
					g.Available = false
				} else {
					g.json = v
					if jv == nil {
						jv = v
					}
				}
			case isXMLMediaType(mt):
				in.xmlListed = true
				v, err := parseXML(s.Text)
				if err != nil {
					in.warnAt(sw, append(slices.Clone(w.key), mt, "examples", "docs"), "%s sample ignored: %v", mt, err)
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
	w := where{source: p.Source, line: p.Line, page: p}
	op := &operation{page: p, method: strings.ToUpper(p.Method)}
	route, query := splitRoute(p.Route)
	var segs, pathParams []string
	idParts := []string{strings.ToLower(op.method)}
	var byParts []string
	constraint := map[string]string{}
	for _, seg := range routeSegments(route) {
		if text, names, cons := complexSegment(seg); len(names) > 0 {
			// {year}-{month}, {name}.{format}: parameters within one segment.
			for i, name := range names {
				constraint[name] = cons[i]
				pathParams = append(pathParams, name)
				byParts = append(byParts, "By", pascal(name))
			}
			segs = append(segs, text)
			op.optional = nil
			continue
		}
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name, cons := routeParameter(seg)
			constraint[name] = cons
			if optionalSegment(seg) {
				op.optional = append(op.optional, name)
			} else {
				op.optional = nil // only a run at the route's end may be left out
			}
			pathParams = append(pathParams, name)
			segs = append(segs, "{"+name+"}")
			byParts = append(byParts, "By", pascal(name))
			continue
		}
		segs = append(segs, seg)
		op.optional = nil
		if !strings.EqualFold(seg, "api") {
			idParts = append(idParts, pascal(seg))
		}
	}
	op.path = "/" + strings.Join(segs, "/")
	op.id = in.uniqueID(strings.Join(append(idParts, byParts...), ""))
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
	paramsKey := []string{"paths", op.path, strings.ToLower(op.method), "parameters"}
	addParam := func(name, loc string) {
		prm, ok := byName[strings.ToLower(name)]
		pw := w.at(name)
		pw.key = paramsKey
		if ok {
			pw.line = prm.Line
		} else {
			in.warnKey(pw, "", "%s parameter is not in the parameters table", loc)
		}
		var t *typ
		switch {
		case prm.Type != "" && isTypeText(cleanTypeText(prm.Type)):
			t = in.typeOf(pw, prm.Type, nil, nil, name)
		case constraintType(constraint[name]) != nil:
			t = constraintType(constraint[name])
		default:
			in.warnKey(pw, "", "the page gives no type for this %s parameter; string assumed", loc)
			t = &typ{kind: kString}
		}
		schema := typeSchema(t, false, false)
		if t.kind == kString {
			del(schema, "nullable")
		}
		annotations := prm.Annotations
		if t := cleanTypeText(prm.Type); isAnnotation(t) {
			// A cell run into the type column: it is an annotation all the same.
			annotations = append(slices.Clone(annotations), t)
		}
		cons := in.parseAnnotations(pw, annotations)
		cons.apply(schema, t)
		required := loc == "path" || cons.required
		if cons.def != "" {
			set(schema, "default", scalarFor(t, cons.def))
		}
		if d := cons.description(prm.Documentation); d != prm.Documentation {
			prm.Documentation = d
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
	rw.key = []string{"paths", op.path, strings.ToLower(op.method), "requestBody", "content"}
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
		if strings.HasPrefix(strings.TrimSpace(text), "HttpRequestMessage") && jv == nil && xe == nil {
			// The action reads the raw request: the table is HttpRequestMessage's own
			// members, and nothing tells the body.
			in.warnKey(rw, "", "the action takes the HttpRequestMessage itself: the request body is not documented")
		} else {
			rw.key = nil
			op.reqType = in.rootType(rw, text, jv, xe, op.id+"Request")
			op.reqName = exampleBase(op.reqType, op.id+"Request")
		}
	}
	sw := w
	sw.resp = true
	sw.key = []string{"paths", op.path, strings.ToLower(op.method), "responses", "200", "content"}
	op.respGroup, jv, xe = in.parseSamples(sw, p.ResponseSamples)
	if p.Response != nil || len(p.ResponseSamples) > 0 {
		text := ""
		sw.line = firstSampleLine(op.respGroup, sw.line)
		if p.Response != nil {
			text = p.Response.Type
			sw.line = p.Response.Line
		}
		if r := actionResult(text); r != "" {
			// The page describes the action's declared type, not its body: a members
			// table there is HttpResponseMessage's own. Only a sample tells the body.
			text = ""
			if jv == nil && xe == nil {
				op.result, op.noBody = r, true
				in.warnKey(sw, "", "the action returns %s and the page shows no sample: the body is not documented; "+
					"the response is a 200 with no content", r)
				return op
			}
		}
		if p.Response == nil && jv == nil && xe == nil {
			// Response Formats but no type and no sample: the type link the template
			// writes before "None." for a type without members (an IHttpActionResult)
			// was lost. A void action shows no Response Formats at all.
			op.noBody = true
			in.warnKey(sw, "", "the page names no response type and shows no sample: the body is not documented; "+
				"the response is a 200 with no content")
			return op
		}
		sw.key = nil
		op.respType = in.rootType(sw, text, jv, xe, op.id+"Response")
		op.respName = exampleBase(op.respType, op.id+"Response")
		if jv == nil && xe == nil && len(op.respGroup) > 0 && len(op.respGroup[0].MediaTypes) > 0 {
			why := `"Sample not available."`
			for _, g := range op.respGroup {
				if g.failed != "" {
					why = strconv.Quote(g.failed)
					break
				}
			}
			in.warnAt(sw, []string{"paths", op.path, strings.ToLower(op.method), "responses", "200", "content", op.respGroup[0].MediaTypes[0], "examples", "docs"},
				"the page shows no sample of the response body (%s); there is no documented example to answer with", why)
		}
	}
	return op
}

// failedSample and formatterException start what the template shows (an InvalidSample)
// when no formatter writes the type in a media type, or when the formatter throws.
const (
	failedSample       = "Failed to generate the sample for media type"
	formatterException = "An exception has occurred while using the formatter"
)

// actionResult returns the result type a response type column names when it documents no
// body: IHttpActionResult or HttpResponseMessage, possibly run together with the next
// word ("IHttpActionResultNone."); else "".
func actionResult(text string) string {
	text = strings.TrimSpace(text)
	for _, r := range []string{"IHttpActionResult", "HttpResponseMessage", "Task<IHttpActionResult>", "Task<HttpResponseMessage>"} {
		if strings.HasPrefix(text, r) {
			return strings.TrimSuffix(strings.TrimPrefix(r, "Task<"), ">")
		}
	}
	return ""
}

// firstLine returns s's first line, trimmed.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
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
	text = cleanTypeText(text)
	if text != "" && !isTypeText(text) {
		in.warnAt(w, []string{OverlayImportKey, "rename", fallback}, "the type reads %q, which is no type; inferred from the samples", text)
		text = ""
	}
	if freeForm[text] {
		// Json.NET's JObject, dynamic, object: any JSON the action takes or gives.
		return &typ{kind: kObject}
	}
	if text != "" {
		k, name, _ := parseTypeText(text)
		switch {
		case k == kClass && (in.models[name] == nil || len(in.models[name].Enum) == 0):
			// A root element named otherwise than the type ([DataContract(Name = "color")]
			// on ColorViewModel, a generic's contract name) names the XML form: classOf
			// takes the data contract name from it.
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
			in.warnAt(w, []string{OverlayImportKey, "rename", fallback}, "no XML sample names the body's class; named %s", fallback)
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
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) || r > unicode.MaxASCII {
			// "_", "-", ".", and whatever a route may hold ("~", "%20") separate words.
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

// noBodyStatus is the status of an operation whose page documents no response body: 204
// for a void action ("None."), which is what Web API answers; 200 for an action that
// returns IHttpActionResult or HttpResponseMessage, whose status and body only its code
// decides.
func noBodyStatus(op *operation) string {
	if op.noBody {
		return "200"
	}
	return "204"
}

// noBodyResponse is that response: no content, and for an action result the
// x-aspnet-result extension naming the declared type, so that a reader (and the overlay
// that adds content) knows the body is undocumented rather than empty.
func noBodyResponse(op *operation) *yaml.Node {
	switch {
	case !op.noBody:
		// An action without a result: Web API answers 204.
		return mapping("description", "No Content")
	case op.result == "":
		return mapping("description", "OK (the Help Page documents no body)")
	}
	return mapping("description", "OK (the Help Page documents no body: the action returns "+op.result+")",
		extResult, op.result)
}

// extResult names the action's declared result type on a response the page documents no
// body for.
const extResult = "x-aspnet-result"

// uniqueID returns id, or id2, id3... when another operation has it already (GET api/x
// and GET api/x?id={id} both read getX).
func (in *inferrer) uniqueID(id string) string {
	if in.ids == nil {
		in.ids = map[string]bool{}
	}
	for i := 1; ; i++ {
		n := id
		if i > 1 {
			n += strconv.Itoa(i)
		}
		if !in.ids[n] {
			in.ids[n] = true
			return n
		}
	}
}

// freeForm are the body types that hold any JSON object: Json.NET's JObject and JToken,
// dynamic and object (the Help Page describes JObject by its own members).
var freeForm = map[string]bool{"JObject": true, "JToken": true, "Object": true, "object": true,
	"dynamic": true, "ExpandoObject": true}
