package jsonnet

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

func TestAppendString(t *testing.T) {
	// Expected outputs are what the ASP.NET reference server wrote when it echoed the same
	// text (PFMS stateCode → responseData).
	tests := []struct{ name, in, want string }{
		{"plain", "abc", `"abc"`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"html and slash stay", "</a>&", `"</a>&"`},
		{"short escapes", "\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"other controls lower-case hex", "\x01\x1f", `"\u0001\u001f"`},
		{"DEL stays", "\x7f", "\"\x7f\""},
		{"NEL and separators escaped", "\u0085\u2028\u2029", `"\u0085\u2028\u2029"`},
		{"non-ASCII stays", "é😀", `"é😀"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(AppendString(nil, tt.in)); got != tt.want {
				t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadLeniencies(t *testing.T) {
	// Each body was accepted by the reference server (Json.NET 6) with the value shown.
	tests := []struct {
		name, body string
		want       string // AccessTokenRefresh as bound
		lenient    bool
	}{
		{"strict JSON", `{"AccessTokenRefresh":"a"}`, "a", false},
		{"single quotes", `{'AccessTokenRefresh':'single'}`, "single", true},
		{"unquoted name", `{AccessTokenRefresh:"unq"}`, "unq", true},
		{"trailing comma", `{"AccessTokenRefresh":"a",}`, "a", true},
		{"comment", `{"AccessTokenRefresh":"a" /*c*/}`, "a", true},
		{"trailing content", `{"AccessTokenRefresh":"a"} trailing`, "a", true},
		{"duplicate keeps last", `{"AccessTokenRefresh":"a","AccessTokenRefresh":"b"}`, "b", false},
		{"case-insensitive name", `{"accesstokenrefresh":"c"}`, "c", false},
		{"number to string", `{"AccessTokenRefresh":1.50}`, "1.5", false},
		{"bool to string", `{"AccessTokenRefresh":true}`, "True", false},
	}
	layout := loadLayout(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, leniencies, err := Read([]byte(tt.body), 0)
			if err != nil {
				t.Fatalf("Read(%s) error: %v", tt.body, err)
			}
			if got := len(leniencies) > 0; got != tt.lenient {
				t.Errorf("Read(%s) leniencies = %v, want lenient=%t", tt.body, leniencies, tt.lenient)
			}
			res := Bind(layout, v)
			if len(res.Errors) > 0 {
				t.Fatalf("Bind(%s) errors: %v", tt.body, res.Errors)
			}
			if got := res.Value["AccessTokenRefresh"]; got != tt.want {
				t.Errorf("Bind(%s).AccessTokenRefresh = %v, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestBindErrors(t *testing.T) {
	// Keys as the reference server reported them in ModelState.
	tests := []struct{ name, body, wantKey string }{
		{"array body", `[1]`, "model"},
		{"string body", `"str"`, "model"},
		{"object where string belongs", `{"AccessTokenRefresh":{}}`, "model.AccessTokenRefresh"},
		{"array where string belongs", `{"AccessTokenRefresh":[]}`, "model.AccessTokenRefresh"},
	}
	layout := loadLayout(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _, err := Read([]byte(tt.body), 0)
			if err != nil {
				t.Fatal(err)
			}
			res := Bind(layout, v)
			if len(res.Errors) == 0 || res.Errors[0].Key != tt.wantKey {
				t.Errorf("Bind(%s) errors = %v, want key %s", tt.body, res.Errors, tt.wantKey)
			}
		})
	}
}

func TestReadSyntaxErrors(t *testing.T) {
	tests := []struct{ name, body, wantPath string }{
		{"truncated in member", `{"AccessTokenRefresh":`, "AccessTokenRefresh"},
		{"bad number", `{"AccessTokenRefresh":1e400}`, "AccessTokenRefresh"},
		{"garbage", `x`, ""},
		{"unterminated string", `{"a":"b`, "a"},
		{"too deep", strings.Repeat("[", 100), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read([]byte(tt.body), 0)
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("Read(%s) error = %v, want *SyntaxError", tt.body, err)
			}
			if !strings.HasPrefix(se.Path, tt.wantPath) {
				t.Errorf("Read(%s) path = %q, want %q", tt.body, se.Path, tt.wantPath)
			}
		})
	}
}

func TestAppendFollowsLayout(t *testing.T) {
	s := loadSpec(t)
	layout := s.Operation("refreshToken").Response(200, spec.ApplicationJSON)
	v := map[string]any{"Errors": []any{}, "Succeeded": true, "ClienteId": json.Number("1001"),
		"ErrorCode": json.Number("0"), "Expires": "2025-06-01T13:45:30.123+00:00", "TokenType": "bearer",
		"AccessToken": "a", "Unknown": "dropped"}
	// The reference's --serialize LoginResult --sample --json, with RefreshAccessToken null.
	want := `{"AccessToken":"a","RefreshAccessToken":null,"TokenType":"bearer","Expires":"2025-06-01T13:45:30.123+00:00","ErrorCode":0,"ClienteId":1001,"Succeeded":true,"Errors":[]}`
	if got := string(Append(nil, layout, v)); got != want {
		t.Errorf("Append = %s\nwant     %s", got, want)
	}
}

func FuzzReadBind(f *testing.F) {
	for _, seed := range []string{`{"AccessTokenRefresh":"a"}`, `{"AccessTokenOld":"o", "AccessTokenRefresh":"a"}`, `{'a':[1,{"b":null}],}`, `[`, `{"x":1e999}`, "\"\\ud800\\udc00\""} {
		f.Add([]byte(seed))
	}
	layout := loadLayout(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		if value := map[string]any{}; BindPlain(layout, body, value) {
			checkBindPlain(t, layout, body, value)
		}
		v, _, err := Read(body, 0)
		if err != nil {
			return
		}
		res := Bind(layout, v)
		if len(res.Errors) == 0 && !reflect.DeepEqual(len(res.Value), len(layout.Members)) {
			t.Fatalf("Bind(%q) value %v lacks members", body, res.Value)
		}
		if _, ok := v.(Object); ok {
			if want := normalize(layout, v); !reflect.DeepEqual(res.Normalized, want) {
				t.Fatalf("Bind(%q) normalized = %#v, want %#v", body, res.Normalized, want)
			}
		}
	})
}

// TestBindNormalized checks that Normalized is the body as sent, member names in the
// layout's case and unknown members left out, whether or not it shares Value's map.
func TestBindNormalized(t *testing.T) {
	tests := []struct {
		name, body string
		shared     bool // every member sent once, as a string or null: one map for both
	}{
		{"every member a string", `{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`, true},
		{"names in another case", `{"accesstokenold":"a","ACCESSTOKENREFRESH":"b"}`, true},
		{"null members", `{"AccessTokenOld":null,"AccessTokenRefresh":null}`, true},
		{"a member left out", `{"AccessTokenRefresh":"b"}`, false},
		{"a number for a string", `{"AccessTokenOld":1.50,"AccessTokenRefresh":"b"}`, false},
		{"a number last", `{"AccessTokenOld":"a","AccessTokenRefresh":true}`, false},
		{"sent twice", `{"AccessTokenOld":"a","AccessTokenOld":2,"AccessTokenRefresh":"b"}`, false},
		{"sent twice, same type", `{"AccessTokenOld":"a","AccessTokenOld":"c","AccessTokenRefresh":"b"}`, true},
		{"an unknown member", `{"AccessTokenOld":"a","Extra":1,"AccessTokenRefresh":"b"}`, true},
		{"an object for a string", `{"AccessTokenOld":{"x":1},"AccessTokenRefresh":"b"}`, false},
		{"empty", `{}`, false},
	}
	layout := loadLayout(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _, err := Read([]byte(tt.body), 0)
			if err != nil {
				t.Fatal(err)
			}
			res := Bind(layout, v)
			if want := normalize(layout, v); !reflect.DeepEqual(res.Normalized, want) {
				t.Errorf("Normalized = %#v, want %#v", res.Normalized, want)
			}
			if shared := reflect.ValueOf(res.Normalized).UnsafePointer() == reflect.ValueOf(res.Value).UnsafePointer(); shared != tt.shared {
				t.Errorf("Normalized shares Value's map: %v, want %v", shared, tt.shared)
			}
		})
	}
}

func loadSpec(tb testing.TB) *spec.Spec {
	tb.Helper()
	data, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := spec.Load("openapi.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func loadLayout(tb testing.TB) *model.Type {
	tb.Helper()
	return loadSpec(tb).Operation("refreshToken").Request[spec.ApplicationJSON]
}

func TestBindRoots(t *testing.T) {
	noteSchema := `{"type": "object", "xml": {"name": "Note", "namespace": "urn:n"}, "properties": {"Title": {"type": "string", "nullable": true}, "Pinned": {"type": "boolean"}}}`
	tests := []struct {
		name, schema, body, want, wantKey string
	}{
		{"collection of classes", `{"type": "array", "items": ` + noteSchema + `}`, `[{"title":"a","Pinned":true},{"Pinned":"false"}]`,
			`[{"Pinned":true,"Title":"a"},{"Pinned":false,"Title":null}]`, ""},
		{"collection of int", `{"type": "array", "items": {"type": "integer"}}`, `[1,"2"]`, `[1,2]`, ""},
		{"primitive", `{"type": "integer"}`, `5`, `5`, ""},
		{"dictionary", `{"type": "object", "additionalProperties": {"type": "integer"}}`, `{"a":1}`, `{"a":1}`, ""},
		{"object for a collection", `{"type": "array", "items": {"type": "integer"}}`, `{"a":1}`, ``, "model"},
		{"free-form (JObject)", `{"type": "object", "x-dotnet-type": "System.Object"}`, `{"a":1,"b":{"c":[true,null]}}`, `{"a":1,"b":{"c":[true,null]}}`, ""},
		{"bad item member", `{"type": "array", "items": ` + noteSchema + `}`, `[{"Pinned":{}}]`, ``, "model[0].Pinned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ref openapi3.SchemaRef
			if err := ref.UnmarshalJSON([]byte(tt.schema)); err != nil {
				t.Fatal(err)
			}
			layout, err := model.NewCompiler().Compile(&ref)
			if err != nil {
				t.Fatal(err)
			}
			v, _, err := Read([]byte(tt.body), 0)
			if err != nil {
				t.Fatal(err)
			}
			res := Bind(layout, v)
			if tt.wantKey != "" {
				if len(res.Errors) == 0 || res.Errors[0].Key != tt.wantKey {
					t.Errorf("Bind(%s) errors = %v, want key %s", tt.body, res.Errors, tt.wantKey)
				}
				return
			}
			if len(res.Errors) > 0 {
				t.Fatalf("Bind(%s) errors = %v, want none", tt.body, res.Errors)
			}
			if got := string(AppendValue(nil, res.Body)); got != tt.want {
				t.Errorf("Bind(%s).Body = %s, want %s", tt.body, got, tt.want)
			}
		})
	}
}

// TestBindPlain checks which bodies BindPlain binds itself, and that what it binds is
// what Read and Bind make of the same body.
func TestBindPlain(t *testing.T) {
	tests := []struct {
		body string
		ok   bool
	}{
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`, true},
		{" \r\n\t{ \"AccessTokenRefresh\" : \"b\" ,\n\"AccessTokenOld\":\"\" }\n", true},
		{`{"AccessTokenOld":"é µ 😀","AccessTokenRefresh":"b"}`, true},
		{"{\"AccessTokenOld\":\"raw \x01 control\",\"AccessTokenRefresh\":\"b\"}", true},
		{`{"AccessTokenOld":"a"}`, false},                                               // a member left out
		{`{"accesstokenold":"a","AccessTokenRefresh":"b"}`, false},                      // another case
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b","AccessTokenOld":"c"}`, false}, // twice
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b","X":"c"}`, false},              // unknown
		{`{"AccessTokenOld":"a\"","AccessTokenRefresh":"b"}`, false},                    // an escape
		{`{"AccessTokenOld":null,"AccessTokenRefresh":"b"}`, false},
		{`{"AccessTokenOld":1,"AccessTokenRefresh":"b"}`, false},
		{`{'AccessTokenOld':"a","AccessTokenRefresh":"b"}`, false},
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b",}`, false},
		{`{"AccessTokenOld":"a",/*c*/"AccessTokenRefresh":"b"}`, false},
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b"} x`, false},
		{`{"AccessTokenOld":"a","AccessTokenRefresh":"b"`, false},
		{"{\"AccessTokenOld\":\"\xff\",\"AccessTokenRefresh\":\"b\"}", false},
		{"\u00a0{\"AccessTokenOld\":\"a\",\"AccessTokenRefresh\":\"b\"}", false},
		{`{}`, false},
		{``, false},
		{`[]`, false},
	}
	layout := loadLayout(t)
	for _, tt := range tests {
		got := map[string]any{}
		ok := BindPlain(layout, []byte(tt.body), got)
		if ok != tt.ok {
			t.Errorf("BindPlain(%q) ok = %v, want %v", tt.body, ok, tt.ok)
			continue
		}
		if ok {
			checkBindPlain(t, layout, []byte(tt.body), got)
		}
	}
}

// checkBindPlain fails unless Read and Bind make of body what BindPlain made: value, with
// no leniency, error or problem.
func checkBindPlain(t *testing.T, layout *model.Type, body []byte, value map[string]any) {
	t.Helper()
	v, leniencies, err := Read(body, 0)
	if err != nil || len(leniencies) > 0 {
		t.Fatalf("BindPlain bound %q, which Read reads with %v, leniencies %v", body, err, leniencies)
	}
	res := Bind(layout, v)
	if len(res.Errors) > 0 || len(res.Problems) > 0 || !reflect.DeepEqual(res.Value, value) || !reflect.DeepEqual(res.Normalized, value) {
		t.Fatalf("BindPlain(%q) = %v; Bind: value %v, normalized %v, errors %v, problems %v",
			body, value, res.Value, res.Normalized, res.Errors, res.Problems)
	}
}

// TestAppendDecimalPlace checks numbers of decimal, double and float members: Json.NET
// writes them with a decimal place (5.0) even when whole (the .NET rig, interop/dotnet,
// found the mock writing 5 for a Help Page sample's 5.0), and integers as they are.
func TestAppendDecimalPlace(t *testing.T) {
	decimal := &model.Type{Kind: model.Number, Schema: &openapi3.Schema{}}
	double := &model.Type{Kind: model.Number, Schema: &openapi3.Schema{Format: "double"}}
	integer := &model.Type{Kind: model.Int, Schema: &openapi3.Schema{}}
	tests := []struct {
		name   string
		layout *model.Type
		v      any
		want   string
	}{
		{name: "whole decimal", layout: decimal, v: json.Number("5"), want: "5.0"},
		{name: "whole negative decimal", layout: decimal, v: json.Number("-12"), want: "-12.0"},
		{name: "decimal with places", layout: decimal, v: json.Number("2.50"), want: "2.50"},
		{name: "whole double from float64", layout: double, v: float64(3), want: "3.0"},
		{name: "double with exponent", layout: double, v: json.Number("1E+20"), want: "1E+20"},
		{name: "null decimal", layout: decimal, v: nil, want: "null"},
		{name: "integer", layout: integer, v: json.Number("5"), want: "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Append(nil, tt.layout, tt.v)); got != tt.want {
				t.Errorf("Append(%v) = %s, want %s", tt.v, got, tt.want)
			}
		})
	}
}
