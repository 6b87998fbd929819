package spec

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"
)

// declarations learns the order in which the document declares each schema's properties
// (Json.NET writes members in that order; Go maps forget it). It walks kin-openapi's
// document alongside the YAML node tree it was decoded from, following each $ref in the
// tree to the node of the schema kin-openapi resolved it to.
type declarations struct {
	root  *yaml.Node
	order map[*openapi3.Schema][]string // nil for a schema without properties
}

// declarationOrders returns the declared property order of the component schemas and of
// every schema the operations' request and response bodies reach through properties,
// items, allOf and additionalProperties. root is the document's yaml.DocumentNode.
func declarationOrders(doc *openapi3.T, root *yaml.Node) map[*openapi3.Schema][]string {
	d := &declarations{root: root.Content[0], order: map[*openapi3.Schema][]string{}}
	if doc.Components != nil {
		schemas := d.child(d.root, "components", "schemas")
		for name, ref := range doc.Components.Schemas {
			d.schema(ref, d.child(schemas, name))
		}
	}
	paths := d.child(d.root, "paths")
	for path, item := range doc.Paths.Map() {
		itemNode := d.child(paths, path)
		for method, op := range item.Operations() {
			opNode := d.child(itemNode, strings.ToLower(method))
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				d.content(rb.Value.Content, d.child(opNode, "requestBody", "content"))
			}
			for code, resp := range op.Responses.Map() {
				if resp.Value != nil {
					d.content(resp.Value.Content, d.child(opNode, "responses", code, "content"))
				}
			}
		}
	}
	return d.order
}

func (d *declarations) content(content openapi3.Content, n *yaml.Node) {
	for mt, media := range content {
		d.schema(media.Schema, d.child(n, mt, "schema"))
	}
}

func (d *declarations) schema(ref *openapi3.SchemaRef, n *yaml.Node) {
	n = d.deref(n)
	if ref == nil || ref.Value == nil || n == nil {
		return
	}
	s := ref.Value
	if _, done := d.order[s]; done {
		return
	}
	d.order[s] = nil
	if props := d.child(n, "properties"); props != nil && props.Kind == yaml.MappingNode {
		names := make([]string, 0, len(props.Content)/2)
		for i := 0; i+1 < len(props.Content); i += 2 {
			name := props.Content[i].Value
			names = append(names, name)
			d.schema(s.Properties[name], props.Content[i+1])
		}
		d.order[s] = names
	}
	d.schema(s.Items, d.child(n, "items"))
	d.schema(s.AdditionalProperties.Schema, d.child(n, "additionalProperties"))
	if all := d.child(n, "allOf"); all != nil && all.Kind == yaml.SequenceNode && len(all.Content) == len(s.AllOf) {
		for i, sub := range s.AllOf {
			d.schema(sub, all.Content[i])
		}
	}
}

// child follows keys from n, resolving $refs on the way; nil when one is missing.
func (d *declarations) child(n *yaml.Node, keys ...string) *yaml.Node {
	for _, key := range keys {
		n = lookup(d.deref(n), key)
	}
	return d.deref(n)
}

// deref returns the node a local $ref mapping points to (following chains of them), n
// itself when it is no $ref, or nil when the reference leaves the document.
func (d *declarations) deref(n *yaml.Node) *yaml.Node {
	for range 16 {
		ref := lookup(n, "$ref")
		if ref == nil {
			return n
		}
		pointer, ok := strings.CutPrefix(ref.Value, "#/")
		if !ok {
			return nil
		}
		n = d.root
		for _, token := range strings.Split(pointer, "/") {
			// RFC 6901 §4: ~1 is "/", ~0 is "~".
			token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
			if n != nil && n.Kind == yaml.SequenceNode {
				i, err := strconv.Atoi(token)
				if err != nil || i < 0 || i >= len(n.Content) {
					return nil
				}
				n = n.Content[i]
				continue
			}
			n = lookup(n, token)
		}
	}
	return nil
}

// lookup returns the value of key in the mapping n, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
