package contracts

import (
	"fmt"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
)

// checkXML judges an XML body with dcxml.Check: root name and namespace, each member's
// namespace, DataContract member order, element types, i:nil only where nullable, no
// undocumented members; prefixes and whitespace are free.
func checkXML(body []byte, t *model.Type) []Violation {
	var out []Violation
	for _, v := range dcxml.Check(t, body) {
		out = append(out, Violation{Check: CheckXML, Path: v.Path, Expected: v.Expected, Actual: v.Actual, Message: v.Message})
	}
	return out
}

// encodeXML writes a request value as DataContractSerializer would (dcxml.Encode).
func encodeXML(t *model.Type, v any) ([]byte, error) {
	body, err := dcxml.Encode(t, v)
	if err != nil {
		return nil, fmt.Errorf("encode XML: %w", err)
	}
	return body, nil
}
