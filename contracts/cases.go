package contracts

import (
	"errors"
	"fmt"
	"net/http"
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
	path   string
	header http.Header
	body   []byte
	// wantStatus is the status a faithful implementation answers with.
	wantStatus int
	// requestMediaType and accept are the media types sent ("" when absent).
	requestMediaType, accept string
	// matrix marks the request media type × Accept cases, which the parity check pairs.
	matrix bool
}

func (c *testCase) fullName() string { return c.op.ID + ": " + c.name }

// buildCases returns the cases of the operations selected by opts, in a stable order.
func buildCases(opts *Options) ([]*testCase, error) {
	var ops []*spec.Operation
	for _, id := range opts.Only {
		if opts.Spec.Operation(id) == nil {
			var known []string
			for _, o := range opts.Spec.Operations {
				known = append(known, o.ID)
			}
			return nil, fmt.Errorf("select operation %q: not in %s (operations: %s)", id, opts.Spec.Source, strings.Join(known, ", "))
		}
	}
	for _, o := range opts.Spec.Operations {
		if len(opts.Only) == 0 || slices.Contains(opts.Only, o.ID) {
			ops = append(ops, o)
		}
	}
	if err := checkSet(ops, opts.Set); err != nil {
		return nil, err
	}
	var cases []*testCase
	for _, o := range ops {
		cs, err := operationCases(opts.Spec, o, opts.Set)
		if err != nil {
			return nil, err
		}
		cases = append(cases, cs...)
	}
	for _, c := range cases {
		c.doc = opts.Spec.Doc
	}
	return cases, nil
}

// checkSet rejects a -set member no selected operation's request has.
func checkSet(ops []*spec.Operation, set map[string]string) error {
	for name := range set {
		found := false
		var members []string
		for _, o := range ops {
			for _, t := range o.Request {
				if t.Kind == model.Object {
					if t.MemberFold(name) != nil {
						found = true
					}
					members = append(members, t.MemberNames()...)
				}
			}
		}
		if !found {
			slices.Sort(members)
			return fmt.Errorf("set %s: no request of the selected operations has that member (members: %s)",
				name, strings.Join(slices.Compact(members), ", "))
		}
	}
	return nil
}

func operationCases(s *spec.Spec, o *spec.Operation, set map[string]string) ([]*testCase, error) {
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
	success := o.SuccessStatus()
	if len(o.RequestMediaTypes) == 0 {
		for _, accept := range acceptHeaders {
			cases = append(cases, &testCase{op: o, name: "Accept: " + orNone(accept), method: o.Method, path: o.Path,
				header: header("Accept", accept), wantStatus: success, accept: accept, matrix: true})
		}
	}
	value := requestValue(o, set)
	bodies := map[string][]byte{}
	for _, mt := range o.RequestMediaTypes {
		body, err := encodeRequest(o, mt, value)
		if err != nil {
			return nil, fmt.Errorf("operation %s: build %s request body: %w", o.ID, mt, err)
		}
		bodies[mt] = body
		for _, accept := range acceptHeaders {
			cases = append(cases, &testCase{op: o, name: mt + ", Accept: " + orNone(accept), method: o.Method,
				path: o.Path, header: header("Content-Type", mt, "Accept", accept), body: body,
				wantStatus: success, requestMediaType: mt, accept: accept, matrix: true})
		}
	}
	probe := func(name, method, path, contentType string, body []byte, want int) {
		cases = append(cases, &testCase{op: o, name: name, method: method, path: path,
			header: header("Content-Type", contentType), body: body, wantStatus: want, requestMediaType: contentType})
	}
	if jsonType := o.Request[spec.ApplicationJSON]; jsonType != nil {
		first := "Value"
		if len(jsonType.Members) > 0 {
			first = jsonType.Members[0].Name
		}
		probe("malformed JSON", o.Method, o.Path, spec.ApplicationJSON, []byte(`{"`+first+`":`), http.StatusBadRequest)
		probe("JSON null", o.Method, o.Path, spec.ApplicationJSON, []byte("null"), http.StatusBadRequest)
		probe("empty body", o.Method, o.Path, spec.ApplicationJSON, []byte{}, http.StatusBadRequest)
	}
	if xmlType := o.Request[spec.ApplicationXML]; xmlType != nil {
		probe("malformed XML", o.Method, o.Path, spec.ApplicationXML,
			[]byte(`<`+xmlType.Name+` xmlns="`+xmlType.Namespace+`"><`), http.StatusBadRequest)
		if body := bodies[spec.ApplicationXML]; body != nil {
			wrong := strings.ReplaceAll(string(body), `"`+xmlType.Namespace+`"`, `"`+wrongNamespace+`"`)
			probe("XML in the wrong namespace", o.Method, o.Path, spec.ApplicationXML, []byte(wrong), http.StatusBadRequest)
		}
	}
	if len(o.RequestMediaTypes) > 0 {
		probe("unsupported Content-Type text/plain", o.Method, o.Path, "text/plain", []byte("helpmock"), http.StatusUnsupportedMediaType)
	}
	if wrongMethod := unroutedMethod(s, o); wrongMethod != "" {
		probe("wrong method "+wrongMethod, wrongMethod, o.Path, "", nil, http.StatusMethodNotAllowed)
	}
	var body []byte
	ct := ""
	if b, ok := bodies[spec.ApplicationJSON]; ok {
		body, ct = b, spec.ApplicationJSON
	}
	probe("unknown route", o.Method, strings.TrimSuffix(o.Path, "/")+unknownRouteSuffix, ct, body, http.StatusNotFound)
	return cases, nil
}

// unroutedMethod returns a method that no operation of s answers on o's path (GET, or
// DELETE for a GET operation, else the next that fits), or "" when every one is routed:
// GET is no wrong method for DELETE api/x/{id} when GET api/x/{id} exists.
func unroutedMethod(s *spec.Spec, o *spec.Operation) string {
	for _, m := range []string{http.MethodGet, http.MethodDelete, http.MethodPut, http.MethodPost, http.MethodPatch} {
		if m == o.Method {
			continue
		}
		var mna *spec.MethodNotAllowedError
		if _, _, err := s.Match(m, o.Path); errors.As(err, &mna) {
			return m
		}
	}
	return ""
}
