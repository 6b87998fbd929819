package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/mock"
)

// entries is a RequestLogger that hands each entry to a channel.
type entries chan mock.RequestLogEntry

func (e entries) LogRequest(le mock.RequestLogEntry) { e <- le }

// TestRequestLogOutcome checks the status and error the request log records: the answer's
// status when there is one, 499 when the client gave up first (during a fixture's delay: not
// the 500 the mock would have answered), 444 when a fault closed the connection without an
// answer (not the 200 Echo's response was left at).
func TestRequestLogOutcome(t *testing.T) {
	tests := []struct {
		name       string
		scenario   string
		giveUp     bool
		wantStatus int
		wantError  string
	}{
		{"answered", "success", false, http.StatusOK, ""},
		{"server error", "server-error", false, http.StatusInternalServerError, ""},
		{"connection reset", "connection-reset", false, mock.StatusNoAnswer, "fault connection-reset: closed without an answer"},
		{"gave up during the delay", "slow", true, mock.StatusClientGaveUp, "client gave up: context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := make(entries, 1)
			s := newGuardedServer(t, mock.Options{RequestLog: log})
			started := make(chan struct{}, 1)
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				started <- struct{}{}
				s.ServeHTTP(w, r)
			}))
			defer ts.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/api/v2/account/refreshtoken",
				strings.NewReader(`{"AccessTokenOld":"old","AccessTokenRefresh":"refresh"}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Prefer", "example="+tt.scenario)
			done := make(chan struct{})
			go func() {
				defer close(done)
				if resp, err := ts.Client().Do(req); err == nil {
					resp.Body.Close()
				}
			}()
			<-started
			if tt.giveUp {
				cancel()
			}
			var le mock.RequestLogEntry
			select {
			case le = <-log:
			case <-time.After(time.Minute):
				t.Fatal("no request log entry within a minute")
			}
			<-done
			if le.Status != tt.wantStatus || le.Error != tt.wantError {
				t.Errorf("request log: status %d, error %q; want %d, %q", le.Status, le.Error, tt.wantStatus, tt.wantError)
			}
		})
	}
}
