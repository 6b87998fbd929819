package mock

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// ScenarioGenerated is the scenario of an operation without fixtures that answers with
// values generated from the response schema: formats (uuid, date-time, email, uri, ...),
// enums, lengths, patterns, ranges and defaults. It is such an operation's default; the
// Help Page's own sample stays available as the "docs" scenario.
const ScenarioGenerated = "generated"

// scenario is one way an operation can answer: a fixture, the documented examples, or
// values generated from the schema.
type scenario struct {
	name    string
	fixture *fixtures.Fixture // nil for the docs and generated scenarios
	status  int
	// docs holds the value answered in each response media type: the documented example
	// (docs scenario) or the generated value (generated scenario).
	docs map[string]any
	// bodies is the render cache: the renderer's answer, compiled for each media type it
	// could be compiled for (rendercache.go); render runs the renderer for the others.
	bodies map[string]*bodyTemplate
	// paired marks a scenario made from a named response example (pairs.go).
	paired bool
}

// operation is a spec operation prepared for serving.
type operation struct {
	*spec.Operation
	scenarios   []*scenario // sorted by name
	defaultName string
	// plain holds the request layouts whose schema is a plain object (plainschema.go).
	plain map[*model.Type]plainObject
	// formats are the media types the operation's answers negotiate among.
	formats *formats
	// echo lists the members of the generated answer that echo a path parameter (echo.go).
	echo []echoMember
	// naming is the service's JSON naming, which names HttpError's keys.
	naming spec.JSONNaming
	// pairs are the named request examples a request is matched against (pairs.go).
	pairs []requestPair
}

// newOperation prepares o with its fixtures in set (nil: none). An operation without
// fixtures answers with generated values by default, and with its documented examples
// (or, in a media type that has none, the generated value) in the docs scenario; problems
// that do not stop it from answering are logged to log as warnings.
func newOperation(o *spec.Operation, set *fixtures.Set, log *slog.Logger) (*operation, error) {
	op := &operation{Operation: o, plain: plainObjects(o.Request), formats: defaultFormats, pairs: requestPairs(o)}
	var fixtured []*fixtures.Fixture
	if set != nil {
		fixtured = set.Scenarios(o.ID)
	}
	docs := docsScenario(o, log)
	if len(fixtured) == 0 {
		gen := generatedScenario(o)
		if docs == nil {
			docs = &scenario{name: spec.DocsExample, status: gen.status, docs: map[string]any{}}
		}
		for mt, v := range gen.docs {
			if _, ok := docs.docs[mt]; !ok {
				docs.docs[mt] = v
			}
		}
		op.scenarios = append(op.scenarios, gen)
		op.defaultName = gen.name
	}
	if docs != nil {
		op.scenarios = append(op.scenarios, docs)
		if op.defaultName == "" {
			op.defaultName = docs.name
		}
	}
	for _, f := range fixtured {
		if f.Scenario == spec.DocsExample {
			return nil, fmt.Errorf("%s: scenario name %q is reserved for the documented examples", f.File, f.Scenario)
		}
		op.scenarios = append(op.scenarios, &scenario{name: f.Scenario, fixture: f, status: f.Status})
		if f.Default {
			op.defaultName = f.Scenario
		}
	}
	op.scenarios = append(op.scenarios, exampleScenarios(o, func(name string) bool { return op.scenario(name) != nil }, log)...)
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
// answers its status with an empty body. An XML example that does not read back (the
// page's sample disagrees with its own table) is left out with a warning; nil when no
// media type has an example.
func docsScenario(o *spec.Operation, log *slog.Logger) *scenario {
	status := o.SuccessStatus()
	sc := &scenario{name: spec.DocsExample, status: status, docs: map[string]any{}}
	if !hasContent(o, status) {
		return sc
	}
	for mt, examples := range o.ResponseExamples {
		ex, ok := examples[spec.DocsExample]
		if !ok {
			continue
		}
		if classify(mt, ex) != kindXML {
			sc.docs[mt] = ex
			continue
		}
		layout := o.Response(status, mt)
		if layout == nil {
			continue // a media type without a schema is never answered
		}
		var v any
		var problems []dcxml.Problem
		var err error
		text, ok := ex.(string)
		if ok {
			v, problems, err = dcxml.Decode(layout, []byte(text), dcxml.DecodeOptions{})
		} else {
			err = errors.New("the example is not XML text")
		}
		if err == nil && len(problems) > 0 {
			err = fmt.Errorf("%s", problems[0])
		}
		if err != nil {
			log.Warn("the documented example does not match its schema; the docs scenario answers generated values in its media type",
				"op", o.ID, "media_type", mt, "example", spec.DocsExample, "error", err.Error())
			continue
		}
		sc.docs[mt] = v
	}
	xmlFromJSON(o, sc)
	if len(sc.docs) == 0 {
		return nil
	}
	return sc
}

// xmlFromJSON gives the docs scenario, in each XML media type the page shows no sample
// of, the JSON example in the XML form when the two forms differ (an enum Json.NET writes
// as its number and DataContractSerializer by name; camelCase JSON names): the docs
// scenario then answers the same values in every format.
func xmlFromJSON(o *spec.Operation, sc *scenario) {
	status := o.SuccessStatus()
	var jsonLayout *model.Type
	var jsonValue any
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		if v, ok := sc.docs[mt]; ok && o.Response(status, mt) != nil {
			jsonLayout, jsonValue = o.Response(status, mt), v
			break
		}
	}
	if jsonLayout == nil {
		return
	}
	for mt, layout := range o.Responses[status] {
		if _, ok := sc.docs[mt]; ok || !spec.IsXML(mt) || layout == nil || layout.Schema == jsonLayout.Schema {
			continue
		}
		sc.docs[mt] = model.XMLValue(jsonLayout, layout, jsonValue)
	}
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
