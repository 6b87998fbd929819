package mock

import (
	"fmt"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// scenario is one way an operation can answer: a fixture, or the documented examples.
type scenario struct {
	name    string
	fixture *fixtures.Fixture // nil for the docs scenario
	status  int
	// docs holds the documented example value for each response media type.
	docs map[string]any
	// bodies holds the answer compiled for each media type it could be compiled for
	// (see prerender.go); render encodes the others on each request.
	bodies map[string]*bodyTemplate
}

// operation is a spec operation prepared for serving.
type operation struct {
	*spec.Operation
	scenarios   []*scenario // sorted by name
	defaultName string
	// plain holds the request layouts whose schema is a plain object (plainschema.go).
	plain map[*model.Type]plainObject
}

func newOperation(o *spec.Operation, set *fixtures.Set) (*operation, error) {
	op := &operation{Operation: o, plain: plainObjects(o.Request)}
	docs, err := docsScenario(o)
	if err != nil {
		return nil, err
	}
	if docs != nil {
		op.scenarios = append(op.scenarios, docs)
		op.defaultName = docs.name
	}
	if set != nil {
		for _, f := range set.Scenarios(o.ID) {
			if f.Scenario == spec.DocsExample {
				return nil, fmt.Errorf("%s: scenario name %q is reserved for the documented examples", f.File, f.Scenario)
			}
			op.scenarios = append(op.scenarios, &scenario{name: f.Scenario, fixture: f, status: f.Status})
			if f.Default {
				op.defaultName = f.Scenario
			}
		}
	}
	if len(op.scenarios) == 0 {
		return nil, fmt.Errorf("operation %s: no fixtures and no documented example to answer with", o.ID)
	}
	slices.SortFunc(op.scenarios, func(a, b *scenario) int { return strings.Compare(a.name, b.name) })
	if op.defaultName == "" {
		op.defaultName = op.scenarios[0].name
	}
	return op, nil
}

// docsScenario builds the "docs" scenario from the documented examples of the success
// response: JSON examples as they are, XML examples read back through the XML layout. A
// success response without content (a void action's 204) needs no example: the scenario
// answers its status with an empty body.
func docsScenario(o *spec.Operation) (*scenario, error) {
	status := o.SuccessStatus()
	sc := &scenario{name: spec.DocsExample, status: status, docs: map[string]any{}}
	if !hasContent(o, status) {
		return sc, nil
	}
	for mt, examples := range o.ResponseExamples {
		ex, ok := examples[spec.DocsExample]
		if !ok {
			continue
		}
		if !spec.IsXML(mt) {
			sc.docs[mt] = ex
			continue
		}
		text, ok := ex.(string)
		layout := o.Response(status, mt)
		if !ok || layout == nil {
			return nil, fmt.Errorf("operation %s: %s example %q is not XML text", o.ID, mt, spec.DocsExample)
		}
		v, problems, err := dcxml.Decode(layout, []byte(text), dcxml.DecodeOptions{})
		if err != nil {
			return nil, fmt.Errorf("operation %s: %s example %q: %w", o.ID, mt, spec.DocsExample, err)
		}
		if len(problems) > 0 {
			return nil, fmt.Errorf("operation %s: %s example %q: %v", o.ID, mt, spec.DocsExample, problems[0])
		}
		sc.docs[mt] = v
	}
	if len(sc.docs) == 0 {
		return nil, nil
	}
	return sc, nil
}

// hasContent reports whether status's response documents a body: Web API answers a void
// action with 204 and no body (RFC 9110 §15.3.5).
func hasContent(o *spec.Operation, status int) bool {
	return len(o.Responses[status]) > 0
}

// docsValue returns the documented example for mediaType, or failing that any JSON one.
func (sc *scenario) docsValue(mediaType string) (any, bool) {
	if v, ok := sc.docs[mediaType]; ok {
		return v, true
	}
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		if v, ok := sc.docs[mt]; ok {
			return v, true
		}
	}
	return nil, false
}

func (op *operation) scenario(name string) *scenario {
	for _, sc := range op.scenarios {
		if sc.name == name {
			return sc
		}
	}
	return nil
}

func (op *operation) scenarioNames() []string {
	names := make([]string, len(op.scenarios))
	for i, sc := range op.scenarios {
		names[i] = sc.name
	}
	return names
}
