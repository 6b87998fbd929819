package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestServeLimitFlags checks each limit's default, environment variable and flag.
func TestServeLimitFlags(t *testing.T) {
	defaults := limitFlags{
		maxHeaderBytes: 64 << 10, readHeaderTimeout: 10 * time.Second, readTimeout: 30 * time.Second,
		writeTimeout: time.Minute, idleTimeout: 2 * time.Minute,
		maxXMLDepth: 256, maxXMLElements: 10000, maxJSONDepth: 64,
	}
	with := func(f func(*limitFlags)) limitFlags { l := defaults; f(&l); return l }
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		want    limitFlags
		wantErr string
	}{
		{name: "defaults", want: defaults},
		{name: "env", env: map[string]string{
			"HELPMOCK_MAX_HEADER_BYTES": "4096", "HELPMOCK_READ_HEADER_TIMEOUT": "1s", "HELPMOCK_READ_TIMEOUT": "2s",
			"HELPMOCK_WRITE_TIMEOUT": "3s", "HELPMOCK_IDLE_TIMEOUT": "4s", "HELPMOCK_MAX_XML_DEPTH": "5",
			"HELPMOCK_MAX_XML_ELEMENTS": "6", "HELPMOCK_MAX_JSON_DEPTH": "7"},
			want: limitFlags{maxHeaderBytes: 4096, readHeaderTimeout: time.Second, readTimeout: 2 * time.Second,
				writeTimeout: 3 * time.Second, idleTimeout: 4 * time.Second, maxXMLDepth: 5, maxXMLElements: 6, maxJSONDepth: 7}},
		{name: "flag wins over env", env: map[string]string{"HELPMOCK_MAX_XML_DEPTH": "5"}, args: []string{"-max-xml-depth", "9"},
			want: with(func(l *limitFlags) { l.maxXMLDepth = 9 })},
		{name: "flags", args: []string{"-read-header-timeout", "250ms", "-max-json-depth", "3"},
			want: with(func(l *limitFlags) { l.readHeaderTimeout = 250 * time.Millisecond; l.maxJSONDepth = 3 })},
		{name: "zero timeout", args: []string{"-read-header-timeout", "0"}, wantErr: "-read-header-timeout must be positive"},
		{name: "negative depth", env: map[string]string{"HELPMOCK_MAX_XML_DEPTH": "-1"}, wantErr: "-max-xml-depth must be positive"},
		{name: "bad env", env: map[string]string{"HELPMOCK_WRITE_TIMEOUT": "soon"}, wantErr: `HELPMOCK_WRITE_TIMEOUT="soon"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			cfg, err := parseServeFlags(c.args, io.Discard)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("parseServeFlags(%q) error = %v, want one containing %q", c.args, err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseServeFlags(%q) error = %v", c.args, err)
			}
			if cfg.limits != c.want {
				t.Errorf("parseServeFlags(%q).limits = %+v, want %+v", c.args, cfg.limits, c.want)
			}
		})
	}
}

// TestSlowLoris checks that a client trickling its headers is cut off after the
// read-header timeout while other clients are served meanwhile.
func TestSlowLoris(t *testing.T) {
	limits := limitFlags{maxHeaderBytes: 64 << 10, readHeaderTimeout: 300 * time.Millisecond,
		readTimeout: 5 * time.Second, writeTimeout: 10 * time.Second, idleTimeout: time.Minute}
	srv := newTestMock(t, mock.Options{})
	addr := startHTTPServer(t, limits.httpServer(srv))

	loris, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer loris.Close()
	start := time.Now()
	if _, err := io.WriteString(loris, "POST /api/v2/account/refreshtoken HTTP/1.1\r\nHost: mock\r\n"); err != nil {
		t.Fatal(err)
	}
	// Trickle one header byte every 20ms, far slower than any real client, until the
	// server hangs up.
	cut := make(chan time.Duration, 1)
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for range tick.C {
			if _, err := loris.Write([]byte("X")); err != nil {
				break
			}
			if time.Since(start) > time.Minute {
				break
			}
		}
	}()
	cutErr := make(chan error, 1)
	go func() {
		_ = loris.SetReadDeadline(time.Now().Add(time.Minute))
		_, err := io.Copy(io.Discard, loris) // returns when the server closes the connection
		cut <- time.Since(start)
		cutErr <- err
	}()

	// Meanwhile, normal clients are served.
	client := &http.Client{Timeout: time.Minute}
	body := `{"AccessTokenOld":"old-token-123","AccessTokenRefresh":"refresh-token-456"}`
	for i := range 20 {
		resp, err := client.Post("http://"+addr+"/api/v2/account/refreshtoken", spec.ApplicationJSON, strings.NewReader(body))
		if err != nil {
			t.Fatalf("request %d while a slow-loris client is connected: %v", i, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("request %d while a slow-loris client is connected: status = %d, want 200", i, resp.StatusCode)
		}
	}
	elapsed := <-cut
	// The server (a close or a reset), not our read deadline, ended the connection; a
	// loaded machine may take seconds past -read-header-timeout to do it, so only the
	// outcome and a lower bound are checked (the server's clock starts at accept, a moment
	// before ours).
	if err := <-cutErr; errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("slow-loris connection still open after %v (%v), want it closed by the server after -read-header-timeout %v", elapsed, err, limits.readHeaderTimeout)
	}
	if elapsed < limits.readHeaderTimeout/2 {
		t.Errorf("slow-loris connection closed after %v, before -read-header-timeout %v", elapsed, limits.readHeaderTimeout)
	}
}

// TestMaxHeaderBytes checks that a header block over -max-header-bytes gets 431 and the
// server keeps serving.
func TestMaxHeaderBytes(t *testing.T) {
	limits := limitFlags{maxHeaderBytes: 4 << 10, readHeaderTimeout: 5 * time.Second,
		readTimeout: 5 * time.Second, writeTimeout: 10 * time.Second, idleTimeout: time.Minute}
	addr := startHTTPServer(t, limits.httpServer(newTestMock(t, mock.Options{})))
	client := &http.Client{Timeout: time.Minute}
	cases := []struct {
		name   string
		accept string
		want   int
	}{
		{name: "small", accept: "application/xml", want: http.StatusOK},
		// net/http allows 4096 bytes of slack over MaxHeaderBytes.
		{name: "over the limit", accept: strings.Repeat("x", 16<<10), want: http.StatusRequestHeaderFieldsTooLarge},
		{name: "small again", accept: "application/json", want: http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v2/account/refreshtoken",
				strings.NewReader(`{"AccessTokenOld":"o","AccessTokenRefresh":"r"}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", spec.ApplicationJSON)
			req.Header.Set("Accept", c.accept)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("POST with Accept of %d bytes: %v", len(c.accept), err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("POST with Accept of %d bytes: status = %d, want %d", len(c.accept), resp.StatusCode, c.want)
			}
		})
	}
}

// newTestMock returns a mock with the repository's spec and fixtures.
func newTestMock(tb testing.TB, opts mock.Options) *mock.Server {
	tb.Helper()
	s, err := spec.LoadFile("../../openapi.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	set, err := fixtures.Load(os.DirFS("../../fixtures"))
	if err != nil {
		tb.Fatal(err)
	}
	opts.Spec, opts.Fixtures = bridge.Public(s), set
	srv, err := mock.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

// startHTTPServer serves hs on a loopback port the system picks and shuts it down when the
// test ends; it returns the address.
func startHTTPServer(tb testing.TB, hs *http.Server) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	tb.Cleanup(func() {
		_ = hs.Close()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			tb.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}
