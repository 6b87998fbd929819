package spec

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
)

// xmlSerializer reads the document's x-dotnet-xml-serializer: which serializer writes
// and reads the service's XML. Absent, it is DataContractSerializer, Web API's default.
func xmlSerializer(doc *openapi3.T) (model.Serializer, error) {
	v, ok := doc.Extensions[model.ExtensionDotnetXMLSerializer]
	if !ok {
		return model.DataContract, nil
	}
	return model.ParseSerializer(v)
}

// XMLSerializer returns the serializer that writes and reads the service's XML, as the
// document's x-dotnet-xml-serializer states it.
func (s *Spec) XMLSerializer() model.Serializer { return s.serializer }
