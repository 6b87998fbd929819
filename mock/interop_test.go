package mock_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/aspnetref"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/interop/dotnet"
)

// referenceTypes names the reference's .NET class of each operation's request.
var referenceTypes = map[string]string{
	"refreshToken":        "AccessTokenBindingModel",
	"pfmsGetRefreshToken": "RequestModelRefreshToken",
}

// TestDotNetReadsMockXML feeds every XML body the mock sends (each operation, each
// scenario with a body) to .NET's DataContractSerializer (the rig of interop/dotnet, with
// the spec's classes) and checks that no member is lost: every member the mock wrote with a
// value arrives with that value.
func TestDotNetReadsMockXML(t *testing.T) {
	tc, err := dotnet.Available()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s := spec.Compiled(loadSpec(t))
	models, rig, stop, err := dotnet.Prepare(context.Background(), tc, s)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	srv := newServer(t, false)
	for op, path := range paths {
		for _, sc := range []string{"docs", "success", "invalid-refresh-token", "expired-refresh-token"} {
			t.Run(op+"/"+sc, func(t *testing.T) {
				resp := serve(t, srv, request{path: path, contentType: spec.ApplicationJSON, accept: spec.ApplicationXML,
					body: validBodies[op][spec.ApplicationJSON], header: http.Header{"Prefer": {"example=" + sc}}})
				body := readAll(t, resp)
				layout := s.Operation(op).Response(200, spec.ApplicationXML)
				sent, problems, err := dcxml.Decode(layout, []byte(body), dcxml.DecodeOptions{})
				if err != nil || len(problems) > 0 {
					t.Fatalf("the mock's own XML does not read back: %v %v\n%s", err, problems, body)
				}
				res, err := rig.Read(models.TypeOf(layout), true, []byte(body))
				if err != nil {
					t.Fatalf(".NET could not read the mock's XML: %v\n%s", err, body)
				}
				var got map[string]any
				if err := json.Unmarshal([]byte(res.Canonical), &got); err != nil {
					t.Fatalf(".NET's value %s: %v", res.Canonical, err)
				}
				compareMembers(t, "", sent.(map[string]any), got)
			})
		}
	}
}

// compareMembers checks that every non-null member the mock sent arrived in .NET.
func compareMembers(t *testing.T, path string, sent, got map[string]any) {
	t.Helper()
	for name, v := range sent {
		g, ok := got[name]
		switch {
		case v == nil:
			continue
		case !ok || g == nil:
			t.Errorf("member %s%s = %v was lost by DataContractSerializer", path, name, v)
		default:
			if sub, isObj := v.(map[string]any); isObj {
				gsub, _ := g.(map[string]any)
				compareMembers(t, path+name+".", sub, gsub)
			} else if list, isList := v.([]any); isList {
				glist, _ := g.([]any)
				if len(glist) != len(list) {
					t.Errorf("member %s%s: sent %d items, .NET read %d", path, name, len(list), len(glist))
				}
			}
		}
	}
}

// TestMockReadsReferenceXML posts XML that the reference's DataContractSerializer wrote
// (recorded: package aspnetref) to the mock, in strict mode: it must bind without
// complaint, every member included.
func TestMockReadsReferenceXML(t *testing.T) {
	rec := aspnetref.Open(t)
	srv := newServer(t, false)
	for op, path := range paths {
		t.Run(op, func(t *testing.T) {
			body, err := rec.Run(t, nil, "--serialize", referenceTypes[op], "--sample")
			if err != nil {
				t.Fatal(err)
			}
			for _, mt := range []string{spec.ApplicationXML, spec.TextXML} {
				resp := serve(t, srv, request{path: path, contentType: mt, body: string(body)})
				got := readAll(t, resp)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("POST %s (%s) of .NET's XML = %d %s", path, mt, resp.StatusCode, got)
				}
				if op == "pfmsGetRefreshToken" && !strings.Contains(got, "Token generated for state 09") {
					t.Errorf("stateCode from .NET's XML did not bind: %s", got)
				}
			}
		})
	}
}

// parityCases are requests a client can make; the lenient mock must answer each with the
// media type, status and body shape of the real ASP.NET Web API stack.
func parityCases() []request {
	const fcNS = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"`
	fc, pf := paths["refreshToken"], paths["pfmsGetRefreshToken"]
	var cases []request
	for op, path := range paths {
		for _, mt := range requestMediaTypes {
			for _, accept := range []string{"", "*/*", "application/xml", "text/xml", "application/json", "text/html", "application/json;q=0.1,application/xml"} {
				cases = append(cases, request{path: path, contentType: mt, accept: accept, body: validBodies[op][mt]})
			}
		}
	}
	return append(cases,
		request{path: "/API/V2/ACCOUNT/REFRESHTOKEN/", contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":"x"}`},
		request{path: pf + "/5", contentType: spec.ApplicationJSON, body: `{"RefreshToken":"x"}`},
		// Bodies in other encodings: a UTF-8 byte order mark; UTF-16 by its mark or by charset.
		request{path: pf, contentType: spec.ApplicationJSON, body: "\xEF\xBB\xBF" + `{"RefreshToken":"x","stateCode":"77"}`},
		request{path: pf, contentType: spec.ApplicationJSON, body: utf16LE(true, `{"RefreshToken":"x","stateCode":"77"}`)},
		request{path: pf, contentType: spec.ApplicationJSON + "; charset=utf-16", body: utf16LE(false, `{"RefreshToken":"x","stateCode":"77"}`)},
		request{path: pf, contentType: spec.ApplicationXML + "; charset=utf-16", accept: spec.ApplicationJSON,
			body: utf16LE(true, `<?xml version="1.0" encoding="utf-16"?><RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><RefreshToken>r</RefreshToken><stateCode>77</stateCode></RequestModelRefreshToken>`)},
		request{path: pf, contentType: spec.ApplicationXML, accept: spec.ApplicationJSON,
			body: utf16LE(true, `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><RefreshToken>r</RefreshToken></RequestModelRefreshToken>`)},
		request{path: pf + "/5/6", contentType: spec.ApplicationJSON, body: `{"RefreshToken":"x"}`},
		request{path: fc + "/5", contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":"x"}`},
		request{path: fc + "?a=b", contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":"x"}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{"accesstokenrefresh":"x","Unknown":1}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{'AccessTokenRefresh':'x',}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":5}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":{}}`},
		request{path: fc, contentType: spec.ApplicationJSON, accept: "text/xml", body: `{"AccessTokenRefresh":[]}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `[1]`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `null`},
		request{path: fc, contentType: spec.TextJSON, body: ``},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel ` + fcNS + `><AccessTokenRefresh>b</AccessTokenRefresh><AccessTokenOld>a</AccessTokenOld></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel ` + fcNS + `><accesstokenrefresh>b</accesstokenrefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.TextXML, accept: "application/xml", body: `<AccessTokenBindingModel xmlns="urn:wrong"><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel ` + fcNS + `><AccessTokenRefresh>b`},
		request{path: fc, contentType: spec.ApplicationXML, body: `not xml`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel ` + fcNS + `><AccessTokenOld>a</AccessTokenOld><Extra>c</Extra><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<AccessTokenBindingModel ` + fcNS + `><AccessTokenRefresh xmlns="urn:other">b</AccessTokenRefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.ApplicationXML, body: `<!DOCTYPE x [<!ENTITY e "x">]><AccessTokenBindingModel ` + fcNS + `/>`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{AccessTokenRefresh:"x" /* c */}{}`},
		request{path: fc, contentType: spec.ApplicationJSON, body: `{"AccessTokenRefresh":{"a":1}}`},
		request{path: fc, contentType: spec.FormURLEncoded, body: `AccessTokenRefresh=a&AccessTokenRefresh=b`},
		request{path: fc, contentType: spec.ApplicationJSON, accept: "application/xml;q=0, */*", body: `{"AccessTokenRefresh":"x"}`},
		request{path: fc, contentType: spec.ApplicationXML, header: http.Header{"X-Requested-With": {"XMLHttpRequest"}}, body: `<AccessTokenBindingModel ` + fcNS + `><AccessTokenRefresh>b</AccessTokenRefresh></AccessTokenBindingModel>`},
		request{path: fc, contentType: spec.FormURLEncoded, body: `accesstokenrefresh=x&foo=1`},
		request{path: fc, contentType: "text/plain", body: `x`},
		request{path: fc, contentType: "text/plain", accept: "application/xml", body: `x`},
		request{path: fc, contentType: "application/octet-stream", body: `x`},
		request{path: fc, body: `x`},
		request{method: "GET", path: fc},
		request{method: "OPTIONS", path: fc},
		request{method: "HEAD", path: pf},
		request{method: "DELETE", path: pf, accept: "text/xml", contentType: spec.ApplicationJSON, body: "{}"},
		request{path: "/api/Account/RefreshToken", contentType: spec.ApplicationJSON, body: "{}"},
		request{path: "/api/nothing/here", contentType: spec.ApplicationJSON, accept: "application/xml", body: "{}"},
		request{path: pf, contentType: spec.ApplicationXML, body: `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><stateCode>09</stateCode><AuthString>a</AuthString><RefreshToken>r</RefreshToken></RequestModelRefreshToken>`},
		request{path: pf, contentType: spec.ApplicationJSON, accept: "text/json", body: `{"stateCode":1,"RefreshToken":"r"}`},
	)
}

// TestLenientMatchesReference sends every parity case to the real ASP.NET Web API stack
// (its recorded answers: package aspnetref) and to the lenient mock and compares status,
// Content-Type and body shape (member names, order and namespaces; error messages and
// ModelState keys), not values.
func TestLenientMatchesReference(t *testing.T) {
	ref := aspnetref.Open(t).Server()
	ts := httptest.NewServer(newServer(t, true))
	defer ts.Close()
	for _, c := range parityCases() {
		name := c.method + " " + c.path + " " + c.contentType + " Accept=" + c.accept + " " + c.body
		t.Run(name, func(t *testing.T) {
			want := fetch(t, ref, c)
			got := fetch(t, ts.URL, c)
			if got.status != want.status || got.contentType != want.contentType || got.shape != want.shape {
				t.Errorf("mock  = %d %s %s\nreal  = %d %s %s", got.status, got.contentType, got.shape,
					want.status, want.contentType, want.shape)
			}
		})
	}
}

type answer struct {
	status             int
	contentType, shape string
}

func fetch(t *testing.T, base string, c request) answer {
	t.Helper()
	req := c.build(t, base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	a := answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	if strings.HasSuffix(a.contentType, "charset=utf-16") {
		body = fromUTF16LE(body)
	}
	body = strings.ReplaceAll(body, base, "BASE")
	switch {
	case resp.StatusCode != http.StatusOK:
		a.shape = errorShape(body)
	case strings.Contains(a.contentType, "json"):
		a.shape = jsonShape(body)
	default:
		a.shape = xmlShape(body)
	}
	if allow := resp.Header.Get("Allow"); allow != "" {
		a.shape += " Allow=" + allow
	}
	return a
}

// errorShape is an HttpError's Message and ModelState keys.
func errorShape(body string) string {
	if strings.HasPrefix(body, "<") {
		doc := etree.NewDocument()
		if err := doc.ReadFromString(body); err != nil || doc.Root() == nil {
			return "unreadable XML: " + body
		}
		shape := doc.Root().Tag + " " + doc.Root().FindElement("Message").Text()
		for _, e := range doc.Root().FindElements("ModelState/*") {
			shape += " " + e.Tag
		}
		return shape
	}
	var e struct {
		Message    string
		ModelState map[string][]string
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return "unreadable JSON: " + body
	}
	keys := make([]string, 0, len(e.ModelState))
	for k := range e.ModelState {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return e.Message + " " + strings.Join(keys, " ")
}

// jsonShape lists member names in order, recursively, without values; array items are
// left out (a failure's Errors has one item, a success's none).
func jsonShape(body string) string {
	dec := json.NewDecoder(strings.NewReader(body))
	type frame struct{ object, expectKey bool }
	var stack []frame
	var b strings.Builder
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].expectKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return b.String()
		}
		n := len(stack)
		switch tok := tok.(type) {
		case json.Delim:
			switch tok {
			case '{':
				if n == 0 || stack[n-1].object {
					b.WriteString("{")
				}
				stack = append(stack, frame{object: true, expectKey: true})
			case '[':
				b.WriteString("[")
				stack = append(stack, frame{})
			default:
				if tok == ']' || n < 2 || stack[n-2].object {
					b.WriteString(tok.String())
				}
				stack = stack[:n-1]
				valueDone()
			}
		default:
			if n > 0 && stack[n-1].object && stack[n-1].expectKey {
				b.WriteString(tok.(string) + " ")
				stack[n-1].expectKey = false
				continue
			}
			valueDone()
		}
	}
}

// xmlShape lists element names with their namespaces, without text or i:nil.
func xmlShape(body string) string {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(body); err != nil || doc.Root() == nil {
		return "unreadable XML: " + body
	}
	var b strings.Builder
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		// i:nil is a value, not shape: the real service answers a request without a refresh
		// token with its failure body (null tokens), the mock with the chosen scenario.
		b.WriteString("<" + e.NamespaceURI() + ":" + e.Tag + ">")
		if e.Tag == "Errors" {
			return // list length differs between success and failure bodies
		}
		for _, c := range e.ChildElements() {
			walk(c)
		}
	}
	walk(doc.Root())
	return b.String()
}

// utf16LE encodes s in UTF-16LE, after a byte order mark when bom is true.
func utf16LE(bom bool, s string) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// fromUTF16LE decodes a UTF-16LE body, skipping its byte order mark.
func fromUTF16LE(s string) string {
	b := []byte(strings.TrimPrefix(s, "\xFF\xFE"))
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(units))
}
