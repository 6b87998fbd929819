// Package contracts checks a live implementation of a Help Page service against its
// OpenAPI document (openapi.yaml, or one helpmock import wrote), in JSON and in
// DataContract XML, the way ASP.NET Web API 2 answers.
//
// Verify builds cases from the spec (every request media type × every response media type
// asked for through Accept, plus negative probes: malformed JSON and XML, XML in the wrong
// namespace, an empty body, JSON null, each answered with the binding errors in
// ModelState; an unsupported Content-Type, a method the path lacks, an unknown route),
// every one with the operation's path and query parameters filled with values valid for
// their schemas. Each named request example (other than docs) is a case too, sent in every
// request media type with every Accept: it expects the response example of the same name
// (Specmatic's named example pairs), its status, its members and its nulls (CheckExample).
// It sends them to Options.Target with a plain http.Client, and judges
// every response: the status is documented and expected, the Content-Type is the one Web
// API's content negotiation gives among the formatters the operation documents (package
// negotiate for the default ones) with its charset, the body conforms to the response's
// schema and layout (package conform, the checker the mock's requests pass too: JSON as
// Json.NET writes it, XML as DataContractSerializer writes it), and the JSON
// and XML answers to the same request carry the same members except the documented
// differences. The result is a Report, rendered as text, JUnit XML or JSON, which ends
// with its Coverage: what the run exercised of each operation (request media types ×
// Accept, documented responses, example pairs), and what it did not and why.
//
// The package imports neither the mock nor Echo, so it can check any server.
package contracts
