package contracts

import (
	"net/http"
	"testing"

	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// FuzzJudge feeds arbitrary answers (status, Content-Type, body) to the checks, which
// parse what a hostile or broken target sends: they must report, never panic.
func FuzzJudge(f *testing.F) {
	s, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		f.Fatal(err)
	}
	cases, err := buildCases(&Options{compiled: s})
	if err != nil {
		f.Fatal(err)
	}
	for _, mt := range []string{spec.ApplicationJSON, spec.TextXML} {
		for _, name := range []string{spec.DocsExample} {
			for _, o := range s.Operations {
				switch ex := o.ResponseExamples[mt][name].(type) {
				case string:
					f.Add(200, mt+"; charset=utf-8", []byte(ex), uint8(0))
				}
			}
		}
	}
	f.Add(200, "application/json; charset=utf-8", []byte(`{"AckCode":"1","RefreshTokenResponse":{"isSuccess":true}}`), uint8(1))
	f.Add(400, "application/xml; charset=utf-8", []byte(`<Error><Message>x</Message><ModelState><model>y</model></ModelState></Error>`), uint8(2))
	f.Add(200, "text/xml", []byte(`<LoginResult xmlns="urn:x"><Errors><a:string xmlns:a="b"/></Errors>`), uint8(3))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte, pick uint8) {
		c := cases[int(pick)%len(cases)]
		x := &exchange{c: c, status: status, header: http.Header{"Content-Type": {contentType}}, body: body, url: "http://127.0.0.1/x"}
		if status <= 0 || status > 999 {
			x.status = 200
		}
		res := judge(x)
		for _, v := range res.Violations {
			if v.Check == "" || v.Message == "" {
				t.Errorf("judge(%d, %q, %q) gave a violation without check or message: %#v", status, contentType, body, v)
			}
		}
		// The parity check parses the same bytes as the XML answer of a pair.
		j := &exchange{c: &testCase{op: c.op, matrix: true, accept: spec.ApplicationJSON, requestMediaType: spec.ApplicationJSON},
			status: 200, header: http.Header{"Content-Type": {"application/json; charset=utf-8"}}, body: body}
		xc := *c
		xc.matrix, xc.accept, xc.requestMediaType = true, spec.ApplicationXML, spec.ApplicationJSON
		xx := &exchange{c: &xc, status: 200, header: http.Header{"Content-Type": {"application/xml; charset=utf-8"}}, body: body}
		checkParity([]*exchange{j, xx}, []*CaseResult{{}, {}})
	})
}

// FuzzNegotiateAmong checks the negotiation over documented formatters against
// internal/negotiate (checked against the reference stack) for Web API's default
// formatters, on any Accept and Content-Type headers.
func FuzzNegotiateAmong(f *testing.F) {
	for _, accept := range []string{"", "*/*", "application/xml", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"application/json;q=0.1, application/xml", "text/*;q=0.5, application/*", "application/xml;q=0"} {
		f.Add(accept, "application/json")
		f.Add(accept, "text/xml; charset=utf-8")
	}
	defaults := [][]string{{spec.ApplicationJSON, spec.TextJSON}, {spec.ApplicationXML, spec.TextXML}}
	f.Fuzz(func(t *testing.T, accept, contentType string) {
		want := negotiate.ResponseMediaType(accept, contentType)
		if got := negotiateAmong(defaults, accept, contentType); got != want {
			t.Errorf("negotiateAmong(defaults, Accept %q, Content-Type %q) = %q, want %q (internal/negotiate)", accept, contentType, got, want)
		}
	})
}
