package mock_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// TestSlowLoris checks that Serve cuts off a client trickling its headers after
// ReadHeaderTimeout while other clients are served meanwhile.
func TestSlowLoris(t *testing.T) {
	const readHeaderTimeout = 300 * time.Millisecond
	// ReadTimeout would cut the client off too: an hour leaves that to ReadHeaderTimeout.
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t),
		ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	addr := startServe(t, s).addr

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
	client.CloseIdleConnections()
	elapsed := <-cut
	// The server (a close or a reset), not our read deadline, ended the connection; a
	// loaded machine may take seconds past ReadHeaderTimeout to do it, so only the outcome
	// and a lower bound are checked (the server's clock starts at accept, a moment before
	// ours).
	if err := <-cutErr; errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("slow-loris connection still open after %v (%v), want it closed by the server after ReadHeaderTimeout %v", elapsed, err, readHeaderTimeout)
	}
	if elapsed < readHeaderTimeout/2 {
		t.Errorf("slow-loris connection closed after %v, before ReadHeaderTimeout %v", elapsed, readHeaderTimeout)
	}
}

// TestMaxHeaderBytes checks that a header block over MaxHeaderBytes, or over its default
// when the option is not set, gets 431 and that Serve keeps serving.
func TestMaxHeaderBytes(t *testing.T) {
	tests := []struct {
		name           string
		maxHeaderBytes int
		fits, tooLarge int // sizes of a header under and over the limit
	}{
		// net/http allows 4096 bytes of slack over MaxHeaderBytes.
		{"4 KiB", 4 << 10, 1 << 10, 16 << 10},
		{"default", 0, 32 << 10, 128 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), MaxHeaderBytes: tt.maxHeaderBytes})
			if err != nil {
				t.Fatal(err)
			}
			addr := startServe(t, s).addr
			client := &http.Client{Timeout: time.Minute}
			defer client.CloseIdleConnections()
			for _, c := range []struct {
				size, want int
			}{
				{0, http.StatusOK},
				{tt.tooLarge, http.StatusRequestHeaderFieldsTooLarge},
				{tt.fits, http.StatusOK},
			} {
				req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v2/account/refreshtoken",
					strings.NewReader(`{"AccessTokenOld":"o","AccessTokenRefresh":"r"}`))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", spec.ApplicationJSON)
				req.Header.Set("X-Padding", strings.Repeat("x", c.size))
				resp, err := client.Do(req)
				if err != nil {
					t.Fatalf("POST with a header of %d bytes: %v", c.size, err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != c.want {
					t.Errorf("POST with a header of %d bytes: status = %d, want %d", c.size, resp.StatusCode, c.want)
				}
			}
		})
	}
}
