package dotnet_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/interop/dotnet"
	"github.com/helpmock/helpmock/mock"
)

// toolchain returns the rig's Mono toolchain, or skips (fails under CI=true) when it is
// absent.
func toolchain(tb testing.TB) *dotnet.Toolchain {
	tb.Helper()
	tc, err := dotnet.Available()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal(err)
		}
		tb.Skip(err)
	}
	return tc
}

// specs returns every spec the project knows: the embedded openapi.yaml, and one imported
// from each Help Page corpus folder, from the seed pages (docs/helppages) and from the
// saved test site of cmd/helpmock. A corpus folder that does not import fails tb; the
// others' import errors are returned, for the test to report.
func specs(tb testing.TB) (map[string]*spec.Spec, map[string]error) {
	tb.Helper()
	out, failed := map[string]*spec.Spec{}, map[string]error{}
	s, err := spec.Load("openapi.yaml", helpmock.DefaultSpec())
	if err != nil {
		tb.Fatal(err)
	}
	out["openapi.yaml"] = s
	dirs, err := filepath.Glob("../../internal/helppage/testdata/helppages/*")
	if err != nil || len(dirs) == 0 {
		tb.Fatalf("no corpus folders: %v", err)
	}
	corpus := len(dirs)
	dirs = append(dirs, "../../docs/helppages", "../../cmd/helpmock/testdata/site")
	for i, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		name := filepath.Base(dir)
		s, err := importDir(dir)
		switch {
		case err != nil && i < corpus:
			tb.Fatal(err)
		case err != nil:
			failed[name] = err
		default:
			out[name] = s
		}
	}
	return out, failed
}

// importDir imports the Help Pages in dir and loads the spec.
func importDir(dir string) (*spec.Spec, error) {
	docs, err := helppage.ReadDocuments(os.DirFS(dir), ".")
	if err != nil {
		return nil, err
	}
	res, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", dir, err)
	}
	s, err := spec.Load(dir, res.YAML)
	if err != nil {
		return nil, fmt.Errorf("load the spec imported from %s: %w", dir, err)
	}
	return s, nil
}

// serve starts the mock on s, with the embedded fixtures for the embedded openapi.yaml
// (its default answers are then the fixtures' scenarios, with generated tokens).
func serve(tb testing.TB, s *spec.Spec) string {
	tb.Helper()
	m, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: fixturesFor(tb, s)})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(m)
	tb.Cleanup(srv.Close)
	return srv.URL
}

// fixturesFor returns the embedded fixtures for the embedded openapi.yaml, else nil.
func fixturesFor(tb testing.TB, s *spec.Spec) *fixtures.Set {
	tb.Helper()
	if s.Source != "openapi.yaml" {
		return nil
	}
	set, err := fixtures.Load(helpmock.DefaultFixtures())
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// TestMockAgainstDotNet runs every check of the rig for every spec the project knows.
func TestMockAgainstDotNet(t *testing.T) {
	tc := toolchain(t)
	known, failed := specs(t)
	for name, err := range failed {
		t.Run(name, func(t *testing.T) {
			t.Skipf("no spec to check: %v", err)
		})
	}
	for name, s := range known {
		t.Run(name, func(t *testing.T) {
			var out strings.Builder
			c, err := dotnet.Check(context.Background(), tc, s, fixturesFor(t, s), serve(t, s), &out)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range c.Failures {
				t.Errorf("%s", f)
			}
			if c.Passed == 0 {
				t.Errorf("no check ran for %s:\n%s", name, out.String())
			}
			t.Logf("%s: %d passed, %d failed", name, c.Passed, c.Failed)
		})
	}
}
