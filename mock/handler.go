package mock

import (
	"github.com/labstack/echo/v4"
)

// handle is the catch-all handler: every request to the mocked API goes through it, in
// the steps of "How the mock answers" (STYLE.md), each a call into the file named for it:
//
//  1. route (route.go): the operation, or 404 and 405;
//  2. bind and validate: the path and query parameters (params.go), the body, read
//     (body.go) and bound (bind.go), each checked against the spec (requestcheck.go): 400,
//     413 or 415 with the reason;
//  3. choose the scenario (scenario.go, with pins.go and state.go; echo.go for the
//     generated one);
//  4. negotiate (negotiate.go) the media type among the operation's formats;
//  5. render (render.go, its cache in rendercache.go) the scenario's answer, after its
//     delay or fault (faults.go) and token rotation (state.go);
//  6. write (write.go) it with c.Blob.
//
// A step that fails returns its error, and the error goes, through observe, to the one
// error handler (errorhandler.go). Files of a step call only into files of the steps
// after it and into what every step shares (server.go, operation.go, httperror.go).
func (s *Server) handle(c echo.Context) error {
	req := c.Request()
	info := infoOf(c)

	snap := s.current()
	op, pathValues, err := s.route(snap, req)
	if err != nil {
		return err
	}
	info.operation = op.ID

	if err := s.checkParams(snap.spec, op, pathValues, req); err != nil {
		return err
	}
	body, err := readBody(req, s.opts.MaxBodyBytes)
	if err != nil {
		return err
	}
	scratch := boundModels.Get().(map[string]any)
	defer func() {
		clear(scratch)
		boundModels.Put(scratch)
	}()
	bound, err := s.bind(op, firstValue(req.Header, echo.HeaderContentType), body, scratch)
	if err != nil {
		return err
	}

	sc, err := s.chooseScenario(c, op, bound)
	if err != nil {
		return err
	}
	info.scenario = sc.name
	if op.echo != nil && sc.name == ScenarioGenerated && sc.fixture == nil {
		sc = op.echoed(sc, pathValues)
	}

	neg := op.formats.negotiate(req)
	info.mediaType = neg.MediaType

	if err := s.delay(req, sc); err != nil {
		return err
	}
	if sc.fixture != nil && sc.fixture.Fault != "" {
		return s.fault(c, op, sc, bound, neg)
	}
	buf := answerBuffers.Get().(*[]byte)
	defer answerBuffers.Put(buf)
	status, payload, err := s.render(op, sc, bound, neg.MediaType, (*buf)[:0])
	if err != nil {
		return err
	}

	return write(c, status, neg, payload)
}
