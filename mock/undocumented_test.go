package mock_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestWarnsOnceForUndocumentedBodies: start-up logs one warning per operation whose
// success response documents no body or no sample, naming the overlay key that supplies
// one; a void action (204) and a documented operation get none.
func TestWarnsOnceForUndocumentedBodies(t *testing.T) {
	sp, err := spec.LoadFile("testdata/nofixtures/shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	if _, err := mock.New(mock.Options{Spec: bridge.Public(sp), Logger: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		op, want string // want: a phrase of its one warning; "" for none
	}{
		{"postOk", `msg="the response documents no body; the mock answers its status with an empty body" op=postOk status=200 overlay_key="paths./api/ok.post.responses.\"200\".content"`},
		{"getThing", `msg="the response documents no sample; the mock answers values generated from its schema" op=getThing status=200 overlay_key="paths./api/things/{id}.get.responses.\"200\".content.<media type>.example"`},
		{"getBinary", `op=getBinary status=200 overlay_key=`},
		{"putThing", ""},
		{"getJsonOnly", ""},
	}
	for _, tt := range tests {
		var warnings []string
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, "level=WARN") && strings.Contains(line, " op="+tt.op+" ") {
				warnings = append(warnings, line)
			}
		}
		switch {
		case tt.want == "" && len(warnings) > 0:
			t.Errorf("%s: warnings %q, want none", tt.op, warnings)
		case tt.want != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.want)):
			t.Errorf("%s: warnings %q, want one with %s", tt.op, warnings, tt.want)
		}
	}
}
