package helppage_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// xmlSerializerPages are the corpus folders whose XML samples XmlSerializer wrote.
var xmlSerializerPages = []string{"parcels", "consignments", "ledger"}

// TestXmlSerializerPages imports pages whose XML samples XmlSerializer wrote: the spec
// states x-dotnet-xml-serializer, each XML sample read and written again through its
// compiled layout comes back byte for byte (no data contract namespace, declaration order
// with the base class first, <string> items), and the mock serving the spec answers each
// operation in XML with the page's sample. (Read first: the JSON example's 2.0 is the
// number 2 once the spec is loaded.)
func TestXmlSerializerPages(t *testing.T) {
	for _, dir := range xmlSerializerPages {
		t.Run(dir, func(t *testing.T) {
			res := importDir(t, filepath.Join("testdata/helppages", dir), "")
			s, err := spec.Load(dir, res.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if s.XMLSerializer() != model.XMLSerializer {
				t.Fatalf("XMLSerializer() = %v, want XmlSerializer", s.XMLSerializer())
			}
			srv, err := mock.New(mock.Options{Spec: bridge.Public(s)})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			for _, o := range s.Operations {
				roundTrip(t, o.ID+" request", o.Request[spec.ApplicationXML], o.RequestExamples)
				roundTrip(t, o.ID+" response", o.Response(o.SuccessStatus(), spec.ApplicationXML), o.ResponseExamples)
				want, ok := o.ResponseExamples[spec.ApplicationXML][spec.DocsExample].(string)
				if !ok {
					continue
				}
				reqXML, _ := o.RequestExamples[spec.ApplicationXML][spec.DocsExample].(string)
				path := strings.NewReplacer("{id}", "4").Replace(o.Path)
				req, err := http.NewRequest(o.Method, ts.URL+path, strings.NewReader(reqXML))
				if err != nil {
					t.Fatal(err)
				}
				if reqXML != "" {
					req.Header.Set("Content-Type", "application/xml")
				}
				req.Header.Set("Accept", "application/xml")
				req.Header.Set("Prefer", "example=docs")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !bytes.Equal(body, []byte(want)) {
					t.Errorf("%s %s (XML) = %d\n%s\nwant 200\n%s", o.Method, path, resp.StatusCode, body, want)
				}
			}
		})
	}
}

// roundTrip decodes the XML docs example with layout and encodes it again: the bytes must
// not change.
func roundTrip(t *testing.T, where string, layout *model.Type, examples map[string]map[string]any) {
	t.Helper()
	want, ok := examples[spec.ApplicationXML][spec.DocsExample].(string)
	if !ok || layout == nil {
		return
	}
	value, problems, err := dcxml.Decode(layout, []byte(want), dcxml.DecodeOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("%s: Decode(sample) = %v, %v; want no problem", where, problems, err)
	}
	got, err := dcxml.Encode(layout, value)
	if err != nil {
		t.Fatalf("%s: Encode(Decode(sample)) error: %v", where, err)
	}
	if string(got) != want {
		t.Errorf("%s: Encode(Decode(sample)) =\n%s\nwant the page's XmlSerializer sample\n%s", where, got, want)
	}
}

// TestXmlSerializerDetection: the extension is written only for XmlSerializer's samples
// (xmlns:xsi and xmlns:xsd on the root, no data contract namespace); pages that disagree
// get a warning naming the extension.
func TestXmlSerializerDetection(t *testing.T) {
	const ext = "\nx-dotnet-xml-serializer: XmlSerializer\n"
	xsPage := `POST api/things
Request Information
Body Parameters
Thing
Name | Description | Type | Additional information |
---|---|---|---|
Name | string |
None. |
Request Formats
application/xml, text/xml
Sample:
ROOT
Response Information
Resource Description
None.
`
	for _, tt := range []struct {
		name, sample string
		want         bool
	}{
		{"XmlSerializer", `<Thing xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"> <Name>a</Name> </Thing>`, true},
		{"declarations in .NET Core's order", `<Thing xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <Name>a</Name> </Thing>`, true},
		{"DataContractSerializer", `<Thing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Things"> <Name>a</Name> </Thing>`, false},
		{"xsi only", `<Thing xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <Name>a</Name> </Thing>`, false},
		{"xsd on a child", `<Thing xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"> <Name xmlns:xsd="http://www.w3.org/2001/XMLSchema">a</Name> </Thing>`, false},
		{"data contract namespace inside", `<Thing xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"> <Name xmlns="http://schemas.datacontract.org/2004/07/Things">a</Name> </Thing>`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := helppage.Document{Name: "things.txt", Data: []byte(strings.Replace(xsPage, "ROOT", tt.sample, 1))}
			res, err := helppage.Import([]helppage.Document{doc}, helppage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(res.YAML), ext); got != tt.want {
				t.Errorf("Import(%s) sets x-dotnet-xml-serializer: %v, want %v\n%s", tt.sample, got, tt.want, res.YAML)
			}
		})
	}
	t.Run("pages disagree", func(t *testing.T) {
		docs := append(readDocs(t, "testdata/helppages/parcels"), readDocs(t, "testdata/helppages/catalogs")...)
		res, err := helppage.Import(docs, helppage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var warned bool
		for _, w := range res.Warnings {
			warned = warned || strings.Contains(w.Message, "by DataContractSerializer; x-dotnet-xml-serializer: XmlSerializer assumed")
		}
		if !warned || !strings.Contains(string(res.YAML), ext) {
			t.Errorf("Import(parcels, catalogs): warned %v, extension %v; want both", warned, strings.Contains(string(res.YAML), ext))
		}
	})
	t.Run("the overlay decides", func(t *testing.T) {
		res, err := helppage.Import(readDocs(t, "testdata/helppages/parcels"),
			helppage.Options{Overlay: []byte("x-dotnet-xml-serializer: DataContractSerializer\n")})
		if err != nil {
			t.Fatal(err)
		}
		if y := string(res.YAML); !strings.Contains(y, "\nx-dotnet-xml-serializer: DataContractSerializer\n") || strings.Contains(y, ext) {
			t.Errorf("Import(parcels, overlay DataContractSerializer) =\n%s\nwant the overlay's value", y)
		}
	})
}
