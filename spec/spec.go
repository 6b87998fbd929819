// Package spec loads the OpenAPI document that drives helpmock: the mock answers its
// operations and the contract suite checks a server against them.
//
// A document is loaded from a file, from bytes, from an fs.FS, or the embedded default
// (the openapi.yaml that `helpmock serve` runs without flags). Loading validates it,
// checks its helpmock extensions (docs/extensions.md) and compiles its layouts, so a
// loaded Spec is ready for mock.Options and contracts.Options, and may be shared by
// both. Errors name the document and, for a syntax error, the line.
package spec

import (
	"fmt"
	"io/fs"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock"
	ispec "github.com/helpmock/helpmock/internal/spec"
)

// Spec is a loaded, validated OpenAPI document. It is safe for concurrent use and never
// changes once loaded.
type Spec struct {
	compiled *ispec.Spec
}

func init() {
	ispec.RegisterPublic(
		func(public any) *ispec.Spec {
			if s, ok := public.(*Spec); ok && s != nil {
				return s.compiled
			}
			return nil
		},
		func(compiled *ispec.Spec) any { return &Spec{compiled: compiled} })
}

// Load loads the document in data, YAML or JSON; name names it in errors.
func Load(name string, data []byte) (*Spec, error) {
	return wrap(ispec.Load(name, data))
}

// LoadFile loads the document in the file at path.
func LoadFile(path string) (*Spec, error) {
	return wrap(ispec.LoadFile(path))
}

// LoadFS loads the document named name in fsys.
func LoadFS(fsys fs.FS, name string) (*Spec, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	return Load(name, data)
}

// Default loads the embedded default document, the repository's openapi.yaml.
func Default() (*Spec, error) {
	return wrap(ispec.LoadEmbedded(helpmock.DefaultSpecName+" (embedded)", helpmock.DefaultSpec()))
}

func wrap(compiled *ispec.Spec, err error) (*Spec, error) {
	if err != nil {
		return nil, err
	}
	return &Spec{compiled: compiled}, nil
}

// Name returns the name the document was loaded under: its path, or the name given to
// Load or LoadFS.
func (s *Spec) Name() string { return s.compiled.Source }

// Document returns the document as kin-openapi loaded it. It must not be changed.
func (s *Spec) Document() *openapi3.T { return s.compiled.Doc }

// OperationIDs returns the operationIds of the document's operations, by path then
// method: the names that contracts.Options.Only, fixture files and the mock's admin API
// take.
func (s *Spec) OperationIDs() []string {
	ids := make([]string, len(s.compiled.Operations))
	for i, o := range s.compiled.Operations {
		ids[i] = o.ID
	}
	return ids
}
