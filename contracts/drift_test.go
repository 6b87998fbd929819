package contracts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/internal/spec"
)

// replaceIn rewrites 200 answers of one kind (XML or JSON) with strings.Replacer pairs.
func replaceIn(xmlAnswers bool, oldnew ...string) rewrite {
	r := strings.NewReplacer(oldnew...)
	return func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
		if status != http.StatusOK || isXMLAnswer(h) != xmlAnswers {
			return status, body
		}
		return status, []byte(r.Replace(string(body)))
	}
}

// isFailureBody reports whether body is one of the seeds' failed-refresh bodies.
func isFailureBody(body []byte) bool {
	return regexp.MustCompile(`"Succeeded":false|Succeeded[^>]*>false<|"Status":"Failure"|<Status>Failure<`).Match(body)
}

// verifyAgainst runs the suite against h and returns its report.
func verifyAgainst(tb testing.TB, h http.Handler, opts contracts.Options) *contracts.Report {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	opts.Target = srv.URL
	if opts.Spec == nil {
		opts.Spec = loadSpec(tb)
	}
	r, err := contracts.Verify(context.Background(), opts)
	if err != nil {
		tb.Fatalf("Verify(%s) error: %v", srv.URL, err)
	}
	return r
}

func textReport(tb testing.TB, r *contracts.Report) string {
	tb.Helper()
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

func TestFaithfulPasses(t *testing.T) {
	s := loadSpec(t)
	r := verifyAgainst(t, faithful(t, spec.Compiled(s)), contracts.Options{Spec: s})
	if !r.OK() || r.Passed == 0 {
		t.Fatalf("Verify(faithful) = %d passed, %d failed, want 0 failed:\n%s", r.Passed, r.Failed, textReport(t, r))
	}
}

func TestReformattedPasses(t *testing.T) {
	s := loadSpec(t)
	reformat := func(_ *http.Request, status int, h http.Header, body []byte) (int, []byte) {
		switch {
		case isXMLAnswer(h):
			// Other prefixes for the same namespaces, and indentation.
			text := strings.NewReplacer(`xmlns:i=`, `xmlns:xsi=`, `i:nil`, `xsi:nil`, `d2p1:`, `arr:`, `xmlns:d2p1=`, `xmlns:arr=`).Replace(string(body))
			doc := etree.NewDocument()
			if err := doc.ReadFromString(text); err != nil {
				return status, body
			}
			doc.Indent(4)
			out, _ := doc.WriteToBytes()
			return status, out
		case isJSONAnswer(h):
			var b bytes.Buffer
			if json.Indent(&b, body, "", "\t") != nil {
				return status, body
			}
			return status, append(b.Bytes(), '\n')
		}
		return status, body
	}
	r := verifyAgainst(t, drifting(faithful(t, spec.Compiled(s)), reformat), contracts.Options{Spec: s})
	if !r.OK() {
		t.Fatalf("Verify(reformatting server) = %d failed, want 0:\n%s", r.Failed, textReport(t, r))
	}
}

func TestDrift(t *testing.T) {
	pub := loadSpec(t)
	s := spec.Compiled(pub)
	loginNS := "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result"
	tests := []struct {
		name    string
		rewrite rewrite
		// check and path of a violation the report must hold, and a phrase of its message.
		check, path, message string
	}{
		{"changed XML namespace", replaceIn(true, loginNS, loginNS+".V3"),
			contracts.CheckXML, "/LoginResult", "namespace"},
		{"camelCase JSON names", replaceIn(false, `"AccessToken"`, `"accessToken"`, `"RefreshAccessToken"`, `"refreshAccessToken"`),
			contracts.CheckJSONMembers, "/accessToken", `spelled "accessToken"`},
		{"number emitted as string", replaceIn(false, `"ErrorCode":5`, `"ErrorCode":"5"`),
			contracts.CheckJSONSchema, "/ErrorCode", "integer"},
		{"missing member", replaceIn(false, `"TokenType":"sample string 3",`, ``),
			contracts.CheckJSONSchema, "/TokenType", "missing"},
		{"XML members out of order", replaceIn(true, `<AccessToken>sample string 1</AccessToken><ErrorCode>5</ErrorCode>`, `<ErrorCode>5</ErrorCode><AccessToken>sample string 1</AccessToken>`),
			contracts.CheckXML, "/LoginResult/AccessToken", "out of DataContract order"},
		{"500 on valid input", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusOK {
				return status, body
			}
			h.Set("Content-Type", "application/json; charset=utf-8")
			return http.StatusInternalServerError, []byte(`{"Message":"An error has occurred."}`)
		}, contracts.CheckStatus, "", "server error"},
		{"Accept ignored", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if isXMLAnswer(h) && strings.Contains(r.Header.Get("Content-Type"), "json") {
				h.Set("Content-Type", "application/json; charset=utf-8")
				return status, []byte(`{"Message":"The request is invalid."}`)
			}
			return status, body
		}, contracts.CheckContentType, "Content-Type", "negotiation"},
		{"date that is not a date", replaceIn(false, `"2024-11-21T08:42:50.8590439+00:00"`, `"21/11/2024 08:42:50"`),
			contracts.CheckJSONSchema, "/Expires", "date-time"},
		{"DateTimeOffset without its offset", replaceIn(false, `"2024-11-21T08:42:50.8590439+00:00"`, `"2024-11-21T08:42:50.8590439Z"`),
			contracts.CheckJSONMembers, "/Expires", "offset"},
		{"list emitted as string", replaceIn(false, `"Errors":["sample string 1","sample string 2"]`, `"Errors":"sample string 1; sample string 2"`),
			contracts.CheckJSONSchema, "/Errors", "array"},
		{"nested object missing (PFMS RefreshTokenResponse)", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status == http.StatusOK && isJSONAnswer(h) {
				body = regexp.MustCompile(`,"RefreshTokenResponse":\{[^}]*\}`).ReplaceAll(body, nil)
			}
			return status, body
		}, contracts.CheckJSONSchema, "/RefreshTokenResponse", "missing"},
		{"string emitted as boolean", replaceIn(false, `"isSuccess":"sample string 7"`, `"isSuccess":true`),
			contracts.CheckJSONSchema, "/RefreshTokenResponse/isSuccess", "string"},
		{"renamed XML root", replaceIn(true, `<LoginResult `, `<LoginResponse `, `</LoginResult>`, `</LoginResponse>`),
			contracts.CheckXML, "/LoginResponse", "LoginResult"},
		{"missing charset", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			mt, _, _ := strings.Cut(h.Get("Content-Type"), ";")
			h.Set("Content-Type", mt)
			return status, body
		}, contracts.CheckContentType, "Content-Type", "charset"},
		{"i:nil on a non-nullable member", replaceIn(true, `<ErrorCode>5</ErrorCode>`, `<ErrorCode i:nil="true"/>`),
			contracts.CheckXML, "/LoginResult/ErrorCode", "nullable"},
		{"JSON members reordered", replaceIn(false, `"AckCode":"sample string 1","Status":"sample string 2"`, `"Status":"sample string 2","AckCode":"sample string 1"`),
			contracts.CheckJSONMembers, "/AckCode", "Json.NET writes the members"},
		{"undocumented extra member", replaceIn(false, `"Succeeded":true`, `"Succeeded":true,"Debug":"trace-1"`),
			contracts.CheckJSONMembers, "/Debug", "not a documented member"},
		{"ClienteId in XML", replaceIn(true, `<AccessToken>`, `<AccessToken>`, `<ErrorCode>`, `<ClienteId>6</ClienteId><ErrorCode>`),
			contracts.CheckXML, "/LoginResult/ClienteId", ""},
		{"405 without Allow", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			h.Del("Allow")
			return status, body
		}, contracts.CheckAllow, "Allow", "Allow"},
		{"XML answer drops list items", replaceIn(true, `<d2p1:string>sample string 2</d2p1:string>`, ``),
			contracts.CheckParity, "/Errors", "length"},
		{"400 without ModelState", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusBadRequest {
				return status, body
			}
			if isXMLAnswer(h) {
				return status, []byte(`<Error><Message>The request is invalid.</Message></Error>`)
			}
			return status, []byte(`{"Message":"The request is invalid."}`)
		}, contracts.CheckBody, "/ModelState", "ModelState"},
		{"404 as a bare string (Web API 1)", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if status != http.StatusNotFound || !isJSONAnswer(h) {
				return status, body
			}
			return status, []byte(`"No HTTP resource was found that matches the request URI."`)
		}, contracts.CheckJSONSchema, "/", "object"},
		{"failure answered with 400", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if !isFailureBody(body) {
				return status, body
			}
			if isXMLAnswer(h) {
				return http.StatusBadRequest, []byte(`<Error><Message>Invalid refresh token.</Message></Error>`)
			}
			return http.StatusBadRequest, []byte(`{"Message":"Invalid refresh token."}`)
		}, contracts.CheckStatus, "", "the response example paired with the invalid-refresh-token request example"},
		{"nulls omitted in the JSON failure body", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			return status, regexp.MustCompile(`"\w+":null,?`).ReplaceAll(body, nil)
		}, contracts.CheckExample, "/AccessToken", "NullValueHandling.Ignore"},
		{"nulls omitted in the XML failure body", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			return status, regexp.MustCompile(`<\w+ i:nil="true" */>`).ReplaceAll(body, nil)
		}, contracts.CheckExample, "/ResponseModelRefreshToken/RefreshTokenResponse/accessToken", "EmitDefaultValue = false"},
		{"failure body with a wrong member set", replaceIn(false, `"Errors":["Invalid refresh token."]`, `"Error":"Invalid refresh token."`),
			contracts.CheckExample, "/Errors", "the answer lacks it"},
		{"success body sent for a failing request", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			if !isFailureBody(body) || !isJSONAnswer(h) || !bytes.Contains(body, []byte(`"Succeeded"`)) {
				return status, body
			}
			o := s.Operation("refreshToken")
			return status, jsonNet(o.Response(http.StatusOK, spec.ApplicationJSON), o.ResponseExamples[spec.ApplicationJSON][spec.DocsExample])
		}, contracts.CheckExample, "/AccessToken", "a success body for a failing request"},
		{"XML failure body with a token the JSON one has as null", replaceIn(true, `<AccessToken i:nil="true" />`, `<AccessToken>x</AccessToken>`),
			contracts.CheckParity, "/AccessToken", "null in one answer"},
		{"redirect to the same URL", func(r *http.Request, status int, h http.Header, body []byte) (int, []byte) {
			h.Set("Location", r.URL.Path)
			return http.StatusFound, nil
		}, contracts.CheckStatus, "", "redirects to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := verifyAgainst(t, drifting(faithful(t, s), tt.rewrite), contracts.Options{Spec: pub})
			if r.OK() {
				t.Fatalf("Verify(%s) = %d passed, 0 failed, want a %s violation at %q", tt.name, r.Passed, tt.check, tt.path)
			}
			for _, v := range r.Violations() {
				if v.Check == tt.check && v.Path == tt.path && strings.Contains(v.Message+" "+v.Expected, tt.message) {
					if v.Curl == "" || !strings.HasPrefix(v.Curl, "curl ") || v.Case == "" {
						t.Errorf("violation %v: want its case and a curl line, got case %q curl %q", v, v.Case, v.Curl)
					}
					return
				}
			}
			t.Errorf("Verify(%s) violations lack check %q at %q with %q; got:\n%s", tt.name, tt.check, tt.path, tt.message, textReport(t, r))
		})
	}
}
