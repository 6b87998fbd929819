package conform_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/spec"
)

// A LoginResult as Json.NET and DataContractSerializer write it for openapi.yaml's
// refreshToken: Json.NET puts the class's own members before the inherited Succeeded
// and Errors; DataContractSerializer puts the base class first, in its namespace, and
// leaves out ClienteId, which is no data member.
const (
	loginJSON = `{"AccessToken":"a","RefreshAccessToken":"r","TokenType":"bearer","Expires":"2024-11-21T08:42:50.8590439+00:00","ErrorCode":5,"ClienteId":6,"Succeeded":true,"Errors":["e1","e2"]}`
	loginXML  = `<LoginResult xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result">` +
		`<Errors xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models"><d2p1:string>e1</d2p1:string></Errors>` +
		`<Succeeded xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models">true</Succeeded>` +
		`<AccessToken>a</AccessToken><ErrorCode>5</ErrorCode>` +
		`<Expires xmlns:d2p1="http://schemas.datacontract.org/2004/07/System"><d2p1:DateTime>2024-11-21T08:42:50.8590439Z</d2p1:DateTime><d2p1:OffsetMinutes>0</d2p1:OffsetMinutes></Expires>` +
		`<RefreshAccessToken>r</RefreshAccessToken><TokenType i:nil="true" /></LoginResult>`
)

func loadSpec(tb testing.TB) *spec.Spec {
	tb.Helper()
	s, err := spec.LoadFile("../../openapi.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func operation(tb testing.TB, s *spec.Spec, id string) *spec.Operation {
	tb.Helper()
	for _, o := range s.Operations {
		if o.ID == id {
			return o
		}
	}
	tb.Fatalf("no operation %s", id)
	return nil
}

func TestResponse(t *testing.T) {
	s := loadSpec(t)
	op := operation(t, s, "refreshToken")
	replace := func(body string, oldNew ...string) string { return strings.NewReplacer(oldNew...).Replace(body) }
	tests := []struct {
		name, contentType, body string
		status                  int
		// rule, path and a phrase of the message of a violation wanted; no rule: none at all.
		rule          conform.Rule
		path, message string
	}{
		{"JSON as Json.NET writes it", "application/json; charset=utf-8", loginJSON, 200, "", "", ""},
		{"text/json", "text/json", loginJSON, 200, "", "", ""},
		{"JSON with white space", "application/json", replace(loginJSON, `,`, ",\n  "), 200, "", "", ""},
		{"XML as DataContractSerializer writes it", "application/xml; charset=utf-8", loginXML, 200, "", "", ""},
		{"XML with other prefixes", "text/xml", replace(loginXML, "d2p1", "arr", "xmlns:i=", "xmlns:xsi=", "i:nil", "xsi:nil"), 200, "", "", ""},
		{"undocumented media type", "text/plain", "x", 200, "", "", ""},
		{"undocumented status", "application/json", "x", 299, "", "", ""},

		{"empty body", "application/json", " ", 200, conform.RuleBody, "", "documents a LoginResult body"},
		{"not JSON", "application/json", "{", 200, conform.RuleBody, "", "is not JSON"},
		{"data after the value", "application/json", loginJSON + "{}", 200, conform.RuleBody, "", "data after its value"},
		{"JSON member out of Json.NET's order", "application/json", replace(loginJSON, `"AccessToken":"a","RefreshAccessToken":"r"`, `"RefreshAccessToken":"r","AccessToken":"a"`),
			200, conform.RuleJSONLayout, "/AccessToken", `comes after "RefreshAccessToken"`},
		{"inherited member first in JSON", "application/json", `{"Succeeded":true,` + replace(loginJSON[1:], `"Succeeded":true,`, ``),
			200, conform.RuleJSONLayout, "/AccessToken", `comes after "Succeeded"`},
		{"camelCase JSON member", "application/json", replace(loginJSON, `"TokenType"`, `"tokenType"`),
			200, conform.RuleJSONLayout, "/tokenType", `spelled "tokenType"`},
		{"undocumented JSON member", "application/json", replace(loginJSON, `"ClienteId":6`, `"ClienteId":6,"Debug":1`),
			200, conform.RuleJSONLayout, "/Debug", "not a documented member"},
		{"DateTimeOffset in Z", "application/json", replace(loginJSON, `+00:00"`, `Z"`),
			200, conform.RuleJSONLayout, "/Expires", "Json.NET's DateTimeOffset form"},
		{"DateTimeOffset with a trailing zero", "application/json", replace(loginJSON, `.8590439+`, `.8590430+`),
			200, conform.RuleJSONLayout, "/Expires", "Json.NET's DateTimeOffset form"},
		{"null for a non-nullable member", "application/json", replace(loginJSON, `"ErrorCode":5`, `"ErrorCode":null`),
			200, conform.RuleSchema, "/ErrorCode", "null"},
		{"number as a string", "application/json", replace(loginJSON, `"ErrorCode":5`, `"ErrorCode":"5"`),
			200, conform.RuleSchema, "/ErrorCode", "integer"},
		{"XML root in another namespace", "application/xml", replace(loginXML, `v2.Result"`, `v3.Result"`),
			200, conform.RuleXML, "/LoginResult", "wrong root element"},
		{"XML member in the derived class's namespace", "application/xml",
			replace(loginXML, `<Succeeded xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models">`, `<Succeeded>`),
			200, conform.RuleXML, "/LoginResult/Succeeded", "wrong namespace"},
		{"XML members out of DataContract order", "application/xml",
			replace(loginXML, `<AccessToken>a</AccessToken><ErrorCode>5</ErrorCode>`, `<ErrorCode>5</ErrorCode><AccessToken>a</AccessToken>`),
			200, conform.RuleXML, "/LoginResult/AccessToken", "out of DataContract order"},
		{"i:nil on a non-nullable member", "application/xml", replace(loginXML, `<ErrorCode>5</ErrorCode>`, `<ErrorCode i:nil="true" />`),
			200, conform.RuleXML, "/LoginResult/ErrorCode", "nullable"},
		{"DateTimeOffset's DateTime not in UTC", "application/xml", replace(loginXML, `.8590439Z<`, `.8590439<`),
			200, conform.RuleXML, "/LoginResult/Expires/DateTime", "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := conform.Response(context.Background(), &conform.ResponseInput{Doc: s.Doc, Operation: op,
				Status: tt.status, ContentType: tt.contentType, Body: []byte(tt.body)})
			if tt.rule == "" {
				if len(got) > 0 {
					t.Fatalf("Response(%s) = %v, want none", tt.name, got)
				}
				return
			}
			for _, v := range got {
				if v.Rule == tt.rule && v.Path == tt.path && strings.Contains(v.Message, tt.message) {
					return
				}
			}
			t.Errorf("Response(%s) = %v, want a %s violation at %q with %q", tt.name, got, tt.rule, tt.path, tt.message)
		})
	}
}

func TestValue(t *testing.T) {
	s := loadSpec(t)
	layout := operation(t, s, "refreshToken").Request["application/json"]
	if layout == nil {
		t.Fatal("refreshToken has no application/json request layout")
	}
	tests := []struct {
		name    string
		value   any
		pointer string // the violations' pointers, joined by " "
	}{
		{"valid", map[string]any{"AccessTokenRefresh": "x"}, ""},
		{"number for a string", map[string]any{"AccessTokenRefresh": 5.0}, "AccessTokenRefresh"},
		{"not an object", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := conform.Value(layout, tt.value)
			if tt.name == "valid" {
				if len(got) != 0 {
					t.Fatalf("Value(%v) = %v, want none", tt.value, got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Value(%v) = none, want a violation", tt.value)
			}
			var ptrs []string
			for _, v := range got {
				if v.Rule != conform.RuleSchema || v.Schema == nil || v.Message == "" {
					t.Errorf("Value(%v) = %+v, want a schema violation with its schema and reason", tt.value, v)
				}
				ptrs = append(ptrs, strings.Join(v.Pointer, "/"))
			}
			if p := strings.Join(ptrs, " "); p != tt.pointer {
				t.Errorf("Value(%v) pointers = %q, want %q", tt.value, p, tt.pointer)
			}
		})
	}
}
