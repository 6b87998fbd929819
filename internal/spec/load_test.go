package spec

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	yaml "github.com/oasdiff/yaml3"

	"github.com/helpmock/helpmock/internal/model"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// layouts describes every compiled layout of s: each member's names, namespace, class and
// order, both member orders, items and root names.
func layouts(s *Spec) string {
	var b strings.Builder
	seen := map[*model.Type]bool{}
	for _, o := range s.Operations {
		for _, mt := range o.RequestMediaTypes {
			fmt.Fprintf(&b, "%s request %s: ", o.ID, mt)
			describe(&b, o.Request[mt], seen)
			b.WriteByte('\n')
		}
		for _, status := range o.Statuses {
			for _, mt := range slices.Sorted(maps.Keys(o.Responses[status])) {
				fmt.Fprintf(&b, "%s response %d %s: ", o.ID, status, mt)
				describe(&b, o.Responses[status][mt], seen)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func describe(b *strings.Builder, t *model.Type, seen map[*model.Type]bool) {
	fmt.Fprintf(b, "%v %s{%s} nullable=%t", t.Kind, t.Name, t.Namespace, t.Nullable)
	if seen[t] {
		return
	}
	seen[t] = true
	for _, m := range t.Members {
		fmt.Fprintf(b, " [%s xml=%s ns=%s class=%s order=%d required=%t: ", m.Name, m.XMLName, m.Namespace, m.Class, m.Order, m.Required)
		describe(b, m.Type, seen)
		b.WriteString("]")
	}
	fmt.Fprintf(b, " xml order %v", memberNames(t.XMLMembers))
	if t.Item != nil {
		fmt.Fprintf(b, " items %s{%s} (", t.ItemName, t.ItemNamespace)
		describe(b, t.Item, seen)
		b.WriteString(")")
	}
}

func memberNames(members []*model.Member) []string {
	var out []string
	for _, m := range members {
		out = append(out, m.Name)
	}
	return out
}

// sameSpec fails unless a and b have the same document, layouts and examples.
func sameSpec(t *testing.T, a, b *Spec) {
	t.Helper()
	docA, err := json.Marshal(a.Doc)
	if err != nil {
		t.Fatal(err)
	}
	docB, err := json.Marshal(b.Doc)
	if err != nil {
		t.Fatal(err)
	}
	if string(docA) != string(docB) {
		t.Errorf("documents differ:\n%s\n%s", docA, docB)
	}
	if la, lb := layouts(a), layouts(b); la != lb {
		t.Errorf("layouts differ:\n%s\nwant\n%s", la, lb)
	}
	for i, o := range a.Operations {
		ob := b.Operations[i]
		exA, _ := json.Marshal([]any{o.RequestExamples, o.ResponseExamples})
		exB, _ := json.Marshal([]any{ob.RequestExamples, ob.ResponseExamples})
		if string(exA) != string(exB) {
			t.Errorf("%s examples = %s, want %s", o.ID, exA, exB)
		}
	}
}

func TestLoadJSONMatchesYAML(t *testing.T) {
	for _, path := range []string{"../../openapi.yaml", "testdata/order.yaml"} {
		t.Run(path, func(t *testing.T) {
			data := readFile(t, path)
			fast, ok := loadJSON(path, data)
			if !ok {
				t.Fatalf("loadJSON(%s) fell back to the YAML path", path)
			}
			slow, err := loadYAML(path, data)
			if err != nil {
				t.Fatal(err)
			}
			sameSpec(t, fast, slow)
		})
	}
}

func TestDeclarationOrder(t *testing.T) {
	member := func(typ *model.Type, name string) *model.Type {
		if m := typ.Member(name); m != nil {
			return m.Type
		}
		t.Fatalf("no member %s in %v", name, typ.MemberNames())
		return nil
	}
	for _, path := range []string{"testdata/order.json", "testdata/order.yaml"} {
		s, err := Load(path, readFile(t, path))
		if err != nil {
			t.Fatal(err)
		}
		o := s.Operation("placeOrder")
		req := o.Request[ApplicationJSON]
		resp := o.Response(200, ApplicationJSON)
		tests := []struct {
			name string
			got  []string
			want []string
		}{
			{"inline request body", req.MemberNames(), []string{"Zip", "Customer", "Lines", "Tags", "Amount"}},
			{"nested properties", member(req, "Customer").MemberNames(), []string{"Surname", "Given", "Age"}},
			{"items", member(req, "Lines").Item.MemberNames(), []string{"Sku", "Quantity", "Price"}},
			{"additionalProperties", member(req, "Tags").Item.MemberNames(), []string{"Value", "Label"}},
			{"allOf: own members, then the base class's", resp.MemberNames(), []string{"Number", "Date", "Change", "Succeeded", "Errors"}},
			{"XML: base class first, ordinal", memberNames(resp.XMLMembers), []string{"Errors", "Succeeded", "Change", "Date", "Number"}},
		}
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				if !slices.Equal(tt.got, tt.want) {
					t.Errorf("members = %v, want %v", tt.got, tt.want)
				}
			})
		}
	}
}

// fallbackDoc is a document whose ALPHA and MID the fallback cases fill in.
const fallbackDoc = `openapi: 3.0.3
info: {title: fallback, version: "1"}
paths:
  /things:
    get:
      operationId: getThing
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        Zeta: {type: string}
        Alpha: ALPHA
        Mid: MID
`

func TestFallback(t *testing.T) {
	tests := []struct {
		name, alpha, mid string
		fast             bool // whether the JSON path takes the document
	}{
		{"plain", "{type: integer}", "{type: string}", true},
		{"float in JSON syntax", "{type: number, example: 1.50}", "{type: number, example: -2e3}", true},
		{"null and bool", "{type: string, nullable: True, example: ~}", "{type: string, example: null}", true},
		{"quoted number", `{type: string, example: "1e400"}`, "{type: string, example: '12'}", true},
		{"anchor and alias", "&int {type: integer}", "*int", false},
		{"merge key", "{type: integer}", "{<<: {type: string}, description: merged}", false},
		{"custom tag", "{type: integer}", "{type: string, example: !shout hello}", false},
		{"timestamp", "{type: integer}", "{type: string, format: date, example: 2024-01-02}", false},
		{"binary", "{type: integer}", "{type: string, example: !!binary aGk=}", false},
		{"hex int", "{type: integer, example: 0x1F}", "{type: string}", false},
		{"octal int", "{type: integer, example: 017}", "{type: string}", false},
		{"int with underscores", "{type: integer, example: 1_000}", "{type: string}", false},
		{"float not in JSON syntax", "{type: number, example: .5}", "{type: string}", false},
		{"infinity", "{type: number, example: .inf}", "{type: string}", false},
		{"not a number", "{type: number, example: .nan}", "{type: string}", false},
		{"overflowing number", "{type: number, example: 1e400}", "{type: string}", false},
		{"duplicate key", "{type: integer}", "{type: string, type: string}", false},
		{"non-scalar key", "{type: integer}", "{type: string, [a]: b}", false},
		{"bool key", "{type: integer}", "{type: string, true: b}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(strings.NewReplacer("ALPHA", tt.alpha, "MID", tt.mid).Replace(fallbackDoc))
			if _, ok := loadJSON("fallback.yaml", data); ok != tt.fast {
				t.Errorf("loadJSON ok = %t, want %t", ok, tt.fast)
			}
			got, gotErr := Load("fallback.yaml", data)
			want, wantErr := loadYAML("fallback.yaml", data)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("Load err = %v, want %v", gotErr, wantErr)
			}
			if wantErr != nil {
				if !strings.Contains(gotErr.Error(), "fallback.yaml") {
					t.Errorf("Load err = %v, want it to name fallback.yaml", gotErr)
				}
				return
			}
			sameSpec(t, got, want)
			if names := got.Operation("getThing").Response(200, ApplicationJSON).MemberNames(); !slices.Equal(names, []string{"Zeta", "Alpha", "Mid"}) {
				t.Errorf("members = %v, want [Zeta Alpha Mid]", names)
			}
		})
	}
}

func TestLoadErrorsNameSource(t *testing.T) {
	tests := []struct {
		name, source, doc, want string
	}{
		{"YAML that does not load", "broken.yaml", "openapi: 3.0.3\ninfo: [1, 2]\npaths: {}\n", "load spec broken.yaml"},
		{"JSON that does not load", "broken.json", `{"openapi": "3.0.3", "info": [1, 2], "paths": {}}`, "load spec broken.json"},
		{"not YAML", "broken.yaml", "openapi: [3.0.3\n", "load spec broken.yaml"},
		{"invalid document", "invalid.json", `{"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}}`, "validate spec invalid.json"},
		{"operation without operationId", "noid.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n", "compile spec noid.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.source, []byte(tt.doc))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Load(%s) = %v, want an error starting %q", tt.source, err, tt.want)
			}
			// The errors are the YAML path's, word for word, but for a syntax error's
			// (see TestLoadSyntaxErrors).
			want := checkSyntax(tt.source, []byte(tt.doc))
			if want == nil {
				_, want = loadYAML(tt.source, []byte(tt.doc))
			}
			if err.Error() != want.Error() {
				t.Errorf("Load(%s) = %v, want %v", tt.source, err, want)
			}
		})
	}
}

func TestToJSON(t *testing.T) {
	tests := []struct {
		name, yaml, want string // want "" for a fallback
	}{
		{"mapping and sequence", "a: [1, -2.5e3, x]\nb: {c: ~}", `{"a":[1,-2.5e3,"x"],"b":{"c":null}}`},
		{"integer keys are strings", "200: {description: ok}", `{"200":{"description":"ok"}}`},
		{"escapes", `s: "tab\t \"quoted\" <b> é \u0001"`, `{"s":"tab\t \"quoted\" <b> é \u0001"}`},
		{"block scalar", "s: |\n  two\n  lines\n", `{"s":"two\nlines\n"}`},
		{"booleans", "a: true\nb: False\nc: yes", `{"a":true,"b":false,"c":"yes"}`},
		{"JSON is YAML", `{"a": {"b": [true, null, 0.5]}}`, `{"a":{"b":[true,null,0.5]}}`},
		{"explicit string tag", "a: !!str 12", ""},
		{"leading zeros", "a: 007", ""},
		{"negative zero integer", "a: -0", ""},
		{"negative zero float", "a: -0.0", `{"a":-0.0}`},
		{"hex key", "0x10: a", ""},
		{"null key", "~: a", ""},
		{"empty document", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(tt.yaml), &root); err != nil {
				t.Fatal(err)
			}
			text, ok := toJSON(&root)
			var compact strings.Builder
			for _, line := range strings.Split(string(text), "\n") {
				compact.WriteString(line)
			}
			if got := compact.String(); ok != (tt.want != "") || got != tt.want {
				t.Errorf("toJSON(%q) = %s, %t; want %s", tt.yaml, got, ok, tt.want)
			}
		})
	}
}

// FuzzToJSON checks that whatever toJSON converts means in JSON what it means in YAML, as
// the YAML decoder kin-openapi's YAML path uses reads it.
func FuzzToJSON(f *testing.F) {
	for _, seed := range []string{"a: [1, -2.5e3, x, ~, true]", "200: {description: ok}", `{"a": "\u00e9\t"}`,
		"a: &x 1\nb: *x", "s: |\n  two\n", "a: 1e400", "a: !!str 5", "-1: -0"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var root yaml.Node
		if yaml.Unmarshal([]byte(doc), &root) != nil {
			return
		}
		text, ok := toJSON(&root)
		if !ok {
			return
		}
		var got any
		if err := json.Unmarshal(text, &got); err != nil {
			t.Fatalf("toJSON(%q) = %s: %v", doc, text, err)
		}
		dec := yaml.NewDecoder(strings.NewReader(doc))
		dec.DisableTimestamps(true)
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("toJSON(%q) = %s, but the YAML decoder says %v", doc, text, err)
		}
		if want := jsonValue(want); !reflect.DeepEqual(got, want) {
			t.Errorf("toJSON(%q) = %s, means %#v; want %#v", doc, text, got, want)
		}
	})
}

// jsonValue is v, as the YAML decoder gives it, in the form encoding/json decodes it.
func jsonValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = jsonValue(e)
		}
		return out
	case map[any]any:
		out := map[string]any{}
		for k, e := range v {
			out[fmt.Sprint(k)] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}
