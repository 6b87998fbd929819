package dcxml_test

import (
	"os"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
)

func TestCheck(t *testing.T) {
	sample := func(tb testing.TB, name string) string {
		tb.Helper()
		b, err := os.ReadFile("testdata/encode/" + name + ".xml")
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	lrSample := sample(t, "LoginResult.sample")
	tests := []struct {
		name, model, body string
		edit              func(string) string
		wantPath          string // "" for no violations
		wantMsg           string
	}{
		{name: "conforming", model: "LoginResult", body: lrSample},
		{name: "other prefixes and whitespace", model: "LoginResult",
			body: "\n<r:LoginResult xmlns:r=\"http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result\" xmlns:m=\"http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models\" xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\">\n  <m:Errors xmlns:arr=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\"><arr:string>e</arr:string> </m:Errors>\n  <m:Succeeded>false</m:Succeeded>\n  <r:AccessToken x:nil=\"true\"/>\n  <r:ErrorCode>401</r:ErrorCode>\n  <r:Expires><DateTime xmlns=\"http://schemas.datacontract.org/2004/07/System\">0001-01-01T00:00:00Z</DateTime><OffsetMinutes xmlns=\"http://schemas.datacontract.org/2004/07/System\">0</OffsetMinutes></r:Expires>\n  <r:RefreshAccessToken x:nil=\"true\"/><r:TokenType x:nil=\"true\"/>\n</r:LoginResult>\n"},
		{name: "malformed", model: "LoginResult", body: `<LoginResult`, wantPath: "/", wantMsg: "not well-formed"},
		{name: "wrong root namespace", model: "LoginResult", body: `<LoginResult xmlns="urn:x"/>`, wantPath: "/LoginResult", wantMsg: "wrong root element"},
		{name: "wrong root name", model: "LoginResult", body: strings.ReplaceAll(lrSample, "LoginResult", "Result"), wantPath: "/Result", wantMsg: "wrong root element"},
		{name: "required member missing", model: "LoginResult", edit: func(s string) string {
			return strings.Replace(s, "<TokenType>bearer</TokenType>", "", 1)
		}, body: lrSample, wantPath: "/LoginResult/TokenType", wantMsg: "required member TokenType is missing"},
		{name: "member in wrong namespace", model: "LoginResult", body: strings.Replace(lrSample, `<Succeeded xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models">`, `<Succeeded>`, 1),
			wantPath: "/LoginResult/Succeeded", wantMsg: "wrong namespace"},
		{name: "swapped members", model: "RequestModelRefreshToken", body: `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><RefreshToken>r</RefreshToken><AuthString>a</AuthString></RequestModelRefreshToken>`,
			wantPath: "/RequestModelRefreshToken/AuthString", wantMsg: "out of DataContract order"},
		{name: "wrong case", model: "RequestModelRefreshToken", body: `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><authString>a</authString></RequestModelRefreshToken>`,
			wantPath: "/RequestModelRefreshToken/authString", wantMsg: "case-sensitive"},
		{name: "undocumented element", model: "LoginResult", body: strings.Replace(lrSample, "<ErrorCode>0</ErrorCode>", "<ErrorCode>0</ErrorCode><ClienteId>1001</ClienteId>", 1),
			wantPath: "/LoginResult/ClienteId", wantMsg: "undocumented element ClienteId"},
		{name: "duplicate", model: "LoginResult", body: strings.Replace(lrSample, "<ErrorCode>0</ErrorCode>", "<ErrorCode>0</ErrorCode><ErrorCode>0</ErrorCode>", 1),
			wantPath: "/LoginResult/ErrorCode", wantMsg: "appears twice"},
		{name: "int not a number", model: "LoginResult", body: strings.Replace(lrSample, "<ErrorCode>0</ErrorCode>", "<ErrorCode>zero</ErrorCode>", 1),
			wantPath: "/LoginResult/ErrorCode", wantMsg: "not an integer"},
		{name: "bool not a boolean", model: "LoginResult", body: strings.Replace(lrSample, ">true</Succeeded>", ">True</Succeeded>", 1),
			wantPath: "/LoginResult/Succeeded", wantMsg: "not an xs:boolean"},
		{name: "nil on non-nullable", model: "LoginResult", body: strings.Replace(lrSample, "<ErrorCode>0</ErrorCode>", `<ErrorCode i:nil="true" />`, 1),
			wantPath: "/LoginResult/ErrorCode", wantMsg: "does not mark nullable"},
		{name: "DateTimeOffset as text", model: "LoginResult", body: strings.Replace(lrSample, `<Expires xmlns:d2p1="http://schemas.datacontract.org/2004/07/System"><d2p1:DateTime>2025-06-01T13:45:30.123Z</d2p1:DateTime><d2p1:OffsetMinutes>0</d2p1:OffsetMinutes></Expires>`, `<Expires>2025-06-01T13:45:30.123+00:00</Expires>`, 1),
			wantPath: "/LoginResult/Expires", wantMsg: "text where DateTime and OffsetMinutes belong"},
		{name: "DateTime not UTC", model: "LoginResult", body: strings.Replace(lrSample, "2025-06-01T13:45:30.123Z", "2025-06-01T13:45:30.123+01:00", 1),
			wantPath: "/LoginResult/Expires/DateTime", wantMsg: "in UTC"},
		{name: "DateTime in wrong namespace", model: "LoginResult", body: strings.Replace(lrSample, "<d2p1:DateTime>2025-06-01T13:45:30.123Z</d2p1:DateTime>", "<DateTime>2025-06-01T13:45:30.123Z</DateTime>", 1),
			wantPath: "/LoginResult/Expires/DateTime", wantMsg: "DateTime then OffsetMinutes"},
		{name: "OffsetMinutes missing", model: "LoginResult", body: strings.Replace(lrSample, "<d2p1:OffsetMinutes>0</d2p1:OffsetMinutes>", "", 1),
			wantPath: "/LoginResult/Expires/OffsetMinutes", wantMsg: "DateTime then OffsetMinutes"},
		{name: "OffsetMinutes out of range", model: "LoginResult", body: strings.Replace(lrSample, "<d2p1:OffsetMinutes>0<", "<d2p1:OffsetMinutes>900<", 1),
			wantPath: "/LoginResult/Expires/OffsetMinutes", wantMsg: "not a valid offset"},
		{name: "list item wrong name", model: "LoginResult", body: strings.Replace(sample(t, "LoginResult.failure"), "<d2p1:string>Invalid refresh token.</d2p1:string>", "<string>Invalid refresh token.</string>", 1),
			wantPath: "/LoginResult/Errors/string[1]", wantMsg: "not an item of this collection"},
		{name: "nested class member wrong", model: "ResponseModelRefreshToken", body: strings.Replace(sample(t, "ResponseModelRefreshToken.sample"), "<created>2025-06-01T12:45:30</created>", "<Created>2025-06-01T12:45:30</Created>", 1),
			wantPath: "/ResponseModelRefreshToken/RefreshTokenResponse/Created", wantMsg: "case-sensitive"},
		{name: "doctype", model: "AccessTokenBindingModel", body: `<!DOCTYPE x>` + sample(t, "AccessTokenBindingModel.sample"), wantPath: "/", wantMsg: "DTD"},
		{name: "http error conforming", model: "Error", body: sample(t, "Error.modelState")},
		{name: "http error undocumented", model: "Error", body: `<Error><Message>m</Message><Foo/></Error>`, wantPath: "/Error/Foo", wantMsg: "undocumented element Foo"},
		{name: "http error missing message", model: "Error", body: `<Error><ModelState/></Error>`, wantPath: "/Error/Message", wantMsg: "required member Message"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if tc.edit != nil {
				body = tc.edit(body)
			}
			got := dcxml.Check(layout(t, tc.model), []byte(body))
			if tc.wantPath == "" {
				if len(got) != 0 {
					t.Errorf("Check(%s) = %v, want no violations", tc.name, got)
				}
				return
			}
			for _, v := range got {
				if v.Path == tc.wantPath && strings.Contains(v.Message, tc.wantMsg) {
					return
				}
			}
			t.Errorf("Check(%s) = %v, want a violation at %s containing %q", tc.name, got, tc.wantPath, tc.wantMsg)
		})
	}
}
