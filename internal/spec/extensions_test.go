package spec

import (
	"slices"
	"strings"
	"testing"
)

// extensionDoc is a small document with %s in three places: a property's schema (line
// 16), a query parameter (line 10) and the operation (line 8).
const extensionDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /api/token:
    post:
      operationId: token
      responses: {'200': {description: ok}}
      %[3]s
      parameters:
        - {name: access_token, in: query, schema: {type: string}, %[2]s}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {RefreshToken: {type: string, %[1]s}, Name: {type: string}}
`

func TestExtensions(t *testing.T) {
	for _, tc := range []struct {
		name, property, parameter, operation string
		secrets                              []string
		err                                  string
	}{
		{name: "none", property: "nullable: true", parameter: "required: false", operation: "",
			secrets: []string{}},
		{name: "secret property and parameter", property: "x-helpmock-secret: true", parameter: "x-helpmock-secret: true",
			secrets: []string{"RefreshToken", "access_token"}},
		{name: "false", property: "x-helpmock-secret: false", parameter: "required: false", secrets: []string{}},
		{name: "misspelt", property: "x-helpmock-secrets: true", parameter: "required: false",
			err: "(line 16): unknown extension x-helpmock-secrets"},
		{name: "misplaced", property: "nullable: true", parameter: "required: false", operation: "x-helpmock-secret: true",
			err: "POST /api/token (line 8): x-helpmock-secret is not allowed on an operation"},
		{name: "not a boolean", property: `x-helpmock-secret: "yes"`, parameter: "required: false",
			err: "x-helpmock-secret must be true or false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := strings.Replace(extensionDoc, "%[1]s", tc.property, 1)
			doc = strings.Replace(doc, "%[2]s", tc.parameter, 1)
			doc = strings.Replace(doc, "%[3]s", tc.operation, 1)
			s, err := Load("ext.yaml", []byte(doc))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Load = %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Secrets, tc.secrets) {
				t.Errorf("Secrets = %q, want %q", s.Secrets, tc.secrets)
			}
		})
	}
}
