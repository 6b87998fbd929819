package negotiate

import "testing"

// BenchmarkNegotiate measures one negotiation per request shape the mock sees most:
// no Accept, JSON or XML asked for, and a browser's Accept header.
func BenchmarkNegotiate(b *testing.B) {
	benchmarks := []struct {
		name string
		req  Request
	}{
		{"no Accept", Request{ContentType: "application/json"}},
		{"Accept JSON", Request{Accept: "application/json", ContentType: "application/json"}},
		{"Accept XML", Request{Accept: "application/xml", ContentType: "application/json"}},
		{"browser", Request{Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8",
			ContentType: "application/x-www-form-urlencoded"}},
		{"Accept-Charset", Request{Accept: "application/xml", ContentType: "text/xml; charset=utf-8",
			AcceptCharset: "utf-16;q=0.5, utf-8"}},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchResult = Negotiate(bm.req)
			}
		})
	}
}

// benchResult keeps the compiler from dropping the benchmarked call.
var benchResult Result
