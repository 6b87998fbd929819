// Package negotiate picks a response media type the way ASP.NET Web API 2's
// DefaultContentNegotiator does with its default formatters (JSON, then XML, then the
// read-only form formatter): the X-Requested-With mapping, then the best Accept entry by
// quality and specificity (RFC 9110 §12.5.1 media ranges), then the request's own
// Content-Type, then JSON. It never fails: Web API does not answer 406.
package negotiate
