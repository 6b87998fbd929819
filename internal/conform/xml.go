package conform

import (
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
)

// XML judges body, an XML document of t, as DataContractSerializer (or XmlSerializer, as
// t says) writes it: root name and namespace, each member's namespace, DataContract
// member order, element types, i:nil only where nullable, no undocumented members.
// Prefixes and white space between elements are free.
func XML(t *model.Type, body []byte) []Violation {
	var out []Violation
	for _, v := range dcxml.Check(t, body) {
		out = append(out, Violation{Rule: RuleXML, Path: v.Path, Expected: v.Expected, Actual: v.Actual, Message: v.Message})
	}
	return out
}
