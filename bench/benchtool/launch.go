package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// launchConfig holds launch's flags.
type launchConfig struct {
	logPath, url, bodyPath, contentType string
	timeout                             time.Duration
	command                             []string
}

func parseLaunch(args []string, stderr io.Writer) (*launchConfig, error) {
	fs := flag.NewFlagSet("launch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &launchConfig{}
	fs.StringVar(&cfg.logPath, "log", "", "`file` that receives the server's stdout and stderr (required)")
	fs.StringVar(&cfg.url, "url", "", "`URL` to POST to until the first 2xx answer; {port} is replaced (required)")
	fs.StringVar(&cfg.bodyPath, "body", "", "`file` holding the request body (default: empty)")
	fs.StringVar(&cfg.contentType, "content-type", "application/json", "Content-Type of the request body")
	fs.DurationVar(&cfg.timeout, "timeout", time.Minute, "how long to wait for the first answer")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.command = fs.Args()
	switch {
	case cfg.logPath == "":
		return nil, errors.New("-log is required")
	case cfg.url == "":
		return nil, errors.New("-url is required")
	case len(cfg.command) == 0:
		return nil, errors.New("no command to launch")
	}
	return cfg, nil
}

// runLaunch implements `benchtool launch`.
func runLaunch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseLaunch(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "benchtool launch: %v\n", err)
		return exitUsage
	}
	pid, port, startup, err := launch(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "benchtool launch: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "%d %d %.2f\n", pid, port, float64(startup.Microseconds())/1000)
	return exitOK
}

// freePort asks the kernel for a free loopback port. Another process could take it before
// the server binds it; on a bench machine that does not happen in practice, and the
// first-answer loop would then fail loudly rather than measure the wrong server.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pick a port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// launch starts the command on a free port and waits for its first 2xx answer. It returns
// the process id, the port and the time from starting the process to that answer. On an
// error after the start it kills the process.
func launch(ctx context.Context, cfg *launchConfig) (pid, port int, startup time.Duration, err error) {
	var body []byte
	if cfg.bodyPath != "" {
		if body, err = os.ReadFile(cfg.bodyPath); err != nil {
			return 0, 0, 0, fmt.Errorf("read body: %w", err)
		}
	}
	if port, err = freePort(); err != nil {
		return 0, 0, 0, err
	}
	p := strconv.Itoa(port)
	argv := make([]string, len(cfg.command))
	for i, a := range cfg.command {
		argv[i] = strings.ReplaceAll(a, "{port}", p)
	}
	url := strings.ReplaceAll(cfg.url, "{port}", p)
	logFile, err := os.Create(cfg.logPath)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("create log: %w", err)
	}
	defer logFile.Close()
	// exec.Command, not CommandContext: the server must outlive this helper.
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, fmt.Errorf("start %s: %w", argv[0], err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	startup, err = firstAnswer(ctx, url, cfg.contentType, body, start, cfg.timeout, exited)
	if err != nil {
		_ = cmd.Process.Kill()
		return 0, 0, 0, fmt.Errorf("%s: %w (see %s)", argv[0], err, cfg.logPath)
	}
	return cmd.Process.Pid, port, startup, nil
}

// firstAnswer POSTs body to url in a tight loop (a refused connection fails at once, so
// there is nothing to wait for between tries) until a 2xx answer arrives, and returns the
// time since start. It gives up when the process exits, ctx ends or timeout passes.
func firstAnswer(ctx context.Context, url, contentType string, body []byte, start time.Time,
	timeout time.Duration, exited <-chan error) (time.Duration, error) {
	client := &http.Client{
		Transport: &http.Transport{DisableKeepAlives: true, Proxy: nil},
		Timeout:   timeout,
	}
	deadline := start.Add(timeout)
	var last error
	for {
		select {
		case err := <-exited:
			return 0, fmt.Errorf("exited before answering: %v", err)
		case <-ctx.Done():
			return 0, ctx.Err()
		default:
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("no answer within %s: %w", timeout, last)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return 0, fmt.Errorf("build request: %w", err)
		}
		req.Header.Set("Content-Type", contentType)
		resp, err := client.Do(req)
		if err != nil {
			last = err
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return time.Since(start), nil
		}
		last = fmt.Errorf("status %d", resp.StatusCode)
	}
}
