package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffExitCodes runs helpmock diff on the specdiff test pair and on bad input.
func TestDiffExitCodes(t *testing.T) {
	const (
		old = "../../internal/specdiff/testdata/refresh.old.yaml"
		new = "../../internal/specdiff/testdata/refresh.new.yaml"
	)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\ninfo: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStdout string
		wantStderr string
	}{
		{"the same document", []string{"diff", old, old}, exitOK, "no changes", ""},
		{"breaking changes", []string{"diff", old, new}, exitFail, "breaks XML", ""},
		{"flags after the documents", []string{"diff", old, new, "-markdown"}, exitFail, "### helpmock diff: breaking changes", ""},
		{"json", []string{"diff", "-json", old, new}, exitFail, `"breaking": true`, ""},
		{"only safe changes", []string{"diff", new, new}, exitOK, "no changes", ""},
		{"one document", []string{"diff", old}, exitUsage, "", "want two documents"},
		{"three documents", []string{"diff", old, new, old}, exitUsage, "", "want two documents"},
		{"json and markdown", []string{"diff", "-json", "-markdown", old, new}, exitUsage, "", "exclude each other"},
		{"a bad flag", []string{"diff", "-nope", old, new}, exitUsage, "", "-nope"},
		{"a missing document", []string{"diff", old, filepath.Join(dir, "missing.yaml")}, exitUsage, "", "missing.yaml"},
		{"a document that does not parse", []string{"diff", bad, new}, exitUsage, "", "bad.yaml"},
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

// TestDiffSafeOnly checks that a pair with only safe changes exits 0 and says so.
func TestDiffSafeOnly(t *testing.T) {
	data, err := os.ReadFile("../../internal/specdiff/testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
	changed := strings.Replace(string(data), "description: The access token being replaced.", "description: The access token to replace.", 1)
	for path, text := range map[string]string{old: string(data), new: changed} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"diff", "-json", old, new}, &stdout, &stderr); code != exitOK {
		t.Fatalf("diff = %d, want 0; stdout: %s stderr: %s", code, stdout.String(), stderr.String())
	}
	var report struct {
		Breaking bool
		Safe     int
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil || report.Breaking || report.Safe != 1 {
		t.Errorf("diff -json = %s (err %v), want one safe change", stdout.String(), err)
	}
}

// TestDiffImportedPages imports every test site and compares each with itself (no
// changes, exit 0) and with every other (a report, exit 0 or 1, never a crash).
func TestDiffImportedPages(t *testing.T) {
	if testing.Short() {
		t.Skip("imports every test site; skipped with -short")
	}
	dirs, err := filepath.Glob("../../internal/helppage/testdata/helppages/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, "../../docs/helppages")
	work := t.TempDir()
	var specs []string
	for _, dir := range dirs {
		out := filepath.Join(work, filepath.Base(dir)+".yaml")
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"import", "-overlay", "", "-o", out, dir}, &stdout, &stderr); code != exitOK {
			t.Fatalf("helpmock import %s = exit %d\n%s", dir, code, stderr.String())
		}
		specs = append(specs, out)
	}
	for _, old := range specs {
		for _, new := range specs {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"diff", "-json", old, new}, &stdout, &stderr)
			var report struct {
				Breaking bool
				Changes  []json.RawMessage
			}
			if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
				t.Fatalf("diff %s %s: %v\n%s", old, new, err, stderr.String())
			}
			switch {
			case old == new && (code != exitOK || len(report.Changes) != 0):
				t.Errorf("diff %s with itself = exit %d, %d changes; want 0, none\n%s", old, code, len(report.Changes), stdout.String())
			case code != exitOK && code != exitFail, report.Breaking != (code == exitFail):
				t.Errorf("diff %s %s = exit %d, breaking %t\n%s", old, new, code, report.Breaking, stderr.String())
			}
		}
	}
}
