package dotnet_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/interop/dotnet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGenerateGolden pins the C# classes generated for testdata/rules.yaml (no Mono
// needed): contract names and namespaces, base class, declaration order, DataMember names,
// nullable value types, List<int?>, dictionaries, DateTimeOffset.
func TestGenerateGolden(t *testing.T) {
	s, err := spec.LoadFile("testdata/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := dotnet.Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/rules.cs"
	if *update {
		if err := os.WriteFile(golden, []byte(m.Source), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != string(want) {
		t.Errorf("Generate(rules.yaml) differs from %s (go test ./interop/dotnet -run TestGenerateGolden -update):\n%s", golden, m.Source)
	}
}

// TestGenerateEveryKnownSpec generates C# for every spec the project knows (no Mono
// needed): each must generate, register a C# type for each of its layouts, and have a
// time zone for the rig.
func TestGenerateEveryKnownSpec(t *testing.T) {
	known, _ := specs(t)
	for name, s := range known {
		m, err := dotnet.Generate(s)
		if err != nil {
			t.Errorf("Generate(%s): %v", name, err)
			continue
		}
		for _, op := range s.Operations {
			for _, mt := range op.RequestMediaTypes {
				if m.TypeOf(op.Request[mt]) == "" {
					t.Errorf("%s: %s request %s has no C# type", name, op.ID, mt)
				}
			}
		}
		if !strings.Contains(m.Source, "public static class Types") {
			t.Errorf("%s: no type registry", name)
		}
		if _, err := dotnet.LocalZone(s); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestGenerateObjectAndKeys: a System.Object member is a C# object (written <Extra />,
// not as a dictionary), and a dictionary's x-dotnet-key is its C# key type
// (KeyValueOfintboolean entries).
func TestGenerateObjectAndKeys(t *testing.T) {
	s, err := spec.Load("widgets.yaml", []byte(`openapi: 3.0.3
info: {title: widgets, version: "1"}
paths:
  /api/widgets:
    get:
      operationId: getWidget
      responses:
        '200':
          description: OK
          content:
            application/xml:
              schema: {$ref: '#/components/schemas/Widget'}
components:
  schemas:
    Widget:
      type: object
      xml: {name: Widget, namespace: http://schemas.datacontract.org/2004/07/Widgets}
      properties:
        Extra: {type: object, x-dotnet-type: System.Object, nullable: true}
        Flags:
          type: object
          nullable: true
          additionalProperties: {type: boolean}
          x-dotnet-key: {type: integer, format: int32}
        Names:
          type: object
          additionalProperties: {type: string}
`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := dotnet.Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"public object Extra ", "public Dictionary<int,bool> Flags ", "public Dictionary<string,string> Names "} {
		if !strings.Contains(m.Source, want) {
			t.Errorf("generated C# has no %q:\n%s", want, m.Source)
		}
	}
}
