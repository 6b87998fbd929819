package e2e

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeFile is the user's manual; every example in the sh blocks of its section
// readmeSection runs here.
const (
	readmeFile    = "../README.md"
	readmeSection = "## Developing a frontend offline"
)

// defaultBase is the address the README's examples use.
const defaultBase = "http://127.0.0.1:8080"

// example is one command of the README.
type example struct {
	line       int
	command    string
	want       string // "# → TEXT": the output holds TEXT
	wantFailed bool   // "# fails: ...": the command exits non-zero
}

// readmeExamples returns the commands of the sh blocks, in order.
func readmeExamples(tb testing.TB) []example {
	tb.Helper()
	b, err := os.ReadFile(readmeFile)
	if err != nil {
		tb.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "\n"+readmeSection+"\n")
	if start < 0 {
		tb.Fatalf("%s has no section %q", readmeFile, readmeSection)
	}
	firstLine := strings.Count(text[:start+1], "\n")
	section := text[start+1:]
	if end := strings.Index(section[len(readmeSection):], "\n## "); end >= 0 {
		section = section[:len(readmeSection)+end]
	}
	var out []example
	inBlock := false
	for i, line := range strings.Split(section, "\n") {
		i += firstLine
		switch {
		case line == "```sh":
			inBlock = true
			continue
		case line == "```":
			inBlock = false
			continue
		case !inBlock || strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
			continue
		}
		ex := example{line: i + 1, command: line}
		if cmd, want, ok := strings.Cut(line, " # → "); ok {
			ex.command, ex.want = cmd, want
		} else if cmd, _, ok := strings.Cut(line, " # fails:"); ok {
			ex.command, ex.wantFailed = cmd, true
		}
		out = append(out, ex)
	}
	return out
}

// TestReadmeExamples builds helpmock and runs the README's examples in order: each
// `helpmock serve` line (re)starts the mock on a free port, each curl line runs against
// it with sh.
func TestReadmeExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("curl is not installed")
		}
		t.Skip("curl is not installed: the README examples use it")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "helpmock"), "../cmd/helpmock")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	examples := readmeExamples(t)
	if len(examples) < 10 {
		t.Fatalf("%s has %d examples, want at least 10", readmeFile, len(examples))
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	base := ""
	var stop func()
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	for _, ex := range examples {
		name := strings.TrimSpace(ex.command)
		t.Run(regexp.MustCompile(`https?://\S+`).ReplaceAllString(name, "URL"), func(t *testing.T) {
			if strings.HasPrefix(ex.command, "helpmock serve") {
				if stop != nil {
					stop()
				}
				base, stop = startServe(t, filepath.Join(bin, "helpmock"), repo, env, ex.command)
				return
			}
			if base == "" {
				t.Fatalf("%s:%d: no helpmock serve example before %q", readmeFile, ex.line, ex.command)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", "-c", strings.ReplaceAll(ex.command, defaultBase, base))
			cmd.Dir, cmd.Env = repo, env
			out, err := cmd.CombinedOutput()
			switch {
			case ex.wantFailed && err == nil:
				t.Errorf("%s:%d: %s succeeded with %s, want a failure", readmeFile, ex.line, ex.command, out)
			case !ex.wantFailed && err != nil:
				t.Errorf("%s:%d: %s: %v\n%s", readmeFile, ex.line, ex.command, err, out)
			case ex.want != "" && !strings.Contains(string(out), ex.want):
				t.Errorf("%s:%d: %s = %s, want it to hold %s", readmeFile, ex.line, ex.command, out, ex.want)
			}
		})
	}
}

// startServe runs a `helpmock serve ...` example on a free loopback port and returns its
// base URL and a function that stops it; bin is the built helpmock.
func startServe(tb testing.TB, bin, dir string, env []string, command string) (string, func()) {
	tb.Helper()
	args := append(strings.Fields(command)[1:], "-addr", "127.0.0.1:0", "-log-level", "warn")
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env, cmd.Stderr = dir, env, io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stop()
		tb.Fatalf("%s: no address on stdout: %v", command, err)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "helpmock listening on ")
	if !ok {
		stop()
		tb.Fatalf("%s: stdout %q, want helpmock listening on ...", command, line)
	}
	return base, stop
}
