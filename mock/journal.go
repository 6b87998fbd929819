package mock

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// JournalBodyLimit is how many bytes of a request body the journal keeps.
const JournalBodyLimit = 16 << 10

// JournalEntry is one request as the journal remembers it.
type JournalEntry struct {
	Time   time.Time   `json:"time"`
	Method string      `json:"method"`
	Path   string      `json:"path"`
	Query  string      `json:"query,omitempty"`
	Header http.Header `json:"headers"`
	// Body is the request body as text, cut at JournalBodyLimit bytes.
	Body          string `json:"body"`
	BodyTruncated bool   `json:"bodyTruncated,omitempty"`
	// Operation is the matched operationId; "" when no operation matched.
	Operation string `json:"operation,omitempty"`
	// Scenario is the scenario answered; "" when the request failed before one was chosen.
	Scenario string `json:"scenario,omitempty"`
	// Valid reports whether the request passed binding and validation; absent when no
	// operation matched.
	Valid *bool `json:"valid,omitempty"`
	// ValidationError is the 400 (or 413, 415) answer's message when Valid is false.
	ValidationError string `json:"validationError,omitempty"`
	// Status is the response status; 0 when a fault left no answer.
	Status int `json:"status"`
	// Fault is the transport fault the scenario simulated, if any.
	Fault string `json:"fault,omitempty"`
	// Error is the error the handler ended with, if any.
	Error      string  `json:"error,omitempty"`
	DurationMS float64 `json:"durationMs"`
}

// journal is a ring buffer of the last requests, safe for concurrent use.
type journal struct {
	mu      sync.Mutex
	entries []JournalEntry // ring of cap entries
	next    int            // where the next entry goes
	full    bool
}

func newJournal(capacity int) *journal {
	if capacity <= 0 {
		return nil
	}
	return &journal{entries: make([]JournalEntry, capacity)}
}

func (j *journal) add(e JournalEntry) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries[j.next] = e
	j.next = (j.next + 1) % len(j.entries)
	if j.next == 0 {
		j.full = true
	}
}

// list returns the entries oldest first, those of operation only when it is not "".
func (j *journal) list(operation string) []JournalEntry {
	out := []JournalEntry{}
	if j == nil {
		return out
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	start, n := 0, j.next
	if j.full {
		start, n = j.next, len(j.entries)
	}
	for i := range n {
		e := j.entries[(start+i)%len(j.entries)]
		if operation == "" || e.Operation == operation {
			out = append(out, e)
		}
	}
	return out
}

func (j *journal) clear() int {
	if j == nil {
		return 0
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.next
	if j.full {
		n = len(j.entries)
	}
	clear(j.entries)
	j.next, j.full = 0, false
	return n
}

func (j *journal) capacity() int {
	if j == nil {
		return 0
	}
	return len(j.entries)
}

// Journal returns the journal's entries oldest first, only those of operation when it
// is not "". It is empty when Options.Journal is 0. Secrets read [redacted] unless
// Options.JournalSecrets is set: the Authorization, Proxy-Authorization, Cookie and
// Set-Cookie headers, and the members and query parameters the spec marks
// x-helpmock-secret.
func (s *Server) Journal(operation string) []JournalEntry {
	entries := s.journal.list(operation)
	for i := range entries {
		entries[i] = s.redactEntry(entries[i])
	}
	return entries
}

// The values JournalEntry.Valid points to, shared by every entry (never written).
var validTrue, validFalse = true, false

func boolPointer(b bool) *bool {
	if b {
		return &validTrue
	}
	return &validFalse
}

// capture keeps the first limit bytes read through it.
type capture struct {
	io.ReadCloser
	buf       []byte
	limit     int
	truncated bool
}

func (c *capture) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	room := c.limit - len(c.buf)
	if n > room {
		c.truncated = true
		c.buf = append(c.buf, p[:room]...)
	} else {
		c.buf = append(c.buf, p[:n]...)
	}
	return n, err
}
