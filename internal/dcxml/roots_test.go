package dcxml_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
)

// rootSchemas are the Help Page corpus's shapes that are not a class at the root, and a
// class with dictionaries, as the importer writes them (internal/helppage/testdata).
const rootSchemas = `
openapi: 3.0.3
info: {title: roots, version: "1"}
paths: {}
components:
  schemas:
    Note:
      type: object
      xml: {name: Note, namespace: "http://schemas.datacontract.org/2004/07/Notes.Api"}
      properties:
        Title: {type: string, nullable: true}
        Body: {type: string, nullable: true}
        Pinned: {type: boolean}
    Notes: {type: array, nullable: true, xml: {wrapped: true}, items: {$ref: '#/components/schemas/Note'}}
    Ints: {type: array, nullable: true, xml: {wrapped: true}, items: {type: integer, format: int32}}
    Strings: {type: array, nullable: true, xml: {wrapped: true}, items: {type: string, nullable: true}}
    Int: {type: integer, format: int32}
    Long: {type: integer, format: int64}
    String: {type: string, nullable: true}
    Bool: {type: boolean}
    Decimal: {type: number}
    Double: {type: number, format: double}
    Guid: {type: string, format: uuid}
    DateTime: {type: string, format: date-time}
    IntMap: {type: object, nullable: true, additionalProperties: {type: integer, format: int32}}
    UserSettings:
      type: object
      xml: {name: UserSettings, namespace: "http://schemas.datacontract.org/2004/07/Accounts.Settings"}
      properties:
        Theme: {type: string, nullable: true}
        Flags: {type: object, nullable: true, additionalProperties: {type: boolean}}
        Limits: {type: object, nullable: true, additionalProperties: {type: integer, format: int32}}
        S: {type: object, nullable: true, additionalProperties: {type: string, nullable: true}}
    NoteMap:
      type: object
      nullable: true
      additionalProperties: {type: object, nullable: true, allOf: [{$ref: '#/components/schemas/Note'}]}
    IntsMap: {type: object, nullable: true, additionalProperties: {$ref: '#/components/schemas/Ints'}}
    IntMapMap: {type: object, nullable: true, additionalProperties: {$ref: '#/components/schemas/IntMap'}}
    OffsetMap:
      type: object
      nullable: true
      additionalProperties: {type: string, format: date-time, x-dotnet-type: System.DateTimeOffset}
    NoteMaps: {type: array, nullable: true, xml: {wrapped: true}, items: {$ref: '#/components/schemas/NoteMap'}}
    Holder:
      type: object
      xml: {name: Holder, namespace: "http://schemas.datacontract.org/2004/07/Accounts.Settings"}
      properties:
        Lists: {$ref: '#/components/schemas/IntsMap'}
        Notes: {$ref: '#/components/schemas/NoteMap'}
        Theme: {type: string, nullable: true}
    Nulls:
      type: object
      xml: {name: Nulls, namespace: "http://schemas.datacontract.org/2004/07/Accounts.Settings"}
      properties:
        A: {$ref: '#/components/schemas/Strings'}
        B: {$ref: '#/components/schemas/Notes'}
        C: {$ref: '#/components/schemas/IntMap'}
        D: {$ref: '#/components/schemas/NoteMap'}
        E: {type: string, nullable: true}
        F: {type: object, nullable: true, allOf: [{$ref: '#/components/schemas/Note'}]}
        G: {type: integer, format: int32, nullable: true}
        H: {type: string, format: date-time, nullable: true, x-dotnet-type: System.DateTimeOffset}
    NullableInts: {type: array, nullable: true, xml: {wrapped: true}, items: {type: integer, format: int32, nullable: true}}
    NullableIntMap: {type: object, nullable: true, additionalProperties: {type: integer, format: int32, nullable: true}}
    NullableOffsets:
      type: array
      nullable: true
      xml: {wrapped: true}
      items: {type: string, format: date-time, nullable: true, x-dotnet-type: System.DateTimeOffset}
`

// rootCases hold the bytes Mono's DataContractSerializer writes (TestRootsReference
// re-derives them with the C# expression).
var rootCases = []struct {
	name, schema, value, csharp, want string
}{
	{"list of classes", "Notes", `[{"Title":"t","Body":null,"Pinned":true},{"Title":"u","Body":"b","Pinned":false}]`,
		`new List<Notes.Api.Note>{new Notes.Api.Note{Title="t", Pinned=true}, new Notes.Api.Note{Title="u", Body="b"}}`,
		`<ArrayOfNote xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Notes.Api"><Note><Body i:nil="true" /><Pinned>true</Pinned><Title>t</Title></Note><Note><Body>b</Body><Pinned>false</Pinned><Title>u</Title></Note></ArrayOfNote>`},
	{"empty list", "Notes", `[]`, `new List<Notes.Api.Note>()`,
		`<ArrayOfNote xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Notes.Api" />`},
	{"null list", "Notes", `null`, `(List<Notes.Api.Note>)null`,
		`<ArrayOfNote i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Notes.Api" />`},
	{"null class", "Note", `null`, `(Notes.Api.Note)null`,
		`<Note i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Notes.Api" />`},
	{"list of int", "Ints", `[1,2]`, `new List<int>{1, 2}`,
		`<ArrayOfint xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><int>1</int><int>2</int></ArrayOfint>`},
	{"list of string", "Strings", `["a",null]`, `new List<string>{"a", null}`,
		`<ArrayOfstring xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><string>a</string><string i:nil="true" /></ArrayOfstring>`},
	{"int", "Int", `5`, `5`, `<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">5</int>`},
	{"long", "Long", `5`, `5L`, `<long xmlns="http://schemas.microsoft.com/2003/10/Serialization/">5</long>`},
	{"string", "String", `"x"`, `"x"`, `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">x</string>`},
	{"null string", "String", `null`, `(string)null`,
		`<string i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/" />`},
	{"boolean", "Bool", `true`, `true`, `<boolean xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</boolean>`},
	{"decimal", "Decimal", `1.5`, `1.5m`, `<decimal xmlns="http://schemas.microsoft.com/2003/10/Serialization/">1.5</decimal>`},
	{"double", "Double", `1.5`, `1.5`, `<double xmlns="http://schemas.microsoft.com/2003/10/Serialization/">1.5</double>`},
	{"guid", "Guid", `"00000000-0000-0000-0000-000000000000"`, `Guid.Empty`,
		`<guid xmlns="http://schemas.microsoft.com/2003/10/Serialization/">00000000-0000-0000-0000-000000000000</guid>`},
	{"dateTime", "DateTime", `"2024-11-21T08:42:50Z"`, `new DateTime(2024, 11, 21, 8, 42, 50, DateTimeKind.Utc)`,
		`<dateTime xmlns="http://schemas.microsoft.com/2003/10/Serialization/">2024-11-21T08:42:50Z</dateTime>`},
	{"dictionary", "IntMap", `{"a":1}`, `new Dictionary<string,int>{{"a", 1}}`,
		`<ArrayOfKeyValueOfstringint xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`},
	{"dictionary members", "UserSettings", `{"Theme":null,"Flags":{"k":true},"Limits":{},"S":{"a":null}}`,
		`new Accounts.Settings.UserSettings{Flags=new Dictionary<string,bool>{{"k", true}}, Limits=new Dictionary<string,int>(), S=new Dictionary<string,string>{{"a", null}}}`,
		`<UserSettings xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Accounts.Settings"><Flags xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringboolean><d2p1:Key>k</d2p1:Key><d2p1:Value>true</d2p1:Value></d2p1:KeyValueOfstringboolean></Flags><Limits xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" /><S xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringstring><d2p1:Key>a</d2p1:Key><d2p1:Value i:nil="true" /></d2p1:KeyValueOfstringstring></S><Theme i:nil="true" /></UserSettings>`},
	// A dictionary whose values' data contract is not in a built-in namespace gets a digest
	// of the namespaces after its entry name (DataContract.GetDefaultStableLocalName).
	{"dictionary of classes", "NoteMap", `{"a":{"Title":"t","Body":null,"Pinned":true}}`,
		`new Dictionary<string,Notes.Api.Note>{{"a", new Notes.Api.Note{Title="t", Pinned=true}}}`,
		`<ArrayOfKeyValueOfstringNote1nUFNFzU xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringNote1nUFNFzU><Key>a</Key><Value xmlns:d3p1="http://schemas.datacontract.org/2004/07/Notes.Api"><d3p1:Body i:nil="true" /><d3p1:Pinned>true</d3p1:Pinned><d3p1:Title>t</d3p1:Title></Value></KeyValueOfstringNote1nUFNFzU></ArrayOfKeyValueOfstringNote1nUFNFzU>`},
	{"dictionary of lists", "IntsMap", `{"a":[1,2]}`,
		`new Dictionary<string,List<int>>{{"a", new List<int>{1, 2}}}`,
		`<ArrayOfKeyValueOfstringArrayOfintty7Ep6D1 xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringArrayOfintty7Ep6D1><Key>a</Key><Value><int>1</int><int>2</int></Value></KeyValueOfstringArrayOfintty7Ep6D1></ArrayOfKeyValueOfstringArrayOfintty7Ep6D1>`},
	{"dictionary of dictionaries", "IntMapMap", `{"a":{"b":1}}`,
		`new Dictionary<string,Dictionary<string,int>>{{"a", new Dictionary<string,int>{{"b", 1}}}}`,
		`<ArrayOfKeyValueOfstringArrayOfKeyValueOfstringintty7Ep6D1 xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringArrayOfKeyValueOfstringintty7Ep6D1><Key>a</Key><Value><KeyValueOfstringint><Key>b</Key><Value>1</Value></KeyValueOfstringint></Value></KeyValueOfstringArrayOfKeyValueOfstringintty7Ep6D1></ArrayOfKeyValueOfstringArrayOfKeyValueOfstringintty7Ep6D1>`},
	{"dictionary of DateTimeOffset", "OffsetMap", `{"a":"2020-01-02T03:04:05+00:00"}`,
		`new Dictionary<string,DateTimeOffset>{{"a", new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero)}}`,
		`<ArrayOfKeyValueOfstringDateTimeOffsetU6ho3Bhd xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringDateTimeOffsetU6ho3Bhd><Key>a</Key><Value xmlns:d3p1="http://schemas.datacontract.org/2004/07/System"><d3p1:DateTime>2020-01-02T03:04:05Z</d3p1:DateTime><d3p1:OffsetMinutes>0</d3p1:OffsetMinutes></Value></KeyValueOfstringDateTimeOffsetU6ho3Bhd></ArrayOfKeyValueOfstringDateTimeOffsetU6ho3Bhd>`},
	// A null class, collection, dictionary or DateTimeOffset declares its contract's
	// namespace, though nothing uses it; a null primitive does not.
	{"null members", "Nulls", `{"A":null,"B":null,"C":null,"D":null,"E":null,"F":null,"G":null,"H":null}`,
		`new Accounts.Settings.Nulls()`,
		`<Nulls xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Accounts.Settings"><A xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" i:nil="true" /><B xmlns:d2p1="http://schemas.datacontract.org/2004/07/Notes.Api" i:nil="true" /><C xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" i:nil="true" /><D xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" i:nil="true" /><E i:nil="true" /><F xmlns:d2p1="http://schemas.datacontract.org/2004/07/Notes.Api" i:nil="true" /><G i:nil="true" /><H xmlns:d2p1="http://schemas.datacontract.org/2004/07/System" i:nil="true" /></Nulls>`},
	// Nullable<T> of a value type is a generic in the System namespace: it names the
	// collection (its items keep T's name) and the dictionary entry.
	{"list of nullable int", "NullableInts", `[1,null]`, `new List<int?>{1, null}`,
		`<ArrayOfNullableOfint xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/System"><int>1</int><int i:nil="true" /></ArrayOfNullableOfint>`},
	{"dictionary of nullable int", "NullableIntMap", `{"a":null}`, `new Dictionary<string,int?>{{"a", null}}`,
		`<ArrayOfKeyValueOfstringNullableOfintU6ho3Bhd xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><KeyValueOfstringNullableOfintU6ho3Bhd><Key>a</Key><Value i:nil="true" /></KeyValueOfstringNullableOfintU6ho3Bhd></ArrayOfKeyValueOfstringNullableOfintU6ho3Bhd>`},
	{"list of nullable DateTimeOffset", "NullableOffsets", `[null]`, `new List<DateTimeOffset?>{null}`,
		`<ArrayOfNullableOfDateTimeOffset5F2dSckg xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/System"><DateTimeOffset i:nil="true" /></ArrayOfNullableOfDateTimeOffset5F2dSckg>`},
	{"list of dictionaries of classes", "NoteMaps", `[{"a":null}]`,
		`new List<Dictionary<string,Notes.Api.Note>>{new Dictionary<string,Notes.Api.Note>{{"a", null}}}`,
		`<ArrayOfArrayOfKeyValueOfstringNote1nUFNFzU xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><ArrayOfKeyValueOfstringNote1nUFNFzU><KeyValueOfstringNote1nUFNFzU><Key>a</Key><Value xmlns:d4p1="http://schemas.datacontract.org/2004/07/Notes.Api" i:nil="true" /></KeyValueOfstringNote1nUFNFzU></ArrayOfKeyValueOfstringNote1nUFNFzU></ArrayOfArrayOfKeyValueOfstringNote1nUFNFzU>`},
	{"dictionaries of classes and lists as members", "Holder", `{"Lists":{"k":[3]},"Notes":{"a":{"Title":"t","Body":null,"Pinned":false}},"Theme":"x"}`,
		`new Accounts.Settings.Holder{Theme="x", Notes=new Dictionary<string,Notes.Api.Note>{{"a", new Notes.Api.Note{Title="t"}}}, Lists=new Dictionary<string,List<int>>{{"k", new List<int>{3}}}}`,
		`<Holder xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Accounts.Settings"><Lists xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringArrayOfintty7Ep6D1><d2p1:Key>k</d2p1:Key><d2p1:Value><d2p1:int>3</d2p1:int></d2p1:Value></d2p1:KeyValueOfstringArrayOfintty7Ep6D1></Lists><Notes xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringNote1nUFNFzU><d2p1:Key>a</d2p1:Key><d2p1:Value xmlns:d4p1="http://schemas.datacontract.org/2004/07/Notes.Api"><d4p1:Body i:nil="true" /><d4p1:Pinned>false</d4p1:Pinned><d4p1:Title>t</d4p1:Title></d2p1:Value></d2p1:KeyValueOfstringNote1nUFNFzU></Notes><Theme>x</Theme></Holder>`},
}

// rootLayout compiles the schema named name of rootSchemas.
func rootLayout(tb testing.TB, name string) *model.Type {
	tb.Helper()
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData([]byte(rootSchemas))
	if err != nil {
		tb.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	t, err := model.NewCompiler().Compile(doc.Components.Schemas[name])
	if err != nil {
		tb.Fatalf("Compile(%s) = %v", name, err)
	}
	return t
}

func TestEncodeRoots(t *testing.T) {
	for _, tt := range rootCases {
		t.Run(tt.name, func(t *testing.T) {
			l := rootLayout(t, tt.schema)
			v := jsonValue(t, tt.value)
			got, err := dcxml.Encode(l, v)
			if err != nil {
				t.Fatalf("Encode(%s) error: %v", tt.value, err)
			}
			if string(got) != tt.want {
				t.Errorf("Encode(%s) =\n%s\nwant\n%s", tt.value, got, tt.want)
			}
			back, problems, err := dcxml.Decode(l, got, dcxml.DecodeOptions{})
			if err != nil || (v != nil && len(problems) > 0) {
				t.Fatalf("Decode(%s) = %v, %v, want no problems", got, problems, err)
			}
			if !reflect.DeepEqual(back, v) {
				t.Errorf("Decode(%s) = %#v, want %#v", got, back, v)
			}
			// (A null root the contract does not mark nullable is a violation.)
			if vs := dcxml.Check(l, got); (v != nil || l.Nullable) && len(vs) > 0 {
				t.Errorf("Check(%s) = %v, want none", got, vs)
			}
		})
	}
}

func TestCheckRoots(t *testing.T) {
	const arrays = `xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"`
	tests := []struct {
		name, schema, body, want string
	}{
		{"wrong root", "Ints", `<ArrayOfstring ` + arrays + `><string>a</string></ArrayOfstring>`, "wrong root element"},
		{"wrong item", "Ints", `<ArrayOfint ` + arrays + `><long>1</long></ArrayOfint>`, "not an item"},
		{"bad int", "Int", `<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">x</int>`, "not an integer"},
		{"nil int", "Int", `<int i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/" />`, "null for a member"},
		{"entry without value", "IntMap", `<ArrayOfKeyValueOfstringint ` + arrays + `><KeyValueOfstringint><Key>a</Key></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`, "Key then Value"},
		{"duplicate key", "IntMap", `<ArrayOfKeyValueOfstringint ` + arrays + `><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`, "twice"},
		{"value not int", "IntMap", `<ArrayOfKeyValueOfstringint ` + arrays + `><KeyValueOfstringint><Key>a</Key><Value>x</Value></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`, "not an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := dcxml.Check(rootLayout(t, tt.schema), []byte(tt.body))
			if len(vs) == 0 || !strings.Contains(vs[0].String(), tt.want) {
				t.Errorf("Check(%s) = %v, want a violation containing %q", tt.body, vs, tt.want)
			}
		})
	}
}

func TestDecodeRootErrors(t *testing.T) {
	const arrays = `xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"`
	tests := []struct {
		name, schema, body, want string
	}{
		{"wrong root", "Notes", `<Note xmlns="http://schemas.datacontract.org/2004/07/Notes.Api" />`, "expecting element"},
		{"bad primitive", "Int", `<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">x</int>`, "cannot be parsed"},
		{"entry without key", "IntMap", `<ArrayOfKeyValueOfstringint ` + arrays + `><KeyValueOfstringint><Value>1</Value></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`, "without a Key"},
		{"duplicate key", "IntMap", `<ArrayOfKeyValueOfstringint ` + arrays + `><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint><KeyValueOfstringint><Key>a</Key><Value>2</Value></KeyValueOfstringint></ArrayOfKeyValueOfstringint>`, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := dcxml.Decode(rootLayout(t, tt.schema), []byte(tt.body), dcxml.DecodeOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode(%s) error = %v, want one containing %q", tt.body, err, tt.want)
			}
		})
	}
}

// TestRootsReference compiles a C# program with Mono's mcs into a temporary directory and
// checks rootCases' expected bytes against the real DataContractSerializer.
func TestRootsReference(t *testing.T) {
	var mcs string
	for _, tool := range []string{"mono", "mcs"} {
		path, err := exec.LookPath(tool)
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (CI=true requires it): interop/dotnet/install.sh", tool)
			}
			t.Skipf("%s is not installed: install Mono from Debian with interop/dotnet/install.sh", tool)
		}
		mcs = path
	}
	var prog strings.Builder
	prog.WriteString(`using System; using System.IO; using System.Text; using System.Xml;
using System.Collections.Generic; using System.Runtime.Serialization;
namespace Notes.Api { public class Note { public string Title {get;set;} public string Body {get;set;} public bool Pinned {get;set;} } }
namespace Accounts.Settings { public class UserSettings { public string Theme {get;set;} public Dictionary<string,bool> Flags {get;set;} public Dictionary<string,int> Limits {get;set;} public Dictionary<string,string> S {get;set;} }
  public class Nulls { public List<string> A {get;set;} public List<Notes.Api.Note> B {get;set;} public Dictionary<string,int> C {get;set;} public Dictionary<string,Notes.Api.Note> D {get;set;} public string E {get;set;} public Notes.Api.Note F {get;set;} public int? G {get;set;} public DateTimeOffset? H {get;set;} }
  public class Holder { public string Theme {get;set;} public Dictionary<string,Notes.Api.Note> Notes {get;set;} public Dictionary<string,List<int>> Lists {get;set;} } }
public static class P {
  static void W<T>(T o) {
    var ms = new MemoryStream();
    var w = XmlWriter.Create(ms, new XmlWriterSettings{OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false)});
    new DataContractSerializer(typeof(T)).WriteObject(w, o); w.Flush();
    Console.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
  }
  public static void Main() {
`)
	for _, tt := range rootCases {
		prog.WriteString("    W(" + tt.csharp + ");\n")
	}
	prog.WriteString("  }\n}\n")
	dir := t.TempDir()
	src, exe := filepath.Join(dir, "roots.cs"), filepath.Join(dir, "roots.exe")
	if err := os.WriteFile(src, []byte(prog.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(mcs, "-r:System.Runtime.Serialization", "-r:System.Xml", "-out:"+exe, src).CombinedOutput(); err != nil {
		t.Fatalf("mcs: %v\n%s", err, out)
	}
	out, err := exec.Command("mono", exe).Output()
	if err != nil {
		t.Fatalf("mono %s: %v", exe, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n"))), "\n"), "\n")
	if len(lines) != len(rootCases) {
		t.Fatalf("mono %s wrote %d lines, want %d", exe, len(lines), len(rootCases))
	}
	for i, tt := range rootCases {
		t.Run(tt.name, func(t *testing.T) {
			if lines[i] != tt.want {
				t.Errorf("DataContractSerializer(%s) =\n%s\nwant (rootCases)\n%s", tt.csharp, lines[i], tt.want)
			}
		})
	}
}

// FuzzDecodeRoots decodes arbitrary bodies with the collection, dictionary and primitive
// layouts; whatever decodes must encode and decode back to the same value.
func FuzzDecodeRoots(f *testing.F) {
	for _, tt := range rootCases {
		f.Add(tt.schema, []byte(tt.want))
	}
	layouts := map[string]*model.Type{}
	for _, tt := range rootCases {
		if layouts[tt.schema] == nil {
			layouts[tt.schema] = rootLayout(f, tt.schema)
		}
	}
	f.Fuzz(func(t *testing.T, schema string, body []byte) {
		l := layouts[schema]
		if l == nil {
			return
		}
		v, _, err := dcxml.Decode(l, body, dcxml.DecodeOptions{})
		if err != nil || v == nil {
			return
		}
		out, err := dcxml.Encode(l, v)
		if err != nil {
			t.Fatalf("Encode(Decode(%q)) error: %v", body, err)
		}
		back, _, err := dcxml.Decode(l, out, dcxml.DecodeOptions{})
		if err != nil || !reflect.DeepEqual(back, v) {
			t.Fatalf("Decode(Encode(Decode(%q))) = %#v, %v, want %#v", body, back, err, v)
		}
	})
}
