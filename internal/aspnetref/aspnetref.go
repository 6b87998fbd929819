package aspnetref

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Dir returns the reference implementation's directory: $HELPMOCK_ASPNET_REFERENCE, else
// shared/aspnet-reference beside the repository.
func Dir() string {
	if d := os.Getenv("HELPMOCK_ASPNET_REFERENCE"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "aspnet-reference")
}

// Exe returns the path of the built reference executable.
func Exe() string { return filepath.Join(Dir(), "build", "AspNetReference.exe") }

// Require skips (or under CI=true fails) tb unless mono and the built reference exist.
func Require(tb testing.TB) {
	tb.Helper()
	missing := ""
	if _, err := exec.LookPath("mono"); err != nil {
		missing = "mono is not installed"
	} else if _, err := os.Stat(Exe()); err != nil {
		missing = Exe() + " is not built"
	}
	if missing == "" {
		return
	}
	msg := fmt.Sprintf("ASP.NET reference unavailable: %s (run %s to install Mono from Debian packages and build it)",
		missing, filepath.Join(Dir(), "build.sh"))
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// Start runs the reference server on a free loopback port and returns its base URL
// (without a trailing slash). The server is stopped when the test ends.
func Start(tb testing.TB) string {
	tb.Helper()
	Require(tb)
	port := freePort(tb)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "mono", Exe(), "--port", fmt.Sprint(port), "--error-detail", "never")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start reference server: %v", err)
	}
	tb.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "listening on ") {
				ready <- nil
				// Keep draining so the server never blocks on a full pipe.
				for sc.Scan() {
				}
				return
			}
		}
		ready <- fmt.Errorf("reference server exited before listening: %s", stderr.String())
	}()
	select {
	case err := <-ready:
		if err != nil {
			tb.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		tb.Fatalf("reference server did not start within 60s: %s", stderr.String())
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// Deserialize runs `AspNetReference.exe --deserialize typeName` on body (XML, or JSON when
// json is true) and returns the JSON line it prints: every public member and its value.
func Deserialize(tb testing.TB, typeName string, body []byte, json bool) ([]byte, error) {
	tb.Helper()
	args := []string{"--deserialize", typeName}
	if json {
		args = append(args, "--json")
	}
	return Run(tb, body, args...)
}

// Serialize runs `AspNetReference.exe --serialize typeName --sample` and returns the bytes
// the server would send for its fixed sample (XML, or JSON when json is true).
func Serialize(tb testing.TB, typeName string, json bool) ([]byte, error) {
	tb.Helper()
	args := []string{"--serialize", typeName, "--sample"}
	if json {
		args = append(args, "--json")
	}
	return Run(tb, nil, args...)
}

// Run runs `mono AspNetReference.exe args...` with stdin and returns its standard output;
// the error of a failed run carries its standard error.
func Run(tb testing.TB, stdin []byte, args ...string) ([]byte, error) {
	tb.Helper()
	Require(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "mono", append([]string{Exe()}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("mono AspNetReference.exe %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
