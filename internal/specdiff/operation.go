package specdiff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// Compare classifies every change from old to new for JSON clients and for XML clients.
func Compare(old, new *spec.Spec) *Report {
	d := &differ{old: old, new: new}
	d.document()
	d.operations()
	return &Report{Old: old.Source, New: new.Source, Changes: merge(d.findings)}
}

type differ struct {
	old, new *spec.Spec
	findings []finding
	// skipXML is set when the serializer changed: every XML layout differs then, and one
	// change says so.
	skipXML bool
}

func (d *differ) add(f finding) { d.findings = append(d.findings, f) }

// document compares what holds for the whole document: the XML serializer.
func (d *differ) document() {
	o, n := d.old.XMLSerializer(), d.new.XMLSerializer()
	if o == n {
		return
	}
	d.skipXML = true
	usesXML := false
	for _, op := range d.old.Operations {
		if nop := d.match(op); nop != nil && sharesXML(op, nop) {
			usesXML = true
		}
	}
	msg := fmt.Sprintf("XML serializer changed from %s to %s: root and member namespaces, member order, collection names and nil members are written differently", o, n)
	if !usesXML {
		msg = fmt.Sprintf("XML serializer changed from %s to %s; no operation has XML bodies in both versions", o, n)
	}
	d.add(finding{kind: SerializerChanged, message: msg, xml: usesXML})
}

// sharesXML reports whether o and n both have an XML body somewhere.
func sharesXML(o, n *spec.Operation) bool {
	has := func(op *spec.Operation) bool {
		for mt := range op.Request {
			if audienceOf(mt) == xmlClients {
				return true
			}
		}
		for _, byType := range op.Responses {
			for mt := range byType {
				if audienceOf(mt) == xmlClients {
					return true
				}
			}
		}
		return false
	}
	return has(o) && has(n)
}

// routeKey identifies an operation as ASP.NET Web API routes it: the method and the path
// with its literal segments case-folded and its parameters unnamed.
func routeKey(op *spec.Operation) string {
	return op.Method + " " + pathKey(op.Path)
}

func pathKey(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = "{}"
		} else {
			segs[i] = strings.ToLower(s)
		}
	}
	return "/" + strings.Join(segs, "/")
}

// match returns the operation of new that answers op's route, or nil.
func (d *differ) match(op *spec.Operation) *spec.Operation {
	key := routeKey(op)
	for _, n := range d.new.Operations {
		if routeKey(n) == key {
			return n
		}
	}
	return nil
}

func (d *differ) operations() {
	matched := map[*spec.Operation]bool{}
	for _, o := range d.old.Operations {
		n := d.match(o)
		if n == nil {
			// The same operationId on another route or method: moved.
			if byID := d.new.Operation(o.ID); byID != nil && d.matchOld(byID) == nil {
				n = byID
				d.add(finding{operation: label(o), operationID: o.ID, kind: RouteChanged, json: true, xml: true,
					message: fmt.Sprintf("moved to %s: clients calling %s get 404 or 405", label(n), label(o))})
			}
		}
		if n == nil {
			kind, msg := OperationRemoved, "operation removed: clients calling it get 404"
			if d.pathHasMethods(o.Path) {
				kind, msg = MethodRemoved, fmt.Sprintf("method removed: clients calling it get 405 (the path still has %s)", strings.Join(d.methodsOf(o.Path), ", "))
			}
			d.add(finding{operation: label(o), operationID: o.ID, kind: kind, message: msg, json: true, xml: true})
			continue
		}
		matched[n] = true
		d.operation(o, n)
	}
	for _, n := range d.new.Operations {
		if !matched[n] {
			d.add(finding{operation: label(n), operationID: n.ID, kind: OperationAdded, message: "operation added"})
		}
	}
	slices.SortStableFunc(d.findings, func(a, b finding) int {
		// The document's changes first, then by operation; stable within one.
		if (a.operation == "") != (b.operation == "") {
			if a.operation == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(operationSortKey(a.operation), operationSortKey(b.operation))
	})
}

// operationSortKey orders "METHOD /path" by path, then method.
func operationSortKey(label string) string {
	method, path, _ := strings.Cut(label, " ")
	return strings.ToLower(path) + " " + method
}

// matchOld returns the operation of old that answers n's route, or nil.
func (d *differ) matchOld(n *spec.Operation) *spec.Operation {
	key := routeKey(n)
	for _, o := range d.old.Operations {
		if routeKey(o) == key {
			return o
		}
	}
	return nil
}

func (d *differ) methodsOf(path string) []string {
	var out []string
	for _, n := range d.new.Operations {
		if pathKey(n.Path) == pathKey(path) {
			out = append(out, n.Method)
		}
	}
	return out
}

func (d *differ) pathHasMethods(path string) bool { return len(d.methodsOf(path)) > 0 }

func label(op *spec.Operation) string { return op.Method + " " + op.Path }

// opDiffer compares one operation of old with its counterpart in new.
type opDiffer struct {
	*differ
	o, n *spec.Operation
}

func (d *opDiffer) add(f finding) {
	f.operation, f.operationID = label(d.o), d.n.ID
	d.differ.add(f)
}

func (d *differ) operation(o, n *spec.Operation) {
	od := &opDiffer{differ: d, o: o, n: n}
	if o.ID != n.ID {
		od.add(finding{kind: OperationIDChanged, message: fmt.Sprintf("operationId changed from %s to %s (fixtures and example names follow it; clients do not see it)", o.ID, n.ID)})
	}
	if o.Path != n.Path && routeKey(o) == routeKey(n) {
		od.add(finding{kind: RouteSpelling, message: fmt.Sprintf("path spelled %s instead of %s: Web API matches routes case-insensitively", n.Path, o.Path)})
	}
	if os, ns := optionalSegments(d.old, o), optionalSegments(d.new, n); ns < os {
		od.add(finding{kind: RouteSegments, json: true, xml: true,
			message: fmt.Sprintf("the route takes %d optional trailing segments instead of %d: requests with them get 404", ns, os)})
	} else if ns > os {
		od.add(finding{kind: RouteSegments, message: fmt.Sprintf("the route takes %d optional trailing segments instead of %d", ns, os)})
	}
	if o.Op.Summary != n.Op.Summary || o.Op.Description != n.Op.Description {
		od.add(finding{kind: DescriptionChanged, message: "summary or description changed"})
	}
	od.parameters()
	od.security()
	od.request()
	od.responses()
}

// optionalSegments counts the trailing segments op's x-aspnet-route adds to its path.
func optionalSegments(s *spec.Spec, op *spec.Operation) int {
	item := s.Doc.Paths.Value(op.Path)
	if item == nil {
		return 0
	}
	route, ok := item.Extensions[spec.ExtensionAspNetRoute].(string)
	if !ok {
		return 0
	}
	return max(0, len(strings.Split(strings.Trim(route, "/"), "/"))-len(strings.Split(strings.Trim(op.Path, "/"), "/")))
}

func (d *opDiffer) parameters() {
	// The effective parameters: the path item's, which the operation's override by
	// location and name (OpenAPI 3.0, "Path Item Object").
	params := func(s *spec.Spec, op *spec.Operation) map[string]*openapi3.Parameter {
		out := map[string]*openapi3.Parameter{}
		var all openapi3.Parameters
		if item := s.Doc.Paths.Value(op.Path); item != nil {
			all = append(all, item.Parameters...)
		}
		for _, p := range append(all, op.Op.Parameters...) {
			if p != nil && p.Value != nil {
				key := p.Value.In + " " + p.Value.Name
				if p.Value.In != openapi3.ParameterInHeader && p.Value.In != openapi3.ParameterInPath {
					// Web API binds query parameters case-insensitively.
					key = strings.ToLower(key)
				}
				out[key] = p.Value
			}
		}
		return out
	}
	op, np := params(d.old, d.o), params(d.new, d.n)
	for _, key := range slices.Sorted(maps.Keys(op)) {
		p := op[key]
		q, ok := np[key]
		switch {
		case !ok && p.In == openapi3.ParameterInPath:
			// A path parameter renamed with its segment; routing does not see names.
		case !ok:
			d.add(finding{kind: ParameterRemoved, message: fmt.Sprintf("%s parameter %s removed: the service ignores it", p.In, p.Name)})
		case !p.Required && q.Required:
			d.add(finding{kind: ParameterRequired, json: true, xml: true, message: fmt.Sprintf("%s parameter %s became required", p.In, p.Name)})
			d.parameterSchema(p, q)
		default:
			d.parameterSchema(p, q)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(np)) {
		q := np[key]
		if _, ok := op[key]; ok || q.In == openapi3.ParameterInPath {
			continue
		}
		if q.Required {
			d.add(finding{kind: ParameterAdded, json: true, xml: true, message: fmt.Sprintf("required %s parameter %s added: clients do not send it", q.In, q.Name)})
		} else {
			d.add(finding{kind: ParameterAdded, message: fmt.Sprintf("optional %s parameter %s added", q.In, q.Name)})
		}
	}
}

// parameterSchema compares the schemas of a parameter, which every client sends alike.
func (d *opDiffer) parameterSchema(p, q *openapi3.Parameter) {
	if p.Schema == nil || q.Schema == nil {
		return
	}
	ot, err1 := model.NewCompiler().Compile(p.Schema)
	nt, err2 := model.NewCompiler().Compile(q.Schema)
	if err1 != nil || err2 != nil {
		return
	}
	c := &comparer{
		request: true,
		seen:    map[[2]*model.Type]bool{},
		emit: func(path string, kind Kind, msg string, breaking bool) {
			d.add(finding{direction: "request", path: path, kind: kind, message: msg, json: breaking, xml: breaking})
		},
	}
	c.compare(ot, nt, p.In+" parameter "+p.Name, false)
}

func (d *opDiffer) request() {
	o, n := d.o, d.n
	const dir = "request"
	switch {
	case o.Request == nil && n.Request == nil:
		return
	case o.Request == nil:
		if n.BodyRequired {
			d.add(finding{direction: dir, kind: RequestBodyAdded, json: true, xml: true, message: "required request body added: clients send none"})
		} else {
			d.add(finding{direction: dir, kind: RequestBodyAdded, message: "optional request body added"})
		}
		return
	case n.Request == nil:
		d.add(finding{direction: dir, kind: RequestBodyRemoved, message: "request body removed: the service ignores it"})
		return
	}
	if !o.BodyRequired && n.BodyRequired {
		d.add(finding{direction: dir, kind: RequestBodyRequired, json: true, xml: true, message: "request body became required"})
	} else if o.BodyRequired && !n.BodyRequired {
		d.add(finding{direction: dir, kind: RequestBodyOptional, message: "request body became optional"})
	}
	for _, mt := range slices.Sorted(maps.Keys(o.Request)) {
		nt, ok := n.Request[mt]
		aud := audienceOf(mt)
		if !ok {
			d.add(finding{direction: dir, mediaType: mt, kind: MediaTypeRemoved, json: aud == jsonClients, xml: aud == xmlClients,
				message: "request media type removed: clients sending it get 415"})
			continue
		}
		d.layout(dir, 0, mt, o.Request[mt], nt)
	}
	for _, mt := range slices.Sorted(maps.Keys(n.Request)) {
		if _, ok := o.Request[mt]; !ok {
			d.add(finding{direction: dir, mediaType: mt, kind: MediaTypeAdded, message: "request media type added"})
		}
	}
}

func (d *opDiffer) responses() {
	o, n := d.o, d.n
	const dir = "response"
	if os, ns := o.SuccessStatus(), n.SuccessStatus(); os != ns {
		d.add(finding{direction: dir, kind: SuccessStatusChanged, json: true, xml: true,
			message: fmt.Sprintf("success status changed from %d to %d", os, ns)})
	}
	for _, status := range o.Statuses {
		nByType, ok := n.Responses[status]
		if !ok {
			if status != o.SuccessStatus() {
				d.add(finding{direction: dir, status: status, kind: StatusRemoved, message: "response no longer documented"})
			}
			continue
		}
		oByType := o.Responses[status]
		for _, mt := range slices.Sorted(maps.Keys(oByType)) {
			nt, ok := nByType[mt]
			aud := audienceOf(mt)
			if !ok {
				d.add(finding{direction: dir, status: status, mediaType: mt, kind: MediaTypeRemoved, json: aud == jsonClients, xml: aud == xmlClients,
					message: "response media type removed: clients asking for it get another"})
				continue
			}
			d.layout(dir, status, mt, oByType[mt], nt)
		}
		for _, mt := range slices.Sorted(maps.Keys(nByType)) {
			if _, ok := oByType[mt]; !ok {
				d.add(finding{direction: dir, status: status, mediaType: mt, kind: MediaTypeAdded, message: "response media type added"})
			}
		}
		or, nr := o.Op.Responses.Status(status), n.Op.Responses.Status(status)
		if or != nil && nr != nil && or.Value != nil && nr.Value != nil && derefString(or.Value.Description) != derefString(nr.Value.Description) {
			d.add(finding{direction: dir, status: status, kind: DescriptionChanged, message: "response description changed"})
		}
	}
	for _, status := range n.Statuses {
		if _, ok := o.Responses[status]; !ok && status != n.SuccessStatus() {
			d.add(finding{direction: dir, status: status, kind: StatusAdded, message: "response documented"})
		}
	}
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// layout compares the body layouts of one media type.
func (d *opDiffer) layout(dir string, status int, mt string, o, n *model.Type) {
	aud := audienceOf(mt)
	if aud == xmlClients && d.skipXML {
		return
	}
	c := &comparer{
		request: dir == "request",
		xml:     aud == xmlClients,
		ordered: d.new.XMLSerializer() == model.DataContract,
		seen:    map[[2]*model.Type]bool{},
		emit: func(path string, kind Kind, msg string, breaking bool) {
			d.add(finding{direction: dir, status: status, mediaType: mt, path: path, kind: kind, message: msg,
				json: breaking && aud == jsonClients, xml: breaking && aud == xmlClients})
		},
	}
	c.compare(o, n, rootPath(n), true)
}

// rootPath names a body in change paths: its class, or "body".
func rootPath(t *model.Type) string {
	if t.Kind == model.Object && t.Name != "" {
		return t.Name
	}
	return "body"
}

// security compares the operations' effective security requirements (their own, else
// the document's). A requirement where there was none, or one the old requirements did
// not offer, turns away clients that send no such credentials; one taken away breaks
// nobody.
func (d *opDiffer) security() {
	o, n := requirements(d.old, d.o), requirements(d.new, d.n)
	if slices.Equal(o, n) {
		return
	}
	switch {
	case len(n) == 0:
		d.add(finding{kind: SecurityChanged, message: "no credentials required any more (was " + strings.Join(o, " or ") + ")"})
	case len(o) == 0:
		d.add(finding{kind: SecurityChanged, json: true, xml: true,
			message: "credentials now required (" + strings.Join(n, " or ") + "): clients that send none get 401"})
	case !slices.ContainsFunc(n, func(r string) bool { return slices.Contains(o, r) }):
		d.add(finding{kind: SecurityChanged, json: true, xml: true,
			message: "credentials changed from " + strings.Join(o, " or ") + " to " + strings.Join(n, " or ") + ": clients send the old ones"})
	default:
		d.add(finding{kind: SecurityChanged,
			message: "credentials accepted changed from " + strings.Join(o, " or ") + " to " + strings.Join(n, " or ")})
	}
}

// requirements returns op's effective security requirements as sorted strings, each the
// sorted scheme names it combines ("apiKey+bearer"); nil when none is required, which an
// empty requirement ({}: anonymous allowed) also means.
func requirements(s *spec.Spec, op *spec.Operation) []string {
	reqs := s.Doc.Security
	if op.Op.Security != nil {
		reqs = *op.Op.Security
	}
	var out []string
	for _, r := range reqs {
		if len(r) == 0 {
			return nil // anonymous access is one of the alternatives
		}
		out = append(out, strings.Join(slices.Sorted(maps.Keys(r)), "+"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
