package jsonnet_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/jsonnet"
)

// TestAppendDateTimeOffset checks that AppendDateTimeOffset writes what Go's layout for
// Json.NET's DateTimeOffset writes, for edge cases and many random times and zones.
func TestAppendDateTimeOffset(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 0), time.FixedZone("", 5*3600+30*60),
		time.FixedZone("", -(9*3600 + 30*60)), time.FixedZone("", -30*60), time.FixedZone("LMT", 3600+17*60+3),
		time.FixedZone("", -(30*60 + 15))}
	times := []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2026, 11, 22, 3, 30, 42, 311998900, time.UTC),
		time.Date(2026, 11, 22, 3, 30, 42, 100, time.UTC),
		time.Date(2026, 11, 22, 3, 30, 42, 99, time.UTC), // below one tick: no fraction
		time.Date(2026, 11, 22, 3, 30, 42, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 9999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		sec := rng.Int64N(253402300800) - 62135596800 // years 1 to 9999
		times = append(times, time.Unix(sec, rng.Int64N(1e9)), time.Unix(sec, 0))
	}
	for _, z := range zones {
		for _, tm := range times {
			in := tm.In(z)
			want := in.Format(jsonnet.DateTimeOffsetLayout)
			if got := string(jsonnet.AppendDateTimeOffset(nil, in)); got != want {
				t.Fatalf("AppendDateTimeOffset(%v) = %q, want %q (the layout)", in, got, want)
			}
		}
	}
}

func TestIsDateTimeOffset(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"seven digits", "2024-11-21T08:42:50.8590439+00:00", true},
		{"no fraction", "2024-11-21T08:42:50+05:30", true},
		{"negative offset", "2024-11-21T08:42:50.5-09:30", true},
		{"Z", "2024-11-21T08:42:50.8590439Z", false},
		{"trailing zero", "2024-11-21T08:42:50.50+00:00", false},
		{"eight digits", "2024-11-21T08:42:50.85904391+00:00", false},
		{"no offset", "2024-11-21T08:42:50", false},
		{"date only", "2024-11-21", false},
		{"offset without colon", "2024-11-21T08:42:50+0000", false},
		{"not a date", "tomorrow", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonnet.IsDateTimeOffset(tt.in); got != tt.want {
				t.Errorf("IsDateTimeOffset(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateTimeOffset(t *testing.T) {
	tests := []struct {
		name, in, want, wantErr string
	}{
		{"Z reads as +00:00", "2024-11-21T08:42:50Z", "2024-11-21T08:42:50+00:00", ""},
		{"nine digits are cut to ticks", "2024-11-21T08:42:50.123456789+01:00", "2024-11-21T08:42:50.1234567+01:00", ""},
		{"no offset", "2024-11-21T08:42:50", "", `"2024-11-21T08:42:50" is not an ISO 8601 date-time with an offset`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonnet.ParseDateTimeOffset(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseDateTimeOffset(%q) = %v, want error %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := string(jsonnet.AppendDateTimeOffset(nil, got)); s != tt.want {
				t.Errorf("ParseDateTimeOffset(%q) written back = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}
