package contracts_test

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpmock/helpmock/contracts"
)

// rawServer accepts connections on a loopback port and hands each to serve; it stops in
// Cleanup.
func rawServer(tb testing.TB, serve func(net.Conn)) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	tb.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				serve(conn)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// readRequest consumes one request's head and body from conn.
func readRequest(conn net.Conn) bool {
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		return false
	}
	req.Body.Close()
	return true
}

func TestUnreachableTarget(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	target := "http://" + ln.Addr().String()
	ln.Close()
	_, err = contracts.Verify(context.Background(), contracts.Options{Target: target, Spec: loadSpec(t), RequestTimeout: time.Second})
	if !errors.Is(err, contracts.ErrUnreachable) {
		t.Fatalf("Verify(%s) error = %v, want ErrUnreachable", target, err)
	}
}

// robustRunTimeout bounds each TestRobustness run.
const robustRunTimeout = 2 * time.Minute

// robustRequestTimeout is the request timeout of every TestRobustness case but the one
// whose target hangs: long enough that a loaded 2-core machine under -race ends each
// request by the target's misbehaviour (a reset, an early EOF), never by the timeout,
// which would be a different violation.
const robustRequestTimeout = 30 * time.Second

func TestRobustness(t *testing.T) {
	s := loadSpec(t)
	tests := []struct {
		name   string
		target func(t *testing.T) string
		// check and a phrase of a violation every case has.
		check, message string
		// requestTimeout overrides robustRequestTimeout.
		requestTimeout time.Duration
	}{
		{"connection reset", func(t *testing.T) string {
			return rawServer(t, func(c net.Conn) {
				readRequest(c)
				c.(*net.TCPConn).SetLinger(0)
			})
		}, contracts.CheckTransport, "reset", 0},
		{"garbage bytes", func(t *testing.T) string {
			return rawServer(t, func(c net.Conn) {
				readRequest(c)
				fmt.Fprint(c, "\x00\x01GARBAGE\r\n\r\nnot http at all")
			})
		}, contracts.CheckTransport, "malformed HTTP", 0},
		{"hangs", func(t *testing.T) string {
			hang := make(chan struct{})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body) // so that the server notices the client leaving
				select {
				case <-r.Context().Done():
				case <-hang:
				}
			}))
			t.Cleanup(srv.Close)
			t.Cleanup(func() { close(hang) }) // runs first: Cleanup is last in, first out
			return srv.URL
		}, "", "timeout", 200 * time.Millisecond},
		{"redirect loop", func(t *testing.T) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, r.URL.Path, http.StatusFound)
			}))
			t.Cleanup(srv.Close)
			return srv.URL
		}, contracts.CheckStatus, "redirects to", 0},
		{"huge body", func(t *testing.T) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				chunk := []byte(strings.Repeat(" ", 64<<10))
				for range 64 { // 4 MiB, more than MaxBodyBytes
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}))
			t.Cleanup(srv.Close)
			return srv.URL
		}, contracts.CheckBody, "larger than", 0},
		{"wrong Content-Length", func(t *testing.T) string {
			return rawServer(t, func(c net.Conn) {
				readRequest(c)
				fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 1000\r\n\r\n{\"AckCode\":")
			})
		}, contracts.CheckBody, "unexpected EOF", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target(t)
			requestTimeout := cmp.Or(tt.requestTimeout, robustRequestTimeout)
			// A generous run timeout: every case ends on its own request timeout or
			// violation; the run's limit only bounds a Verify that hangs, and a loaded
			// 2-core machine under -race needs seconds for what takes milliseconds.
			ctx, cancel := context.WithTimeout(context.Background(), robustRunTimeout)
			defer cancel()
			start := time.Now()
			r, err := contracts.Verify(ctx, contracts.Options{Target: target, Spec: s, Only: []string{"pfmsGetRefreshToken"},
				RequestTimeout: requestTimeout, Parallel: 8, MaxBodyBytes: 1 << 20})
			if err != nil {
				t.Fatalf("Verify(%s) error: %v", tt.name, err)
			}
			// A Verify still running long after its run's context expired has hung.
			if d := time.Since(start); d > robustRunTimeout+30*time.Second {
				t.Errorf("Verify(%s) took %s, want it bounded by the %s run timeout", tt.name, d, robustRunTimeout)
			}
			if r.Passed != 0 || r.Failed != len(r.Cases) {
				t.Fatalf("Verify(%s) = %d passed, %d failed, want every case failed", tt.name, r.Passed, r.Failed)
			}
			for _, c := range r.Cases {
				found := false
				for _, v := range c.Violations {
					if (tt.check == "" || v.Check == tt.check) && strings.Contains(v.Message, tt.message) {
						found = true
					}
				}
				if !found {
					t.Errorf("case %s: violations = %v, want check %q with %q", c.FullName(), c.Violations, tt.check, tt.message)
				}
			}
		})
	}
}
