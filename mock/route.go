package mock

import (
	"errors"
	"net/http"

	"github.com/helpmock/helpmock/internal/spec"
)

// The route step: the spec's router (spec.Match) finds the operation of a request's
// method and path. No path is a 404, a path without the method a 405, both as ASP.NET
// Web API answers them.

// route returns the operation of snap that req asks for, with the route's path values.
func (s *Server) route(snap *snapshot, req *http.Request) (*operation, map[string]string, error) {
	o, pathValues, err := snap.spec.Match(req.Method, req.URL.Path)
	if err != nil {
		// Declared here, not before the test: errors.As takes its address, which puts it
		// on the heap wherever it is declared.
		var mna *spec.MethodNotAllowedError
		if errors.As(err, &mna) {
			return nil, nil, s.wrongMethod(snap.spec, req)
		}
		return nil, nil, notFound(requestURI(req))
	}
	return snap.ops[o.ID], pathValues, nil
}

// wrongMethod is the answer to a method the path lacks: 405 with Allow listing the path's
// methods whose actions the request's parameters select, as Web API's action selector
// answers (ignoring the verb, an action is a candidate only when its required parameters
// are there); 404 when there is none.
func (s *Server) wrongMethod(sp *spec.Spec, req *http.Request) error {
	if allow := selectable(sp, req, parseQuery(req.URL.RawQuery), ""); len(allow) > 0 {
		return methodNotAllowed(req.Method, allow)
	}
	return notFound(requestURI(req))
}
