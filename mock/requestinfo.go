package mock

import "github.com/labstack/echo/v4"

// requestInfo is what the handler learns about a request, for the journal and the request
// log.
type requestInfo struct {
	operation string // the matched operationId
	scenario  string // the scenario answered
	mediaType string // the negotiated media type
}

// infoHolder is a context that carries its request's info: observe's, which reads it
// once the handler is done (observe.go).
type infoHolder interface{ requestInfo() *requestInfo }

// infoOf returns the request's info, for the handlers to fill in.
func infoOf(c echo.Context) *requestInfo {
	if h, ok := c.(infoHolder); ok {
		return h.requestInfo()
	}
	return &requestInfo{} // a context that observe never saw: nobody reads its info
}
