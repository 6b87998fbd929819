package mock

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Latency is a delay added to every answer of the mocked API: Min when Max is not
// greater, else uniformly random in [Min, Max]. The zero Latency adds nothing. It is a
// flag.Value, so "200ms" and "100ms-400ms" can be given on the command line.
type Latency struct {
	Min, Max time.Duration
}

// ParseLatency reads a Go duration ("200ms") or a range of two ("100ms-400ms").
func ParseLatency(text string) (Latency, error) {
	text = strings.TrimSpace(text)
	if text == "" || text == "0" {
		return Latency{}, nil
	}
	lo, hi, isRange := cutRange(text)
	min, err := time.ParseDuration(lo)
	if err != nil {
		return Latency{}, fmt.Errorf("latency %q: %w", text, err)
	}
	max := min
	if isRange {
		if max, err = time.ParseDuration(hi); err != nil {
			return Latency{}, fmt.Errorf("latency %q: %w", text, err)
		}
	}
	switch {
	case min < 0 || max < 0:
		return Latency{}, fmt.Errorf("latency %q: negative duration", text)
	case max < min:
		return Latency{}, fmt.Errorf("latency %q: the range ends before it starts", text)
	}
	return Latency{Min: min, Max: max}, nil
}

// cutRange splits "a-b" at the dash that separates two durations; a leading minus sign
// belongs to the first duration (and is then rejected as negative).
func cutRange(text string) (lo, hi string, ok bool) {
	i := strings.Index(text[1:], "-")
	if i < 0 {
		return text, "", false
	}
	return strings.TrimSpace(text[:i+1]), strings.TrimSpace(text[i+2:]), true
}

// String returns the latency as ParseLatency reads it.
func (l Latency) String() string {
	switch {
	case l.Min == 0 && l.Max <= 0:
		return "0s"
	case l.Max <= l.Min:
		return l.Min.String()
	}
	return l.Min.String() + "-" + l.Max.String()
}

// Set implements flag.Value.
func (l *Latency) Set(text string) error {
	v, err := ParseLatency(text)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// pick returns one delay.
func (l Latency) pick() time.Duration {
	if l.Max <= l.Min {
		return l.Min
	}
	return l.Min + rand.N(l.Max-l.Min+1)
}

// waitFor waits d, or until the client of req gives up: the Latency of every answer
// (observe.go) and a scenario's delay (faults.go).
func waitFor(req *http.Request, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-req.Context().Done():
		return req.Context().Err()
	}
}
