package helppage_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// TestXmlSerializerPage imports a page whose XML samples XmlSerializer wrote: the spec
// states x-dotnet-xml-serializer, and the page's XML sample, read and written again
// through the compiled layout, comes back byte for byte (no data contract namespace,
// declaration order, <string> items), in requests and responses. (Read first: the JSON
// example's 2.0 is the number 2 once the spec is loaded.)
func TestXmlSerializerPage(t *testing.T) {
	res := importDir(t, "testdata/helppages/parcels", "")
	s, err := spec.Load("parcels", res.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if s.XMLSerializer() != model.XMLSerializer {
		t.Fatalf("XMLSerializer() = %v, want XmlSerializer", s.XMLSerializer())
	}
	o := s.Operation("postParcelsQuote")
	if o == nil {
		t.Fatal("no operation postParcelsQuote")
	}
	for _, tt := range []struct {
		name     string
		layout   *model.Type
		examples map[string]map[string]any
	}{
		{"request", o.Request[spec.ApplicationXML], o.RequestExamples},
		{"response", o.Response(200, spec.ApplicationXML), o.ResponseExamples},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := tt.examples[spec.ApplicationXML][spec.DocsExample].(string)
			value, problems, err := dcxml.Decode(tt.layout, []byte(want), dcxml.DecodeOptions{})
			if err != nil || len(problems) > 0 {
				t.Fatalf("Decode(sample) = %v, %v; want no problem", problems, err)
			}
			got, err := dcxml.Encode(tt.layout, value)
			if err != nil {
				t.Fatalf("Encode(docs example) error: %v", err)
			}
			if string(got) != want {
				t.Errorf("Encode(docs example) =\n%s\nwant the page's XmlSerializer sample\n%s", got, want)
			}
		})
	}

	// The mock, serving the imported spec, answers XML as XmlSerializer writes it.
	srv, err := mock.New(mock.Options{Spec: s})
	if err != nil {
		t.Skipf("mock.New(imported spec) = %v (serving without fixtures is another part of issue 13)", err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	reqXML, _ := o.RequestExamples[spec.ApplicationXML][spec.DocsExample].(string)
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/parcels/quote", strings.NewReader(reqXML))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Accept", "application/xml")
	req.Header.Set("Prefer", "example=docs")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	want, _ := o.ResponseExamples[spec.ApplicationXML][spec.DocsExample].(string)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, []byte(want)) {
		t.Errorf("POST /api/parcels/quote (XML) = %d\n%s\nwant 200\n%s", resp.StatusCode, body, want)
	}
}
