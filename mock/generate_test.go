package mock

import (
	"reflect"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

func loadShapes(tb testing.TB) *spec.Spec {
	tb.Helper()
	sp, err := spec.LoadFile("testdata/nofixtures/shapes.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return sp
}

var (
	uuidForm        = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	dateTimeForm    = regexp.MustCompile(openapi3.FormatOfStringDateTime)
	jsonNetDTOForm  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,6}[1-9])?[+-]\d{2}:\d{2}$`)
	emailForm       = regexp.MustCompile(`^[a-z.]+@example\.com$`)
	codeForm        = regexp.MustCompile(`^[A-Z]{3}-\d{4}$`)
	httpsForm       = regexp.MustCompile(`^https://example\.com/`)
	generatedThings = []string{"Id", "Email", "Site", "Created", "When", "Code", "Phone", "Short", "Long", "Count",
		"Big", "Price", "Ratio", "Color", "Level", "Enabled", "Page", "Step", "Tags", "Many", "Flags", "Levels", "Scores", "Meta",
		"Label", "Parent", "Children"}
)

// TestGeneratedValues checks each keyword the generator reads on the Thing schema of
// testdata/nofixtures/shapes.yaml, then that the whole value passes the schema and
// writes in XML.
func TestGeneratedValues(t *testing.T) {
	sp := loadShapes(t)
	o := sp.Operation("getThing")
	sc := generatedScenario(o)
	thing, ok := sc.docs[spec.ApplicationJSON].(map[string]any)
	if !ok {
		t.Fatalf("generated application/json value = %#v, want an object", sc.docs[spec.ApplicationJSON])
	}
	for _, name := range generatedThings {
		if _, ok := thing[name]; !ok {
			t.Errorf("generated Thing has no member %s", name)
		}
	}
	str := func(name string) string { s, _ := thing[name].(string); return s }
	num := func(name string) float64 {
		switch v := thing[name].(type) {
		case int64:
			return float64(v)
		case float64:
			return v
		}
		t.Errorf("%s = %#v, want a number", name, thing[name])
		return 0
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"Id is a UUID", uuidForm.MatchString(str("Id"))},
		{"Email is an address", emailForm.MatchString(str("Email"))},
		{"Site is a URI", httpsForm.MatchString(str("Site"))},
		{"Created is a date-time", dateTimeForm.MatchString(str("Created"))},
		{"When is a Json.NET DateTimeOffset", jsonNetDTOForm.MatchString(str("When"))},
		{"Code matches its pattern", codeForm.MatchString(str("Code"))},
		{"Phone matches its pattern", regexp.MustCompile(`^\+?[0-9]{7,12}$`).MatchString(str("Phone"))},
		{"Short is within maxLength 5", utf8.RuneCountInString(str("Short")) <= 5 && str("Short") != ""},
		{"Long is within 20..30", utf8.RuneCountInString(str("Long")) >= 20 && utf8.RuneCountInString(str("Long")) <= 30},
		{"Count is within 1..10", num("Count") >= 1 && num("Count") <= 10},
		{"Big is at least its minimum", num("Big") >= 5000000000},
		{"Price is within 0.5..2", num("Price") >= 0.5 && num("Price") <= 2},
		{"Ratio is within the exclusive (0, 1)", num("Ratio") > 0 && num("Ratio") < 1},
		{"Color is an enum member", slices.Contains([]string{"Red", "Green", "Blue"}, str("Color"))},
		{"Level is an enum member", slices.Contains([]any{1.0, 2.0, 3.0}, thing["Level"])},
		{"Enabled is its default", thing["Enabled"] == true},
		{"Page is its default", num("Page") == 20},
		{"Step is a positive multiple of 5", num("Step") >= 5 && int(num("Step"))%5 == 0},
		{"Tags has two items", len(asSlice(thing["Tags"])) == 2},
		{"Many has its minItems, 20", len(asSlice(thing["Many"])) == 20},
		{"Flags has two different items", len(asSlice(thing["Flags"])) == 2 && distinct(asSlice(thing["Flags"]))},
		{"Levels has three different items", len(asSlice(thing["Levels"])) == 3 && distinct(asSlice(thing["Levels"]))},
		{"Scores has two entries", len(asMap(thing["Scores"])) == 2},
		{"Meta, a free-form object, is {}", thing["Meta"] != nil && len(asMap(thing["Meta"])) == 0},
		{"Label is a nested class", asMap(thing["Label"])["Name"] != nil},
		{"Parent is a Thing", asMap(thing["Parent"])["Id"] != nil},
		{"Parent's Parent ends the recursion", asMap(thing["Parent"])["Parent"] == nil},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: generated Thing = %v", c.name, thing)
		}
	}
	for mt, layout := range o.Responses[200] {
		v := sc.docs[mt]
		if err := layout.Schema.VisitJSON(v, openapi3.MultiErrors()); err != nil {
			t.Errorf("generated %s value fails its schema: %v", mt, err)
		}
		if _, err := dcxml.Encode(layout, v); err != nil {
			t.Errorf("generated %s value does not write as XML: %v", mt, err)
		}
	}
}

func asSlice(v any) []any { s, _ := v.([]any); return s }
func distinct(items []any) bool {
	for i := range items {
		for j := range i {
			if reflect.DeepEqual(items[i], items[j]) {
				return false
			}
		}
	}
	return true
}
func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

// TestGeneratedIsDeterministic: the same operation gets the same values every time (a new
// server, a reload), and two operations of the same class get different ones.
func TestGeneratedIsDeterministic(t *testing.T) {
	sp := loadShapes(t)
	a := generatedScenario(sp.Operation("getThing")).docs
	b := generatedScenario(loadShapes(t).Operation("getThing")).docs
	if !reflect.DeepEqual(a, b) {
		t.Errorf("generated values differ between two loads:\n%v\n%v", a, b)
	}
	if a[spec.ApplicationJSON].(map[string]any)["Id"] != a[spec.ApplicationXML].(map[string]any)["Id"] {
		t.Errorf("JSON and XML answers have different values")
	}
	one := generatedScenario(sp.Operation("getJsonOnly")).docs[spec.ApplicationJSON]
	other := generatedScenario(sp.Operation("getWrongDocs")).docs[spec.ApplicationJSON]
	if reflect.DeepEqual(one, other) {
		t.Errorf("two operations got the same generated value %v", one)
	}
}

func TestDictionaryKeys(t *testing.T) {
	tests := []struct{ itemName, want string }{
		{"KeyValueOfstringint", "key1"},
		{"KeyValueOfintboolean", "1"},
		{"KeyValueOflongstring", "1"},
	}
	for _, tt := range tests {
		keys := mapKeys(&model.Type{ItemName: tt.itemName}, 1)
		if keys[0] != tt.want {
			t.Errorf("mapKeys(%s) = %v, want first %q", tt.itemName, keys, tt.want)
		}
	}
	if keys := mapKeys(&model.Type{ItemName: "KeyValueOfguidstring"}, 1); !uuidForm.MatchString(keys[0]) || keys[0] == keys[1] {
		t.Errorf("mapKeys(KeyValueOfguidstring) = %v, want two UUIDs", keys)
	}
}

func TestByName(t *testing.T) {
	tests := []struct {
		name string
		want *regexp.Regexp
	}{
		{"Email", emailForm},
		{"contact_email", emailForm},
		{"isSuccess", regexp.MustCompile(`^(true|false)$`)},
		{"DateOfData", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)},
		{"WebsiteUrl", httpsForm},
		{"FirstName", regexp.MustCompile(`^[A-Z][a-zã]+$`)},
		{"CustomerName", regexp.MustCompile(`^[A-Z]\S+ [A-Z]\S+$`)},
		{"Description", regexp.MustCompile(`^The [a-z]+ description \d+\.$`)},
		{"OrderNumber", regexp.MustCompile(`^[A-Z]{3}-\d+$`)},
		{"Island", regexp.MustCompile(`^Island \d+$`)},
		{"", regexp.MustCompile(`^[a-z]+ \d+$`)},
	}
	for _, tt := range tests {
		if got := byName(tt.name, 77); !tt.want.MatchString(got) {
			t.Errorf("byName(%q) = %q, want a match for %s", tt.name, got, tt.want)
		}
	}
}

// TestGeneratedItemsBudget: collections get their minItems, but one answer gets at most
// maxGeneratedItems items in all (then two per collection), so that nested collections
// with large minItems cannot make a huge value.
func TestGeneratedItemsBudget(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /grid:
    get:
      operationId: getGrid
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                minItems: 800
                items:
                  type: array
                  minItems: 800
                  items: {type: string}
`
	sp, err := spec.Load("grid.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	o := sp.Operation("getGrid")
	grid := asSlice(generatedScenario(o).docs[spec.ApplicationJSON])
	if len(grid) != 800 {
		t.Fatalf("outer collection has %d items, want its minItems, 800", len(grid))
	}
	total := len(grid)
	for _, row := range grid {
		total += len(asSlice(row))
	}
	if total > 2*maxGeneratedItems+2*800 {
		t.Errorf("the answer has %d items in all, want at most the budget of %d plus two per row", total, maxGeneratedItems)
	}
}
