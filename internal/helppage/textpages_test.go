package helppage_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
)

// TestPagesInOneTextDocument pastes the text documents of each corpus case that has
// several (an API page and the model pages it links to, or several API pages) into one
// document, as a user does: it must give the document the separate files give, byte for
// byte in their order and by meaning in the reverse order (the paths then follow the
// document), with the same warnings but for their file and line.
func TestPagesInOneTextDocument(t *testing.T) {
	entries, err := os.ReadDir("testdata/helppages")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dir := filepath.Join("testdata/helppages", e.Name())
		docs := readDocs(t, dir)
		if len(docs) < 2 || slices.ContainsFunc(docs, func(d helppage.Document) bool { return !strings.HasSuffix(d.Name, ".txt") }) {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			want := importDir(t, dir, "")
			for _, reverse := range []bool{false, true} {
				pages := slices.Clone(docs)
				if reverse {
					slices.Reverse(pages)
				}
				got := importOne(t, pages)
				if !reverse && !bytes.Equal(got.YAML, want.YAML) {
					t.Errorf("one document differs from the separate files:\n%s", lineDiff(string(got.YAML), string(want.YAML)))
				}
				if reverse && normalizedJSON(t, got.YAML) != normalizedJSON(t, want.YAML) {
					t.Errorf("one document, pages in reverse order, differs from the separate files:\n%s",
						lineDiff(normalizedJSON(t, got.YAML), normalizedJSON(t, want.YAML)))
				}
				if g, w := warningMessages(got.Warnings, reverse), warningMessages(want.Warnings, reverse); !slices.Equal(g, w) {
					t.Errorf("reverse=%v: warnings of one document\n%s\nwant those of the separate files\n%s",
						reverse, strings.Join(g, "\n"), strings.Join(w, "\n"))
				}
			}
		})
	}
}

// importOne imports the documents' text joined into one document, each page starting on
// the line after the last line of the page before: no blank line tells where it starts.
func importOne(t *testing.T, docs []helppage.Document) *helppage.Result {
	t.Helper()
	var all []byte
	for _, d := range docs {
		all = append(all, bytes.TrimRight(d.Data, "\r\n")...)
		all = append(all, '\n')
	}
	res, err := helppage.Import([]helppage.Document{{Name: "pages.txt", Data: all}}, helppage.Options{})
	if err != nil {
		t.Fatalf("Import(one document) = %v", err)
	}
	return res
}

// warningMessages returns the warnings' messages without their document and line,
// sorted when the documents' order is not the files'.
func warningMessages(ws []helppage.Warning, sorted bool) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Message+" "+w.Key)
	}
	if sorted {
		slices.Sort(out)
	}
	return out
}

// TestSeveralPagesCases checks that the corpus cases holding several pages in one
// document have the golden document of the case holding them as separate files.
func TestSeveralPagesCases(t *testing.T) {
	for combined, separate := range map[string]string{
		"several-pages-markdown": "numeric-enums",
		"several-pages-text":     "three-column-text",
		"several-pages-copy":     "blank-line",
	} {
		got := readFile(t, filepath.Join("testdata", combined+".golden.yaml"))
		want := readFile(t, filepath.Join("testdata", separate+".golden.yaml"))
		if !bytes.Equal(got, want) {
			t.Errorf("%s.golden.yaml differs from %s.golden.yaml:\n%s", combined, separate, lineDiff(string(got), string(want)))
		}
	}
}
