package redact

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

var rules = New([]string{"AccessTokenRefresh", "password", "tokens", "Secret"})

func TestBody(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body, want string
		found                         []string
	}{
		{"json", "application/json", `{"AccessTokenOld":"old","AccessTokenRefresh":"r3fr3sh"}`,
			`{"AccessTokenOld":"old","AccessTokenRefresh":"[redacted]"}`, []string{"r3fr3sh"}},
		{"json any case, spaces", "application/json", `{ "accesstokenrefresh" : "abc" , "n":1}`,
			`{ "accesstokenrefresh" : "[redacted]" , "n":1}`, []string{"abc"}},
		{"json escaped name and value", "text/json", `{"Access\u0054okenRefresh":"a\"b"}`,
			`{"Access\u0054okenRefresh":"[redacted]"}`, []string{`a"b`}},
		{"json nested and number", "application/json", `{"m":{"password":12345},"x":[{"Password":"p"}]}`,
			`{"m":{"password":"[redacted]"},"x":[{"Password":"[redacted]"}]}`, []string{"12345", "p"}},
		{"json array of secrets", "application/json", `{"tokens":["a1","b2"],"other":["c"]}`,
			`{"tokens":["[redacted]","[redacted]"],"other":["c"]}`, []string{"a1", "b2"}},
		{"json class under a secret member", "application/json", `{"secret":{"a":"x","b":2},"c":"y"}`,
			`{"secret":{"a":"[redacted]","b":"[redacted]"},"c":"y"}`, []string{"x", "2"}},
		{"json null kept", "application/json", `{"password":null}`, `{"password":null}`, nil},
		{"json value that names a secret", "application/json", `{"name":"password","v":"password"}`,
			`{"name":"password","v":"password"}`, nil},
		{"json truncated", "application/json", `{"AccessTokenRefresh":"abcdef`,
			`{"AccessTokenRefresh":"[redacted]"`, []string{"abcdef"}},
		{"json malformed", "application/json", `{"password" "x", "AccessTokenRefresh": "y",}}`,
			`{"password" "x", "AccessTokenRefresh": "[redacted]",}}`, []string{"y"}},
		{"xml", "application/xml", `<AccessTokenBindingModel xmlns="urn:x"><AccessTokenOld>o</AccessTokenOld><AccessTokenRefresh>r&amp;1</AccessTokenRefresh></AccessTokenBindingModel>`,
			`<AccessTokenBindingModel xmlns="urn:x"><AccessTokenOld>o</AccessTokenOld><AccessTokenRefresh>[redacted]</AccessTokenRefresh></AccessTokenBindingModel>`, []string{"r&1"}},
		{"xml prefixed, nil, cdata, attribute, comment", "text/xml",
			`<?xml version="1.0"?><!-- password --><a:M xmlns:a="urn:a" password='p1'><a:password i:nil="true"/><a:Password><![CDATA[p2]]></a:Password><tokens><s>t1</s></tokens></a:M>`,
			`<?xml version="1.0"?><!-- password --><a:M xmlns:a="urn:a" password='[redacted]'><a:password i:nil="true"/><a:Password><![CDATA[[redacted]]]></a:Password><tokens><s>[redacted]</s></tokens></a:M>`,
			[]string{"p1", "p2", "t1"}},
		{"xml truncated", "application/xml", `<M><password>abc`, `<M><password>[redacted]`, []string{"abc"}},
		{"form", "application/x-www-form-urlencoded", `AccessTokenOld=o&AccessTokenRefresh=r%2B1&model.Password=p`,
			`AccessTokenOld=o&AccessTokenRefresh=[redacted]&model.Password=[redacted]`, []string{"r+1", "p"}},
		{"form collection", "", `tokens[0]=a&tokens[1]=b&x=`, `tokens[0]=[redacted]&tokens[1]=[redacted]&x=`, []string{"a", "b"}},
		{"text kept", "text/plain", `password=x`, `password=x`, nil},
		{"no secret", "application/json", `{"a":"b"}`, `{"a":"b"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, found := rules.Body([]byte(tc.body), tc.contentType)
			if string(got) != tc.want {
				t.Errorf("Body(%s) = %s, want %s", tc.body, got, tc.want)
			}
			if !slices.Equal(found, tc.found) {
				t.Errorf("Body(%s) found %q, want %q", tc.body, found, tc.found)
			}
		})
	}
}

func TestBodyUnchangedIsSameSlice(t *testing.T) {
	body := []byte(`{"a":"b"}`)
	if got, _ := rules.Body(body, "application/json"); &got[0] != &body[0] {
		t.Error("Body copied a body with no secret")
	}
}

func TestHeader(t *testing.T) {
	h := http.Header{"Authorization": {"Bearer abc.def"}, "Cookie": {"s=1"}, "Accept": {"text/xml"},
		"Proxy-Authorization": {"Basic eA=="}, "Set-Cookie": {"a=b"}, "Password": {"hdr"}}
	got, found := rules.Header(h)
	for _, k := range []string{"Authorization", "Cookie", "Proxy-Authorization", "Set-Cookie", "Password"} {
		if got.Get(k) != Mask {
			t.Errorf("Header: %s = %q, want %q", k, got.Get(k), Mask)
		}
	}
	if got.Get("Accept") != "text/xml" {
		t.Errorf("Header: Accept = %q", got.Get("Accept"))
	}
	if h.Get("Authorization") != "Bearer abc.def" {
		t.Error("Header changed its argument")
	}
	if !slices.Contains(found, "abc.def") || !slices.Contains(found, "Bearer abc.def") {
		t.Errorf("Header found %q, want the credentials with and without their scheme", found)
	}
	var none *Rules
	if got, _ := none.Header(h); got.Get("Authorization") != Mask {
		t.Error("nil Rules kept Authorization")
	}
}

func TestURIAndScrub(t *testing.T) {
	uri, found := rules.URI("/api/token?password=hunter22&x=1")
	if uri != "/api/token?password=[redacted]&x=1" {
		t.Errorf("URI = %q", uri)
	}
	msg := "No HTTP resource was found that matches the request URI 'http://h/api/token?password=hunter22'."
	if got := Scrub(msg, found); strings.Contains(got, "hunter22") {
		t.Errorf("Scrub(%q) = %q", msg, got)
	}
	if got := Scrub(`{"Message":"Bearer abc.d…`, []string{"Bearer abc.def"}); got != `{"Message":"[redacted]…` {
		t.Errorf("Scrub of an excerpt cut inside a value = %q", got)
	}
	if got, _ := New(nil).URI("/api?access_token=t0k&client_secret=s3c&q=1"); got != "/api?access_token=[redacted]&client_secret=[redacted]&q=1" {
		t.Errorf("URI with OAuth parameters and no spec secrets = %q", got)
	}
	if got := Scrub("a 1 b", []string{"1"}); got != "a 1 b" {
		t.Errorf("Scrub replaced a value shorter than MinScrubLength: %q", got)
	}
}
