package conform

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// Rule names the rule a body breaks.
type Rule string

const (
	// RuleBody: the body is empty where a body is documented, is not JSON, or has data
	// after its value.
	RuleBody Rule = "body"
	// RuleSchema: the JSON value does not validate against its schema.
	RuleSchema Rule = "json-schema"
	// RuleJSONLayout: member names, member order or a value's form differ from what
	// Json.NET writes for the layout.
	RuleJSONLayout Rule = "json-members"
	// RuleXML: the XML differs from what DataContractSerializer (or XmlSerializer) writes
	// for the layout.
	RuleXML Rule = "xml"
)

// Violation is one way a body departs from its schema or layout.
type Violation struct {
	// Rule is the rule broken.
	Rule Rule
	// Path locates the value: a JSON pointer (/Errors/0) for JSON, local names and 1-based
	// item positions for XML (/LoginResult/Errors/string[2]); empty for the whole body.
	Path string
	// Pointer holds a schema violation's JSON pointer, its tokens unescaped; nil otherwise.
	Pointer []string
	// Schema is the schema a RuleSchema violation breaks, nil when kin-openapi names none.
	Schema *openapi3.Schema
	// Expected and Actual say what the schema or layout wants and what the body has.
	Expected, Actual string
	// Message explains the violation.
	Message string
}

// String returns "rule path: message (expected ..., got ...)".
func (v Violation) String() string {
	s := string(v.Rule) + " " + v.Path + ": " + v.Message
	if v.Expected != "" || v.Actual != "" {
		s += fmt.Sprintf(" (expected %s, got %s)", v.Expected, v.Actual)
	}
	return s
}
