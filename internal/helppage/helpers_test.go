package helppage_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// readDocs reads the Help Page documents (.txt, .md, .html, .htm) of dir, sorted by name.
func readDocs(t testing.TB, dir string) []helppage.Document {
	t.Helper()
	docs, err := helppage.ReadDocuments(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		docs[i].Name = filepath.Join(dir, docs[i].Name)
	}
	return docs
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// importDir imports dir's documents with the overlay file (none when "").
func importDir(t testing.TB, dir, overlay string) *helppage.Result {
	t.Helper()
	opts := helppage.Options{}
	if overlay != "" {
		opts.Overlay, opts.OverlayName = readFile(t, overlay), overlay
	}
	res, err := helppage.Import(readDocs(t, dir), opts)
	if err != nil {
		t.Fatalf("Import(%s) = %v", dir, err)
	}
	return res
}

// normalizedJSON loads a document with kin-openapi (no origins) and dumps it as JSON, so
// that two documents compare by meaning rather than by formatting.
func normalizedJSON(t testing.TB, data []byte) string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// layouts dumps the data-contract layouts internal/model compiles for every operation's
// request and response media types: member names in JSON and XML order, namespaces,
// kinds and item elements.
func layouts(t testing.TB, name string, data []byte) string {
	t.Helper()
	s, err := spec.Load(name, data)
	if err != nil {
		t.Fatalf("spec.Load(%s) = %v", name, err)
	}
	var b strings.Builder
	for _, op := range s.Operations {
		fmt.Fprintf(&b, "%s %s %s body required=%v\n", op.ID, op.Method, op.Path, op.BodyRequired)
		for _, mt := range op.RequestMediaTypes {
			fmt.Fprintf(&b, "  request %s: %s\n", mt, dumpType(op.Request[mt], 2, map[*model.Type]bool{}))
			fmt.Fprintf(&b, "  request %s examples: %v\n", mt, dumpExamples(op.RequestExamples[mt]))
		}
		for _, status := range op.Statuses {
			mts := slices.Sorted(func(yield func(string) bool) {
				for mt := range op.Responses[status] {
					if !yield(mt) {
						return
					}
				}
			})
			for _, mt := range mts {
				fmt.Fprintf(&b, "  response %d %s: %s\n", status, mt, dumpType(op.Responses[status][mt], 2, map[*model.Type]bool{}))
			}
		}
		for _, mt := range slices.Sorted(mapKeys(op.ResponseExamples)) {
			fmt.Fprintf(&b, "  response examples %s: %v\n", mt, dumpExamples(op.ResponseExamples[mt]))
		}
	}
	return b.String()
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func dumpExamples(ex map[string]any) string {
	out, _ := json.Marshal(ex)
	return string(out)
}

func dumpType(typ *model.Type, depth int, seen map[*model.Type]bool) string {
	if typ == nil {
		return "<nil>"
	}
	head := fmt.Sprintf("%s nullable=%v", typ.Kind, typ.Nullable)
	if typ.Enum != nil {
		head += fmt.Sprintf(" enum=%v", typ.Enum)
	}
	switch typ.Kind {
	case model.Array:
		return fmt.Sprintf("%s items %s:%s [%s]", head, typ.ItemNamespace, typ.ItemName, dumpType(typ.Item, depth, seen))
	case model.Map:
		return fmt.Sprintf("%s values [%s]", head, dumpType(typ.Item, depth, seen))
	case model.Object:
		if seen[typ] {
			return head + " " + typ.Name + " (recursive)"
		}
		seen[typ] = true
		defer delete(seen, typ)
		indent := strings.Repeat("  ", depth+1)
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s {%s}", head, typ.Name, typ.Namespace)
		for _, m := range typ.Members {
			fmt.Fprintf(&b, "\n%sjson %s required=%v: %s", indent, m.Name, m.Required, dumpType(m.Type, depth+1, seen))
		}
		for _, m := range typ.XMLMembers {
			fmt.Fprintf(&b, "\n%sxml %s {%s} of %s", indent, m.XMLName, m.Namespace, m.Class)
		}
		return b.String()
	}
	return head
}

// testdataFiles lists the files of dir matching suffix.
func testdataFiles(t testing.TB, dir, suffix string) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
