package mock_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

func TestParseLatency(t *testing.T) {
	tests := []struct {
		in      string
		want    mock.Latency
		wantErr bool
	}{
		{"", mock.Latency{}, false},
		{"0", mock.Latency{}, false},
		{"200ms", mock.Latency{Min: 200 * time.Millisecond, Max: 200 * time.Millisecond}, false},
		{"100ms-400ms", mock.Latency{Min: 100 * time.Millisecond, Max: 400 * time.Millisecond}, false},
		{" 1s - 2s ", mock.Latency{Min: time.Second, Max: 2 * time.Second}, false},
		{"400ms-100ms", mock.Latency{}, true},
		{"-1s", mock.Latency{}, true},
		{"fast", mock.Latency{}, true},
		{"100ms-", mock.Latency{}, true},
		{"1s-2s-3s", mock.Latency{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := mock.ParseLatency(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseLatency(%q) = %v, %v, want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func FuzzParseLatency(f *testing.F) {
	for _, s := range []string{"200ms", "100ms-400ms", "-1s", "1s-2s-3s", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := mock.ParseLatency(s)
		if err != nil {
			return
		}
		if l.Min < 0 || l.Max < l.Min {
			t.Fatalf("ParseLatency(%q) = %v, want 0 <= Min <= Max", s, l)
		}
		back, err := mock.ParseLatency(l.String())
		if err != nil || back != l {
			t.Fatalf("ParseLatency(%q) = %v; ParseLatency(String()) = %v, %v", s, l, back, err)
		}
	})
}

// TestLatency checks that the mocked API's answers wait Options.Latency, and that the admin
// API's do not: with an hour's latency, the admin API still answers. Only lower bounds and
// outcomes are checked: a loaded machine makes anything slower, never faster.
func TestLatency(t *testing.T) {
	const lat = time.Second
	tests := []struct {
		name    string
		latency time.Duration
		req     request
		min     time.Duration
	}{
		{"mocked API", lat, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
			body: validBodies["refreshToken"][spec.ApplicationJSON]}, lat},
		{"admin API", time.Hour, request{method: http.MethodGet, path: "/__helpmock/scenarios"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), Admin: true, AdminHosts: []string{"mock.test"},
				Latency: mock.Latency{Min: tt.latency, Max: tt.latency}})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			done := make(chan *http.Response, 1)
			go func() { done <- serve(t, s, tt.req) }()
			select {
			case resp := <-done:
				readAll(t, resp)
			case <-time.After(time.Minute):
				t.Fatalf("%s %s: no answer within a minute (latency %v)", tt.req.method, tt.req.path, tt.latency)
			}
			if d := time.Since(start); d < tt.min {
				t.Errorf("%s %s took %v, want at least %v", tt.req.method, tt.req.path, d, tt.min)
			}
		})
	}
}
