package spec_test

import (
	"slices"
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

// TestXMLSerializerDropsDictionaries: XmlSerializer cannot write or read a type that holds
// a dictionary, so Web API's XML formatter refuses it and the operation has no XML form
// for it; HttpError (IXmlSerializable, its ModelState a dictionary) keeps its XML.
func TestXMLSerializerDropsDictionaries(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
x-dotnet-xml-serializer: XmlSerializer
paths:
  /api/things:
    post:
      operationId: postThing
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Thing'}}
          application/xml: {schema: {$ref: '#/components/schemas/Thing'}}
          text/xml: {schema: {$ref: '#/components/schemas/Plain'}}
      responses:
        "200":
          description: OK
          content:
            application/json: {schema: {$ref: '#/components/schemas/Thing'}}
            application/xml: {schema: {$ref: '#/components/schemas/Thing'}}
        "400":
          description: Bad Request
          content:
            application/xml: {schema: {$ref: '#/components/schemas/HttpError'}}
components:
  schemas:
    Thing:
      type: object
      xml: {name: Thing}
      properties:
        Name: {type: string}
        Tags: {type: array, items: {$ref: '#/components/schemas/Holder'}}
    Holder:
      type: object
      xml: {name: Holder}
      properties:
        Map: {type: object, additionalProperties: {type: integer}}
    Plain:
      type: object
      xml: {name: Plain}
      properties:
        Name: {type: string}
    HttpError:
      type: object
      xml: {name: Error}
      properties:
        Message: {type: string}
        ModelState: {type: object, additionalProperties: {type: string}}
`
	s, err := spec.Load("doc.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	o := s.Operation("postThing")
	for _, tt := range []struct {
		name string
		got  *model.Type
		want bool
	}{
		{"request application/json", o.Request[spec.ApplicationJSON], true},
		{"request application/xml (a dictionary inside)", o.Request[spec.ApplicationXML], false},
		{"request text/xml (no dictionary)", o.Request[spec.TextXML], true},
		{"response 200 application/json", o.Response(200, spec.ApplicationJSON), true},
		{"response 200 application/xml (a dictionary inside)", o.Response(200, spec.ApplicationXML), false},
		{"response 400 HttpError", o.Response(400, spec.ApplicationXML), true},
	} {
		if (tt.got != nil) != tt.want {
			t.Errorf("%s: layout present %v, want %v", tt.name, tt.got != nil, tt.want)
		}
	}
	if want := []string{spec.ApplicationJSON, spec.TextXML}; !slices.Equal(o.RequestMediaTypes, want) {
		t.Errorf("RequestMediaTypes = %v, want %v", o.RequestMediaTypes, want)
	}
}
