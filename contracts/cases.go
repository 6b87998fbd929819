package contracts

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// acceptHeaders are the Accept headers every request media type is sent with: none, then
// each of the four media types Web API's default formatters write.
var acceptHeaders = []string{"", spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML}

// wrongNamespace is the data contract namespace of the wrong-namespace probe.
const wrongNamespace = "http://schemas.datacontract.org/2004/07/Helpmock.WrongNamespace"

// unknownRouteSuffix is appended to an operation's path for the unknown-route probe; the
// two extra segments get past Web API's convention route api/{controller}/{action}/{id}.
const unknownRouteSuffix = "/helpmock/unknown-route"

// testCase is one request and what a faithful implementation answers to it.
type testCase struct {
	doc    *openapi3.T
	op     *spec.Operation
	name   string
	method string
	// path is the escaped request path, parameters filled in; query the query string.
	path, query string
	header      http.Header
	body        []byte
	// wantStatus is the status a faithful implementation answers with.
	wantStatus int
	// requestMediaType and accept are the media types sent ("" when absent).
	requestMediaType, accept string
	// matrix marks the request media type × Accept cases, which the parity check pairs.
	matrix bool
	// wantModelState marks the probes whose 400 Web API answers with the binding errors
	// in ModelState.
	wantModelState bool
	// pair is the named example pair whose request example the case sends, nil for the
	// docs example and the probes.
	pair *examplePair
}

func (c *testCase) fullName() string { return c.op.ID + ": " + c.name }

// buildCases returns the cases of the operations selected by opts, in a stable order.
func buildCases(opts *Options) ([]*testCase, error) {
	var ops []*spec.Operation
	for _, id := range opts.Only {
		if opts.compiled.Operation(id) == nil {
			var known []string
			for _, o := range opts.compiled.Operations {
				known = append(known, o.ID)
			}
			return nil, fmt.Errorf("select operation %q: not in %s (operations: %s)", id, opts.compiled.Source, strings.Join(known, ", "))
		}
	}
	for _, o := range opts.compiled.Operations {
		if len(opts.Only) == 0 || slices.Contains(opts.Only, o.ID) {
			ops = append(ops, o)
		}
	}
	if err := checkSet(opts.compiled.Doc, ops, opts.Set); err != nil {
		return nil, err
	}
	var cases []*testCase
	for _, o := range ops {
		cs, err := operationCases(opts.compiled, o, opts.Set)
		if err != nil {
			return nil, err
		}
		cases = append(cases, cs...)
	}
	for _, c := range cases {
		c.doc = opts.compiled.Doc
	}
	return cases, nil
}

// checkSet rejects a -set name that is neither a request member nor a path or query
// parameter of the selected operations.
func checkSet(doc *openapi3.T, ops []*spec.Operation, set map[string]string) error {
	for name := range set {
		found := false
		var names []string
		for _, o := range ops {
			for _, t := range o.Request {
				if t.Kind == model.Object {
					if t.MemberFold(name) != nil {
						found = true
					}
					names = append(names, t.MemberNames()...)
				}
			}
			for _, p := range operationParams(doc, o, nil) {
				if strings.EqualFold(p.name, name) {
					found = true
				}
				names = append(names, p.name)
			}
		}
		if !found {
			slices.Sort(names)
			return fmt.Errorf("set %s: no request of the selected operations has that member or parameter (members and parameters: %s)",
				name, strings.Join(slices.Compact(names), ", "))
		}
	}
	return nil
}

func operationCases(sp *spec.Spec, o *spec.Operation, set map[string]string) ([]*testCase, error) {
	doc := sp.Doc
	var cases []*testCase
	header := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				h.Set(kv[i], kv[i+1])
			}
		}
		return h
	}
	// Every case sends the operation's path and query parameters with valid values: the
	// probes then fail for the reason they test, and not because {id} is not a Guid or a
	// required query value is missing (Web API selects no action then: 404).
	path, query := fillPath(o.Path, operationParams(doc, o, set))
	success := o.SuccessStatus()
	if len(o.RequestMediaTypes) == 0 {
		for _, accept := range acceptHeaders {
			cases = append(cases, &testCase{op: o, name: "Accept: " + orNone(accept), method: o.Method, path: path, query: query,
				header: header("Accept", accept), wantStatus: success, accept: accept, matrix: true})
		}
	}
	value := requestValue(o, set)
	bodies := map[string][]byte{}
	for _, mt := range o.RequestMediaTypes {
		if mt == spec.FormURLEncoded && !formBindable(o.Request[mt]) {
			// Web API binds a form to a class by member name; a collection or a primitive
			// body in a form (jQuery's a[0][b]=) is not checked.
			continue
		}
		if !spec.IsJSON(mt) && !spec.IsXML(mt) && mt != spec.FormURLEncoded {
			// A custom formatter's media type (application/octet-stream, text/html): the
			// page shows no sample of it, so there is no body of its format to send.
			continue
		}
		body, err := encodeRequest(o, mt, spec.DocsExample, value)
		if err != nil {
			return nil, fmt.Errorf("operation %s: build %s request body: %w", o.ID, mt, err)
		}
		bodies[mt] = body
		for _, accept := range acceptHeaders {
			cases = append(cases, &testCase{op: o, name: mt + ", Accept: " + orNone(accept), method: o.Method,
				path: path, query: query, header: header("Content-Type", mt, "Accept", accept), body: body,
				wantStatus: success, requestMediaType: mt, accept: accept, matrix: true})
		}
	}
	// Each named request example, in every request media type and with every Accept,
	// expects the response example of the same name: its status, members and nulls.
	for _, p := range examplePairs(o) {
		pv := pairValue(o, p.name, set)
		for _, mt := range o.RequestMediaTypes {
			if pairSkipped(o, p.name, mt, pv) != "" {
				continue
			}
			body, err := encodeRequest(o, mt, p.name, pv)
			if err != nil {
				return nil, fmt.Errorf("operation %s: build %s request body of example %s: %w", o.ID, mt, p.name, err)
			}
			for _, accept := range acceptHeaders {
				cases = append(cases, &testCase{op: o, name: "example " + p.name + ", " + mt + ", Accept: " + orNone(accept),
					method: o.Method, path: path, query: query, header: header("Content-Type", mt, "Accept", accept), body: body,
					wantStatus: p.status, requestMediaType: mt, accept: accept, pair: p})
			}
		}
	}
	probe := func(name, method, path, contentType string, body []byte, want int) *testCase {
		c := &testCase{op: o, name: name, method: method, path: path, query: query,
			header: header("Content-Type", contentType), body: body, wantStatus: want, requestMediaType: contentType}
		cases = append(cases, c)
		return c
	}
	// A body that does not bind: Web API's formatter logs the errors in ModelState, and
	// the action answers them (BadRequest(ModelState)).
	bindProbe := func(name, contentType string, body []byte) {
		probe(name, o.Method, path, contentType, body, http.StatusBadRequest).wantModelState = true
	}
	if jsonMT := firstOf(o.RequestMediaTypes, spec.IsJSON); jsonMT != "" {
		first := "Value"
		if t := o.Request[jsonMT]; len(t.Members) > 0 {
			first = t.Members[0].Name
		}
		bindProbe("malformed JSON", jsonMT, []byte(`{"`+first+`":`))
		bindProbe("JSON null", jsonMT, []byte("null"))
		bindProbe("empty body", jsonMT, []byte{})
	}
	if xmlMT := firstOf(o.RequestMediaTypes, spec.IsXML); xmlMT != "" {
		xmlType := o.Request[xmlMT]
		bindProbe("malformed XML", xmlMT, []byte(`<`+xmlType.Name+` xmlns="`+xmlType.Namespace+`"><`))
		if body := bodies[xmlMT]; body != nil {
			bindProbe("XML in the wrong namespace", xmlMT, inWrongNamespace(body, xmlType))
		}
	}
	if len(o.RequestMediaTypes) > 0 {
		probe("unsupported Content-Type text/plain", o.Method, path, "text/plain", []byte("helpmock"), http.StatusUnsupportedMediaType)
	}
	if wrongMethod := methodNotOn(sp, path); wrongMethod != "" {
		probe("wrong method "+wrongMethod, wrongMethod, path, "", nil, http.StatusMethodNotAllowed)
	}
	var body []byte
	ct := ""
	if jsonMT := firstOf(o.RequestMediaTypes, spec.IsJSON); jsonMT != "" {
		body, ct = bodies[jsonMT], jsonMT
	}
	if unknown := strings.TrimSuffix(path, "/") + unknownRouteSuffix; !routeExists(sp, o.Method, unknown) {
		// A catch-all ({*path}) takes any longer path: there is no unknown route below it.
		probe("unknown route", o.Method, unknown, ct, body, http.StatusNotFound)
	}
	return cases, nil
}

// methodNotOn returns a method that no operation has on the (escaped) path, for the
// wrong-method probe: GET, else DELETE, PUT, POST, PATCH; "" when the path has them all.
// Sent with the operation's parameters, it gets 405 from Web API, whose action selector
// finds the operation's action when it ignores the verb.
func methodNotOn(sp *spec.Spec, path string) string {
	p, err := url.PathUnescape(path)
	if err != nil {
		return ""
	}
	for _, m := range []string{http.MethodGet, http.MethodDelete, http.MethodPut, http.MethodPost, http.MethodPatch} {
		var mna *spec.MethodNotAllowedError
		if _, _, err := sp.Match(m, p); errors.As(err, &mna) {
			return m
		}
	}
	return ""
}

// routeExists reports whether the spec routes the (escaped) path to an operation for
// some method.
func routeExists(sp *spec.Spec, method, path string) bool {
	p, err := url.PathUnescape(path)
	if err != nil {
		return false
	}
	_, _, err = sp.Match(method, p)
	return !errors.Is(err, spec.ErrNotFound)
}

// firstOf returns the first media type of mts that is, or "".
func firstOf(mts []string, is func(string) bool) string {
	for _, mt := range mts {
		if is(mt) {
			return mt
		}
	}
	return ""
}

// formBindable reports whether a form body can carry t: a class, bound member by member.
func formBindable(t *model.Type) bool {
	return t != nil && t.Kind == model.Object
}
