package spec

import (
	"slices"

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

// dropUnserializableXML removes from o the XML media types whose type XmlSerializer cannot
// write or read (a dictionary): Web API's XmlMediaTypeFormatter answers CanReadType and
// CanWriteType false for it, so content negotiation answers such a response in JSON and
// an XML request body gets 415, as when the service has no XML formatter.
func dropUnserializableXML(o *Operation) {
	for mt, t := range o.Request {
		if IsXML(MediaType(mt)) && !model.XMLSerializable(t) {
			delete(o.Request, mt)
			o.RequestMediaTypes = slices.DeleteFunc(o.RequestMediaTypes, func(m string) bool { return m == mt })
			delete(o.RequestExamples, mt)
		}
	}
	for _, byType := range o.Responses {
		for mt, t := range byType {
			if IsXML(MediaType(mt)) && !model.XMLSerializable(t) {
				delete(byType, mt)
				delete(o.ResponseExamples, mt)
			}
		}
	}
}
