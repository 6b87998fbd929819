package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestServeAdminBind: a mock bound beyond this machine serves the admin API only with
// -admin-token, and says so at start-up when it does not.
func TestServeAdminBind(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		host  string // the Host of the probe
		auth  string
		want  int    // GET /__helpmock/scenarios
		log   string // in the start-up log
		nolog string // not in the start-up log
	}{
		{name: "loopback", args: []string{"-addr", "127.0.0.1:8080"}, host: "127.0.0.1:8080", want: 200, nolog: "admin API off"},
		{name: "localhost", args: []string{"-addr", "localhost:8080"}, host: "localhost:8080", want: 200, nolog: "admin API off"},
		{name: "IPv6 loopback", args: []string{"-addr", "[::1]:8080"}, host: "[::1]:8080", want: 200, nolog: "admin API off"},
		{name: "all interfaces, no token", args: []string{"-addr", ":8080"}, host: "127.0.0.1:8080", want: 404,
			log: "admin API off: -addr :8080 is reachable from other machines"},
		{name: "0.0.0.0, no token", args: []string{"-addr", "0.0.0.0:8080"}, host: "127.0.0.1:8080", want: 404, log: "admin API off"},
		{name: "LAN address, no token", args: []string{"-addr", "192.168.1.5:8080"}, host: "192.168.1.5:8080", want: 404, log: "admin API off"},
		{name: "LAN address, token, none sent", args: []string{"-addr", "192.168.1.5:8080", "-admin-token", "t0ken-123"},
			host: "192.168.1.5:8080", want: 401, nolog: "admin API off"},
		{name: "LAN address, token", args: []string{"-addr", "192.168.1.5:8080", "-admin-token", "t0ken-123"},
			host: "192.168.1.5:8080", auth: "Bearer t0ken-123", want: 200},
		{name: "all interfaces, token, an IP", args: []string{"-addr", ":8080", "-admin-token", "t0ken-123"},
			host: "10.0.0.2:8080", auth: "Bearer t0ken-123", want: 200},
		{name: "all interfaces, token, a DNS name", args: []string{"-addr", ":8080", "-admin-token", "t0ken-123"},
			host: "rebound.example:8080", auth: "Bearer t0ken-123", want: 403},
		{name: "journal secrets", args: []string{"-journal-secrets"}, host: "127.0.0.1:8080", want: 200,
			log: "-journal-secrets: the journal (GET /__helpmock/requests) and the request log show"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseServeFlags(append(tc.args, "-watch=false"), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			var log bytes.Buffer
			server, err := cfg.newMock(slog.New(slog.NewTextHandler(&log, nil)))
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodGet, "/__helpmock/scenarios", nil)
			req.Host = tc.host
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			rec := httptest.NewRecorder()
			server.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("serve %s: GET /__helpmock/scenarios (Host %s) = %d %s, want %d", strings.Join(tc.args, " "), tc.host, rec.Code, rec.Body, tc.want)
			}
			if tc.log != "" && !strings.Contains(log.String(), tc.log) {
				t.Errorf("serve %s: start-up log lacks %q:\n%s", strings.Join(tc.args, " "), tc.log, log.String())
			}
			if tc.nolog != "" && strings.Contains(log.String(), tc.nolog) {
				t.Errorf("serve %s: start-up log has %q:\n%s", strings.Join(tc.args, " "), tc.nolog, log.String())
			}
		})
	}
}
