package mock_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

func TestJournal(t *testing.T) {
	s := newAdminServer(t) // keeps 5 requests
	sends := []request{
		{path: paths["refreshToken"], contentType: spec.ApplicationJSON, body: validBodies["refreshToken"][spec.ApplicationJSON]},
		{path: paths["refreshToken"], contentType: spec.ApplicationJSON, body: `{"AccessTokenOld":1`},
		{path: paths["pfmsGetRefreshToken"] + "?__scenario=server-error", contentType: spec.ApplicationXML, body: validBodies["pfmsGetRefreshToken"][spec.ApplicationXML]},
		{method: http.MethodGet, path: "/nowhere"},
		{method: http.MethodGet, path: "/__helpmock/scenarios"}, // admin: not journaled
	}
	for _, r := range sends {
		readAll(t, serve(t, s, r))
	}
	all := s.Journal("")
	if len(all) != 4 {
		t.Fatalf("Journal(\"\") has %d entries, want 4: %+v", len(all), all)
	}
	tests := []struct {
		name  string
		got   mock.JournalEntry
		check func(e mock.JournalEntry) bool
	}{
		{"valid request", all[0], func(e mock.JournalEntry) bool {
			return e.Operation == "refreshToken" && e.Scenario == "success" && e.Status == 200 && *e.Valid &&
				e.Body == `{"AccessTokenOld":"[redacted]","AccessTokenRefresh":"[redacted]"}` && e.Method == "POST" &&
				e.Header.Get("Content-Type") == spec.ApplicationJSON
		}},
		{"invalid request", all[1], func(e mock.JournalEntry) bool {
			return e.Operation == "refreshToken" && e.Scenario == "" && e.Status == 400 && !*e.Valid &&
				strings.HasPrefix(e.ValidationError, "400 The request is invalid.")
		}},
		{"chosen scenario", all[2], func(e mock.JournalEntry) bool {
			return e.Operation == "pfmsGetRefreshToken" && e.Scenario == "server-error" && e.Status == 500 &&
				e.Query == "__scenario=server-error" && *e.Valid
		}},
		{"no operation", all[3], func(e mock.JournalEntry) bool {
			return e.Operation == "" && e.Valid == nil && e.Status == 404 && e.Path == "/nowhere"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.check(tt.got) {
				b, _ := json.Marshal(tt.got)
				t.Errorf("journal entry = %s, not as expected", b)
			}
		})
	}
	if got := s.Journal("refreshToken"); len(got) != 2 {
		t.Errorf("Journal(refreshToken) has %d entries, want 2", len(got))
	}

	resp := serve(t, s, request{method: http.MethodGet, path: "/__helpmock/requests?operation=pfmsGetRefreshToken"})
	var list struct {
		Capacity int                 `json:"capacity"`
		Requests []mock.JournalEntry `json:"requests"`
	}
	if err := json.Unmarshal([]byte(readAll(t, resp)), &list); err != nil {
		t.Fatal(err)
	}
	if list.Capacity != 5 || len(list.Requests) != 1 || list.Requests[0].Scenario != "server-error" {
		t.Errorf("GET /__helpmock/requests?operation=pfmsGetRefreshToken = %+v, want capacity 5 and the server-error request", list)
	}

	// The ring keeps the last 5.
	for range 7 {
		readAll(t, serve(t, s, request{method: http.MethodGet, path: "/ring"}))
	}
	if got := s.Journal(""); len(got) != 5 || got[0].Path != "/ring" {
		t.Errorf("Journal after 11 requests has %d entries (first %q), want the last 5", len(got), got[0].Path)
	}
	resp = serve(t, s, request{method: http.MethodDelete, path: "/__helpmock/requests", contentType: "application/json"})
	if body := readAll(t, resp); body != `{"cleared":5}`+"\n" {
		t.Errorf("DELETE /__helpmock/requests = %q, want {\"cleared\":5}", body)
	}
	if got := s.Journal(""); len(got) != 0 {
		t.Errorf("Journal after clear has %d entries, want 0", len(got))
	}
}

func TestJournalTruncatesBodies(t *testing.T) {
	s := newGuardedServer(t, mock.Options{JournalSecrets: true}) // the raw capture is under test
	big := `{"AccessTokenOld":"` + strings.Repeat("x", mock.JournalBodyLimit) + `","AccessTokenRefresh":"r"}`
	readAll(t, serve(t, s, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON, body: big}))
	e := s.Journal("")[0]
	if len(e.Body) != mock.JournalBodyLimit || !e.BodyTruncated || e.Status != 200 {
		t.Errorf("journal of a %d-byte body = %d bytes, truncated %v, status %d; want %d, true, 200",
			len(big), len(e.Body), e.BodyTruncated, e.Status, mock.JournalBodyLimit)
	}
}

func TestJournalOff(t *testing.T) {
	s := newServer(t, false)
	readAll(t, serve(t, s, request{method: http.MethodGet, path: "/x"}))
	if got := s.Journal(""); len(got) != 0 {
		t.Errorf("Journal with Options.Journal 0 = %d entries, want 0", len(got))
	}
}

// TestJournalKeepsBodies checks that the journal keeps whole bodies of every size up to
// its limit, whether the client sent their length or not (the capture starts in a small
// buffer of its own and grows past it). The sizes go up and down again: the capture is
// recycled, and no request may see what a larger one before it left. Each request gets
// its own body back when the mock is done with it.
func TestJournalKeepsBodies(t *testing.T) {
	s := newGuardedServer(t, mock.Options{JournalSecrets: true}) // the raw capture is under test
	for _, size := range []int{0, 1, 460, 466, 470, 1000, 3000, mock.JournalBodyLimit - 1, 1000, 466, 1, 0} {
		for _, knownLength := range []bool{true, false} {
			body := `{"AccessTokenOld":"` + strings.Repeat("x", size) + `","AccessTokenRefresh":"r"}`
			req := httptest.NewRequest(http.MethodPost, paths["refreshToken"], io.MultiReader(strings.NewReader(body)))
			if knownLength {
				req.ContentLength = int64(len(body))
			} else {
				req.ContentLength = -1
			}
			req.Header.Set("Content-Type", spec.ApplicationJSON)
			rec := httptest.NewRecorder()
			own := req.Body
			s.ServeHTTP(rec, req)
			if req.Body != own {
				t.Errorf("%d-byte body: request body after ServeHTTP is %T, want the request's own", len(body), req.Body)
			}
			e := s.Journal("")
			last := e[len(e)-1]
			want := body
			if len(want) > mock.JournalBodyLimit {
				want = want[:mock.JournalBodyLimit]
			}
			if last.Body != want || last.BodyTruncated != (len(body) > mock.JournalBodyLimit) || last.Status != rec.Code {
				t.Errorf("%d-byte body (length known %v): journal kept %d bytes (truncated %v, status %d), want %d",
					len(body), knownLength, len(last.Body), last.BodyTruncated, last.Status, len(want))
			}
		}
	}
}

// TestJournalBodyInvalidUTF8 checks that a body that is not UTF-8 is journaled with
// U+FFFD in place of each invalid byte sequence, and a valid one as it is.
func TestJournalBodyInvalidUTF8(t *testing.T) {
	s := newAdminServer(t)
	for body, want := range map[string]string{
		"{\"a\":\"\xff\xfe\"}": "{\"a\":\"\uFFFD\"}",
		"{\"a\":\"é\"}":        "{\"a\":\"é\"}",
	} {
		readAll(t, serve(t, s, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON, body: body}))
		e := s.Journal("")
		if got := e[len(e)-1].Body; got != want {
			t.Errorf("journal of body %q = %q, want %q", body, got, want)
		}
	}
}
