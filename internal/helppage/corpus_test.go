package helppage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// TestCorpus imports each directory of testdata/helppages (an API page and the model
// pages it links to) and compares the document and the warnings with their golden
// files; every document must load with spec.Load.
func TestCorpus(t *testing.T) {
	entries, err := os.ReadDir("testdata/helppages")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			res := importDir(t, filepath.Join("testdata/helppages", name), "")
			s, err := spec.Load(name, res.YAML)
			if err != nil {
				t.Errorf("spec.Load(Import(%s)) = %v, want nil", name, err)
			} else {
				checkXMLExamples(t, s)
			}
			var warnings strings.Builder
			for _, w := range res.Warnings {
				warnings.WriteString(w.String() + "\n")
			}
			golden(t, filepath.Join("testdata", name+".golden.yaml"), res.YAML)
			golden(t, filepath.Join("testdata", name+".warnings.golden"), []byte(warnings.String()))
		})
	}
}

// checkXMLExamples checks each XML example of s (a Help Page's sample, which the real
// DataContractSerializer wrote) against the layout compiled for it: names, namespaces,
// member order and values must all agree.
func checkXMLExamples(t *testing.T, s *spec.Spec) {
	t.Helper()
	check := func(o *spec.Operation, where string, layout *model.Type, examples map[string]any) {
		for name, ex := range examples {
			text, ok := ex.(string)
			if !ok || layout == nil {
				continue
			}
			for _, v := range conform.XML(layout, []byte(text)) {
				t.Errorf("%s %s example %q: %v", o.ID, where, name, v)
			}
		}
	}
	for _, o := range s.Operations {
		for mt, examples := range o.RequestExamples {
			if spec.IsXML(mt) {
				check(o, "request "+mt, o.Request[mt], examples)
			}
		}
		for mt, examples := range o.ResponseExamples {
			if spec.IsXML(mt) {
				check(o, "response "+mt, o.Response(o.SuccessStatus(), mt), examples)
			}
		}
	}
}

// TestHTMLAndTextAgree imports the FormulaCerta seed (text) and the HTML page it was
// rendered from: both must give the same document.
func TestHTMLAndTextAgree(t *testing.T) {
	text, err := helppage.Import([]helppage.Document{{Name: "000.txt", Data: readFile(t, filepath.Join(helpPagesDir, "000_8d0acc7f8bf86aa8.txt"))}}, helppage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	html := importDir(t, "testdata/helppages/refreshtoken-html", "")
	if got, want := string(html.YAML), string(text.YAML); got != want {
		t.Errorf("Import(html) differs from Import(text):\n%s", lineDiff(got, want))
	}
}

// golden compares got with the golden file, rewriting it with -update.
func golden(t testing.TB, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\n%s", file, lineDiff(string(got), string(want)))
	}
}
