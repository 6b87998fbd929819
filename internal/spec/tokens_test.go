package spec

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// tokensDoc is a token operation with %[1]s on the operation (line 7) and %[2]s on the
// request's token member (line 22).
const tokensDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /api/Token:
    post:
      operationId: issueToken
      %[1]s
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/TokenRequest'}}
          application/xml: {schema: {$ref: '#/components/schemas/TokenRequest'}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/TokenResponse'}}
components:
  schemas:
    TokenRequest:
      type: object
      properties:
        token: {type: string, %[2]s}
        old: {type: string}
        count: {type: integer}
    TokenResponse:
      type: object
      properties:
        access: {type: string}
        result:
          type: object
          properties: {newToken: {type: string}}
`

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		name, operation, property string
		want                      *Tokens
		err                       string
	}{
		{name: "none", want: nil},
		{name: "refresh only", operation: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: result.newToken}}`,
			want: &Tokens{RequestRefresh: "token", ResponseRefresh: []string{"result", "newToken"},
				Invalid: ScenarioInvalidRefreshToken, Expired: ScenarioExpiredRefreshToken}},
		{name: "pair and scenarios", operation: `x-helpmock-tokens: {request: {refresh: token, access: old}, response: {refresh: result.newToken, access: access}, invalid: no, expired: gone}`,
			want: &Tokens{RequestRefresh: "token", RequestAccess: "old", ResponseRefresh: []string{"result", "newToken"},
				ResponseAccess: []string{"access"}, Invalid: "no", Expired: "gone"}},
		{name: "misspelt", operation: `x-helpmock-token: {request: {refresh: token}, response: {refresh: access}}`,
			err: "POST /api/Token (line 7): unknown extension x-helpmock-token"},
		{name: "misplaced", property: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: access}}`,
			err: "(line 22): x-helpmock-tokens is not allowed on a property's schema; it belongs on an operation"},
		{name: "not a mapping", operation: `x-helpmock-tokens: token`,
			err: "POST /api/Token (line 7): x-helpmock-tokens: the value must be a mapping with request, response, invalid, expired, not token"},
		{name: "unknown key", operation: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: access}, expires: Expires}`,
			err: "POST /api/Token (line 7): x-helpmock-tokens: unknown key expires (known: request, response, invalid, expired)"},
		{name: "unknown request key", operation: `x-helpmock-tokens: {request: {refresh: token, acces: old}, response: {refresh: access}}`,
			err: "x-helpmock-tokens: unknown key request.acces (known: refresh, access)"},
		{name: "no response", operation: `x-helpmock-tokens: {request: {refresh: token}}`,
			err: "x-helpmock-tokens: response is required"},
		{name: "no refresh token", operation: `x-helpmock-tokens: {request: {access: old}, response: {refresh: access}}`,
			err: "x-helpmock-tokens: request.refresh is required"},
		{name: "not a name", operation: `x-helpmock-tokens: {request: {refresh: [token]}, response: {refresh: access}}`,
			err: "x-helpmock-tokens: request.refresh must be a member name, not [token]"},
		{name: "not a scenario name", operation: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: access}, invalid: 3}`,
			err: "x-helpmock-tokens: invalid must be a scenario name, not 3"},
		{name: "access not issued", operation: `x-helpmock-tokens: {request: {refresh: token, access: old}, response: {refresh: result.newToken}}`,
			err: "x-helpmock-tokens: request.access needs response.access"},
		{name: "no such request member", operation: `x-helpmock-tokens: {request: {refresh: tokn}, response: {refresh: access}}`,
			err: `POST /api/Token (line 7): x-helpmock-tokens: request.refresh: request application/json: the body has no member "tokn" (did you mean "token"?)`},
		{name: "not a string", operation: `x-helpmock-tokens: {request: {refresh: count}, response: {refresh: access}}`,
			err: "request.refresh: request application/json: count is not a string"},
		{name: "no such response member", operation: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: result.token}}`,
			err: `response.refresh: response 200 application/json: result has no member "token"`},
		{name: "response path through a string", operation: `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: access.token}}`,
			err: "response.refresh: response 200 application/json: access is not an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			property := tc.property
			if property == "" {
				property = "nullable: true"
			}
			doc := strings.Replace(tokensDoc, "%[1]s", tc.operation, 1)
			doc = strings.Replace(doc, "%[2]s", property, 1)
			s, err := Load("tokens.yaml", []byte(doc))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Load = %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Operation("issueToken").Tokens; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Tokens = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestTokensNeedBodies checks that a token operation has a request body to present a
// refresh token in and a success body to issue one in.
func TestTokensNeedBodies(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /api/Token:
    post:
      operationId: issueToken
      x-helpmock-tokens: {request: {refresh: token}, response: {refresh: access}}
%s      responses: {'200': {description: ok}}
`
	for _, tc := range []struct{ name, body, want string }{
		{"no request body", "", "POST /api/Token (line 7): x-helpmock-tokens: the operation has no request body"},
		{"no response body", "      requestBody: {content: {application/json: {schema: {type: object, properties: {token: {type: string}}}}}}\n",
			"POST /api/Token (line 7): x-helpmock-tokens: response 200 has no body to issue tokens in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("tokens.yaml", []byte(fmt.Sprintf(doc, tc.body)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load = %v, want an error with %q", err, tc.want)
			}
		})
	}
}
