package mock

import (
	"fmt"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/negotiate"
)

// TestNegotiationCache checks that the cache answers what negotiate.Negotiate answers,
// the first time and from memory, and that it keeps neither more than maxNegotiations
// combinations nor long header values.
func TestNegotiationCache(t *testing.T) {
	nc := negotiationCache{results: map[negotiate.Request]negotiate.Result{}}
	var requests []negotiate.Request
	for _, accept := range []string{"", "*/*", "application/xml", "text/xml;q=0.5, application/json", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json;charset=utf-16"} {
		for _, ct := range []string{"", "application/json", "text/xml", "application/x-www-form-urlencoded"} {
			for _, cs := range []string{"", "utf-16", "iso-8859-1;q=0.1"} {
				for _, xrw := range []string{"", "XMLHttpRequest"} {
					requests = append(requests, negotiate.Request{Accept: accept, ContentType: ct, AcceptCharset: cs, RequestedWith: xrw})
				}
			}
		}
	}
	for pass := range 2 { // the second pass answers from the cache
		for _, r := range requests {
			if got, want := nc.negotiate(r), negotiate.Negotiate(r); got != want {
				t.Fatalf("pass %d: cached negotiation of %+v = %+v, want %+v", pass, r, got, want)
			}
		}
	}
	if len(nc.results) != len(requests) {
		t.Fatalf("cache holds %d results, want %d", len(nc.results), len(requests))
	}
	long := negotiate.Request{Accept: "application/xml;" + strings.Repeat("x", maxNegotiationKey)}
	if got, want := nc.negotiate(long), negotiate.Negotiate(long); got != want {
		t.Fatalf("negotiation of a long Accept = %+v, want %+v", got, want)
	}
	if _, kept := nc.results[long]; kept {
		t.Errorf("a %d-byte Accept header was kept", len(long.Accept))
	}
	for i := range 2 * maxNegotiations {
		nc.negotiate(negotiate.Request{Accept: fmt.Sprintf("application/x-%d", i)})
	}
	if len(nc.results) != maxNegotiations {
		t.Errorf("cache holds %d results after many variations, want at most %d", len(nc.results), maxNegotiations)
	}
}
