package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/spec"
)

// CheckExample: the answer to a request example differs from the response example of the
// same name (Specmatic's named example pairs): a member missing, added, null where the
// example has a value, written with a value (or left out) where the example writes null,
// or a boolean outcome that differs.
const CheckExample = "example"

// examplePair is a named request example and the response example of the same name. The
// docs examples (the Help Page samples) are not a pair: their response values are
// placeholders, and the request × Accept matrix judges the valid request.
type examplePair struct {
	name string
	// status is the status whose response example has the name.
	status int
	// response maps response media types to the example: a JSON value, or XML text.
	response map[string]any
}

// responseExamples returns, by name, the status and the examples (by media type) of every
// named response example of o, whatever its status.
func responseExamples(o *spec.Operation) map[string]*examplePair {
	out := map[string]*examplePair{}
	if o.Op == nil || o.Op.Responses == nil {
		return out
	}
	for _, status := range o.Statuses {
		resp := o.Op.Responses.Status(status)
		if resp == nil || resp.Value == nil {
			continue
		}
		for mt, media := range resp.Value.Content {
			for name, ex := range media.Examples {
				if name == spec.DocsExample || ex == nil || ex.Value == nil || ex.Value.Value == nil {
					continue
				}
				p := out[name]
				if p == nil {
					p = &examplePair{name: name, status: status, response: map[string]any{}}
					out[name] = p
				}
				if p.status == status {
					p.response[strings.ToLower(mt)] = ex.Value.Value
				}
			}
		}
	}
	return out
}

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

// examplePairs returns o's named pairs, by name.
func examplePairs(o *spec.Operation) []*examplePair {
	responses := responseExamples(o)
	var out []*examplePair
	for _, name := range requestExampleNames(o) {
		if p := responses[name]; p != nil {
			out = append(out, p)
		}
	}
	return out
}

// pairValue returns the JSON-form value of the request example name, with the members of
// set overridden except those that make the example differ from the docs example: -set
// gives credentials and ids, and must not turn a failing request into a valid one.
func pairValue(o *spec.Operation, name string, set map[string]string) any {
	var value, docs any
	for _, mt := range []string{spec.ApplicationJSON, spec.TextJSON} {
		if v, ok := o.RequestExamples[mt][name]; ok && value == nil {
			value = clone(v)
			docs = o.RequestExamples[mt][spec.DocsExample]
		}
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return value
	}
	docsObj, _ := docs.(map[string]any)
	keep := map[string]string{}
	for k, v := range obj {
		if d, in := docsObj[k]; !in || !equalJSON(d, v) {
			keep[strings.ToLower(k)] = k
		}
	}
	rest := map[string]string{}
	for k, v := range set {
		if _, kept := keep[strings.ToLower(k)]; !kept {
			rest[k] = v
		}
	}
	if len(rest) == 0 {
		return value
	}
	return requestValueOf(o, value, rest)
}

// pairSkipped says why the request example name (value in JSON form, nil when it has
// none) is not sent as mt, or "" when it is: a form carries only a class, and without a
// JSON form only a media type with its own example text can be sent.
func pairSkipped(o *spec.Operation, name, mt string, value any) string {
	if mt == spec.FormURLEncoded && !formBindable(o.Request[mt]) {
		return "a form carries only a class, bound member by member"
	}
	if value == nil {
		if _, ok := o.RequestExamples[mt][name].(string); !ok || !spec.IsXML(mt) {
			return "the example has no JSON form to send as " + mt
		}
	}
	return ""
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// pairExample returns the pair's response example for the answer's media type mt, or
// another of the same family (JSON or XML) when mt has none.
func (p *examplePair) example(mt string) (any, bool) {
	if ex, ok := p.response[mt]; ok {
		return ex, true
	}
	same := spec.IsJSON
	if spec.IsXML(mt) {
		same = spec.IsXML
	} else if !spec.IsJSON(mt) {
		return nil, false
	}
	for _, k := range slices.Sorted(maps.Keys(p.response)) {
		if same(k) {
			return p.response[k], true
		}
	}
	return nil, false
}

// checkPair judges the answer to a request example against the response example of the
// same name: the same members, null exactly where the example writes null, and the same
// boolean outcomes ("Succeeded": false, "isSuccess": "false"). Other values are free:
// messages, dates and codes differ between a sample and a live answer.
func checkPair(x *exchange) []Violation {
	c := x.c
	mt, _, err := mime.ParseMediaType(x.header.Get("Content-Type"))
	if err != nil || x.status != c.pair.status {
		return nil // the status and Content-Type checks report it
	}
	mt = strings.ToLower(mt)
	ex, ok := c.pair.example(mt)
	if !ok {
		return nil
	}
	pc := pairCompare{name: c.pair.name}
	switch {
	case spec.IsJSON(mt):
		want, err := decodeJSON(ex)
		if err != nil {
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(x.body))
		dec.UseNumber()
		var got any
		if dec.Decode(&got) != nil {
			return nil // the body checks report it
		}
		pc.json(want, got, "")
	case spec.IsXML(mt):
		text, ok := ex.(string)
		if !ok {
			return nil
		}
		want, got := etree.NewDocument(), etree.NewDocument()
		if want.ReadFromString(text) != nil || want.Root() == nil || got.ReadFromBytes(x.body) != nil || got.Root() == nil {
			return nil
		}
		if want.Root().Tag == got.Root().Tag {
			pc.xml(want.Root(), got.Root(), "/"+got.Root().Tag)
		}
	}
	return pc.out
}

// decodeJSON returns a JSON example with json.Number numbers, as the answer decodes.
func decodeJSON(ex any) (any, error) {
	data, err := json.Marshal(ex)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v)
}

type pairCompare struct {
	name string
	out  []Violation
}

func (pc *pairCompare) add(path, expected, actual, message string) {
	pc.out = append(pc.out, Violation{Check: CheckExample, Path: path, Expected: expected, Actual: actual,
		Message: fmt.Sprintf("the %s example %s", pc.name, message)})
}

func (pc *pairCompare) json(want, got any, path string) {
	switch w := want.(type) {
	case nil:
		if got != nil {
			pc.add(orRoot(path), "null", shortJSON(got),
				"writes null here and the answer has a value (a success body for a failing request?)")
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			pc.add(orRoot(path), "an object", shortJSON(got), "has an object here")
			return
		}
		for _, k := range slices.Sorted(maps.Keys(w)) {
			p := path + "/" + k
			gv, in := g[k]
			switch {
			case !in && w[k] == nil:
				pc.add(p, "null", "no member",
					"writes "+k+" as null and the answer leaves it out (Json.NET writes null unless NullValueHandling.Ignore; DataContractSerializer unless EmitDefaultValue = false)")
			case !in:
				pc.add(p, "the member "+k, "no member", "has "+k+" and the answer lacks it")
			default:
				pc.json(w[k], gv, p)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(g)) {
			if _, in := w[k]; !in {
				pc.add(path+"/"+k, "no member", "the member "+k, "has no "+k+" and the answer has it")
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			pc.add(orRoot(path), "a list", shortJSON(got), "has a list here")
			return
		}
		if len(w) > 0 && len(g) > 0 {
			pc.json(w[0], g[0], path+"/0")
		}
	default:
		if got == nil {
			pc.add(orRoot(path), shortJSON(want), "null", "has a value here and the answer writes null")
			return
		}
		if wb, ok := outcome(want); ok {
			if gb, ok := outcome(got); ok && gb != wb {
				pc.add(orRoot(path), shortJSON(want), shortJSON(got), "has this outcome and the answer the opposite one")
			}
		}
	}
}

func (pc *pairCompare) xml(want, got *etree.Element, path string) {
	wantNil, gotNil := isNil(want), isNil(got)
	switch {
	case wantNil && !gotNil:
		pc.add(path, `i:nil="true"`, shortText(got),
			"writes null here and the answer has a value (a success body for a failing request?)")
		return
	case !wantNil && gotNil:
		pc.add(path, shortText(want), `i:nil="true"`, "has a value here and the answer writes null")
		return
	case wantNil:
		return
	}
	wantKids, gotKids := want.ChildElements(), got.ChildElements()
	if len(wantKids) == 0 && len(gotKids) == 0 {
		if wb, ok := outcome(strings.TrimSpace(want.Text())); ok {
			if gb, ok := outcome(strings.TrimSpace(got.Text())); ok && gb != wb {
				pc.add(path, strings.TrimSpace(want.Text()), strings.TrimSpace(got.Text()), "has this outcome and the answer the opposite one")
			}
		}
		return
	}
	gotByName := map[string]*etree.Element{}
	for _, g := range gotKids {
		if _, seen := gotByName[g.Tag]; !seen {
			gotByName[g.Tag] = g
		}
	}
	wantNames := map[string]bool{}
	for _, w := range wantKids {
		if wantNames[w.Tag] {
			continue // a list's further items: the first one stands for them
		}
		wantNames[w.Tag] = true
		p := path + "/" + w.Tag
		g := gotByName[w.Tag]
		switch {
		case g == nil && isNil(w):
			pc.add(p, `<`+w.Tag+` i:nil="true"/>`, "no element",
				"writes "+w.Tag+` as i:nil="true" and the answer leaves it out (DataContractSerializer writes every data member unless EmitDefaultValue = false)`)
		case g == nil:
			pc.add(p, "the element "+w.Tag, "no element", "has "+w.Tag+" and the answer lacks it")
		default:
			pc.xml(w, g, p)
		}
	}
	for _, g := range gotKids {
		if !wantNames[g.Tag] {
			wantNames[g.Tag] = true
			pc.add(path+"/"+g.Tag, "no element", "the element "+g.Tag, "has no "+g.Tag+" and the answer has it")
		}
	}
}

// outcome reads a boolean, or a string that reads true or false (PFMS's isSuccess): the
// values that say whether the request succeeded.
func outcome(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		if b, err := strconv.ParseBool(v); err == nil && (v == "true" || v == "false") {
			return b, true
		}
	}
	return false, false
}

func orRoot(path string) string {
	if path == "" {
		return "/"
	}
	return path
}

func shortJSON(v any) string {
	data, _ := json.Marshal(v)
	return shorten(string(data))
}

func shortText(e *etree.Element) string {
	if len(e.ChildElements()) > 0 {
		return "<" + e.Tag + "> with content"
	}
	return shorten(strings.TrimSpace(e.Text()))
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
