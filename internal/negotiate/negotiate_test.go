package negotiate

import (
	"fmt"
	"testing"
)

// cases were each checked against the ASP.NET reference server (see live_test.go, which
// re-checks them wherever Mono is installed). The request body of each is the same.
var cases = []struct{ accept, contentType, want string }{
	{"", "application/json", "application/json"},
	{"", "text/json", "text/json"},
	{"", "application/xml", "application/xml"},
	{"", "text/xml", "text/xml"},
	{"", "application/x-www-form-urlencoded", "application/json"},
	{"", "", "application/json"},
	{"*/*", "application/xml", "application/json"},
	{"*/*", "text/xml", "application/json"},
	{"*/*", "application/x-www-form-urlencoded", "application/json"},
	{"application/json", "text/xml", "application/json"},
	{"application/xml", "application/json", "application/xml"},
	{"application/xml", "application/x-www-form-urlencoded", "application/xml"},
	{"text/xml", "application/json", "text/xml"},
	{"text/xml", "application/x-www-form-urlencoded", "text/xml"},
	{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json", "application/xml"},
	{"text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8", "text/json", "application/xml"},
	{"application/json;q=0.1,application/xml", "text/json", "application/xml"},
	{"text/html", "application/json", "application/json"},
	{"text/html", "text/json", "text/json"},
	{"text/html", "application/xml", "application/xml"},
	{"text/plain", "text/xml", "text/xml"},
	{"text/plain", "application/x-www-form-urlencoded", "application/json"},
	{"application/xml;q=0", "application/json", "application/json"},
	{"application/xml;q=0", "text/xml", "text/xml"},
	{"application/xml;q=0, */*", "text/xml", "application/json"},
	{"text/json;q=0, application/json", "text/xml", "application/json"},
	{"text/*", "application/xml", "text/json"},
	{"text/*, application/json", "application/xml", "application/json"},
	{"*/*, application/xml", "application/json", "application/xml"},
	{"application/*", "text/xml", "application/json"},
	{"application/*;q=0.5, text/xml;q=0.4", "application/json", "application/json"},
	{"text/xml;q=0.5, application/json;q=0.5", "application/xml", "application/json"},
	{"application/json;q=0.5, text/xml;q=0.5", "application/xml", "application/json"},
	{"APPLICATION/XML", "application/json", "application/xml"},
	{"application/xml; charset=utf-8", "application/json", "application/xml"},
	{"application/json, application/xml", "text/xml", "application/json"},
	{"application/xml, application/json", "text/json", "application/json"},
	{"garbage", "text/xml", "text/xml"},
	{"application/json;q=abc", "application/xml", "application/json"},
	{"text/json;q=0.9, text/xml;q=0.95", "application/json", "text/xml"},
	{"*/*;q=0.1, text/xml;q=0.1", "application/json", "text/xml"},
	{"image/png, */*;q=0.5", "text/xml", "application/json"},
	{"", "application/json; charset=utf-8", "application/json"},
	{"", "text/xml; charset=utf-8", "text/xml"},
	{"", "application/octet-stream", "application/json"},
}

func TestResponseMediaType(t *testing.T) {
	for _, tc := range cases {
		t.Run(fmt.Sprintf("Accept=%q/Content-Type=%q", tc.accept, tc.contentType), func(t *testing.T) {
			if got := ResponseMediaType(tc.accept, tc.contentType); got != tc.want {
				t.Errorf("ResponseMediaType(%q, %q) = %q, want %q", tc.accept, tc.contentType, got, tc.want)
			}
		})
	}
}

func TestRequestedWith(t *testing.T) {
	tests := []struct{ name, accept, contentType, want string }{
		{"no Accept", "", ApplicationXML, ApplicationJSON},
		{"Accept */*", "*/*", TextXML, ApplicationJSON},
		{"Accept names XML", ApplicationXML, ApplicationXML, ApplicationXML},
		{"Accept names nothing writable", "text/html", ApplicationXML, ApplicationXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Negotiate(Request{Accept: tt.accept, ContentType: tt.contentType, RequestedWith: "XMLHttpRequest"})
			if r.MediaType != tt.want {
				t.Errorf("Negotiate(XHR, %q, %q) = %q, want %q", tt.accept, tt.contentType, r.MediaType, tt.want)
			}
		})
	}
}

func TestCharset(t *testing.T) {
	tests := []struct{ name, acceptCharset, contentType, want string }{
		{"default", "", ApplicationJSON, "utf-8"},
		{"request charset utf-16", "", "application/json; charset=utf-16", "utf-16"},
		{"Accept-Charset utf-16", "utf-16", ApplicationJSON, "utf-16"},
		{"Accept-Charset prefers utf-8", "utf-16;q=0.5, utf-8", ApplicationJSON, "utf-8"},
		{"Accept-Charset q=0 ignored", "utf-16;q=0", ApplicationJSON, "utf-8"},
		{"Accept-Charset unknown falls to request", "iso-8859-1", "text/json; charset=utf-16", "utf-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Negotiate(Request{AcceptCharset: tt.acceptCharset, ContentType: tt.contentType}).Charset; got != tt.want {
				t.Errorf("charset(%q, %q) = %q, want %q", tt.acceptCharset, tt.contentType, got, tt.want)
			}
		})
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.accept, tc.contentType, "")
	}
	f.Add("a/b;q=;;,,*/*;q=1e9", "x/y; charset=", "utf-16;q=-1")
	f.Fuzz(func(t *testing.T, accept, contentType, acceptCharset string) {
		r := Negotiate(Request{Accept: accept, ContentType: contentType, AcceptCharset: acceptCharset})
		switch r.MediaType {
		case ApplicationJSON, TextJSON, ApplicationXML, TextXML:
		default:
			t.Fatalf("Negotiate(%q, %q) = %q, not a writable media type", accept, contentType, r.MediaType)
		}
		if r.Charset != "utf-8" && r.Charset != "utf-16" {
			t.Fatalf("charset = %q", r.Charset)
		}
	})
}
