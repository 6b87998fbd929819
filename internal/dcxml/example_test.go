package dcxml_test

import (
	"sync"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

var (
	specOnce sync.Once
	specDoc  *spec.Spec
	specErr  error
)

// loadSpec loads ../../openapi.yaml once per test binary.
func loadSpec(tb testing.TB) *spec.Spec {
	tb.Helper()
	specOnce.Do(func() { specDoc, specErr = spec.LoadFile("../../openapi.yaml") })
	if specErr != nil {
		tb.Fatalf("spec.LoadFile: %v", specErr)
	}
	return specDoc
}

// layouts returns the XML layouts of the documented models by class name, with the docs
// examples: JSON value and XML text.
type documented struct {
	name    string
	layout  *model.Type
	json    any
	xml     string
	request bool
}

func documentedModels(tb testing.TB) []documented {
	tb.Helper()
	s := loadSpec(tb)
	var out []documented
	for _, op := range s.Operations {
		if t := op.Request[spec.ApplicationXML]; t != nil {
			xml, _ := op.RequestExamples[spec.ApplicationXML][spec.DocsExample].(string)
			out = append(out, documented{name: t.Name, layout: t, json: op.RequestExamples[spec.ApplicationJSON][spec.DocsExample], xml: xml, request: true})
		}
		if t := op.Response(op.SuccessStatus(), spec.ApplicationXML); t != nil {
			xml, _ := op.ResponseExamples[spec.ApplicationXML][spec.DocsExample].(string)
			out = append(out, documented{name: t.Name, layout: t, json: op.ResponseExamples[spec.ApplicationJSON][spec.DocsExample], xml: xml})
		}
	}
	if len(out) != 4 {
		tb.Fatalf("documented models = %d, want 4", len(out))
	}
	return out
}

// layout returns the XML layout of the class named name.
func layout(tb testing.TB, name string) *model.Type {
	tb.Helper()
	for _, d := range documentedModels(tb) {
		if d.name == name {
			return d.layout
		}
	}
	if name == "Error" {
		s := loadSpec(tb)
		for _, op := range s.Operations {
			if t := op.Response(400, spec.ApplicationXML); t != nil {
				return t
			}
		}
	}
	tb.Fatalf("no layout %s", name)
	return nil
}

// TestDocsExamples checks that Encode of each documented model's JSON docs example is the
// XML docs example, byte for byte: the XML examples of openapi.yaml are checked here
// because package spec cannot import dcxml.
func TestDocsExamples(t *testing.T) {
	for _, d := range documentedModels(t) {
		t.Run(d.name, func(t *testing.T) {
			if d.json == nil || d.xml == "" {
				t.Fatalf("%s: docs example missing (json %v, xml %q)", d.name, d.json != nil, d.xml)
			}
			got, err := dcxml.Encode(d.layout, d.json)
			if err != nil {
				t.Fatalf("Encode(%s, docs) error: %v", d.name, err)
			}
			if string(got) != d.xml {
				t.Errorf("Encode(%s, docs) =\n%s\nwant\n%s", d.name, got, d.xml)
			}
			if v := dcxml.Check(d.layout, []byte(d.xml)); len(v) != 0 {
				t.Errorf("Check(%s, docs xml) = %v, want no violations", d.name, v)
			}
		})
	}
}
