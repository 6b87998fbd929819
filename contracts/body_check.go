package contracts

import (
	"context"

	"github.com/helpmock/helpmock/internal/conform"
)

// checkBody judges the body with conform.Response, by the layout documented for the
// answer's status and media type. An undocumented status or media type is already a
// violation, and says more than a body check against a guessed schema would.
func checkBody(x *exchange) []Violation {
	vs := conform.Response(context.Background(), &conform.ResponseInput{Doc: x.c.doc, Operation: x.c.op,
		Status: x.status, ContentType: x.header.Get("Content-Type"), Body: x.body})
	var out []Violation
	for _, v := range vs {
		out = append(out, Violation{Check: bodyChecks[v.Rule], Path: v.Path, Expected: v.Expected, Actual: v.Actual, Message: v.Message})
	}
	return out
}

// bodyChecks names the check of each conform rule.
var bodyChecks = map[conform.Rule]string{
	conform.RuleBody:       CheckBody,
	conform.RuleSchema:     CheckJSONSchema,
	conform.RuleJSONLayout: CheckJSONMembers,
	conform.RuleXML:        CheckXML,
}
