package dotnet

import "testing"

// TestMatching: a route parameter with a pattern gets a value the pattern matches.
func TestMatching(t *testing.T) {
	for _, pattern := range []string{`^[0-9]{13}$`, `^[A-Z]{2}-\d{3,5}$`, `^(eu|us)-[a-z]+$`, `^ab?c*d+$`, `x.y`} {
		v, ok := matching(pattern)
		if !ok {
			t.Errorf("matching(%q) = %q, found none", pattern, v)
		}
	}
	if v, ok := matching(`^[`); ok {
		t.Errorf("matching(^[) = %q, want none", v)
	}
}
