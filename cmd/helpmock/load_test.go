package main

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/mock"
)

// shapesSpec is a spec of the mock's tests whose operations no embedded fixture names.
const shapesSpec = "../../mock/testdata/nofixtures/shapes.yaml"

// TestEmbeddedFixturesBelongToTheEmbeddedSpec: serve and verify load the embedded fixtures
// only for the embedded spec; a user's spec needs no -fixtures, and fixtures naming an
// operation it lacks are an error only when the user passed them.
func TestEmbeddedFixturesBelongToTheEmbeddedSpec(t *testing.T) {
	tests := []struct {
		name, spec, fixtures string
		wantErr              string
		op, wantDefault      string // an operation and its default scenario
	}{
		{"embedded spec, embedded fixtures", "", "", "", "refreshToken", "success"},
		{"the embedded spec as a file: no fixtures", "../../openapi.yaml", "", "", "refreshToken", mock.ScenarioGenerated},
		{"a user's spec: no fixtures", shapesSpec, "", "", "getThing", mock.ScenarioGenerated},
		{"a user's spec with the fixtures it lacks", shapesSpec, "../../fixtures", "the spec has no operation", "", ""},
		{"the embedded spec with an empty fixtures folder", "", t.TempDir(), "", "refreshToken", mock.ScenarioGenerated},
	}
	for _, tt := range tests {
		t.Run("serve/"+tt.name, func(t *testing.T) {
			cfg := &serveConfig{specPath: tt.spec, fixturesDir: tt.fixtures}
			srv, err := cfg.newMock(slog.New(slog.DiscardHandler))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("serve -spec %q -fixtures %q: error %v, want one with %q", tt.spec, tt.fixtures, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("serve -spec %q -fixtures %q: %v", tt.spec, tt.fixtures, err)
			}
			for _, info := range srv.Scenarios() {
				if info.OperationID == tt.op && info.Default != tt.wantDefault {
					t.Errorf("serve -spec %q -fixtures %q: %s answers %q by default, want %q", tt.spec, tt.fixtures, tt.op, info.Default, tt.wantDefault)
				}
			}
		})
		t.Run("verify/"+tt.name, func(t *testing.T) {
			cfg := &verifyConfig{target: "http://127.0.0.1:1", specPath: tt.spec, fixturesDir: tt.fixtures}
			_, err := cfg.options()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("verify -spec %q -fixtures %q: %v", tt.spec, tt.fixtures, err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("verify -spec %q -fixtures %q: no error, want one", tt.spec, tt.fixtures)
			}
		})
	}
}
