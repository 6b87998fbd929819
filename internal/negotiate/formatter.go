package negotiate

// Formatter is one media type formatter of a service, as content negotiation sees it: the
// media types it writes, in the order of its SupportedMediaTypes.
type Formatter struct {
	// MediaTypes lists the media types the formatter writes, lower case, in its order: the
	// first is the one answered when negotiation falls back to the formatter.
	MediaTypes []string
	// JSON marks Json.NET's formatter, whose X-Requested-With mapping answers
	// application/json to an XMLHttpRequest.
	JSON bool
}
