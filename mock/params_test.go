package mock_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// paramsSpec has one operation per parameter type of the probe actions the real stack was
// asked about (see params.go).
const paramsSpec = `openapi: 3.0.3
info: {title: params, version: '1'}
paths:
  /api/guids/{id}:
    get:
      operationId: getGuid
      parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/ints/{id}:
    get:
      operationId: getInt
      parameters: [{name: id, in: path, required: true, schema: {type: integer, format: int32}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/longs/{id}:
    get:
      operationId: getLong
      parameters: [{name: id, in: path, required: true, schema: {type: integer, format: int64}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/nullints/{id}:
    get:
      operationId: getNullInt
      parameters: [{name: id, in: path, required: true, schema: {type: integer, format: int32, nullable: true}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/dates/{id}:
    get:
      operationId: getDate
      parameters: [{name: id, in: path, required: true, schema: {type: string, format: date-time}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/colors/{id}:
    get:
      operationId: getColor
      parameters: [{name: id, in: path, required: true, schema: {type: string, enum: [Red, Green]}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/bools/{id}:
    get:
      operationId: getBool
      parameters: [{name: id, in: path, required: true, schema: {type: boolean}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/decimals/{id}:
    get:
      operationId: getDecimal
      parameters: [{name: id, in: path, required: true, schema: {type: number}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/search:
    get:
      operationId: search
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer, format: int32, nullable: true}}
        - {name: size, in: query, schema: {type: integer, format: int32, default: 10}}
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/count:
    get:
      operationId: count
      parameters: [{name: n, in: query, required: true, schema: {type: integer, format: int32}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
    put:
      operationId: resetCount
      parameters: [{name: force, in: query, required: true, schema: {type: boolean}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /api/filter:
    get:
      operationId: filter
      parameters:
        - {name: Page, in: query, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
        - {name: Name, in: query, schema: {type: string, maxLength: 5, pattern: '^[a-z]+$'}}
      responses: {'200': {$ref: '#/components/responses/OK'}}
  /{bucket}/source:
    get:
      operationId: getSource
      parameters: [{name: bucket, in: path, required: true, schema: {type: string, format: uuid}}]
      responses: {'200': {$ref: '#/components/responses/OK'}}
components:
  responses:
    OK:
      description: OK
      content:
        application/json:
          schema: {type: object, properties: {Ok: {type: boolean}}}
          examples: {docs: {value: {Ok: true}}}
`

// TestParams checks the answers to path and query parameters against what ASP.NET Web
// API 2 answers (observed on the reference stack, see params.go): lenient mode answers
// exactly that, strict mode the same status and also 400 for what Web API silently
// accepts. strict is 0 when it is the same as lenient.
func TestParams(t *testing.T) {
	s, err := spec.Load("params.yaml", []byte(paramsSpec))
	if err != nil {
		t.Fatal(err)
	}
	servers := map[bool]string{}
	for _, lenient := range []bool{true, false} {
		m, err := mock.New(mock.Options{Spec: bridge.Public(s), Lenient: lenient})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(m)
		t.Cleanup(srv.Close)
		servers[lenient] = srv.URL
	}
	const guid = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	tests := []struct {
		name, path      string
		lenient, strict int
		method, allow   string
	}{
		{"Guid", "/api/guids/" + guid, 200, 0, "", ""},
		{"Guid, 32 digits", "/api/guids/3fa85f6457174562b3fc2c963f66afa6", 200, 0, "", ""},
		{"Guid in braces, upper case", "/api/guids/%7B3FA85F64-5717-4562-B3FC-2C963F66AFA6%7D", 200, 0, "", ""},
		{"not a Guid", "/api/guids/abc", 400, 0, "", ""},
		{"int", "/api/ints/5", 200, 0, "", ""},
		{"int with a sign", "/api/ints/-3", 200, 0, "", ""},
		{"int with a space", "/api/ints/%205", 200, 0, "", ""},
		{"int in hexadecimal", "/api/ints/0x10", 200, 0, "", ""},
		{"not an int", "/api/ints/abc", 400, 0, "", ""},
		{"int with a fraction", "/api/ints/5.0", 400, 0, "", ""},
		{"int with a thousands separator", "/api/ints/1,000", 400, 0, "", ""},
		{"int32 overflow", "/api/ints/2147483648", 400, 0, "", ""},
		{"int32 maximum", "/api/ints/2147483647", 200, 0, "", ""},
		{"int64", "/api/longs/2147483648", 200, 0, "", ""},
		{"nullable int that does not convert", "/api/nullints/abc", 200, 400, "", ""},
		{"nullable int", "/api/nullints/7", 200, 0, "", ""},
		{"date", "/api/dates/2024-01-02", 200, 0, "", ""},
		{"date, month first", "/api/dates/01-02-2024", 200, 0, "", ""},
		{"date with a month name", "/api/dates/Jan%202%202024", 200, 0, "", ""},
		{"date-time with an offset", "/api/dates/2024-01-02T03:04:05Z", 200, 0, "", ""},
		{"not a date", "/api/dates/notadate", 400, 0, "", ""},
		{"month 13", "/api/dates/2024-13-01", 400, 0, "", ""},
		{"enum name", "/api/colors/Red", 200, 0, "", ""},
		{"enum name in lower case", "/api/colors/red", 200, 0, "", ""},
		{"enum name with a space", "/api/colors/%20Red", 200, 0, "", ""},
		{"enum by number", "/api/colors/2", 200, 400, "", ""},
		{"undefined enum number", "/api/colors/9", 200, 400, "", ""},
		{"enum names as flags", "/api/colors/red,green", 200, 400, "", ""},
		{"unknown enum name", "/api/colors/Blue", 400, 0, "", ""},
		{"bool", "/api/bools/true", 200, 0, "", ""},
		{"bool in any case", "/api/bools/True", 200, 0, "", ""},
		{"bool yes", "/api/bools/yes", 400, 0, "", ""},
		{"bool 1", "/api/bools/1", 400, 0, "", ""},
		{"decimal", "/api/decimals/1.5", 200, 0, "", ""},
		{"decimal with an exponent", "/api/decimals/1e3", 200, 0, "", ""},
		{"decimal without a leading digit", "/api/decimals/.5", 200, 0, "", ""},
		{"decimal with a thousands separator", "/api/decimals/1,000", 400, 0, "", ""},
		{"decimal NaN", "/api/decimals/NaN", 400, 0, "", ""},
		{"required query value", "/api/search?q=x", 200, 0, "", ""},
		{"required query value missing", "/api/search", 404, 0, "", ""},
		{"required query value missing, another given", "/api/search?page=2", 404, 0, "", ""},
		{"query keys in another case", "/api/search?Q=x&PAGE=3", 200, 0, "", ""},
		{"empty query values", "/api/search?q=&page=", 200, 0, "", ""},
		{"nullable query value that does not convert", "/api/search?q=x&page=abc", 200, 400, "", ""},
		{"query value with a default that does not convert", "/api/search?q=x&size=zz", 400, 0, "", ""},
		{"query key sent twice", "/api/search?q=x&q=y", 200, 400, "", ""},
		{"unknown query key", "/api/search?q=x&_=12345", 200, 0, "", ""},
		{"required int missing", "/api/count", 404, 0, "", ""},
		{"required int empty", "/api/count?n=", 400, 0, "", ""},
		{"required int that does not convert", "/api/count?n=abc", 400, 0, "", ""},
		{"required int", "/api/count?n=3", 200, 0, "", ""},
		{"in range", "/api/filter?Page=5&Name=ab", 200, 0, "", ""},
		{"out of [Range]", "/api/filter?Page=500", 200, 400, "", ""},
		{"longer than [StringLength]", "/api/filter?Name=abcdef", 200, 400, "", ""},
		{"not matching [RegularExpression]", "/api/filter?Name=AB", 200, 400, "", ""},
		{"parameter as the first segment", "/" + guid + "/source", 200, 0, "", ""},
		// Web API selects among the path's actions ignoring the verb before it answers 405:
		// an action is a candidate only when its required parameters are in the request.
		{"another method's parameters", "/api/count?force=true", 405, 0, http.MethodGet, "PUT"},
		{"a method the path lacks", "/api/count?n=1", 405, 0, http.MethodDelete, "GET"},
		{"a method the path lacks, no action's parameters", "/api/count", 404, 0, http.MethodDelete, ""},
		{"both methods' parameters", "/api/count?n=1&force=false", 405, 0, http.MethodPatch, "GET, PUT"},
		{"parameter as the first segment, not a Guid", "/x/source", 400, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lenient := range []bool{true, false} {
				want := tt.lenient
				if !lenient && tt.strict != 0 {
					want = tt.strict
				}
				status, allow, body := sendParams(t, tt.method, servers[lenient]+tt.path)
				if status != want {
					t.Errorf("lenient=%v %s %s = %d %s, want %d", lenient, tt.method, tt.path, status, body, want)
					continue
				}
				if allow != tt.allow {
					t.Errorf("lenient=%v %s %s: Allow = %q, want %q", lenient, tt.method, tt.path, allow, tt.allow)
				}
				checkParamAnswer(t, lenient, tt.path, status, body)
			}
		})
	}
}

// checkParamAnswer checks the body of an error answer: in lenient mode Web API's own
// (error detail off), in strict mode the same Message with the reason in ModelState.
func checkParamAnswer(t *testing.T, lenient bool, path string, status int, body []byte) {
	t.Helper()
	var e map[string]any
	if status >= 400 {
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("lenient=%v GET %s: body %s is not JSON: %v", lenient, path, body, err)
		}
	}
	switch {
	case status == 404:
		want := "No HTTP resource was found that matches the request URI '"
		if msg, _ := e["Message"].(string); !strings.HasPrefix(msg, want) || len(e) != 1 {
			t.Errorf("lenient=%v GET %s body = %s, want only Message %q…", lenient, path, body, want)
		}
	case status == 400 && lenient:
		if string(body) != `{"Message":"The request is invalid."}` {
			t.Errorf("lenient GET %s body = %s, want Web API's {\"Message\":\"The request is invalid.\"}", path, body)
		}
	case status == 400:
		ms, _ := e["ModelState"].(map[string]any)
		if e["Message"] != "The request is invalid." || len(ms) == 0 {
			t.Errorf("strict GET %s body = %s, want Message \"The request is invalid.\" and the reason in ModelState", path, body)
		}
	}
}

// sendParams sends a request with no body (GET when method is "") and returns the status, the
// Allow header and the body.
func sendParams(t *testing.T, method, url string) (int, string, []byte) {
	t.Helper()
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Allow"), body
}
