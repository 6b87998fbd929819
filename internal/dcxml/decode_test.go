package dcxml_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
)

const (
	nsBinding = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"`
	nsResult  = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result"`
	nsModels  = `xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models"`
	nsPFMS    = `xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"`
	nsI       = `xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`
	nsSys     = `xmlns:s="http://schemas.datacontract.org/2004/07/System"`
	nsArr     = `xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"`
)

// jsonValue decodes s as the JSON form (UseNumber).
func jsonValue(tb testing.TB, s string) any {
	tb.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		tb.Fatalf("json %s: %v", s, err)
	}
	return v
}

func atb(body string) string {
	return `<AccessTokenBindingModel ` + nsBinding + `>` + body + `</AccessTokenBindingModel>`
}
func lr(body string) string {
	return `<LoginResult ` + nsResult + ` ` + nsI + `>` + body + `</LoginResult>`
}

const lrDefaults = `"AccessToken":null,"RefreshAccessToken":null,"TokenType":null`

// Each case was run through the reference's --deserialize (see interop_test.go for the
// live comparison); want is what it printed, in JSON form.
var decodeCases = []struct {
	name, model, body string
	want              string   // JSON form; "" with wantErr
	problems          []string // substrings, one per problem, in order
	wantErr           string   // substring of the *BindError message
}{
	{name: "in order", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld>a</AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`},
	{name: "out of order dropped", model: "AccessTokenBindingModel", body: atb(`<AccessTokenRefresh>b</AccessTokenRefresh><AccessTokenOld>a</AccessTokenOld>`),
		want: `{"AccessTokenOld":null,"AccessTokenRefresh":"b"}`, problems: []string{"`AccessTokenOld` comes after `AccessTokenRefresh`; DataContractSerializer would silently drop it"}},
	{name: "wrong case dropped", model: "AccessTokenBindingModel", body: atb(`<accesstokenold>a</accesstokenold><AccessTokenRefresh>b</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":null,"AccessTokenRefresh":"b"}`, problems: []string{"`accesstokenold` is not a member of AccessTokenBindingModel; did you mean `AccessTokenOld`? (member names are case-sensitive in XML)"}},
	{name: "wrong member namespace dropped", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld xmlns="urn:x">a</AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":null,"AccessTokenRefresh":"b"}`, problems: []string{"`AccessTokenOld` is in namespace urn:x, want http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"}},
	{name: "unknown element ignored", model: "AccessTokenBindingModel", body: atb(`<Foo><Bar>1</Bar>t</Foo><AccessTokenOld>a</AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`, problems: []string{"`Foo` is not a member of AccessTokenBindingModel"}},
	{name: "duplicate keeps first", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld>a</AccessTokenOld><AccessTokenOld>c</AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`, problems: []string{"`AccessTokenOld` appears twice"}},
	{name: "nil and empty", model: "AccessTokenBindingModel", body: `<AccessTokenBindingModel ` + nsBinding + ` ` + nsI + `><AccessTokenOld i:nil="true"/><AccessTokenRefresh/></AccessTokenBindingModel>`,
		want: `{"AccessTokenOld":null,"AccessTokenRefresh":""}`},
	{name: "nil with content is null", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld i:nil="1" ` + nsI + `>x</AccessTokenOld>`),
		want: `{"AccessTokenOld":null,"AccessTokenRefresh":null}`},
	{name: "nil false keeps value", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld i:nil="false" ` + nsI + `>x</AccessTokenOld>`),
		want: `{"AccessTokenOld":"x","AccessTokenRefresh":null}`},
	{name: "nil without namespace is an attribute", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld nil="true">x</AccessTokenOld>`),
		want: `{"AccessTokenOld":"x","AccessTokenRefresh":null}`},
	{name: "whitespace kept in strings", model: "AccessTokenBindingModel", body: atb("<AccessTokenOld>  a b  </AccessTokenOld><AccessTokenRefresh>a\nb</AccessTokenRefresh>"),
		want: `{"AccessTokenOld":"  a b  ","AccessTokenRefresh":"a\nb"}`},
	{name: "character references", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld>&amp;&#x41;&#65;&lt;&quot;</AccessTokenOld><AccessTokenRefresh>a&#13;b&#xD;&#10;c&#9;</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":"&AA<\"","AccessTokenRefresh":"a\rb\r\nc\t"}`},
	{name: "cdata and comments in text", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld><![CDATA[<x>]]>y</AccessTokenOld><AccessTokenRefresh>y<!--c-->z</AccessTokenRefresh>`),
		want: `{"AccessTokenOld":"<x>y","AccessTokenRefresh":"yz"}`},
	{name: "whitespace comments and cdata between members", model: "AccessTokenBindingModel", body: atb("  <!--c--><![CDATA[ ]]><AccessTokenOld>y</AccessTokenOld>\n\t"),
		want: `{"AccessTokenOld":"y","AccessTokenRefresh":null}`},
	{name: "prefixed root and members", model: "AccessTokenBindingModel", body: `<p:AccessTokenBindingModel xmlns:p="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"><p:AccessTokenOld>a</p:AccessTokenOld><AccessTokenRefresh>b</AccessTokenRefresh></p:AccessTokenBindingModel>`,
		want: `{"AccessTokenOld":"a","AccessTokenRefresh":null}`, problems: []string{"`AccessTokenRefresh` is in namespace (no namespace)"}},
	{name: "declaration bom comments around root", model: "AccessTokenBindingModel", body: "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?><!--c-->" + atb(`<AccessTokenOld>a</AccessTokenOld>`) + "<!--d--> ",
		want: `{"AccessTokenOld":"a","AccessTokenRefresh":null}`},
	{name: "nil root", model: "AccessTokenBindingModel", body: `<AccessTokenBindingModel ` + nsBinding + ` i:nil="true" ` + nsI + `><AccessTokenOld>x</AccessTokenOld></AccessTokenBindingModel>`,
		want: `null`, problems: []string{"root element has i:nil"}},
	{name: "empty body", model: "AccessTokenBindingModel", body: ``, want: `null`},
	{name: "i:type ignored", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld a="1" i:type="x" ` + nsI + `>v</AccessTokenOld>`),
		want: `{"AccessTokenOld":"v","AccessTokenRefresh":null}`, problems: []string{"i:type"}},
	{name: "pfms json order keeps stateCode", model: "RequestModelRefreshToken", body: `<RequestModelRefreshToken ` + nsPFMS + `><stateCode>09</stateCode><AuthString>auth-xyz</AuthString><expiredAccessToken>expired-abc</expiredAccessToken><RefreshToken>refresh-def</RefreshToken></RequestModelRefreshToken>`,
		want:     `{"stateCode":"09","AuthString":null,"expiredAccessToken":null,"RefreshToken":null}`,
		problems: []string{"`AuthString` comes after `stateCode`", "`expiredAccessToken` comes after `stateCode`", "`RefreshToken` comes after `stateCode`"}},

	{name: "int with spaces and sign", model: "LoginResult", body: lr(`<Succeeded ` + nsModels + `> true </Succeeded><ErrorCode> +42 </ErrorCode>`),
		want: `{"Errors":null,"Succeeded":true,` + lrDefaults + `,"ErrorCode":42,"Expires":"0001-01-01T00:00:00+00:00"}`},
	{name: "bool 1 and int minus zero", model: "LoginResult", body: lr(`<Succeeded ` + nsModels + `>1</Succeeded><ErrorCode>-0</ErrorCode>`),
		want: `{"Errors":null,"Succeeded":true,` + lrDefaults + `,"ErrorCode":0,"Expires":"0001-01-01T00:00:00+00:00"}`},
	{name: "base member in derived namespace dropped", model: "LoginResult", body: lr(`<Succeeded>true</Succeeded>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"0001-01-01T00:00:00+00:00"}`, problems: []string{"`Succeeded` is in namespace"}},
	{name: "list items, nil item, empty item, foreign items", model: "LoginResult", body: lr(`<Errors ` + nsModels + ` ` + nsArr + `><a:string>x</a:string><a:string i:nil="true"/><a:string/><a:foo>y</a:foo><string>z</string></Errors>`),
		want:     `{"Errors":["x",null,""],"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"0001-01-01T00:00:00+00:00"}`,
		problems: []string{"`foo` in namespace http://schemas.microsoft.com/2003/10/Serialization/Arrays is not an item", "`string` in namespace http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models is not an item"}},
	{name: "nil list", model: "LoginResult", body: lr(`<Errors ` + nsModels + ` i:nil="true"/>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"0001-01-01T00:00:00+00:00"}`},
	{name: "DateTimeOffset UTC at offset", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21T08:42:50.8590439Z</s:DateTime><s:OffsetMinutes>330</s:OffsetMinutes></Expires>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"2024-11-21T14:12:50.8590439+05:30"}`},
	{name: "DateTimeOffset unspecified is clock time", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21T08:42:50</s:DateTime><s:OffsetMinutes>330</s:OffsetMinutes></Expires>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"2024-11-21T08:42:50+05:30"}`},
	{name: "DateTimeOffset zoned DateTime", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21T08:42:50+02:00</s:DateTime><s:OffsetMinutes>-60</s:OffsetMinutes></Expires>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"2024-11-21T05:42:50-01:00"}`},
	{name: "DateTimeOffset date only, extra child dropped", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21</s:DateTime><s:OffsetMinutes>0</s:OffsetMinutes><s:X/></Expires>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"2024-11-21T00:00:00+00:00"}`, problems: []string{"`X` is not a member of DateTimeOffset"}},
	{name: "DateTimeOffset MinValue at +01:00", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>0001-01-01T00:00:00Z</s:DateTime><s:OffsetMinutes>60</s:OffsetMinutes></Expires>`),
		want: `{"Errors":null,"Succeeded":false,` + lrDefaults + `,"ErrorCode":0,"Expires":"0001-01-01T01:00:00+01:00"}`},
	{name: "nested class out of order and unknown", model: "ResponseModelRefreshToken", body: `<ResponseModelRefreshToken ` + nsPFMS + `><RefreshTokenResponse><refreshToken>r</refreshToken><accessToken>a</accessToken><zz/></RefreshTokenResponse><Status>s</Status></ResponseModelRefreshToken>`,
		want:     `{"AckCode":null,"Status":"s","Remarks":null,"DateOfData":null,"RefreshTokenResponse":{"accessToken":null,"refreshToken":"r","created":null,"expires":null,"responseData":null,"errorMessage":null,"isSuccess":null,"errorCode":null}}`,
		problems: []string{"`accessToken` comes after `refreshToken`", "`zz` is not a member of RefreshTokenResponse"}},
	{name: "nested nil and empty class", model: "ResponseModelRefreshToken", body: `<ResponseModelRefreshToken ` + nsPFMS + ` ` + nsI + `><RefreshTokenResponse i:nil="true"/><Status>s</Status></ResponseModelRefreshToken>`,
		want: `{"AckCode":null,"Status":"s","Remarks":null,"DateOfData":null,"RefreshTokenResponse":null}`},

	// Errors: what Web API answers 400 for.
	{name: "root without namespace", model: "AccessTokenBindingModel", body: `<AccessTokenBindingModel>x</AccessTokenBindingModel>`, wantErr: `expecting element "AccessTokenBindingModel" from namespace "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels", found element "AccessTokenBindingModel" from namespace ""`},
	{name: "root in another namespace", model: "AccessTokenBindingModel", body: `<AccessTokenBindingModel xmlns="urn:y"/>`, wantErr: `from namespace "urn:y"`},
	{name: "root with another name", model: "AccessTokenBindingModel", body: `<Foo ` + nsBinding + `/>`, wantErr: `found element "Foo"`},
	{name: "text between members", model: "AccessTokenBindingModel", body: atb(`text<AccessTokenOld>a</AccessTokenOld>`), wantErr: `text "text" where DataContractSerializer expects member elements`},
	{name: "element inside a string", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld><b>x</b></AccessTokenOld>`), wantErr: `element <b> inside a simple value`},
	{name: "unclosed", model: "AccessTokenBindingModel", body: `<AccessTokenBindingModel ` + nsBinding + `><AccessTokenOld>a</AccessTokenOld>`, wantErr: `malformed XML`},
	{name: "latin-1 declared", model: "AccessTokenBindingModel", body: `<?xml version="1.0" encoding="iso-8859-1"?>` + atb(``), wantErr: `malformed XML`},
	{name: "utf-16 declared", model: "AccessTokenBindingModel", body: `<?xml version="1.0" encoding="utf-16"?>` + atb(``), wantErr: `malformed XML`},
	{name: "doctype", model: "AccessTokenBindingModel", body: `<!DOCTYPE x [<!ENTITY e "v">]>` + atb(`<AccessTokenOld>&e;</AccessTokenOld>`), wantErr: `DTD`},
	{name: "undefined entity", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld>&nbsp;</AccessTokenOld>`), wantErr: `malformed XML`},
	{name: "processing instruction before root", model: "AccessTokenBindingModel", body: `<?pi x?>` + atb(``), wantErr: `processing instruction <?pi?>`},
	{name: "processing instruction in text", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld>y<?pi q?>z</AccessTokenOld>`), wantErr: `processing instruction <?pi?>`},
	{name: "second root", model: "AccessTokenBindingModel", body: atb(``) + `<x/>`, wantErr: `multiple root elements`},
	{name: "whitespace only", model: "AccessTokenBindingModel", body: ` `, wantErr: `unexpected end of file`},
	{name: "invalid utf-8", model: "AccessTokenBindingModel", body: atb("<AccessTokenOld>\xff</AccessTokenOld>"), wantErr: `malformed XML`},
	{name: "bad nil value", model: "AccessTokenBindingModel", body: atb(`<AccessTokenOld i:nil="maybe" ` + nsI + `>x</AccessTokenOld>`), wantErr: `i:nil="maybe"`},
	{name: "int not a number", model: "LoginResult", body: lr(`<ErrorCode>abc</ErrorCode>`), wantErr: `"abc" cannot be parsed as an integer`},
	{name: "int empty", model: "LoginResult", body: lr(`<ErrorCode></ErrorCode>`), wantErr: `cannot be parsed as an integer`},
	{name: "int overflow", model: "LoginResult", body: lr(`<ErrorCode>99999999999</ErrorCode>`), wantErr: `cannot be parsed as an integer`},
	{name: "int nil", model: "LoginResult", body: lr(`<ErrorCode i:nil="true"/>`), wantErr: `ValueType cannot be null`},
	{name: "bool wrong case", model: "LoginResult", body: lr(`<Succeeded ` + nsModels + `>True</Succeeded>`), wantErr: `'Boolean'`},
	{name: "text in list", model: "LoginResult", body: lr(`<Errors ` + nsModels + ` ` + nsArr + `><a:string>x</a:string>t</Errors>`), wantErr: `expects <string> items`},
	{name: "DateTimeOffset without OffsetMinutes", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21T08:42:50Z</s:DateTime></Expires>`), wantErr: `expecting element "OffsetMinutes"`},
	{name: "DateTimeOffset children swapped", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:OffsetMinutes>0</s:OffsetMinutes><s:DateTime>2024-11-21T08:42:50Z</s:DateTime></Expires>`), wantErr: `expecting element "DateTime"`},
	{name: "DateTimeOffset empty", model: "LoginResult", body: lr(`<Expires ` + nsSys + `></Expires>`), wantErr: `expecting element "DateTime"`},
	{name: "DateTimeOffset offset out of range", model: "LoginResult", body: lr(`<Expires ` + nsSys + `><s:DateTime>2024-11-21T08:42:50Z</s:DateTime><s:OffsetMinutes>900</s:OffsetMinutes></Expires>`), wantErr: `outside ±840`},
	{name: "DateTimeOffset nil", model: "LoginResult", body: lr(`<Expires i:nil="true"/>`), wantErr: `ValueType cannot be null`},
	{name: "DateTimeOffset as text", model: "LoginResult", body: lr(`<Expires>2024-11-21T08:42:50Z</Expires>`), wantErr: `expects DateTime and OffsetMinutes`},
	{name: "nested class as text", model: "ResponseModelRefreshToken", body: `<ResponseModelRefreshToken ` + nsPFMS + `><RefreshTokenResponse>x</RefreshTokenResponse></ResponseModelRefreshToken>`, wantErr: `expects member elements`},
}

func TestDecode(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			got, problems, err := dcxml.Decode(layout(t, tc.model), []byte(tc.body), dcxml.DecodeOptions{})
			if tc.wantErr != "" {
				var be *dcxml.BindError
				if !errors.As(err, &be) {
					t.Fatalf("Decode(%s) error = %v, want a *BindError containing %q", tc.body, err, tc.wantErr)
				}
				if !strings.Contains(be.Message, tc.wantErr) {
					t.Errorf("Decode(%s) error = %q, want it to contain %q", tc.body, be.Message, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%s) error = %v, want none", tc.body, err)
			}
			if want := jsonValue(t, tc.want); !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				t.Errorf("Decode(%s) = %s, want %s", tc.body, g, tc.want)
			}
			if len(problems) != len(tc.problems) {
				t.Fatalf("Decode(%s) problems = %v, want %d: %q", tc.body, problems, len(tc.problems), tc.problems)
			}
			for i, p := range problems {
				if !strings.Contains(p.Message, tc.problems[i]) {
					t.Errorf("Decode(%s) problem %d = %q, want it to contain %q", tc.body, i, p.Message, tc.problems[i])
				}
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	deep := strings.Repeat("<x>", 40) + strings.Repeat("</x>", 40)
	many := strings.Repeat("<x/>", 50)
	tests := []struct {
		name    string
		body    string
		opts    dcxml.DecodeOptions
		wantErr string
	}{
		{name: "depth within limit", body: atb(deep), opts: dcxml.DecodeOptions{MaxDepth: 41}},
		{name: "depth over limit", body: atb(deep), opts: dcxml.DecodeOptions{MaxDepth: 40}, wantErr: "deeper than 40"},
		{name: "default depth", body: atb(strings.Repeat("<x>", 300) + strings.Repeat("</x>", 300)), wantErr: "deeper than 256"},
		{name: "elements within limit", body: atb(many), opts: dcxml.DecodeOptions{MaxElements: 51}},
		{name: "elements over limit", body: atb(many), opts: dcxml.DecodeOptions{MaxElements: 50}, wantErr: "more than 50 elements"},
	}
	typ := layout(t, "AccessTokenBindingModel")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := dcxml.Decode(typ, []byte(tc.body), tc.opts)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Decode(%d bytes, %+v) error = %v, want none", len(tc.body), tc.opts, err)
				}
				return
			}
			var be *dcxml.BindError
			if !errors.As(err, &be) || !strings.Contains(be.Message, tc.wantErr) {
				t.Fatalf("Decode(%d bytes, %+v) error = %v, want a *BindError containing %q", len(tc.body), tc.opts, err, tc.wantErr)
			}
		})
	}
}

// TestDecodeTranscoded: a body the caller converted from UTF-16 may keep the XML
// declaration that names UTF-16; a body sent in UTF-8 may not.
func TestDecodeTranscoded(t *testing.T) {
	const body = `<?xml version="1.0" encoding="utf-16"?><RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><RefreshToken>r</RefreshToken></RequestModelRefreshToken>`
	tests := []struct {
		name, from string
		wantErr    bool
	}{
		{"converted from utf-16", "utf-16", false},
		{"sent as utf-8", "", true},
		{"converted from another charset", "utf-32", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _, err := dcxml.Decode(layout(t, "RequestModelRefreshToken"), []byte(body), dcxml.DecodeOptions{TranscodedFrom: tt.from})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Decode(TranscodedFrom %q) = %v, %v; want error %t", tt.from, v, err, tt.wantErr)
			}
			if err == nil && v.(map[string]any)["RefreshToken"] != "r" {
				t.Errorf("Decode(TranscodedFrom %q) = %v, want RefreshToken r", tt.from, v)
			}
		})
	}
}
