// Package bridge converts a compiled internal spec into the public spec.Spec, for the
// project's own tools and tests that load a spec with the internal package (to read its
// operations and layouts) and then hand it to mock.Options or contracts.Options.
package bridge

import (
	ispec "github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/spec"
)

// Public returns s as the public spec.Spec; nil stays nil.
func Public(s *ispec.Spec) *spec.Spec {
	if s == nil {
		return nil
	}
	return ispec.Public(s).(*spec.Spec)
}
