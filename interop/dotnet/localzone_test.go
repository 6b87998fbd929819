package dotnet

import (
	"fmt"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

// zoneSpec is a spec whose answer holds a DateTime (Taken) and a DateTimeOffset (Sent)
// with the examples' values.
func zoneSpec(t *testing.T, taken, sent string) *spec.Spec {
	t.Helper()
	doc := fmt.Sprintf(`openapi: 3.0.3
info: {title: zone, version: "1"}
paths:
  /api/readings:
    get:
      operationId: getReadings
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Reading'}
              example: [{Taken: %q, Sent: %q}]
components:
  schemas:
    Reading:
      type: object
      xml: {name: Reading, namespace: http://schemas.datacontract.org/2004/07/Weather}
      properties:
        Taken: {type: string, format: date-time}
        Sent: {type: string, format: date-time, x-dotnet-type: System.DateTimeOffset}
`, taken, sent)
	s, err := spec.Load("zone.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLocalZone: the rig runs .NET in the zone whose offset the sample's DateTime values
// carry (a Help Page's DateTime.Now); a DateTimeOffset's own offset says nothing of it.
func TestLocalZone(t *testing.T) {
	tests := []struct {
		taken, sent string
		want, err   string
	}{
		{taken: "2026-01-04T06:00:00.5312684+01:00", sent: "2026-01-04T06:00:00+05:30", want: "Etc/GMT-1"},
		{taken: "2024-05-01T10:00:00.1234567+02:00", sent: "2024-05-01T10:00:00Z", want: "Etc/GMT-2"},
		{taken: "2024-05-01T03:00:00-05:00", sent: "2024-05-01T10:00:00+02:00", want: "Etc/GMT+5"},
		{taken: "2024-05-01T10:00:00+00:00", sent: "2024-05-01T10:00:00+02:00", want: "UTC"},
		{taken: "2024-05-01T10:00:00Z", sent: "2024-05-01T10:00:00+02:00", want: "UTC"},
		{taken: "2024-05-01T10:00:00", sent: "2024-05-01T10:00:00+02:00", want: "UTC"},
	}
	for _, tt := range tests {
		got, err := LocalZone(zoneSpec(t, tt.taken, tt.sent))
		if err != nil || got != tt.want {
			t.Errorf("LocalZone(Taken %s, Sent %s) = %q, %v; want %q", tt.taken, tt.sent, got, err, tt.want)
		}
	}
}

// TestLocalZoneDisagreeing: DateTime values with two offsets (a zone with summer time), or
// an offset of no whole hours, have no fixed-offset zone; the rig says so rather than
// check in the wrong one.
func TestLocalZoneDisagreeing(t *testing.T) {
	s := zoneSpec(t, "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00+02:00")
	// A second operation whose DateTime carries another offset.
	other := *s.Operations[0]
	other.ResponseExamples = map[string]map[string]any{
		spec.ApplicationJSON: {spec.DocsExample: []any{map[string]any{"Taken": "2024-01-01T10:00:00+01:00"}}},
	}
	s.Operations = append(s.Operations, &other)
	_, err := LocalZone(s)
	if err == nil || !strings.Contains(err.Error(), "+01:00 +02:00") {
		t.Errorf("LocalZone = %v, want an error naming both offsets", err)
	}
	_, err = LocalZone(zoneSpec(t, "2024-05-01T10:00:00+05:30", "2024-05-01T10:00:00Z"))
	if err == nil || !strings.Contains(err.Error(), "+05:30") {
		t.Errorf("LocalZone(+05:30) = %v, want an error naming the offset", err)
	}
}

// TestWithoutDecimalScale: only an integral number's scale goes, never a fraction's digits
// or a string's text.
func TestWithoutDecimalScale(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<a>2.0</a>", "<a>2</a>"},
		{"<a>-15.00</a><b>3.0</b>", "<a>-15</a><b>3</b>"},
		{"<a>2.50</a>", "<a>2.50</a>"},
		{"<a>v2.0</a>", "<a>v2.0</a>"},
		{"<a>2</a>", "<a>2</a>"},
	}
	for _, tt := range tests {
		if got := withoutDecimalScale(tt.in); got != tt.want {
			t.Errorf("withoutDecimalScale(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
