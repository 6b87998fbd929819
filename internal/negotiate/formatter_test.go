package negotiate

import (
	"fmt"
	"testing"
)

// TestNegotiateWith: negotiation among the formatters a service really has. Web API's
// DefaultContentNegotiator takes the best Accept match among the formatters' media types,
// then the request's Content-Type if a formatter writes it, then the first formatter's
// first media type: a service without XML answers Accept: application/xml with JSON.
func TestNegotiateWith(t *testing.T) {
	jsonOnly := []Formatter{{MediaTypes: []string{ApplicationJSON, TextJSON}, JSON: true}}
	textXML := []Formatter{{MediaTypes: []string{ApplicationJSON, TextJSON}, JSON: true}, {MediaTypes: []string{TextXML}}}
	html := []Formatter{{MediaTypes: []string{ApplicationJSON, TextJSON, "text/html"}, JSON: true}, {MediaTypes: []string{ApplicationXML, TextXML}}}
	xmlOnly := []Formatter{{MediaTypes: []string{ApplicationXML, TextXML}}}
	tests := []struct {
		name                     string
		formatters               []Formatter
		accept, contentType, xhr string
		want                     string
	}{
		{"JSON only, Accept XML", jsonOnly, "application/xml", "", "", ApplicationJSON},
		{"JSON only, Accept XML, XML body", jsonOnly, "application/xml", "application/xml", "", ApplicationJSON},
		{"JSON only, text/json body", jsonOnly, "text/xml", "text/json", "", TextJSON},
		{"text/xml only, Accept application/xml", textXML, "application/xml", "", "", ApplicationJSON},
		{"text/xml only, Accept text/xml", textXML, "text/xml", "", "", TextXML},
		{"text/xml only, application/xml body", textXML, "", "application/xml", "", ApplicationJSON},
		{"text/xml only, Accept */*", textXML, "*/*", "text/xml", "", ApplicationJSON},
		{"text/html in the JSON formatter, a browser", html, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "", "", "text/html"},
		{"text/html in the JSON formatter, Accept XML", html, "application/xml", "", "", ApplicationXML},
		{"XML only, no Accept", xmlOnly, "", "", "", ApplicationXML},
		{"XML only, an XMLHttpRequest", xmlOnly, "", "", "XMLHttpRequest", ApplicationXML},
		{"JSON only, an XMLHttpRequest", jsonOnly, "", "", "XMLHttpRequest", ApplicationJSON},
		{"the defaults, as Negotiate", DefaultFormatters, "text/*", "application/xml", "", TextJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Accept: tt.accept, ContentType: tt.contentType, RequestedWith: tt.xhr}
			if got := NegotiateWith(r, tt.formatters).MediaType; got != tt.want {
				t.Errorf("NegotiateWith(%+v, %s) = %q, want %q", r, fmt.Sprint(tt.formatters), got, tt.want)
			}
		})
	}
}
