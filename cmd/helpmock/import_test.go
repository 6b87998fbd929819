package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// TestRegenerateCommand runs the command that regenerates openapi.yaml, as the README
// gives it, from the repository root: it writes openapi.yaml as
// committed, with the overlay beside the pages.
func TestRegenerateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "openapi.yaml")
	t.Chdir("../..")
	const cmd = "go run ./cmd/helpmock import -o openapi.yaml docs/helppages"
	want, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(strings.TrimPrefix(cmd, "go run ./cmd/helpmock import "))
	args[1] = out
	var stdout, stderr bytes.Buffer
	if code := runImport(context.Background(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("%s = %d; stderr:\n%s", cmd, code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s does not write the committed openapi.yaml:\n%s", cmd, firstDiff(string(got), string(want)))
	}
}

// TestImportOverlayLookup: the overlay is the one named, or the one beside the inputs,
// never the working directory's.
func TestImportOverlayLookup(t *testing.T) {
	page, err := os.ReadFile("../../docs/helppages/002_a902dc09f605260a.txt")
	if err != nil {
		t.Fatal(err)
	}
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	a, b, wd := filepath.Join(root, "a"), filepath.Join(root, "b"), filepath.Join(root, "wd")
	write(filepath.Join(a, "page.txt"), string(page))
	write(filepath.Join(a, overlayName), "info:\n  title: Overlay A\n")
	write(filepath.Join(b, "page.txt"), string(page))
	write(filepath.Join(b, overlayName), "info:\n  title: Overlay B\n")
	write(filepath.Join(wd, overlayName), "info:\n  title: Working directory\n")
	write(filepath.Join(wd, "pages", "page.txt"), string(page))
	t.Chdir(wd)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"not from the working directory", []string{"pages"}, exitOK, "title: ASP.NET Web API", ""},
		{"not from the working directory for a file", []string{"pages/page.txt"}, exitOK, "title: ASP.NET Web API", ""},
		{"beside the input directory", []string{a}, exitOK, "title: Overlay A", ""},
		{"beside the input file", []string{filepath.Join(b, "page.txt")}, exitOK, "title: Overlay B", ""},
		{"named", []string{"-overlay", filepath.Join(b, overlayName), a}, exitOK, "title: Overlay B", ""},
		{"none", []string{"-overlay", "", a}, exitOK, "title: ASP.NET Web API", ""},
		{"two beside two inputs", []string{a, filepath.Join(b, "page.txt")}, exitUsage, "",
			"are both beside the inputs: name one with -overlay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runImport(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("import %q = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("import %q: stdout has %q: %t, stderr %q, want %q", tt.args, tt.wantStdout,
					strings.Contains(stdout.String(), tt.wantStdout), stderr.String(), tt.wantStderr)
			}
		})
	}
}

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
		// The overlay beside the pages resolves every warning of the committed pages, so
		// -strict passes.
		{"seeds with the overlay beside them to a file, strict", []string{"-strict", "-o", out, "../../docs/helppages"}, exitOK, "", ""},
		{"a warning names its overlay key", []string{"-overlay", "", "-o", filepath.Join(dir, "y.yaml"), "../../docs/helppages"}, exitOK, "",
			"warning: ../../docs/helppages/000_8d0acc7f8bf86aa8.txt:25: LoginResult: base class in namespace http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models is not named by the page; named LoginResultBase (overlay: x-helpmock-import.rename.LoginResultBase)"},
		{"one file to stdout without overlay", []string{"-overlay", "", "../../docs/helppages/002_a902dc09f605260a.txt"}, exitOK, helppage.HeaderPrefix,
			"RefreshTokenResponse after the member"},
		{"strict fails on warnings", []string{"-strict", "-overlay", "", "-o", filepath.Join(dir, "x.yaml"), "../../docs/helppages"}, exitFail, "", "warnings (-strict)"},
		{"no arguments", nil, exitUsage, "", "no Help Page file, directory or URL given"},
		{"unknown flag", []string{"-x", "a"}, exitUsage, "", "flag provided but not defined"},
		{"missing file", []string{"nonexistent.txt"}, exitUsage, "", "no such file"},
		{"missing explicit overlay", []string{"-overlay", "nonexistent.yaml", "../../docs/helppages"}, exitUsage, "", "overlay"},
		{"the overlay beside an input file", []string{"../../docs/helppages/002_a902dc09f605260a.txt"}, exitUsage, "",
			"overlay ../../docs/helppages/openapi.overlay.yaml: x-helpmock-import.rename: no schema LoginResultBase to rename"},
		{"help", []string{"-h"}, exitOK, "", "Usage: helpmock import"},
		{"-save without a URL", []string{"-save", dir, "../../docs/helppages"}, exitUsage, "", "-save keeps the pages of one crawled site: give one URL (0 given)"},
		{"-save with two URLs", []string{"-save", dir, "http://127.0.0.1:1/Help", "http://127.0.0.1:2/Help"}, exitUsage, "", "(2 given)"},
		{"a bad crawl flag", []string{"-concurrency", "0", "http://127.0.0.1:1/Help"}, exitUsage, "", "must be positive"},
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
		if !bytes.HasPrefix(data, []byte(helppage.HeaderPrefix)) {
			t.Errorf("%s starts %.80q, want the generated header", out, data)
		}
	})
}

// TestImportedCorpusServed imports each Help Page corpus directory, serves the spec with
// the mock and asks every operation for its documented sample in JSON and in XML (with
// the documented request sample as the body).
func TestImportedCorpusServed(t *testing.T) {
	dirs, err := filepath.Glob("../../internal/helppage/testdata/helppages/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, "../../docs/helppages", siteDir)
	for _, dir := range dirs {
		docs, err := readHelpPages(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := helppage.Import(docs, helppage.Options{})
		if err != nil {
			t.Fatalf("Import(%s) = %v", dir, err)
		}
		s, err := spec.Load(dir, res.YAML)
		var srv *mock.Server
		if err == nil {
			srv, err = mock.New(mock.Options{Spec: bridge.Public(s)})
		}
		gap, known := servingGaps[filepath.Base(dir)]
		switch {
		case err != nil && known:
			t.Run(filepath.Base(dir), func(t *testing.T) { t.Skipf("known gap: %s (spec.Load, mock.New: %v)", gap, err) })
			continue
		case err != nil:
			t.Errorf("spec.Load, mock.New(Import(%s)) = %v, want nil", dir, err)
			continue
		case known:
			t.Errorf("mock.New(Import(%s)) works now: remove %q from servingGaps", dir, filepath.Base(dir))
		}
		for _, op := range s.Operations {
			for _, mt := range []string{spec.ApplicationJSON, spec.ApplicationXML} {
				t.Run(filepath.Base(dir)+"/"+op.ID+"/"+mt, func(t *testing.T) {
					path, query := requestTarget(op)
					if query != "" {
						path += "?" + query
					}
					var body io.Reader
					req := httptest.NewRequest(op.Method, path, nil)
					if op.Request != nil {
						ex, ok := op.RequestExamples[mt][spec.DocsExample]
						if !ok {
							t.Skipf("no documented %s request sample", mt)
						}
						body = strings.NewReader(exampleText(t, ex))
						req = httptest.NewRequest(op.Method, path, body)
						req.Header.Set("Content-Type", mt)
					}
					req.Header.Set("Accept", mt)
					req.Header.Set("Prefer", "example=docs") // the default answers generated values
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, req)
					want, ok := op.ResponseExamples[mt][spec.DocsExample]
					if rec.Code != op.SuccessStatus() {
						t.Fatalf("%s %s (%s) = %d %s, want %d", op.Method, path, mt, rec.Code, rec.Body.String(), op.SuccessStatus())
					}
					if len(op.Responses[op.SuccessStatus()]) == 0 && (rec.Body.Len() > 0 || rec.Header().Get("Content-Type") != "") {
						t.Errorf("%s %s (%s) = body %q, Content-Type %q, want neither (the response documents no content)",
							op.Method, path, mt, rec.Body.String(), rec.Header().Get("Content-Type"))
					}
					if !ok {
						return
					}
					if got, want := rec.Body.String(), exampleText(t, want); !sameBody(mt, got, want) {
						t.Errorf("%s %s (%s) body = %s, want %s", op.Method, path, mt, got, want)
					}
				})
			}
		}
	}
}

// servingGaps are the corpus directories whose spec the mock cannot serve yet, and why.
var servingGaps = map[string]string{}

func samplePathValue(format string) string {
	switch format {
	case "uuid":
		return "0f8fad5b-d9cb-469f-a165-70867728950e"
	case "date-time", "date":
		return "2026-05-01"
	}
	return "1"
}

// exampleText is an example as a body: XML examples are text, JSON ones values.
func exampleText(t testing.TB, ex any) string {
	t.Helper()
	if s, ok := ex.(string); ok && strings.HasPrefix(s, "<") {
		return s
	}
	out, err := json.Marshal(ex)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// sameBody compares bodies: XML byte for byte, JSON by value.
func sameBody(mt, got, want string) bool {
	if spec.IsXML(mt) {
		return got == want
	}
	var g, w any
	if json.Unmarshal([]byte(got), &g) != nil || json.Unmarshal([]byte(want), &w) != nil {
		return got == want
	}
	return reflect.DeepEqual(g, w)
}
