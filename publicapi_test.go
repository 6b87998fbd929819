package helpmock

import (
	"bufio"
	"bytes"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// publicPackages are the packages a user's Go code imports.
var publicPackages = []string{
	"github.com/helpmock/helpmock",
	"github.com/helpmock/helpmock/contracts",
	"github.com/helpmock/helpmock/fixtures",
	"github.com/helpmock/helpmock/mock",
	"github.com/helpmock/helpmock/spec",
}

// TestPublicAPINamesNoInternalType type-checks each public package and walks every
// exported name (functions, types, their exported fields and methods, variables and
// constants): none may name a type of an internal/ package, which a user's module cannot
// import, so such an API could not be used from outside this module.
func TestPublicAPINamesNoInternalType(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build the export data: %v", err)
	}
	// The compiler's export data of each package and its dependencies, from the build cache.
	out, err := exec.Command(goBin, append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}} {{.Export}}"}, publicPackages...)...).Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
		if path, file, ok := strings.Cut(sc.Text(), " "); ok && file != "" {
			exports[path] = file
		}
	}
	imp := importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})
	for _, path := range publicPackages {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatalf("type-check %s: %v", path, err)
		}
		for _, name := range pkg.Scope().Names() {
			obj := pkg.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			w := &apiWalker{seen: map[types.Type]bool{}}
			w.walk(obj.Type())
			if tn, ok := obj.(*types.TypeName); ok {
				if named, ok := tn.Type().(*types.Named); ok {
					for m := range named.Methods() {
						if m.Exported() {
							w.walk(m.Type())
						}
					}
				}
			}
			for _, internal := range w.internal {
				t.Errorf("%s.%s names %s, an internal type", pkg.Name(), name, internal)
			}
		}
	}
}

// apiWalker collects the internal named types reachable from a type through what a user
// can see: signatures, exported struct fields, elements, keys and interface methods.
type apiWalker struct {
	seen     map[types.Type]bool
	internal []string
}

func (w *apiWalker) walk(t types.Type) {
	if t == nil || w.seen[t] {
		return
	}
	w.seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if obj := t.Obj(); obj.Pkg() != nil && strings.Contains(obj.Pkg().Path()+"/", "/internal/") {
			w.internal = append(w.internal, obj.Pkg().Path()+"."+obj.Name())
			return
		}
		if obj := t.Obj(); obj.Pkg() == nil || !strings.HasPrefix(obj.Pkg().Path(), "github.com/helpmock/helpmock") {
			return // another module's type: its own API
		}
		for ta := range t.TypeArgs().Types() {
			w.walk(ta)
		}
		w.walk(t.Underlying())
		for m := range t.Methods() {
			if m.Exported() {
				w.walk(m.Type())
			}
		}
	case *types.Pointer:
		w.walk(t.Elem())
	case *types.Slice:
		w.walk(t.Elem())
	case *types.Array:
		w.walk(t.Elem())
	case *types.Map:
		w.walk(t.Key())
		w.walk(t.Elem())
	case *types.Chan:
		w.walk(t.Elem())
	case *types.Signature:
		for v := range t.Params().Variables() {
			w.walk(v.Type())
		}
		for v := range t.Results().Variables() {
			w.walk(v.Type())
		}
	case *types.Struct:
		for f := range t.Fields() {
			if f.Exported() {
				w.walk(f.Type())
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if m.Exported() {
				w.walk(m.Type())
			}
		}
	}
}
