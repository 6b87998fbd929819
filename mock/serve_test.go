package mock_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// hangBound bounds every wait of these tests for something that should happen at once:
// generous, so that a loaded machine under -race never reaches it.
const hangBound = 2 * time.Minute

// serving is a Server running Serve on a loopback port.
type serving struct {
	addr string
	stop context.CancelFunc // ends Serve's context
	done chan struct{}
	err  error // Serve's result, once done is closed
}

// startServe runs s.Serve on a loopback port the system picks. When the test ends, Serve's
// context is ended and Serve waited for.
func startServe(tb testing.TB, s *mock.Server) *serving {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sv := &serving{addr: ln.Addr().String(), stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(sv.done)
		sv.err = s.Serve(ctx, ln)
	}()
	tb.Cleanup(func() {
		cancel()
		select {
		case <-sv.done:
		case <-time.After(hangBound):
			tb.Errorf("Serve did not return within %v of its context's end", hangBound)
		}
	})
	return sv
}

// wait returns Serve's result.
func (sv *serving) wait(tb testing.TB) error {
	tb.Helper()
	select {
	case <-sv.done:
		return sv.err
	case <-time.After(hangBound):
		tb.Fatalf("Serve did not return within %v", hangBound)
		return nil
	}
}

// refused reports whether a new connection to addr is refused.
func refused(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err == nil {
		conn.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// fixturesWithHang returns the repository's fixtures and a hang scenario of refreshToken.
func fixturesWithHang(tb testing.TB) *fixtures.Set {
	tb.Helper()
	dir := copyFixtures(tb)
	if err := os.WriteFile(filepath.Join(dir, "refreshToken.hang.yaml"), []byte("fault: hang\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	set, err := fixtures.Load(os.DirFS(dir))
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// heldRequest is a request sent in the background.
type heldRequest struct {
	written chan struct{} // closed once the request is written (or failed to be)
	done    chan struct{} // closed once status, body and err are set
	status  int
	body    string
	err     error
}

// sendHeld sends a refreshToken request with scenario on a connection of its own, in the
// background.
func sendHeld(tb testing.TB, base, scenario string) *heldRequest {
	tb.Helper()
	h := &heldRequest{written: make(chan struct{}), done: make(chan struct{})}
	req := request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
		body: validBodies["refreshToken"][spec.ApplicationJSON], header: http.Header{"Prefer": {"example=" + scenario}}}.build(tb, base)
	wrote := sync.OnceFunc(func() { close(h.written) })
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote() }}))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	go func() {
		defer close(h.done)
		defer wrote()
		resp, err := client.Do(req)
		if err != nil {
			h.err = err
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		h.status, h.body, h.err = resp.StatusCode, string(b), err
	}()
	return h
}

// result waits for the request's answer.
func (h *heldRequest) result(tb testing.TB) (int, string, error) {
	tb.Helper()
	select {
	case <-h.done:
		return h.status, h.body, h.err
	case <-time.After(hangBound):
		tb.Fatalf("request still pending after %v", hangBound)
		return 0, "", nil
	}
}

// accepted returns once the server has accepted every connection made before: the kernel
// hands connections over in order, so a later connection's answer proves it. A written
// request may otherwise still wait in the listen backlog, which closing the listener
// resets. The probe asks the admin API, which no latency delays.
func accepted(tb testing.TB, base string) {
	tb.Helper()
	client := &http.Client{Timeout: hangBound, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get(base + "/__helpmock/scenarios")
	if err != nil {
		tb.Fatalf("probe: %v", err)
	}
	resp.Body.Close()
}

// TestServeShutsDownGracefully ends Serve's context while a delayed request and a hanging
// one are in flight: the delayed one gets its whole answer, the hanging one is closed
// without one, Serve returns nil, and the port refuses new connections.
func TestServeShutsDownGracefully(t *testing.T) {
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: fixturesWithHang(t), Admin: true,
		Latency: mock.Latency{Min: 300 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	sv := startServe(t, s)
	base := "http://" + sv.addr
	delayed, hanging := sendHeld(t, base, "success"), sendHeld(t, base, "hang")
	<-delayed.written
	<-hanging.written
	accepted(t, base)
	sv.stop()
	if err := sv.wait(t); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
	if status, body, err := delayed.result(t); err != nil || status != http.StatusOK || !strings.Contains(body, `"AccessToken":`) {
		t.Errorf("delayed request: status %d, body %q, error %v; want a complete 200", status, body, err)
	}
	if status, _, err := hanging.result(t); err == nil {
		t.Errorf("hanging request: status %d, want the connection closed without an answer", status)
	}
	if !refused(sv.addr) {
		t.Errorf("dial %s after Serve returned: not refused", sv.addr)
	}
}

// TestServeShutdownTimeout ends Serve's context while requests are held longer than
// ShutdownTimeout: Serve gives up and says so.
func TestServeShutdownTimeout(t *testing.T) {
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), Admin: true,
		Latency: mock.Latency{Min: time.Hour}, ShutdownTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	sv := startServe(t, s)
	base := "http://" + sv.addr
	for range 3 {
		<-sendHeld(t, base, "success").written
	}
	accepted(t, base)
	sv.stop()
	err = sv.wait(t)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "shutdown: requests still in flight after 300ms") {
		t.Errorf("Serve = %v, want the shutdown's error wrapping context.DeadlineExceeded", err)
	}
}

// TestServeAnswersAcceptedConnections: a client that connected before Serve's context
// ended, and sends its request only after the listener closed, still gets its answer
// (http.Server.Shutdown alone drops such a request unanswered).
func TestServeAnswersAcceptedConnections(t *testing.T) {
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := startServe(t, s)
	conn, err := net.DialTimeout("tcp", sv.addr, hangBound)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	accepted(t, "http://"+sv.addr)
	sv.stop()
	// Once the listener refuses connections, the shutdown has begun.
	deadline := time.Now().Add(hangBound)
	for !refused(sv.addr) {
		select {
		case <-sv.done:
			t.Fatalf("Serve returned (%v) before the accepted connection sent its request", sv.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still accepts connections %v after Serve's context ended", sv.addr, hangBound)
		}
		time.Sleep(5 * time.Millisecond) // bounded polling: Serve closes the listener at once
	}
	body := validBodies["refreshToken"][spec.ApplicationJSON]
	raw := "POST " + paths["refreshToken"] + " HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(hangBound))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("request on a connection accepted before the shutdown: %v, want an answer", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("request on a connection accepted before the shutdown: status %d, want 200", resp.StatusCode)
	}
	if err := sv.wait(t); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
}
