package specdiff

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestReportGolden pins the three forms of the report on a realistic pair: openapi.yaml
// and a re-import after the .NET team moved BaseResult to another namespace, made
// ErrorCode a long, added a member, renamed PFMS's isSuccess to IsSuccess, required the
// refresh token and dropped PFMS's form body.
func TestReportGolden(t *testing.T) {
	old, err := spec.LoadFile("testdata/refresh.old.yaml")
	if err != nil {
		t.Fatal(err)
	}
	new, err := spec.LoadFile("testdata/refresh.new.yaml")
	if err != nil {
		t.Fatal(err)
	}
	report := Compare(old, new)
	for _, tt := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"refresh.txt", report.WriteText},
		{"refresh.md", report.WriteMarkdown},
		{"refresh.json", report.WriteJSON},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, buf.Bytes())
		})
	}
	var decoded jsonReport
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &decoded); err != nil {
		t.Fatalf("WriteJSON wrote invalid JSON: %v", err)
	}
	if !decoded.Breaking || decoded.BreaksJSON == 0 || decoded.BreaksXML == 0 || len(decoded.Changes) != len(report.Changes) {
		t.Errorf("JSON report = breaking %t, %d JSON, %d XML, %d changes; want breaking, both counts, %d changes",
			decoded.Breaking, decoded.BreaksJSON, decoded.BreaksXML, len(decoded.Changes), len(report.Changes))
	}
}

func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./internal/specdiff -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestReportNoChanges(t *testing.T) {
	r := &Report{Old: "a.yaml", New: "b.yaml"}
	var text, md bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if got, want := text.String(), "a.yaml -> b.yaml\nno changes\n"; got != want {
		t.Errorf("WriteText = %q, want %q", got, want)
	}
	if !bytes.Contains(md.Bytes(), []byte("no changes")) || r.Breaking() {
		t.Errorf("WriteMarkdown = %q, Breaking = %t; want no changes, false", md.String(), r.Breaking())
	}
}
