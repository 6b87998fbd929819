package aspnetref

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// process is the reference server, running on Mono (record mode only).
type process struct {
	url    string
	client *http.Client
	cancel context.CancelFunc
	cmd    *exec.Cmd
	mu     sync.Mutex
	errBuf bytes.Buffer
}

func (p *process) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.TrimSpace(p.errBuf.String())
}

func (p *process) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errBuf.Write(b)
}

func (p *process) stop() {
	p.cancel()
	_ = p.cmd.Wait()
}

// startReference runs exe's server on a free loopback port, without error detail (what a
// remote client of an IIS-hosted service sees), and waits until it listens.
func startReference(tb testing.TB, exe string) *process {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	p := &process{
		url:    fmt.Sprintf("http://127.0.0.1:%d", port),
		cancel: cancel,
		cmd:    exec.CommandContext(ctx, "mono", exe, "--port", fmt.Sprint(port), "--error-detail", "never"),
		// Every byte as the reference sent it: no decompression, no redirects followed.
		client: &http.Client{
			Transport:     &http.Transport{DisableCompression: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	p.cmd.Stderr = p
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start the reference server: %v", err)
	}
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "listening on ") {
				ready <- nil
				for sc.Scan() { // drain, so the server never blocks on a full pipe
				}
				return
			}
		}
		ready <- errors.New("the reference server exited before listening")
	}()
	select {
	case err = <-ready:
	case <-time.After(60 * time.Second):
		err = errors.New("the reference server did not listen within 60s")
	}
	if err != nil {
		p.stop()
		tb.Fatalf("%v: %s", err, p.stderr())
	}
	return p
}

// Run returns what `AspNetReference.exe args...` wrote on standard output for stdin, and
// an error carrying its standard error when it exited non-zero (its offline modes:
// --serialize TYPE --sample, --deserialize TYPE [--json]). Replaying, a run the recording
// does not hold fails tb.
func (r *Recording) Run(tb testing.TB, stdin []byte, args ...string) ([]byte, error) {
	tb.Helper()
	k := runKey(args, stdin)
	var run Run
	if r.recording() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "mono", append([]string{r.exe}, args...)...)
		cmd.Stdin = bytes.NewReader(stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			tb.Fatalf("mono AspNetReference.exe %s: %v", strings.Join(args, " "), err)
		}
		run = Run{Args: args, Stdin: stdin, Stdout: stdout.Bytes(), Exit: cmd.ProcessState.ExitCode(), Stderr: strings.TrimSpace(stderr.String())}
		r.mu.Lock()
		if was, ok := r.runs[k]; ok {
			w, _ := marshal(was)
			if n, _ := marshal(run); !bytes.Equal(w, n) {
				r.conflicts = append(r.conflicts, fmt.Sprintf("  %s\n    first %s\n    then  %s", k, w, n))
			}
		}
		r.runs[k] = run
		r.mu.Unlock()
	} else {
		r.mu.Lock()
		was, ok := r.runs[k]
		r.mu.Unlock()
		if !ok {
			tb.Fatalf("%s holds no run of AspNetReference.exe %s: the test asks something new; %s", r.path, k, recordHint)
		}
		run = was
	}
	if run.Exit != 0 {
		return run.Stdout, fmt.Errorf("AspNetReference.exe %s: exit status %d: %s", strings.Join(args, " "), run.Exit, run.Stderr)
	}
	return run.Stdout, nil
}
