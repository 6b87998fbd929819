package contracts

import (
	"fmt"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/model"
)

// encodeXML writes a request value as DataContractSerializer would (dcxml.Encode).
func encodeXML(t *model.Type, v any) ([]byte, error) {
	body, err := dcxml.Encode(t, v)
	if err != nil {
		return nil, fmt.Errorf("encode XML: %w", err)
	}
	return body, nil
}
