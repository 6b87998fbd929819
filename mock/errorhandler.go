package mock

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// The one error handler. Every error of a request (a step's HTTPError, Echo's own, a
// recovered panic) ends here, through observe (Echo's HTTPErrorHandler is the same
// function, for what fails outside observe), and is answered as ASP.NET Web API
// answers it: an HttpError body (httperror.go) in the format negotiated among every
// formatter of the service (negotiate.go), written as answers are (write.go).

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
