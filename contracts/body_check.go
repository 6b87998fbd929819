package contracts

import (
	"fmt"
	"mime"
	"strings"

	"github.com/helpmock/helpmock/internal/spec"
)

// checkBody judges the body by the layout documented for the answer's status and media
// type. An undocumented status or media type is already a violation, and says more than
// a body check against a guessed schema would.
func checkBody(x *exchange) []Violation {
	mt, _, err := mime.ParseMediaType(x.header.Get("Content-Type"))
	if err != nil {
		return nil
	}
	mt = strings.ToLower(mt)
	t := x.c.op.Response(x.status, mt)
	if t == nil {
		return nil
	}
	if len(strings.TrimSpace(string(x.body))) == 0 {
		return []Violation{{Check: CheckBody, Expected: fmt.Sprintf("a %s %s", mt, typeName(t)), Actual: "an empty body",
			Message: fmt.Sprintf("status %d in %s documents a %s body", x.status, mt, typeName(t))}}
	}
	switch {
	case spec.IsJSON(mt):
		return checkJSON(x, mt, t)
	case spec.IsXML(mt):
		return checkXML(x.body, t)
	}
	return nil
}
