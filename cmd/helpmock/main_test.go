package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./cmd/helpmock -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestHelp pins the help text of helpmock and of each command.
func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"helpmock", []string{"help"}},
		{"serve", []string{"help", "serve"}},
		{"verify", []string{"help", "verify"}},
		{"import", []string{"help", "import"}},
		{"diff", []string{"help", "diff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The defaults of flags read the environment; pin the text against it.
			for _, env := range os.Environ() {
				if name, _, _ := strings.Cut(env, "="); strings.HasPrefix(name, "HELPMOCK_") {
					t.Setenv(name, "")
					os.Unsetenv(name)
				}
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != exitOK {
				t.Fatalf("run(%q) = %d, want 0; stderr: %s", tt.args, code, stderr.String())
			}
			golden(t, "help-"+tt.name+".txt", stdout.String())
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStdout string
		wantStderr string
	}{
		{"no command", nil, exitUsage, "", "Usage: helpmock COMMAND"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help for an unknown command", []string{"help", "frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"-h", []string{"-h"}, exitOK, "Commands:", ""},
		{"version", []string{"version"}, exitOK, "helpmock ", ""},
		{"version with arguments", []string{"version", "x"}, exitUsage, "", "usage: helpmock version"},
		{"serve with a bad flag", []string{"serve", "-nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{"serve with a stray argument", []string{"serve", "x"}, exitUsage, "", "unexpected arguments: x"},
		{"serve with a missing spec", []string{"serve", "-spec", "does-not-exist.yaml"}, exitUsage, "", "does-not-exist.yaml"},
		{"serve with a bad log level", []string{"serve", "-log-level", "loud"}, exitUsage, "", "-log-level"},
		{"serve on a bad address", []string{"serve", "-addr", "256.0.0.1:1"}, exitUsage, "", "256.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.want || !strings.Contains(stdout.String(), tt.wantStdout) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("run(%q) = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q",
					tt.args, code, stdout.String(), stderr.String(), tt.want, tt.wantStdout, tt.wantStderr)
			}
		})
	}
}

func TestEnvironmentSetsFlags(t *testing.T) {
	t.Setenv("HELPMOCK_ADDR", "127.0.0.1:9999")
	t.Setenv("HELPMOCK_LENIENT", "true")
	cfg, err := parseServeFlags([]string{"-addr", "127.0.0.1:7777"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.addr != "127.0.0.1:7777" || !cfg.lenient {
		t.Errorf("parseServeFlags = addr %q lenient %t, want the command line's address and the environment's lenient", cfg.addr, cfg.lenient)
	}
	t.Setenv("HELPMOCK_TOKEN_TTL", "soon")
	if _, err := parseServeFlags(nil, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "HELPMOCK_TOKEN_TTL") {
		t.Errorf("parseServeFlags with HELPMOCK_TOKEN_TTL=soon: err = %v, want one naming the variable", err)
	}
}
