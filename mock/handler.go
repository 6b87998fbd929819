package mock

import (
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// handle is the catch-all handler: every request to the mocked API goes through it.
func (s *Server) handle(c echo.Context) error {
	req := c.Request()
	snap := s.current()
	o, pathValues, err := snap.spec.Match(req.Method, req.URL.Path)
	if err != nil {
		// Declared here, not before the test: errors.As takes its address, which puts it
		// on the heap wherever it is declared.
		var mna *spec.MethodNotAllowedError
		if errors.As(err, &mna) {
			return s.wrongMethod(snap.spec, req) // params.go
		}
		return notFound(requestURI(req))
	}
	op := snap.ops[o.ID]
	info := infoOf(c)
	info.operation = op.ID
	if err := s.checkParams(snap.spec, op, pathValues, req); err != nil {
		return err // params.go
	}

	body, err := readBody(req, s.opts.MaxBodyBytes)
	if err != nil {
		return err
	}
	bound, err := s.bind(op, firstValue(req.Header, echo.HeaderContentType), body)
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
	if sc, err = s.rotate(c, op, sc, bound); err != nil {
		return err
	}
	buf := answerBuffers.Get().(*[]byte)
	defer answerBuffers.Put(buf)
	status, payload, err := s.render(op, sc, bound, neg.MediaType, (*buf)[:0])
	if err != nil {
		return err
	}
	if status == http.StatusNoContent || len(payload) == 0 {
		// A void action: Web API 2 sends its 204 without a body or a Content-Type; so
		// does an action result with no content (Ok(), a bare HttpResponseMessage). No
		// JSON or XML body is empty, so an empty payload is always no content.
		return c.NoContent(status)
	}
	setContentType(c.Response().Header(), neg.ContentType())
	return c.Blob(status, neg.ContentType(), encodeCharset(payload, neg.Charset))
}

// answerBuffers hold the buffers that compiled answers are written into. A buffer goes
// back when the handler returns: by then the answer is in net/http's own buffer or on the
// wire. An answer that outgrows its buffer leaves it unused, and the larger array is not
// kept, so the pool holds answerBufferSize-byte buffers only.
var answerBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, answerBufferSize)
	return &b
}}

// answerBufferSize fits every embedded fixture's answer.
const answerBufferSize = 2048

// setContentType sets the Content-Type header to ct, which Echo's Blob then keeps. The
// header values of the common answers are made once and shared: Header.Set would
// canonicalize the key and make a new slice on every request. net/http only reads them.
func setContentType(h http.Header, ct string) {
	switch ct {
	case jsonUTF8[0]:
		h[echo.HeaderContentType] = jsonUTF8
	case xmlUTF8[0]:
		h[echo.HeaderContentType] = xmlUTF8
	default:
		h[echo.HeaderContentType] = []string{ct}
	}
}

// The Content-Type header values of the common answers, shared by every response.
var (
	jsonUTF8 = []string{negotiate.Result{MediaType: negotiate.ApplicationJSON, Charset: "utf-8"}.ContentType()}
	xmlUTF8  = []string{negotiate.Result{MediaType: negotiate.ApplicationXML, Charset: "utf-8"}.ContentType()}
)

// firstValue is h.Get(key) for a key already in canonical form: net/http stores request
// headers under canonical keys, and indexing the map directly skips canonicalizing the
// key on every call.
func firstValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func joinHeader(values []string) string {
	switch len(values) {
	case 0:
		return ""
	case 1:
		return values[0]
	}
	out := values[0]
	for _, v := range values[1:] {
		out += "," + v
	}
	return out
}

// readBody reads the request body up to limit bytes; a larger body is a 413.
func readBody(req *http.Request, limit int64) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	if req.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := readAtMost(req.Body, req.ContentLength, limit+1)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, tooLarge(limit)
		}
		e := invalidRequest()
		e.add("model", "The request body could not be read: "+err.Error())
		return nil, e
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	return body, nil
}

// readAtMost reads r to its end, at most n bytes, into a buffer sized by the request's
// Content-Length when it is known (io.ReadAll would grow it step by step).
func readAtMost(r io.Reader, contentLength, n int64) ([]byte, error) {
	if contentLength < 0 || contentLength >= n {
		return io.ReadAll(io.LimitReader(r, n))
	}
	buf := make([]byte, 0, contentLength+1)
	for {
		if int64(len(buf)) == n {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):min(int64(cap(buf)), n)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// requestURI is the absolute request URI as Web API quotes it in a 404 message.
func requestURI(req *http.Request) string {
	scheme := "http"
	if req.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + req.Host + req.URL.RequestURI()
}

// handleError is Echo's error handler: every error becomes an HttpError body in the
// negotiated media type.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	var he *HTTPError
	var ee *echo.HTTPError
	switch {
	case errors.As(err, &he):
	case errors.As(err, &ee) && ee.Code == http.StatusRequestEntityTooLarge:
		he = tooLarge(s.opts.MaxBodyBytes)
	case errors.As(err, &ee) && ee.Code == http.StatusNotFound:
		he = notFound(requestURI(c.Request()))
	case errors.As(err, &ee) && ee.Code < 500:
		he = &HTTPError{Status: ee.Code, Message: http.StatusText(ee.Code)}
	default:
		s.opts.Logger.Error("internal error", errAttr(err))
		he = internalError()
	}
	for k, vs := range he.Header {
		for _, v := range vs {
			c.Response().Header().Add(k, v)
		}
	}
	snap := s.current()
	f := snap.errorFormats
	neg := f.negotiate(c.Request())
	infoOf(c).mediaType = neg.MediaType
	var payload []byte
	if f.isXML(neg.MediaType) {
		payload = he.appendXML(nil)
	} else {
		payload = he.appendJSON(nil, snap.spec.JSONNaming())
	}
	if c.Request().Method == http.MethodHead {
		payload = nil
	}
	if werr := c.Blob(he.Status, neg.ContentType(), encodeCharset(payload, neg.Charset)); werr != nil {
		s.opts.Logger.Debug("write error response", errAttr(werr))
	}
}
