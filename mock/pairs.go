package mock

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/spec"
)

// Named example pairs (Specmatic's convention): a request example and a response example
// with the same name. A request whose members are those of a named request example gets
// the scenario of that name: a fixture of that name if there is one, else the response
// example itself.

// requestExampleNames returns the names of o's request examples other than docs, sorted.
func requestExampleNames(o *spec.Operation) []string {
	seen := map[string]bool{}
	for _, examples := range o.RequestExamples {
		for name := range examples {
			if name != spec.DocsExample {
				seen[name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// exampleScenarios builds a scenario from each named response example that a request
// example of the same name pairs with, unless taken (a fixture) has the name. XML examples
// are read back through their layout; one that does not read back is left out with a
// warning.
func exampleScenarios(o *spec.Operation, taken func(string) bool, log *slog.Logger) []*scenario {
	var out []*scenario
	for _, name := range requestExampleNames(o) {
		if taken(name) || o.Op == nil || o.Op.Responses == nil {
			continue
		}
		for _, status := range o.Statuses {
			resp := o.Op.Responses.Status(status)
			if resp == nil || resp.Value == nil {
				continue
			}
			sc := &scenario{name: name, status: status, docs: map[string]any{}, paired: true}
			for mt, media := range resp.Value.Content {
				ex := media.Examples[name]
				if ex == nil || ex.Value == nil || ex.Value.Value == nil {
					continue
				}
				v := ex.Value.Value
				if classify(mt, v) == kindXML {
					layout := o.Response(status, mt)
					text, ok := v.(string)
					if layout == nil || !ok {
						continue
					}
					decoded, problems, err := dcxml.Decode(layout, []byte(text), dcxml.DecodeOptions{})
					if err == nil && len(problems) > 0 {
						err = fmt.Errorf("%s", problems[0])
					}
					if err != nil {
						log.Warn("the response example does not match its schema; its pair answers another media type's example",
							"op", o.ID, "media_type", mt, "example", name, "error", err.Error())
						continue
					}
					v = decoded
				}
				sc.docs[mt] = v
			}
			if len(sc.docs) > 0 {
				out = append(out, sc)
				break
			}
		}
	}
	return out
}

// requestPair is a named request example's members as text, compiled once per operation
// so that matching a request allocates nothing.
type requestPair struct {
	name    string
	members map[string]string
}

// requestPairs compiles o's named JSON request examples, in name order.
func requestPairs(o *spec.Operation) []requestPair {
	var out []requestPair
	for _, name := range requestExampleNames(o) {
		for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
			ex, ok := o.RequestExamples[mt][name].(map[string]any)
			if !ok {
				continue
			}
			members := make(map[string]string, len(ex))
			for k, v := range ex {
				members[k] = memberText(v)
			}
			out = append(out, requestPair{name: name, members: members})
			break
		}
	}
	return out
}

// memberText is a request member's value as text for matching: a null is empty, a string
// itself (no allocation on the request path), any other value as fmt prints it.
func memberText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// pairedExample returns the name of the named request example whose members the request
// value carries (a null or missing member matches an empty one, as Web API's binding reads
// an empty form field), or "".
func (op *operation) pairedExample(request map[string]any) string {
	if request == nil {
		return ""
	}
	for _, p := range op.pairs {
		match := true
		for k, want := range p.members {
			if memberText(request[k]) != want {
				match = false
				break
			}
		}
		if match {
			return p.name
		}
	}
	return ""
}
