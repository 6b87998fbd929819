package dcxml

import "github.com/helpmock/helpmock/internal/model"

// Violation is one way a body departs from its layout.
type Violation struct {
	Path, Expected, Actual, Message string
}

// Check judges body against t.
func Check(t *model.Type, body []byte) []Violation { return nil }
