package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// doubledPrefix matches a message whose command name comes twice: "helpmock verify: verify: …".
var doubledPrefix = regexp.MustCompile(`helpmock (\w+): (\w+)[: ]`)

// TestErrorsNameTheCommandOnce runs commands that fail in set-up, where the error comes
// from a library that names the command itself, and checks the exit code (2) and that
// the message names the command once.
func TestErrorsNameTheCommandOnce(t *testing.T) {
	page := filepath.Join(t.TempDir(), "other.html")
	if err := os.WriteFile(page, []byte("<html><body><p>nothing here</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"verify, bad target", []string{"verify", "-target", "ftp://x"}, `helpmock verify: target "ftp://x": want an absolute http or https URL`},
		{"verify, unreachable target", []string{"verify", "-target", "http://127.0.0.1:1", "-timeout", "1m"}, "helpmock verify: target unreachable: http://127.0.0.1:1"},
		{"import, not a Help Page", []string{"import", page}, "helpmock import " + page + ": not a Help Page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("run(%q) = %d, want %d; stderr: %s", tt.args, code, exitUsage, stderr.String())
			}
			if !strings.HasPrefix(stderr.String(), tt.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to start with %q", tt.args, stderr.String(), tt.wantStderr)
			}
			for _, m := range doubledPrefix.FindAllStringSubmatch(stderr.String(), -1) {
				if m[1] == m[2] {
					t.Errorf("run(%q) stderr names the command twice: %q", tt.args, m[0])
				}
			}
		})
	}
}

func TestPrintError(t *testing.T) {
	tests := []struct{ name, err, want string }{
		{"serve", "load spec: open x.yaml: no such file", "helpmock serve: load spec: open x.yaml: no such file\n"},
		{"verify", "verify: no target URL", "helpmock verify: no target URL\n"},
		{"import", "import page.html:3: no title", "helpmock import page.html:3: no title\n"},
		{"import", "important: x", "helpmock import: important: x\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		printError(&b, tt.name, errorString(tt.err))
		if b.String() != tt.want {
			t.Errorf("printError(%q, %q) = %q, want %q", tt.name, tt.err, b.String(), tt.want)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestServeShutdownFailureExits2 stops serve while requests are held by -latency beyond
// -shutdown-timeout: the shutdown cannot finish, which is a run error (2), not a contract
// violation (1), and not a success.
func TestServeShutdownFailureExits2(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pr, pw := io.Pipe()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-log-level", "warn", "-watch=false",
			"-latency", "1m", "-shutdown-timeout", "300ms"}, pw, &stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatalf("serve printed no address; stderr: %s", stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	addr, ok := strings.CutPrefix(sc.Text(), "helpmock listening on http://")
	if !ok {
		t.Fatalf("serve printed %q", sc.Text())
	}
	// Requests held by -latency, each on its own connection, written before the stop.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	reqCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	var written sync.WaitGroup
	for range 3 {
		written.Add(1)
		once := sync.OnceFunc(written.Done)
		req := loadRequest(t, "http://"+addr, "success")
		// The requests' own context outlives the stop: cancelling them with it would close
		// their connections, end their latency early and let the shutdown finish in time.
		req = req.WithContext(httptrace.WithClientTrace(reqCtx, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { once() }}))
		go func() {
			defer once()
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
	}
	written.Wait()
	// A written request may still wait in the listener's backlog, where the stop would
	// reset it. The kernel hands connections over in order, so once a later connection is
	// answered, the server has accepted the three (and drain waits for their requests).
	probe, err := client.Get("http://" + addr + "/__helpmock/scenarios")
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	probe.Body.Close()
	stop()
	select {
	case code := <-done:
		if code != exitUsage {
			t.Errorf("serve exit = %d, want %d; stderr: %s", code, exitUsage, stderr.String())
		}
		if !strings.Contains(stderr.String(), "helpmock serve: shutdown: ") {
			t.Errorf("stderr = %q, want the shutdown's error", stderr.String())
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not return within 2 minutes of the stop")
	}
}
