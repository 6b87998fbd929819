package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// checkParity compares, for each operation and request media type (and each example pair's
// request), the JSON answer (Accept: application/json) with the XML answer (Accept:
// application/xml) to the same request: the same members, null in both or in neither, lists of the same length. The
// documented differences are the members the JSON layout has and the XML layout lacks
// (ClienteId). Values are not compared: tokens and dates differ between two requests.
// Violations go to the XML case's result.
func checkParity(exchanges []*exchange, results []*CaseResult) {
	type key struct{ op, requestMediaType, pair string }
	keyOf := func(c *testCase) key {
		k := key{op: c.op.ID, requestMediaType: c.requestMediaType}
		if c.pair != nil {
			k.pair = c.pair.name
		}
		return k
	}
	paired := func(c *testCase) bool { return c.matrix || c.pair != nil }
	jsonAnswers := map[key]*exchange{}
	for _, x := range exchanges {
		if paired(x.c) && x.c.accept == spec.ApplicationJSON && answered(x) {
			jsonAnswers[keyOf(x.c)] = x
		}
	}
	for i, x := range exchanges {
		if !paired(x.c) || x.c.accept != spec.ApplicationXML || !answered(x) {
			continue
		}
		j := jsonAnswers[keyOf(x.c)]
		if j == nil || j.status != x.status {
			continue
		}
		tj := x.c.op.Response(x.status, spec.ApplicationJSON)
		tx := x.c.op.Response(x.status, spec.ApplicationXML)
		if tj == nil || tx == nil {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(j.body))
		dec.UseNumber()
		var jv any
		if dec.Decode(&jv) != nil {
			continue // the JSON case reports it
		}
		doc := etree.NewDocument()
		if doc.ReadFromBytes(x.body) != nil || doc.Root() == nil {
			continue // the XML case reports it
		}
		for _, v := range compareAnswers(jv, doc.Root(), tj, tx, "") {
			v.Case, v.Curl = x.c.fullName(), x.curl
			results[i].Violations = append(results[i].Violations, v)
		}
	}
}

// answered reports whether x got a complete answer in the negotiated media type.
func answered(x *exchange) bool {
	if x.err != nil || x.status == 0 {
		return false
	}
	_, ok := checkContentType(x)
	return ok
}

func compareAnswers(jv any, xe *etree.Element, tj, tx *model.Type, path string) []Violation {
	var out []Violation
	switch tj.Kind {
	case model.Object:
		obj, ok := jv.(map[string]any)
		if !ok || tx.Kind != model.Object {
			return nil
		}
		for _, m := range tj.Members {
			xm := xmlMember(tx, m.Name)
			if xm == nil {
				continue // a documented difference: the XML layout has no such member
			}
			p := path + "/" + m.Name
			jval, inJSON := obj[m.Name]
			xel := childElement(xe, xm.XMLName)
			switch {
			case inJSON && xel == nil:
				out = append(out, Violation{Check: CheckParity, Path: p, Expected: "present in both answers", Actual: "only in the JSON answer",
					Message: fmt.Sprintf("the JSON answer has %s and the XML answer to the same request does not", m.Name)})
			case !inJSON && xel != nil:
				out = append(out, Violation{Check: CheckParity, Path: p, Expected: "present in both answers", Actual: "only in the XML answer",
					Message: fmt.Sprintf("the XML answer has %s and the JSON answer to the same request does not", m.Name)})
			case inJSON:
				jnull, xnil := jval == nil, isNil(xel)
				if jnull != xnil {
					out = append(out, Violation{Check: CheckParity, Path: p, Expected: "null in both answers or in neither",
						Actual:  fmt.Sprintf("JSON null: %t, XML i:nil: %t", jnull, xnil),
						Message: fmt.Sprintf("%s is null in one answer and not in the other", m.Name)})
				} else if !jnull {
					out = append(out, compareAnswers(jval, xel, m.Type, xm.Type, p)...)
				}
			}
		}
	case model.Array:
		arr, ok := jv.([]any)
		if !ok {
			return nil
		}
		if n := len(xe.ChildElements()); n != len(arr) {
			out = append(out, Violation{Check: CheckParity, Path: path, Expected: fmt.Sprintf("%d items, as in the JSON answer", len(arr)),
				Actual: fmt.Sprintf("%d items", n), Message: "the list has a different length in the XML answer"})
		}
	}
	return out
}

func xmlMember(t *model.Type, name string) *model.Member {
	for _, m := range t.XMLMembers {
		if m.Name == name {
			return m
		}
	}
	return nil
}

func childElement(e *etree.Element, local string) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.Tag == local {
			return c
		}
	}
	return nil
}

func isNil(e *etree.Element) bool {
	for _, a := range e.Attr {
		if a.Key == "nil" && a.NamespaceURI() == model.InstanceNamespace && a.Value == "true" {
			return true
		}
	}
	return false
}
