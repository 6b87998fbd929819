package mock_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// hostile is one hostile request and what the mock must answer. want 0 means "any status
// below 500".
type hostile struct {
	name                                    string
	method, path, contentType, accept, body string
	header                                  http.Header
	want                                    int
	fast                                    bool // must be answered within fastLimit
}

// fastLimit bounds the answer time of requests that must be refused at once (entity
// expansion, oversized bodies): generous for -race on a loaded machine, far below what an
// expansion or a fetch would take.
const fastLimit = 10 * time.Second

const refreshPath = "/api/v2/account/refreshtoken"

const xmlRoot = `<AccessTokenBindingModel xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels">`

// hostileCorpus returns the hostile requests: malformed and truncated bodies of every
// media type, huge and deep XML and JSON, entity declarations, invalid UTF-8, NUL bytes,
// absurd headers. canary is a URL that no request may make the mock fetch.
func hostileCorpus(canary string) []hostile {
	var cs []hostile
	// Truncations of every valid body of every operation in every request media type.
	for op, bodies := range validBodies {
		for _, mt := range requestMediaTypes {
			body := bodies[mt]
			for cut := 1; cut < len(body); cut += 5 {
				cs = append(cs, hostile{name: fmt.Sprintf("truncated/%s/%s/%d", op, mt, cut),
					path: paths[op], contentType: mt, body: body[:cut]})
			}
			cs = append(cs,
				hostile{name: fmt.Sprintf("nul/%s/%s", op, mt), path: paths[op], contentType: mt,
					body: body[:len(body)/2] + "\x00" + body[len(body)/2:]},
				hostile{name: fmt.Sprintf("invalid-utf8/%s/%s", op, mt), path: paths[op], contentType: mt,
					body: strings.Replace(body, "refresh", "re\xff\xfe\xc3(sh", 1)},
				hostile{name: fmt.Sprintf("doubled/%s/%s", op, mt), path: paths[op], contentType: mt, body: body + body},
				hostile{name: fmt.Sprintf("wrong-media-type/%s/%s", op, mt), path: paths[op], contentType: "text/plain", body: body},
			)
		}
	}
	deepXML := xmlRoot + strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) + "</AccessTokenBindingModel>"
	manyXML := xmlRoot + strings.Repeat("<AccessTokenOld>x</AccessTokenOld>", 20000) + "</AccessTokenBindingModel>"
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">` +
		`<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">` +
		`<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">` +
		`<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">` +
		`<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">` +
		`<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>` +
		xmlRoot + `<AccessTokenOld>&lol9;</AccessTokenOld><AccessTokenRefresh>r</AccessTokenRefresh></AccessTokenBindingModel>`
	external := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "` + canary + `/ext">]>` +
		xmlRoot + `<AccessTokenOld>&ext;</AccessTokenOld><AccessTokenRefresh>r</AccessTokenRefresh></AccessTokenBindingModel>`
	externalFile := `<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>` +
		xmlRoot + `<AccessTokenOld>&ext;</AccessTokenOld><AccessTokenRefresh>r</AccessTokenRefresh></AccessTokenBindingModel>`
	externalDTD := `<!DOCTYPE AccessTokenBindingModel SYSTEM "` + canary + `/dtd">` +
		xmlRoot + `<AccessTokenOld>o</AccessTokenOld><AccessTokenRefresh>r</AccessTokenRefresh></AccessTokenBindingModel>`
	parameterEntity := `<!DOCTYPE x [<!ENTITY % p SYSTEM "` + canary + `/param"> %p;]>` + xmlRoot + `</AccessTokenBindingModel>`
	undeclared := xmlRoot + `<AccessTokenOld>&undeclared;</AccessTokenOld><AccessTokenRefresh>r</AccessTokenRefresh></AccessTokenBindingModel>`
	xinclude := xmlRoot + `<AccessTokenOld><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="` + canary + `/xi"/></AccessTokenOld></AccessTokenBindingModel>`
	for _, mt := range []string{spec.ApplicationXML, spec.TextXML} {
		cs = append(cs,
			hostile{name: "deep-xml/" + mt, path: refreshPath, contentType: mt, body: deepXML, want: http.StatusBadRequest, fast: true},
			hostile{name: "many-elements-xml/" + mt, path: refreshPath, contentType: mt, body: manyXML, want: http.StatusBadRequest, fast: true},
			hostile{name: "billion-laughs/" + mt, path: refreshPath, contentType: mt, body: laughs, want: http.StatusBadRequest, fast: true},
			hostile{name: "external-entity-http/" + mt, path: refreshPath, contentType: mt, body: external, want: http.StatusBadRequest, fast: true},
			hostile{name: "external-entity-file/" + mt, path: refreshPath, contentType: mt, body: externalFile, want: http.StatusBadRequest, fast: true},
			hostile{name: "external-dtd/" + mt, path: refreshPath, contentType: mt, body: externalDTD, want: http.StatusBadRequest, fast: true},
			hostile{name: "parameter-entity/" + mt, path: refreshPath, contentType: mt, body: parameterEntity, want: http.StatusBadRequest, fast: true},
			hostile{name: "undeclared-entity/" + mt, path: refreshPath, contentType: mt, body: undeclared, want: http.StatusBadRequest, fast: true},
			hostile{name: "xinclude/" + mt, path: refreshPath, contentType: mt, body: xinclude, want: 0, fast: true},
			hostile{name: "processing-instruction/" + mt, path: refreshPath, contentType: mt, body: `<?xml-stylesheet href="` + canary + `/xsl"?>` + xmlRoot + `</AccessTokenBindingModel>`, want: http.StatusBadRequest, fast: true},
			hostile{name: "utf16-declared/" + mt, path: refreshPath, contentType: mt, body: `<?xml version="1.0" encoding="utf-16"?>` + xmlRoot + `</AccessTokenBindingModel>`},
			hostile{name: "ebcdic-declared/" + mt, path: refreshPath, contentType: mt + "; charset=ebcdic", body: `<?xml version="1.0" encoding="ebcdic"?>` + xmlRoot + `</AccessTokenBindingModel>`},
			hostile{name: "wrong-root/" + mt, path: refreshPath, contentType: mt, body: `<html><body>hi</body></html>`, want: http.StatusBadRequest},
			hostile{name: "two-roots/" + mt, path: refreshPath, contentType: mt, body: xmlRoot + `</AccessTokenBindingModel>` + xmlRoot + `</AccessTokenBindingModel>`, want: http.StatusBadRequest},
			hostile{name: "cdata-and-comments/" + mt, path: refreshPath, contentType: mt, body: `<!--x-->` + xmlRoot + `<AccessTokenOld><![CDATA[<&>]]></AccessTokenOld><!--y--></AccessTokenBindingModel>`},
			hostile{name: "huge-attribute/" + mt, path: refreshPath, contentType: mt, body: `<AccessTokenBindingModel a="` + strings.Repeat("x", 900000) + `"/>`},
		)
	}
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		cs = append(cs,
			hostile{name: "deep-json-array/" + mt, path: refreshPath, contentType: mt, body: strings.Repeat("[", 500000), want: http.StatusBadRequest, fast: true},
			hostile{name: "deep-json-object/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":` + strings.Repeat(`{"a":`, 100000), want: http.StatusBadRequest, fast: true},
			hostile{name: "deep-json-inside-limit/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":` + strings.Repeat(`[`, 30) + strings.Repeat(`]`, 30) + `}`},
			hostile{name: "wide-json/" + mt, path: refreshPath, contentType: mt, body: "[" + strings.Repeat(`{"a":1},`, 100000) + "1]"},
			hostile{name: "many-members-json/" + mt, path: refreshPath, contentType: mt, body: manyMembers(20000)},
			hostile{name: "huge-number/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":1` + strings.Repeat("0", 100000) + `}`},
			hostile{name: "huge-string/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":"` + strings.Repeat("x", 900000) + `","AccessTokenRefresh":"r"}`},
			hostile{name: "bad-escape/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":"\ud800\u00zz"}`, want: http.StatusBadRequest},
			hostile{name: "lone-surrogate/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":"\ud800","AccessTokenRefresh":"r"}`},
			hostile{name: "bom-only/" + mt, path: refreshPath, contentType: mt, body: "\xef\xbb\xbf"},
			hostile{name: "whitespace-only/" + mt, path: refreshPath, contentType: mt, body: " \t\r\n "},
			hostile{name: "null/" + mt, path: refreshPath, contentType: mt, body: "null"},
			hostile{name: "scalar/" + mt, path: refreshPath, contentType: mt, body: "42"},
			hostile{name: "utf16-charset/" + mt, path: refreshPath, contentType: mt + "; charset=utf-16", body: "{\x00}\x00"},
			hostile{name: "comment-unterminated/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":/* never`, want: http.StatusBadRequest},
			hostile{name: "new-date/" + mt, path: refreshPath, contentType: mt, body: `{"AccessTokenOld":new Date(`},
		)
	}
	cs = append(cs,
		hostile{name: "form/many-fields", path: refreshPath, contentType: spec.FormURLEncoded, body: strings.Repeat("a=1&", 100000)},
		hostile{name: "form/bad-escape", path: refreshPath, contentType: spec.FormURLEncoded, body: "AccessTokenOld=%zz&%", want: http.StatusBadRequest},
		hostile{name: "form/semicolons", path: refreshPath, contentType: spec.FormURLEncoded, body: "AccessTokenOld=a;AccessTokenRefresh=b"},
		hostile{name: "form/repeated", path: refreshPath, contentType: spec.FormURLEncoded, body: strings.Repeat("AccessTokenOld=a&", 5000)},
		hostile{name: "body-over-limit", path: refreshPath, contentType: spec.ApplicationJSON, body: strings.Repeat(" ", mock.DefaultMaxBodyBytes+1), want: http.StatusRequestEntityTooLarge, fast: true},
		hostile{name: "multipart", path: refreshPath, contentType: "multipart/form-data; boundary=x", body: "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n", want: http.StatusUnsupportedMediaType},
		hostile{name: "content-type/garbage", path: refreshPath, contentType: ";;;==\"", body: "{}"},
		hostile{name: "content-type/unterminated-quote", path: refreshPath, contentType: `application/json; charset="utf-8`, body: validBodies["refreshToken"][spec.ApplicationJSON]},
		hostile{name: "content-type/unknown-charset", path: refreshPath, contentType: "application/json; charset=klingon", body: validBodies["refreshToken"][spec.ApplicationJSON]},
		hostile{name: "accept/huge", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			accept: strings.Repeat("x", 60000), want: http.StatusOK},
		hostile{name: "accept/thousands", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			accept: thousandsOfAccepts(5000), want: http.StatusOK},
		hostile{name: "accept/thousands-of-headers", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Accept": strings.Split(thousandsOfAccepts(2000), ",")}, want: http.StatusOK},
		hostile{name: "accept/bad-quality", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			accept: "application/xml;q=NaN, text/json;q=1e999, */*;q=-1, ;q=, /, a/b/c", want: http.StatusOK},
		hostile{name: "accept-charset/absurd", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Accept-Charset": {strings.Repeat("utf-16;q=0.1,", 3000)}}, want: http.StatusOK},
		hostile{name: "prefer/empty-example", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {"example="}}},
		hostile{name: "prefer/unknown-example", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {`example="` + strings.Repeat("<x>", 1000)}}, want: http.StatusBadRequest},
		hostile{name: "prefer/code-not-a-number", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {"code=abc"}}, want: http.StatusBadRequest},
		hostile{name: "prefer/code-huge", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {"code=99999999999999999999999"}}, want: http.StatusBadRequest},
		hostile{name: "prefer/separators-only", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {";;,,=;=,;"}}, want: http.StatusOK},
		hostile{name: "prefer/thousands", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"Prefer": {strings.Repeat("respond-async; wait=1, ", 2000)}}, want: http.StatusOK},
		hostile{name: "scenario-query/unknown", path: refreshPath + "?__scenario=%00%ff", contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON], want: http.StatusBadRequest},
		hostile{name: "x-requested-with/huge", path: refreshPath, contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON],
			header: http.Header{"X-Requested-With": {strings.Repeat("XMLHttpRequest", 2000)}}, want: http.StatusOK},
		hostile{name: "path/long", path: "/" + strings.Repeat("a/", 20000), want: http.StatusNotFound},
		hostile{name: "path/encoded-nul", path: "/api/v2/account/refreshtoken%00", want: http.StatusNotFound},
		hostile{name: "path/dot-segments", path: "/api/v2/../v2/./account/refreshtoken", contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON]},
		hostile{name: "path/invalid-utf8", path: "/api/%ff%fe/refreshtoken", want: http.StatusNotFound},
		hostile{name: "method/get", method: http.MethodGet, path: refreshPath, want: http.StatusMethodNotAllowed},
		hostile{name: "method/head", method: http.MethodHead, path: refreshPath, want: http.StatusMethodNotAllowed},
		hostile{name: "method/unknown", method: "BREW", path: refreshPath, want: http.StatusMethodNotAllowed},
		hostile{name: "method/options", method: http.MethodOptions, path: refreshPath},
	)
	return cs
}

func manyMembers(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"m%d":%d,`, i, i)
	}
	b.WriteString(`"AccessTokenOld":"o"}`)
	return b.String()
}

func thousandsOfAccepts(n int) string {
	types := []string{"text/html", "application/xhtml+xml", "image/webp", "application/xml;q=0.9", "*/*;q=0.8", "x/y;q=0.001"}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = types[i%len(types)]
	}
	return strings.Join(parts, ",")
}

// TestHostileRequests sends the hostile corpus through a real HTTP server, in strict and
// lenient mode: never a 5xx, never a hang, always a well-formed body, never a fetch, and
// a normal request is still answered correctly after each.
func TestHostileRequests(t *testing.T) {
	var fetched atomic.Int64
	canary := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		fmt.Fprint(w, "<!ENTITY x 'pwned'>")
	}))
	for _, lenient := range []bool{false, true} {
		t.Run(fmt.Sprintf("lenient=%v", lenient), func(t *testing.T) {
			srv, logs := newLoggedServer(t, mock.Options{Lenient: lenient})
			ts := startServer(t, srv)
			client := &http.Client{Timeout: time.Minute}
			for _, c := range hostileCorpus(canary.URL) {
				t.Run(c.name, func(t *testing.T) {
					start := time.Now()
					status, ct, body := send(t, client, ts.URL, request{method: c.method, path: c.path,
						contentType: c.contentType, accept: c.accept, body: c.body, header: c.header})
					elapsed := time.Since(start)
					checkAnswer(t, c.name, c.method, status, ct, body, c.want)
					if c.fast && elapsed > fastLimit {
						t.Errorf("%s answered in %v, want under %v", c.name, elapsed, fastLimit)
					}
				})
			}
			checkNormalRequest(t, client, ts.URL)
			if strings.Contains(logs.String(), "internal error") {
				t.Errorf("the mock logged an internal error:\n%s", logs)
			}
		})
	}
	if n := fetched.Load(); n != 0 {
		t.Errorf("the mock fetched the canary %d times, want 0 (XML must never fetch anything)", n)
	}
}

// send sends r with client and returns the status, Content-Type and body; a transport
// error fails the test.
func send(tb testing.TB, client *http.Client, base string, r request) (int, string, []byte) {
	tb.Helper()
	req := r.build(tb, base)
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, r.path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", req.Method, r.path, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// checkAnswer checks status (want, or any status below 500 when want is 0) and that the
// body is well-formed for its Content-Type.
func checkAnswer(tb testing.TB, name, method string, status int, contentType string, body []byte, want int) {
	tb.Helper()
	switch {
	case want != 0 && status != want:
		tb.Errorf("%s: status = %d, want %d (body %q)", name, status, want, clip(body))
	case status >= 500:
		tb.Errorf("%s: status = %d, want < 500 (body %q)", name, status, clip(body))
	}
	if err := wellFormed(contentType, status, method, body); err != nil {
		tb.Errorf("%s: body = %v, want a well-formed %s body", name, err, contentType)
	}
}

// checkNormalRequest checks that a valid request still gets the success answer.
func checkNormalRequest(tb testing.TB, client *http.Client, base string) {
	tb.Helper()
	status, ct, body := send(tb, client, base, request{path: refreshPath, contentType: spec.ApplicationJSON,
		body: validBodies["refreshToken"][spec.ApplicationJSON], accept: spec.ApplicationXML})
	if status != http.StatusOK || !strings.HasPrefix(ct, spec.ApplicationXML) || !strings.Contains(string(body), "<AccessToken>") {
		tb.Errorf("normal request = %d %s %q, want 200 application/xml with an AccessToken", status, ct, clip(body))
	}
}

// rawCase is a request written byte for byte on a TCP connection.
type rawCase struct {
	name      string
	raw       string
	halfClose bool // close the writing side after raw, so a short body ends
	want      int  // 0: any status below 500
}

// TestHostileRawRequests writes requests that net/http clients cannot send (wrong
// Content-Length, bad framing, NUL bytes in headers) on raw connections.
func TestHostileRawRequests(t *testing.T) {
	srv, logs := newLoggedServer(t, mock.Options{})
	ts := startServer(t, srv)
	addr := ts.Listener.Addr().String()
	body := validBodies["refreshToken"][spec.ApplicationJSON]
	head := "POST " + refreshPath + " HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n"
	cases := []rawCase{
		{name: "content-length-too-large", raw: head + "Content-Length: 1000\r\n\r\n" + body, halfClose: true, want: http.StatusBadRequest},
		{name: "content-length-too-small", raw: head + "Content-Length: 10\r\n\r\n" + body, want: http.StatusBadRequest},
		{name: "content-length-negative", raw: head + "Content-Length: -5\r\n\r\n" + body, want: http.StatusBadRequest},
		{name: "content-length-conflicting", raw: head + "Content-Length: 10\r\nContent-Length: 20\r\n\r\n" + body, want: http.StatusBadRequest},
		{name: "content-length-garbage", raw: head + "Content-Length: ten\r\n\r\n" + body, want: http.StatusBadRequest},
		{name: "content-length-huge", raw: head + "Content-Length: 99999999999999\r\n\r\n" + body, want: http.StatusRequestEntityTooLarge},
		{name: "chunked-truncated", raw: head + "Transfer-Encoding: chunked\r\n\r\n100\r\n" + body, halfClose: true, want: http.StatusBadRequest},
		{name: "chunked-bad-size", raw: head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n", want: http.StatusBadRequest},
		{name: "chunked-and-length", raw: head + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", want: http.StatusBadRequest},
		{name: "nul-in-header", raw: "POST " + refreshPath + " HTTP/1.1\r\nHost: mock\r\nX-A: a\x00b\r\nContent-Length: 0\r\n\r\n", want: http.StatusBadRequest},
		{name: "header-without-colon", raw: "POST " + refreshPath + " HTTP/1.1\r\nHost: mock\r\nnonsense\r\n\r\n", want: http.StatusBadRequest},
		{name: "no-host", raw: "POST " + refreshPath + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n", want: http.StatusBadRequest},
		{name: "garbage-request-line", raw: "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", want: http.StatusBadRequest},
		{name: "http-0.9", raw: "GET /\r\n\r\n", want: http.StatusBadRequest},
		{name: "utf8-path", raw: "POST /api/v2/account/réfresh\xff HTTP/1.1\r\nHost: mock\r\nContent-Length: 0\r\n\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, got := rawExchange(t, addr, c.raw, c.halfClose)
			checkRawAnswer(t, c, resp, got)
		})
	}
	checkNormalRequest(t, &http.Client{Timeout: time.Minute}, ts.URL)
	if strings.Contains(logs.String(), "internal error") {
		t.Errorf("the mock logged an internal error:\n%s", logs)
	}
}

func checkRawAnswer(tb testing.TB, c rawCase, resp *http.Response, body []byte) {
	tb.Helper()
	switch {
	case c.want != 0 && resp.StatusCode != c.want:
		tb.Errorf("%s: status = %d, want %d (body %q)", c.name, resp.StatusCode, c.want, clip(body))
	case resp.StatusCode >= 500:
		tb.Errorf("%s: status = %d, want < 500 (body %q)", c.name, resp.StatusCode, clip(body))
	}
	// net/http itself refuses malformed framing with a text/plain line; the mock's own
	// answers are JSON or XML.
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		if err := wellFormed(ct, resp.StatusCode, http.MethodPost, body); err != nil {
			tb.Errorf("%s: body = %v, want a well-formed %s body", c.name, err, ct)
		}
	}
}

// rawExchange writes raw on a new connection to addr and reads one response, all within
// a deadline so that a hang fails the test instead of blocking it.
func rawExchange(tb testing.TB, addr, raw string, halfClose bool) (*http.Response, []byte) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	if err := conn.SetDeadline(deadline); err != nil {
		tb.Fatal(err)
	}
	if _, err := io.WriteString(conn, raw); err != nil {
		tb.Fatalf("write request: %v", err)
	}
	if halfClose {
		if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
			tb.Fatal(err)
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		tb.Fatalf("read response to %q: %v", clip([]byte(raw)), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read response body: %v", err)
	}
	return resp, body
}

// TestHostileRecorder runs the corpus through ServeHTTP directly, where no transport
// limits apply, so that only the mock's own limits protect it.
func TestHostileRecorder(t *testing.T) {
	srv, _ := newLoggedServer(t, mock.Options{})
	for _, c := range hostileCorpus("http://127.0.0.1:1") {
		t.Run(c.name, func(t *testing.T) {
			r := request{method: c.method, path: c.path, contentType: c.contentType, accept: c.accept, body: c.body, header: c.header}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r.build(t, "http://mock.test"))
			checkAnswer(t, c.name, r.method, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), c.want)
		})
	}
}
