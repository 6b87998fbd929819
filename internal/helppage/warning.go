package helppage

import (
	"fmt"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// Warning is something a Help Page document does not say, reported with the document
// and line it concerns instead of being guessed silently.
type Warning struct {
	Source  string
	Line    int
	Message string
	// Key is the overlay key whose value resolves the warning, dot-separated
	// ("components.schemas.Widget.properties.Code.pattern"); a name holding a dot or a
	// slash is written in brackets ("paths[/api/x].get"). An overlay that sets it
	// silences the warning. Empty when no overlay key can say it.
	Key string
	// path is Key's segments; alt another key that resolves the warning as well (the
	// overlay accepts a made-up class name by describing the schema under it).
	path, alt []string
}

// String formats the warning as "source:line: message (overlay: key)".
func (w Warning) String() string {
	msg := w.Message
	if w.Key != "" {
		msg += " (overlay: " + w.Key + ")"
	}
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Source, w.Line, msg)
	}
	return fmt.Sprintf("%s: %s", w.Source, msg)
}

// overlayKey writes segments as a Warning's Key.
func overlayKey(path []string) string {
	var b strings.Builder
	for i, s := range path {
		if strings.ContainsAny(s, "./[] ") {
			b.WriteString("[" + s + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// unresolved returns the warnings whose overlay key the overlay does not set.
func unresolved(warnings []Warning, overlay []byte) []Warning {
	if len(overlay) == 0 {
		return warnings
	}
	var root yaml.Node
	if err := yaml.Unmarshal(overlay, &root); err != nil || len(root.Content) != 1 {
		return warnings
	}
	var out []Warning
	for _, w := range warnings {
		if len(w.path) > 0 && lookup(root.Content[0], w.path) != nil || len(w.alt) > 0 && lookup(root.Content[0], w.alt) != nil {
			continue
		}
		out = append(out, w)
	}
	return out
}

// lookup returns the node at path under n, or nil.
func lookup(n *yaml.Node, path []string) *yaml.Node {
	for _, k := range path {
		if n = get(n, k); n == nil {
			return nil
		}
	}
	return n
}
