package mock

import (
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/negotiate"
)

// The negotiate step: the media type and charset of the answer, by ASP.NET Web API's
// content negotiation (internal/negotiate) among the formats the operation writes
// (formats.go). The outcome depends on four header values only, so it is cached.

// negotiate runs Web API's content negotiation for req among f's media types.
func (f *formats) negotiate(req *http.Request) negotiate.Result {
	return f.cache.negotiate(negotiate.Request{
		Accept:        joinHeader(req.Header[echo.HeaderAccept]),
		ContentType:   firstValue(req.Header, echo.HeaderContentType),
		AcceptCharset: joinHeader(req.Header["Accept-Charset"]),
		RequestedWith: firstValue(req.Header, echo.HeaderXRequestedWith),
	})
}

// negotiations remembers the outcome of negotiation with the default formatters for the
// header values seen: clients send the same few combinations over and over, and a lookup
// costs a fifth of negotiating.
var negotiations = negotiationCache{results: map[negotiate.Request]negotiate.Result{}}

// newNegotiationCache returns an empty cache; set its formatters before use.
func newNegotiationCache() *negotiationCache {
	return &negotiationCache{results: map[negotiate.Request]negotiate.Result{}}
}

// maxNegotiations and maxNegotiationKey bound negotiationCache: once it is full, new
// combinations are negotiated but not kept, and neither are header values longer than
// maxNegotiationKey bytes in all, so that a client sending endless or huge variations
// cannot grow it past about 128 KiB.
const (
	maxNegotiations   = 512
	maxNegotiationKey = 256
)

// negotiationCache is a bounded cache of negotiate.NegotiateWith for one set of
// formatters (nil: the defaults), which depends on its Request only; safe for concurrent
// use.
type negotiationCache struct {
	formatters []negotiate.Formatter
	mu         sync.RWMutex
	results    map[negotiate.Request]negotiate.Result
}

func (nc *negotiationCache) negotiate(r negotiate.Request) negotiate.Result {
	nc.mu.RLock()
	res, ok := nc.results[r]
	nc.mu.RUnlock()
	if ok {
		return res
	}
	if nc.formatters == nil {
		res = negotiate.Negotiate(r)
	} else {
		res = negotiate.NegotiateWith(r, nc.formatters)
	}
	if len(r.Accept)+len(r.ContentType)+len(r.AcceptCharset)+len(r.RequestedWith) > maxNegotiationKey {
		return res
	}
	nc.mu.Lock()
	if len(nc.results) < maxNegotiations {
		nc.results[r] = res
	}
	nc.mu.Unlock()
	return res
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
