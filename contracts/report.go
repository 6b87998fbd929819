package contracts

import (
	"fmt"
	"strings"
	"time"
)

// The checks a Violation can name.
const (
	// CheckTransport: the request could not be sent or no response arrived.
	CheckTransport = "transport"
	// CheckStatus: the status is undocumented or not the one the case expects.
	CheckStatus = "status"
	// CheckAllow: a 405 answer lacks the Allow header naming the operation's method.
	CheckAllow = "allow"
	// CheckContentType: the Content-Type is not the negotiated media type with charset=utf-8.
	CheckContentType = "content-type"
	// CheckBody: the body is missing, unreadable, too large or not well-formed.
	CheckBody = "body"
	// CheckJSONSchema: the JSON body does not validate against the response schema.
	CheckJSONSchema = "json-schema"
	// CheckJSONMembers: the JSON body's member names or values differ from the layout
	// Json.NET writes (exact names, no undocumented members, DateTimeOffset form).
	CheckJSONMembers = "json-members"
	// CheckXML: the XML body differs from what DataContractSerializer writes.
	CheckXML = "xml"
	// CheckParity: the JSON and XML answers to the same request differ in their members.
	CheckParity = "parity"
	// CheckRun: the case was not run (the whole-run timeout expired or the run was cancelled).
	CheckRun = "run"
)

// Violation is one way a response breaks the contract. It is an error.
type Violation struct {
	// Case names the case, "operationId: case name".
	Case string `json:"case"`
	// Check names the check that failed (CheckStatus, CheckXML, ...).
	Check string `json:"check"`
	// Path locates the problem in the body: a JSON pointer ("/RefreshTokenResponse/isSuccess")
	// or an XML element path ("/LoginResult/Expires"); empty for headers and status.
	Path string `json:"path,omitempty"`
	// Expected and Actual describe what the contract wants and what arrived.
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	// Message says what is wrong in a sentence.
	Message string `json:"message"`
	// Curl is a shell command that reproduces the request.
	Curl string `json:"curl,omitempty"`
}

// Error formats the violation on one line: case, check, path, message, expected, actual.
func (v Violation) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", v.Case, v.Check)
	if v.Path != "" {
		fmt.Fprintf(&b, " at %s", v.Path)
	}
	fmt.Fprintf(&b, ": %s", v.Message)
	if v.Expected != "" || v.Actual != "" {
		fmt.Fprintf(&b, " (expected %s, actual %s)", orNone(v.Expected), orNone(v.Actual))
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// CaseResult is the outcome of one case.
type CaseResult struct {
	// Operation is the operationId the case exercises.
	Operation string `json:"operation"`
	// Name describes the case: "application/json, Accept: text/xml", "malformed JSON".
	Name string `json:"name"`
	// Method and URL are the request's.
	Method string `json:"method"`
	URL    string `json:"url"`
	// Status is the response status, 0 when no response arrived.
	Status int `json:"status"`
	// ContentType is the response's Content-Type header.
	ContentType string `json:"content_type,omitempty"`
	// Duration is how long the exchange took.
	Duration time.Duration `json:"duration_ns"`
	// Curl reproduces the request.
	Curl string `json:"curl"`
	// Violations lists what is wrong; empty when the case passed.
	Violations []Violation `json:"violations"`
}

// Passed reports whether the case has no violation.
func (r *CaseResult) Passed() bool { return len(r.Violations) == 0 }

// FullName is "operationId: name".
func (r *CaseResult) FullName() string { return r.Operation + ": " + r.Name }

// Report is the outcome of a run.
type Report struct {
	// Target is the base URL checked.
	Target string `json:"target"`
	// Spec names the OpenAPI document used.
	Spec string `json:"spec"`
	// Duration is the wall-clock time of the run.
	Duration time.Duration `json:"duration_ns"`
	// Cases lists the results in case order: by operation, then as built.
	Cases []*CaseResult `json:"cases"`
	// Passed and Failed count the cases.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// Coverage is what the run exercised of the spec, and what it did not and why.
	Coverage *Coverage `json:"coverage,omitempty"`
	// Variables names the shell variables the curl lines read instead of the values of
	// Options.Header and Options.Set, which no report holds: export them to run a line.
	Variables []string `json:"variables,omitempty"`
}

// OK reports whether every case passed.
func (r *Report) OK() bool { return r.Failed == 0 }

// Violations returns every violation of the run, in case order.
func (r *Report) Violations() []Violation {
	var out []Violation
	for _, c := range r.Cases {
		out = append(out, c.Violations...)
	}
	return out
}

// Operations returns the operationIds of the report's cases, in order of first appearance.
func (r *Report) Operations() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range r.Cases {
		if !seen[c.Operation] {
			seen[c.Operation] = true
			out = append(out, c.Operation)
		}
	}
	return out
}

func (r *Report) count() {
	r.Passed, r.Failed = 0, 0
	for _, c := range r.Cases {
		if c.Passed() {
			r.Passed++
		} else {
			r.Failed++
		}
	}
}
