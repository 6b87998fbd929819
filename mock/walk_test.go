package mock

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// walk is the request path through the package's files, step by step, as handle calls
// them (handler.go; STYLE.md, "How the mock answers"). A file of a step may use files of
// its own step, of the steps after it, and the shared files; a use of an earlier step's
// file, or of a file listed nowhere (start-up and the middleware around the handler), is
// an arrow back up.
var walk = [][]string{
	{"handler.go", "errorhandler.go"},
	{"route.go"},
	{"params.go", "paramvalue.go", "body.go", "bind.go", "form.go", "charset.go", "plainschema.go", "requestcheck.go"},
	{"scenario.go", "pins.go", "state.go", "pairs.go", "echo.go"},
	{"negotiate.go"},
	{"faults.go", "latency.go"},
	{"render.go", "rendercache.go"},
	{"write.go"},
}

// sharedFiles hold what every step works on: the server and its options, the compiled
// operations and their formats, the HttpError, the request's record and the log keys.
var sharedFiles = []string{"server.go", "reload.go", "operation.go", "formats.go", "httperror.go",
	"requestinfo.go", "logkeys.go"}

func TestRequestWalkHasNoArrowBackUp(t *testing.T) {
	step := map[string]int{}
	for i, files := range walk {
		for _, f := range files {
			step[f] = i + 1
		}
	}
	arrows := fileArrows(t, ".")
	// The spine calls into each step's file.
	for _, to := range []string{"route.go", "params.go", "body.go", "bind.go", "scenario.go", "negotiate.go", "render.go", "write.go"} {
		if arrows["handler.go"][to] == nil {
			t.Errorf("handler.go uses nothing from %s, want it to call the step there", to)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(arrows)) {
		from, ok := step[name]
		if !ok {
			continue // start-up, the middleware and the shared files may use any file
		}
		for _, to := range slices.Sorted(maps.Keys(arrows[name])) {
			names := arrows[name][to]
			if slices.Contains(sharedFiles, to) || step[to] >= from {
				continue
			}
			if step[to] == 0 {
				t.Errorf("%s (step %d) uses %s from %s, which is in no step: an arrow back up to start-up or the middleware (a new file of the request path goes in walk)",
					name, from, strings.Join(names, ", "), to)
				continue
			}
			t.Errorf("%s (step %d) uses %s from %s (step %d): an arrow back up the request walk",
				name, from, strings.Join(names, ", "), to, step[to])
		}
	}
}

func TestRequestWalkListsExistingFiles(t *testing.T) {
	for _, files := range append(walk, sharedFiles) {
		for _, f := range files {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("walk lists %s: %v", f, err)
			}
		}
	}
}

// fileArrows returns, for each non-test file in dir, the other files whose package-level
// names, methods and fields it uses, with the names. The files are type-checked without
// their imports: what comes from other packages is unknown, and nothing else needs it.
func fileArrows(t *testing.T, dir string) map[string]map[string][]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			return nil, fmt.Errorf("not imported: %s", path)
		}),
		Error: func(error) {}, // the errors of missing imports
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("mock", fset, files, info)
	out := map[string]map[string][]string{}
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		if v, ok := obj.(*types.Var); ok && !v.IsField() && v.Parent() != pkg.Scope() {
			continue // a local variable
		}
		if obj.Parent() != nil && obj.Parent() != pkg.Scope() {
			continue // a local type or constant
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		if from == to {
			continue
		}
		if out[from] == nil {
			out[from] = map[string][]string{}
		}
		if !slices.Contains(out[from][to], obj.Name()) {
			out[from][to] = append(out[from][to], obj.Name())
		}
	}
	return out
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
