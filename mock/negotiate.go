package mock

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/negotiate"
)

// The negotiate step: the media type and charset of the answer, by ASP.NET Web API's
// content negotiation (internal/negotiate) among the formats the operation writes
// (formats.go).

// negotiate runs Web API's content negotiation for req among f's media types.
func (f *formats) negotiate(req *http.Request) negotiate.Result {
	return negotiate.NegotiateWith(negotiate.Request{
		Accept:        joinHeader(req.Header[echo.HeaderAccept]),
		ContentType:   firstValue(req.Header, echo.HeaderContentType),
		AcceptCharset: joinHeader(req.Header["Accept-Charset"]),
		RequestedWith: firstValue(req.Header, echo.HeaderXRequestedWith),
	}, f.formatters)
}

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
