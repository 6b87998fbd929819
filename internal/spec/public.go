package spec

// The public package github.com/helpmock/helpmock/spec wraps a compiled Spec in a type
// whose fields are unexported, so that no exported signature names this package. Its
// init registers the two conversions, which the mock and the contract suite (Compiled)
// and the project's own tests and tools (internal/spec/bridge) use.
var (
	publicCompiled func(public any) *Spec
	publicWrap     func(*Spec) any
)

// RegisterPublic is called once, by the public spec package's init, with the functions
// that unwrap its *Spec and wrap a compiled one.
func RegisterPublic(unwrap func(public any) *Spec, wrap func(*Spec) any) {
	publicCompiled, publicWrap = unwrap, wrap
}

// Compiled returns the compiled Spec behind public, a *spec.Spec of the public package,
// or nil when public is nil.
func Compiled(public any) *Spec {
	if public == nil || publicCompiled == nil {
		return nil
	}
	return publicCompiled(public)
}

// Public returns s as a *spec.Spec of the public package, typed any (this package cannot
// name it); see internal/spec/bridge.
func Public(s *Spec) any {
	if publicWrap == nil {
		panic("spec: the public spec package is not linked in")
	}
	return publicWrap(s)
}
