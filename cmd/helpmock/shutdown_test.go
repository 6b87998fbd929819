package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// buildHelpmock builds the helpmock binary into a temporary directory.
func buildHelpmock(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds the helpmock binary; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		tb.Skipf("no go command to build helpmock: %v", err)
	}
	bin := filepath.Join(tb.TempDir(), "helpmock")
	out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fastFixtures copies the repository's fixtures into a temporary directory with every
// delay cut to delay, so that slow requests are in flight when the signal comes without
// making the test slow, and adds refreshToken's "hang" scenario (the hang fault).
func fastFixtures(tb testing.TB, delay string) string {
	tb.Helper()
	dir := tb.TempDir()
	files, err := filepath.Glob("../../fixtures/*.yaml")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no fixtures in ../../fixtures: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "delay:") {
				lines[i] = "delay: " + delay
			}
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "refreshToken.hang.yaml"), []byte("fault: hang\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// startServe starts `helpmock serve` on a loopback port and returns the process and its
// address; the process is killed when the test ends if it still runs.
func startServe(tb testing.TB, bin string, args ...string) (*exec.Cmd, string, <-chan error) {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0", "-log-level", "warn"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
		exited <- cmd.Wait()
	}()
	// Kill after Wait is a no-op (os: process already finished).
	tb.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case line := <-lines:
		addr, ok := strings.CutPrefix(line, "helpmock listening on http://")
		if !ok {
			tb.Fatalf("serve printed %q, want \"helpmock listening on http://ADDR\"", line)
		}
		return cmd, addr, exited
	case err := <-exited:
		tb.Fatalf("serve exited before listening: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		tb.Fatalf("serve printed no address within 30s\n%s", stderr.String())
	}
	return nil, "", nil
}

// backlogWindow is how long before the signal a request may have been written and still
// be refused: the signal takes a moment to arrive, and a connection still in the kernel's
// listen backlog when the listener closes is reset by the kernel, before the server has
// accepted it.
const backlogWindow = 20 * time.Millisecond

// outcome is what one request of the load got.
type outcome struct {
	scenario  string
	wroteAt   time.Time // when the request was fully written (zero: never)
	status    int
	complete  bool // the whole body arrived and matched its Content-Length
	err       error
	startedAt time.Time
	doneAt    time.Time
}

// TestGracefulShutdown sends SIGTERM to `helpmock serve` in the middle of a load of normal
// and slow requests (and one hanging one) and checks that every request written before the
// signal got a complete 200, that the process exits 0 within -shutdown-timeout, and that
// new connections are refused afterwards.
func TestGracefulShutdown(t *testing.T) {
	bin := buildHelpmock(t)
	const shutdownTimeout = 10 * time.Second
	cmd, addr, exited := startServe(t, bin, "-fixtures", fastFixtures(t, "400ms"),
		"-shutdown-timeout", shutdownTimeout.String())
	base := "http://" + addr

	// A hanging request must not hold the shutdown up.
	hangDone := make(chan error, 1) // nil: the hang request got an answer
	go func() {
		hc := &http.Client{Timeout: 60 * time.Second}
		resp, err := hc.Do(loadRequest(t, base, "hang"))
		if err == nil {
			resp.Body.Close()
			t.Logf("hang request: status %d", resp.StatusCode)
		}
		hangDone <- err
	}()

	const workers, perWorker, signalAfter = 16, 200, 400
	var (
		done     atomic.Int64
		signalAt atomic.Int64 // unix nanoseconds of the SIGTERM, 0 before
		trigger  = make(chan struct{})
		once     sync.Once
		mu       sync.Mutex
		results  []outcome
		wg       sync.WaitGroup
	)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				sc := "success"
				if (w+i)%8 == 0 {
					sc = "slow"
				}
				o := doLoadRequest(t, client, base, sc)
				mu.Lock()
				results = append(results, o)
				mu.Unlock()
				if done.Add(1) == signalAfter {
					once.Do(func() { close(trigger) })
				}
				if o.err != nil && signalAt.Load() != 0 {
					return // the server is going away: later requests would be refused
				}
			}
		}()
	}
	select {
	case <-trigger:
	case <-time.After(60 * time.Second):
		t.Fatalf("the load did not reach %d requests within 60s", signalAfter)
	}
	signalAt.Store(time.Now().UnixNano())
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitErr error
	select {
	case exitErr = <-exited:
	case <-time.After(shutdownTimeout + time.Minute):
		t.Fatalf("serve did not exit within %v of SIGTERM", shutdownTimeout+time.Minute)
	}
	// Exit status 0 also says that the shutdown finished within -shutdown-timeout: serve
	// exits 2 when it does not.
	if exitErr != nil {
		t.Errorf("serve exit = %v, want exit status 0", exitErr)
	}
	wg.Wait()

	select {
	case err := <-hangDone:
		if err == nil {
			t.Errorf("hang request got an answer, want the connection closed without one")
		}
	case <-time.After(time.Minute):
		t.Errorf("hang request still pending a minute after shutdown")
	}

	var ok, lost, refused, finishedAfter int
	for _, o := range results {
		switch {
		case o.err == nil && o.status == http.StatusOK && o.complete:
			ok++
			if o.doneAt.UnixNano() > signalAt.Load() {
				finishedAfter++
			}
		case !o.wroteAt.IsZero() && o.wroteAt.UnixNano() < signalAt.Load()-int64(backlogWindow):
			lost++
			t.Errorf("request (%s) written %v before SIGTERM: status %d, complete %v, error %v, want a complete 200",
				o.scenario, time.Duration(signalAt.Load()-o.wroteAt.UnixNano()), o.status, o.complete, o.err)
		default:
			refused++
		}
	}
	t.Logf("%d requests: %d complete 200s (%d finished after SIGTERM), %d refused after SIGTERM, %d lost",
		len(results), ok, finishedAfter, refused, lost)
	if finishedAfter == 0 {
		t.Errorf("no request finished after SIGTERM, want the slow ones in flight to finish")
	}
	if ok < signalAfter {
		t.Errorf("%d complete answers, want at least %d", ok, signalAfter)
	}

	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err == nil {
		conn.Close()
		t.Errorf("dial %s after shutdown succeeded, want connection refused", addr)
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Logf("dial after shutdown: %v", err)
	}
}

// loadRequest returns a valid refreshToken request for scenario.
func loadRequest(tb testing.TB, base, scenario string) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v2/account/refreshtoken",
		strings.NewReader(`{"AccessTokenOld":"old-token-123","AccessTokenRefresh":"refresh-token-456"}`))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Prefer", "example="+scenario)
	return req
}

// doLoadRequest sends one request and records when it was written and what came back.
func doLoadRequest(tb testing.TB, client *http.Client, base, scenario string) outcome {
	o := outcome{scenario: scenario, startedAt: time.Now()}
	req := loadRequest(tb, base, scenario)
	var mu sync.Mutex
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) {
		if info.Err == nil {
			mu.Lock()
			o.wroteAt = time.Now()
			mu.Unlock()
		}
	}}
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), trace))
	resp, err := client.Do(req)
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		o.err = err
		return o
	}
	defer resp.Body.Close()
	o.status = resp.StatusCode
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		o.err = fmt.Errorf("read body: %w", err)
		return o
	}
	o.complete = resp.ContentLength < 0 || int64(len(body)) == resp.ContentLength
	o.complete = o.complete && strings.Contains(string(body), `"AccessToken":`)
	o.doneAt = time.Now()
	return o
}
