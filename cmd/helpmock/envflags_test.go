package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestEnvironmentErrorsNameVariableAndWant checks that a value of the wrong type in a
// flag's environment variable is reported with the variable, its value and what the flag
// wants, not the flag package's bare "parse error".
func TestEnvironmentErrorsNameVariableAndWant(t *testing.T) {
	tests := []struct{ variable, value, want string }{
		{"HELPMOCK_TOKEN_TTL", "abc", `HELPMOCK_TOKEN_TTL="abc": want a duration such as 1h, 90s or 250ms`},
		{"HELPMOCK_LENIENT", "maybe", `HELPMOCK_LENIENT="maybe": want true or false`},
		{"HELPMOCK_MAX_BODY", "1MB", `HELPMOCK_MAX_BODY="1MB": want an integer`},
		{"HELPMOCK_MAX_JSON_DEPTH", "deep", `HELPMOCK_MAX_JSON_DEPTH="deep": want an integer`},
		{"HELPMOCK_LATENCY", "soon", `HELPMOCK_LATENCY="soon": `},
	}
	for _, tt := range tests {
		t.Run(tt.variable, func(t *testing.T) {
			t.Setenv(tt.variable, tt.value)
			_, err := parseServeFlags(nil, &bytes.Buffer{})
			if err == nil {
				t.Fatalf("parseServeFlags with %s=%s: no error", tt.variable, tt.value)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("parseServeFlags with %s=%s: %q, want it to start with %q", tt.variable, tt.value, err, tt.want)
			}
			if strings.Contains(err.Error(), "parse error") {
				t.Errorf("parseServeFlags with %s=%s: %q says only parse error", tt.variable, tt.value, err)
			}
		})
	}
}
