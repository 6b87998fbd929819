package helppage

import (
	"errors"
	"fmt"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// checkOverlaySchemas rejects an overlay schema that the import does not write (after
// the renames) and that nothing else in the overlay references: a misspelt schema name
// would otherwise add a schema no operation uses and change nothing it meant to. A new
// schema the overlay uses (HttpError, from its error responses) is fine.
func checkOverlaySchemas(doc, ov *yaml.Node) error {
	schemas := get(get(doc, "components"), "schemas")
	ovSchemas := get(get(ov, "components"), "schemas")
	if ovSchemas == nil || ovSchemas.Kind != yaml.MappingNode {
		return nil
	}
	var errs []error
	for i := 0; i+1 < len(ovSchemas.Content); i += 2 {
		k, v := ovSchemas.Content[i], ovSchemas.Content[i+1]
		name := k.Value
		if get(schemas, name) != nil || referencedOutside(ov, v, "#/components/schemas/"+name) {
			continue
		}
		msg := fmt.Sprintf("line %d: components.schemas.%s: the import writes no schema %s and the overlay references none by that name", k.Line, name, name)
		if like := sameFold(schemas, name); like != "" {
			msg += fmt.Sprintf(" (the import writes %s)", like)
		}
		errs = append(errs, errors.New(msg))
	}
	return errors.Join(errs...)
}

// referencedOutside reports whether a $ref in n, outside the subtree skip, is ref.
func referencedOutside(n, skip *yaml.Node, ref string) bool {
	if n == skip {
		return false
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "$ref" && c.Value == ref {
			return true
		}
		if referencedOutside(c, skip, ref) {
			return true
		}
	}
	return false
}

// sameFold returns the schema name of schemas equal to name but for case, if any.
func sameFold(schemas *yaml.Node, name string) string {
	for _, k := range keys(schemas) {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return ""
}
