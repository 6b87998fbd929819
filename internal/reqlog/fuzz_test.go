package reqlog

import (
	"testing"
	"time"
)

// FuzzLogRequest checks that the Logger writes every entry as slog does, in both
// formats. The time is unix seconds and nanoseconds in a fixed zone; seconds of
// -62135596800 and 0 nanoseconds are the zero time.Time, which slog leaves out.
func FuzzLogRequest(f *testing.F) {
	e := baseEntry()
	add := func(e Entry, sec, nsec int64, offset int) {
		f.Add(e.Method, e.URI, e.Operation, e.Scenario, e.MediaType, e.Error, e.Status, int64(e.Latency), sec, nsec, offset)
	}
	add(e, e.Time.Unix(), int64(e.Time.Nanosecond()), 0)
	add(e, e.Time.Unix(), 999999999, 5*3600+30*60)
	add(e, time.Time{}.Unix(), 0, 0)
	add(e, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), 0, -8*3600)
	add(e, time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), 0, 0)
	for _, s := range awkwardStrings {
		add(Entry{Method: s.s, URI: s.s, Error: s.s, Status: 500, Latency: -1}, 0, 0, 3723)
	}
	f.Fuzz(func(t *testing.T, method, uri, op, scenario, mediaType, errText string,
		status int, latency, sec, nsec int64, offset int) {
		checkSame(t, Entry{
			Time:   time.Unix(sec, nsec).In(time.FixedZone("", offset)),
			Method: method, URI: uri, Status: status, Latency: time.Duration(latency),
			Operation: op, Scenario: scenario, MediaType: mediaType, Error: errText,
		})
	})
}
