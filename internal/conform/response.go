package conform

import (
	"context"
	"fmt"
	"mime"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// ResponseInput is a response to judge, as openapi3filter.ResponseValidationInput is.
type ResponseInput struct {
	// Doc is the OpenAPI document that holds Operation.
	Doc *openapi3.T
	// Operation is the operation that answered. Required.
	Operation *spec.Operation
	// Status is the answer's status code.
	Status int
	// ContentType is the answer's Content-Type header; its parameters are not judged.
	ContentType string
	// Body is the answer's body, as sent.
	Body []byte
}

// Response judges a response body by the layout and schema its operation documents for
// its status and media type: JSON as Json.NET writes it, XML as DataContractSerializer
// writes it. It returns nil for a conforming body, and for a status, media type or
// Content-Type the operation documents no body for: an undocumented answer is its
// caller's violation, and says more than a body judged by a guessed schema would.
func Response(ctx context.Context, in *ResponseInput) []Violation {
	mt, _, err := mime.ParseMediaType(in.ContentType)
	if err != nil {
		return nil
	}
	mt = strings.ToLower(mt)
	t := in.Operation.Response(in.Status, mt)
	if t == nil {
		return nil
	}
	if len(strings.TrimSpace(string(in.Body))) == 0 {
		return []Violation{{Rule: RuleBody, Expected: fmt.Sprintf("a %s %s", mt, typeName(t)), Actual: "an empty body",
			Message: fmt.Sprintf("status %d in %s documents a %s body", in.Status, mt, typeName(t))}}
	}
	switch {
	case spec.IsJSON(mt):
		return responseJSON(ctx, in, mt, t)
	case spec.IsXML(mt):
		return XML(t, in.Body)
	}
	return nil
}

// typeName names a layout for messages: its class name, else its kind.
func typeName(t *model.Type) string {
	if t == nil {
		return "value"
	}
	if t.Name != "" {
		return t.Name
	}
	return t.Kind.String()
}

// Excerpt returns at most 200 bytes of b, valid UTF-8, for a violation's Actual.
func Excerpt(b []byte) string {
	const max = 200
	s := string(b)
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
