// Package redact hides secrets in what helpmock records of traffic: the mock's journal and
// request log, and verify's reports. It is the one place that decides what a secret is
// (the credential headers, and the members and parameters the spec marks with
// x-helpmock-secret) and how it is hidden ([redacted]), so that every feature that
// journals, logs or records traffic redacts alike.
//
// Bodies are rewritten by a tolerant scanner rather than a parser: a body that is
// truncated, malformed or of the wrong media type (the requests a mock must record are
// often such) still has its secret members hidden, and the rest of its bytes are kept as
// they were.
package redact
