package contracts_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// TestMockPassesImportedCorpus imports each Help Page corpus folder, serves it with the
// mock and runs the contract suite against it: collections, dictionaries and primitives
// as the whole body and 204 answers without content included.
func TestMockPassesImportedCorpus(t *testing.T) {
	dirs, err := filepath.Glob("../internal/helppage/testdata/helppages/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s := importDir(t, dir)
			m, err := mock.New(mock.Options{Spec: s})
			if err != nil {
				t.Fatalf("mock.New(Import(%s)) error: %v", dir, err)
			}
			srv := httptest.NewServer(m)
			t.Cleanup(srv.Close)
			r, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: s})
			if err != nil {
				t.Fatalf("Verify(mock of %s) error: %v", dir, err)
			}
			if r.Passed == 0 {
				t.Fatalf("Verify(mock of %s) = 0 passed, want some", dir)
			}
			for _, v := range r.Violations() {
				t.Errorf("Verify(mock of %s): %v", dir, v)
			}
		})
	}
}

// importDir imports the Help Page documents of dir into a loaded spec.
func importDir(tb testing.TB, dir string) *spec.Spec {
	tb.Helper()
	docs, err := helppage.ReadDocuments(os.DirFS(dir), ".")
	if err != nil {
		tb.Fatal(err)
	}
	res, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		tb.Fatalf("Import(%s) error: %v", dir, err)
	}
	s, err := spec.Load(dir, res.YAML)
	if err != nil {
		tb.Fatalf("spec.Load(Import(%s)) error: %v", dir, err)
	}
	return s
}
