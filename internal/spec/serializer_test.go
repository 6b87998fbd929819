package spec_test

import (
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

func TestXMLSerializerExtension(t *testing.T) {
	const doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
	for _, tt := range []struct {
		name, ext string
		want      model.Serializer
		err       string
	}{
		{"absent", "", model.DataContract, ""},
		{"DataContractSerializer", "x-dotnet-xml-serializer: DataContractSerializer\n", model.DataContract, ""},
		{"XmlSerializer", "x-dotnet-xml-serializer: XmlSerializer\n", model.XMLSerializer, ""},
		{"letter case", "x-dotnet-xml-serializer: xmlserializer\n", 0, `did you mean "XmlSerializer"`},
		{"unknown", "x-dotnet-xml-serializer: Json\n", 0, `want "DataContractSerializer" or "XmlSerializer"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := spec.Load("doc.yaml", []byte(doc+tt.ext))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Load() error = %v, want one saying %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.XMLSerializer(); got != tt.want {
				t.Errorf("XMLSerializer() = %v, want %v", got, tt.want)
			}
		})
	}
}
