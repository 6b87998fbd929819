package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
)

func TestRunImport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "openapi.yaml")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // prefix
		wantStderr string // substring
	}{
		{"seeds with overlay to a file", []string{"-o", out, "-overlay", "../../openapi.overlay.yaml", "../../docs/helppages"}, exitOK, "",
			"warning: ../../docs/helppages/000_8d0acc7f8bf86aa8.txt:25: LoginResult: base class"},
		{"one file to stdout without overlay", []string{"-overlay", "", "../../docs/helppages/002_a902dc09f605260a.txt"}, exitOK, helppage.Header,
			"RefreshTokenResponse after the member"},
		{"strict fails on warnings", []string{"-strict", "-overlay", "", "-o", filepath.Join(dir, "x.yaml"), "../../docs/helppages"}, exitFail, "", "warnings (-strict)"},
		{"no arguments", nil, exitUsage, "", "no Help Page file or directory given"},
		{"unknown flag", []string{"-x", "a"}, exitUsage, "", "flag provided but not defined"},
		{"missing file", []string{"nonexistent.txt"}, exitUsage, "", "no such file"},
		{"missing explicit overlay", []string{"-overlay", "nonexistent.yaml", "../../docs/helppages"}, exitUsage, "", "overlay"},
		{"help", []string{"-h"}, exitOK, "", "Usage: helpmock import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runImport(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("runImport(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), tt.wantStdout) {
				t.Errorf("runImport(%q) stdout = %.200q, want prefix %q", tt.args, stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("runImport(%q) stderr = %q, want it to contain %q", tt.args, stderr.String(), tt.wantStderr)
			}
		})
	}
	t.Run("written file loads", func(t *testing.T) {
		if _, err := spec.LoadFile(out); err != nil {
			t.Errorf("spec.LoadFile(%s) = %v, want nil", out, err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte(helppage.Header)) {
			t.Errorf("%s starts %.80q, want the generated header", out, data)
		}
	})
}
