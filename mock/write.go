package mock

import (
	"net/http"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/negotiate"
)

// The write step: the rendered answer goes out with c.Blob, so that one place decides
// body and content type, re-encoded for the negotiated charset.

// write sends status and payload, the rendered answer, in the negotiated format.
func write(c echo.Context, status int, neg negotiate.Result, payload []byte) error {
	if status == http.StatusNoContent || len(payload) == 0 {
		// A void action: Web API 2 sends its 204 without a body or a Content-Type; so
		// does an action result with no content (Ok(), a bare HttpResponseMessage). No
		// JSON or XML body is empty, so an empty payload is always no content.
		return c.NoContent(status)
	}
	setContentType(c.Response().Header(), neg.ContentType())
	return c.Blob(status, neg.ContentType(), encodeCharset(payload, neg.Charset))
}

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

// encodeCharset re-encodes a UTF-8 payload for the negotiated charset. Web API's
// formatters write UTF-16 (little-endian, with its byte order mark, as the reference server
// does) when the request or Accept-Charset asks for it.
func encodeCharset(payload []byte, charset string) []byte {
	if charset != "utf-16" {
		return payload
	}
	out := make([]byte, 0, 2+len(payload)*2)
	out = append(out, 0xFF, 0xFE)
	for len(payload) > 0 {
		r, size := utf8.DecodeRune(payload)
		payload = payload[size:]
		for _, u := range utf16.Encode([]rune{r}) {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}
