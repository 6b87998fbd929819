package mock

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/fixtures"
)

// observedContext is the echo.Context that the middleware after observe and the handlers
// see: Echo's own, plus the request's info. A wrapper rather than c.Set, because Echo
// makes a new map for its store on the first Set of every request.
type observedContext struct {
	echo.Context
	s    *Server
	info requestInfo
	// body tees the request body into the journal, into small when it fits: with them
	// here, the journal costs a request no allocation of its own but the entry's text.
	body  capture
	small [smallBody]byte
}

// smallBody is the size of a request body that the journal captures without allocating.
const smallBody = 512

// observedContexts recycles the contexts of finished requests: with its body buffer, one
// is the largest allocation of a request. Nothing keeps one past observe: the handlers
// start no goroutines, the journal copies the body, and release puts the request's own
// body back.
var observedContexts = sync.Pool{New: func() any { return new(observedContext) }}

// release undoes what observe did to req, clears c and puts it back in observedContexts.
func (c *observedContext) release(req *http.Request) {
	if req.Body == &c.body {
		req.Body = c.body.ReadCloser
	}
	*c = observedContext{}
	observedContexts.Put(c)
}

// Error hands err to the mock's error handler with this context, so that what the error
// handler learns (the negotiated media type) reaches the request log.
func (c *observedContext) Error(err error) { c.s.handleError(err, c) }

// requestInfo implements infoHolder.
func (c *observedContext) requestInfo() *requestInfo { return &c.info }

// observe is the middleware around every request but CORS preflights: it waits
// Options.Latency before answering the mocked API (not the admin API), hands the
// handler's error to the error handler so that the status is final, then records the
// request in the journal (the mocked API only) and the request log (every request).
// One middleware rather than three (Echo's RequestLogger among them) so that a request
// reads the clock twice and passes through one closure.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		req := c.Request()
		oc := observedContexts.Get().(*observedContext)
		oc.Context, oc.s = c, s
		defer oc.release(req)
		admin := isAdminPath(req.URL.Path)
		var entry JournalEntry
		var body *capture
		if s.journal != nil && !admin {
			entry, body = s.journalStart(req, start, oc)
		}
		var err error
		if d := s.opts.Latency.pick(); d > 0 && !admin {
			err = waitFor(req, d)
		}
		if err == nil {
			err = next(oc)
		}
		gaveUp := clientGaveUp(req, err)
		if err != nil && !gaveUp { // a client that went away gets no answer
			oc.Error(err)
		}
		end := time.Now()
		latency := end.Sub(start)
		status, logErr := s.outcome(req, &oc.info, c.Response().Status, err)
		if s.journal != nil && !admin {
			s.journalEnd(&entry, body, &oc.info, status, latency, err)
		}
		le := RequestLogEntry{Time: end, Method: req.Method, URI: req.RequestURI,
			Status: status, Latency: latency,
			Operation: oc.info.operation, Scenario: oc.info.scenario, MediaType: oc.info.mediaType}
		if logErr != nil {
			le.Error = logErr.Error()
		}
		s.redactLogEntry(&le, req, body)
		s.opts.RequestLog.LogRequest(le)
		// The error is handled (answered above, or, for a client that went away, not to
		// be answered): nothing is left for Echo to hand to the error handler again.
		return nil
	}
}

// validationError returns the message of err when it is the 400, 413 or 415 answer of a
// request that failed binding or validation.
func validationError(err error) (string, bool) {
	var he *HTTPError
	if errors.As(err, &he) && (he.Status == http.StatusBadRequest ||
		he.Status == http.StatusRequestEntityTooLarge || he.Status == http.StatusUnsupportedMediaType) {
		return he.Error(), true
	}
	return "", false
}

// journalStart begins req's journal entry, at start (the clock's time, for a mock with its
// own clock) and, when req has a body, tees the body into oc's capture.
func (s *Server) journalStart(req *http.Request, start time.Time, oc *observedContext) (JournalEntry, *capture) {
	if !s.realClock {
		start = s.opts.Now()
	}
	// The header map is kept, not copied: net/http makes a new one for every request
	// and nothing changes it once the request is read (the journal only reads it).
	e := JournalEntry{Time: start.UTC(), Method: req.Method, Path: req.URL.Path,
		Query: req.URL.RawQuery, Header: req.Header}
	if req.Body == nil || req.Body == http.NoBody {
		return e, nil
	}
	body := &oc.body
	*body = capture{ReadCloser: req.Body, limit: JournalBodyLimit, buf: oc.small[:0]}
	if n := req.ContentLength; n > smallBody {
		// One allocation for a larger body whose length is known.
		body.buf = make([]byte, 0, min(n, JournalBodyLimit))
	}
	req.Body = body
	return e, body
}

// journalEnd completes e with the answer and adds it to the journal.
func (s *Server) journalEnd(e *JournalEntry, body *capture, info *requestInfo, status int, took time.Duration, err error) {
	e.DurationMS = float64(took.Microseconds()) / 1000
	if body != nil {
		e.Body, e.BodyTruncated = string(body.buf), body.truncated
		if !utf8.ValidString(e.Body) { // a quicker test than ToValidUTF8's own
			e.Body = strings.ToValidUTF8(e.Body, "\uFFFD")
		}
	}
	e.Operation, e.Scenario, e.Status = info.operation, info.scenario, status
	if e.Operation != "" {
		e.Valid = boolPointer(true)
		if e.Scenario == "" {
			if msg, ok := validationError(err); ok {
				e.Valid, e.ValidationError = boolPointer(false), msg
			}
		}
	}
	if fault := s.faultOf(info); fault != fixtures.FaultNone {
		e.Fault, e.Status = string(fault), 0
	}
	if err != nil {
		e.Error = err.Error()
	}
	s.journal.add(*e)
}
