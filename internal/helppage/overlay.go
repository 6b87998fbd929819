package helppage

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// OverlayImportKey is the overlay's top-level key for import directives rather than
// document content. Its "rename" mapping renames schemas the pages could not name (a base
// class, a member's class): old name → new name, applied to the schema, its XML form
// (NameXml), its xml.name, every $ref and the examples named after it.
const OverlayImportKey = "x-helpmock-import"

// Merge rules, applied to the generated document in this order:
//  1. renames from OverlayImportKey;
//  2. a deep merge: a mapping merges key by key (a key absent from the document is
//     appended, in the overlay's order); a null value removes the key; two sequences of
//     mappings of the same length (allOf) merge item by item; anything else (scalars,
//     other sequences such as tags or required) replaces the document's value;
//  3. normalize orders the keywords of every OpenAPI object canonically (names stay in
//     document order: paths, properties, media types, status codes).
//
// The result depends only on the two inputs, so the output is byte-stable.
func applyOverlay(doc *yaml.Node, data []byte) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	if root.Kind == 0 {
		return nil
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return errors.New("not a mapping")
	}
	ov := root.Content[0]
	if directives := get(ov, OverlayImportKey); directives != nil {
		del(ov, OverlayImportKey)
		if rn := get(directives, "rename"); rn != nil {
			if rn.Kind != yaml.MappingNode {
				return fmt.Errorf("%s.rename: not a mapping", OverlayImportKey)
			}
			for i := 0; i+1 < len(rn.Content); i += 2 {
				if err := renameSchema(doc, rn.Content[i].Value, rn.Content[i+1].Value); err != nil {
					return fmt.Errorf("%s.rename: %w", OverlayImportKey, err)
				}
			}
		}
	}
	if err := errors.Join(checkOverlay(doc, ov), checkOverlaySchemas(doc, ov)); err != nil {
		return err
	}
	merge(doc, ov)
	return nil
}

// checkOverlay rejects an overlay that would add an operation or a data member to what
// the pages describe (a typo would otherwise change the contract silently): the paths,
// methods and members it names must exist; new schemas (HttpError) and new keywords are
// fine.
func checkOverlay(doc, ov *yaml.Node) error {
	var errs []error
	if paths := get(ov, "paths"); paths != nil {
		for _, p := range keys(paths) {
			item := get(get(doc, "paths"), p)
			if item == nil {
				errs = append(errs, fmt.Errorf("path %s is not in the Help Pages", p))
				continue
			}
			for _, m := range keys(get(paths, p)) {
				if httpMethods[strings.ToUpper(m)] && get(item, m) == nil {
					errs = append(errs, fmt.Errorf("operation %s %s is not in the Help Pages", strings.ToUpper(m), p))
				}
			}
		}
	}
	schemas := get(get(doc, "components"), "schemas")
	ovSchemas := get(get(ov, "components"), "schemas")
	if ovSchemas == nil {
		return errors.Join(errs...)
	}
	for _, name := range keys(ovSchemas) {
		s := get(schemas, name)
		if s == nil {
			continue
		}
		o := get(ovSchemas, name)
		parts, ovParts := []*yaml.Node{s}, []*yaml.Node{o}
		if all, ovAll := get(s, "allOf"), get(o, "allOf"); all != nil && ovAll != nil && len(all.Content) == len(ovAll.Content) {
			parts, ovParts = append(parts, all.Content...), append(ovParts, ovAll.Content...)
		}
		for i, op := range ovParts {
			for _, member := range keys(get(op, "properties")) {
				if get(get(parts[i], "properties"), member) == nil {
					errs = append(errs, fmt.Errorf("schema %s: member %s is not in the Help Pages", name, member))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// renameSchema renames the schema old (and oldXml) to name.
func renameSchema(doc *yaml.Node, old, name string) error {
	schemas := get(get(doc, "components"), "schemas")
	if get(schemas, old) == nil {
		return fmt.Errorf("no schema %s to rename", old)
	}
	if get(schemas, name) != nil {
		return fmt.Errorf("rename %s: schema %s exists", old, name)
	}
	for _, suffix := range []string{"", "Xml"} {
		for i := 0; i+1 < len(schemas.Content); i += 2 {
			if schemas.Content[i].Value != old+suffix {
				continue
			}
			schemas.Content[i].Value = name + suffix
			renameXMLName(schemas.Content[i+1], old, name)
		}
	}
	if ex := get(get(doc, "components"), "examples"); ex != nil {
		for i := 0; i+1 < len(ex.Content); i += 2 {
			if rest, ok := strings.CutPrefix(ex.Content[i].Value, old); ok && (rest == "Json" || rest == "Xml") {
				ex.Content[i].Value = name + rest
			}
		}
	}
	walk(doc, func(n *yaml.Node) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" {
				v := n.Content[i+1]
				for _, suffix := range []string{"", "Xml"} {
					if v.Value == "#/components/schemas/"+old+suffix {
						v.Value = "#/components/schemas/" + name + suffix
					}
				}
			}
		}
	})
	return nil
}

// renameXMLName renames the class's data contract name in its schema (or its allOf's own
// part).
func renameXMLName(schema *yaml.Node, old, name string) {
	parts := []*yaml.Node{schema}
	if all := get(schema, "allOf"); all != nil {
		parts = append(parts, all.Content...)
	}
	for _, p := range parts {
		if n := get(get(p, "xml"), "name"); n != nil && n.Value == old {
			n.Value = name
		}
	}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		f(n)
	}
	for _, c := range n.Content {
		walk(c, f)
	}
}

// merge deep-merges overlay mapping ov into mapping dst.
func merge(dst, ov *yaml.Node) {
	for i := 0; i+1 < len(ov.Content); i += 2 {
		k, v := ov.Content[i].Value, ov.Content[i+1]
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			del(dst, k)
			continue
		}
		cur := get(dst, k)
		if cur != nil && cur.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
			merge(cur, v)
			continue
		}
		if cur != nil && mergeableSeqs(cur, v) {
			for j := range v.Content {
				merge(cur.Content[j], v.Content[j])
			}
			continue
		}
		set(dst, k, v)
	}
}

// mergeableSeqs reports whether two sequences merge item by item: both of mappings only,
// of the same length (allOf's base reference and own part).
func mergeableSeqs(a, b *yaml.Node) bool {
	if a.Kind != yaml.SequenceNode || b.Kind != yaml.SequenceNode || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if a.Content[i].Kind != yaml.MappingNode || b.Content[i].Kind != yaml.MappingNode {
			return false
		}
	}
	return true
}

// keywordOrder is the canonical order of OpenAPI keywords in an object; keys not listed
// (extensions) follow in their order.
var keywordOrder = []string{
	"openapi", "info", "servers", "operationId", "tags", "security", "paths", "components",
	"title", "version", "name", "in", "url", "$ref", "type", "format", "x-dotnet-type", "nullable",
	"minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "default", "enum", "summary", "description", "license", "contact",
	"namespace", "prefix", "wrapped", "xml", "required", "schema", "schemas",
	"parameters", "requestBody", "headers", "content", "responses", "examples", "value",
	"properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf",
}

// nameMaps are the keywords whose value maps names (paths, members, media types, status
// codes) rather than keywords: their order is the document's.
var nameMaps = map[string]bool{"paths": true, "properties": true, "schemas": true,
	"responses": true, "examples": true, "content": true, "headers": true,
	"securitySchemes": true, "requestBodies": true, "links": true, "callbacks": true,
	"variables": true, "mapping": true, "parameters": true}

// opaque are the keywords whose values are data, left exactly as written.
var opaque = map[string]bool{"value": true, "example": true, "default": true, "enum": true}

func rank(k string) int {
	if i := slices.Index(keywordOrder, k); i >= 0 {
		return i
	}
	return len(keywordOrder)
}

// contextRank refines rank where objects order the same keywords differently: a request
// body says required before its description, and a class schema names its CLR type after
// its description (a member schema right after its format).
func contextRank(obj *yaml.Node, k string) int {
	switch {
	case k == "required" && get(obj, "content") != nil:
		return rank("description") - 1
	case k == "x-dotnet-type" && get(obj, "properties") != nil:
		return rank("description") + 1
	}
	return rank(k)
}

// normalize orders the keywords of every object of the document canonically.
func normalize(n *yaml.Node, nameMap bool) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			normalize(c, false)
		}
	case yaml.MappingNode:
		type pair struct{ k, v *yaml.Node }
		var pairs []pair
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			pairs = append(pairs, pair{k, v})
			switch {
			case nameMap:
				normalize(v, false)
			case opaque[k.Value] || strings.HasPrefix(k.Value, "x-"):
			default:
				// "parameters" of an operation is a list; of components a name map.
				normalize(v, nameMaps[k.Value] && v.Kind == yaml.MappingNode)
			}
		}
		if !nameMap {
			r := func(k string) int { return contextRank(n, k) }
			slices.SortStableFunc(pairs, func(a, b pair) int { return r(a.k.Value) - r(b.k.Value) })
		}
		n.Content = n.Content[:0]
		for _, p := range pairs {
			n.Content = append(n.Content, p.k, p.v)
		}
	}
}

// quoteAmbiguous single-quotes the strings (keys and values) that plain YAML would read
// as another type ('200', a timestamp), as a person writing the document does; the YAML
// encoder would double-quote them.
func quoteAmbiguous(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style == 0 && n.Value != "" {
		var plain yaml.Node
		if err := yaml.Unmarshal([]byte(n.Value), &plain); err == nil && len(plain.Content) == 1 &&
			plain.Content[0].Kind == yaml.ScalarNode && plain.Content[0].Tag != "!!str" {
			n.Style = yaml.SingleQuotedStyle
		}
	}
	for _, c := range n.Content {
		quoteAmbiguous(c)
	}
}
