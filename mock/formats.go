package mock

import (
	"maps"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// formats are the media types a service can write, grouped by the formatter that writes
// them, as content negotiation chooses among them. Web API negotiates among the formatters
// the service really has, so a JSON-only service answers Accept: application/xml with JSON
// (the first formatter), never with a 406 or a 500; a Help Page lists, for each
// operation, the media types of the formatters that can write its type.
//
// The media types are read from the spec: the success response's media types of an
// operation (its answers), the union of every operation's (HttpError bodies, which every
// formatter writes). Case is normalised (text/Xml is text/xml). A media type beyond the
// four defaults (text/html, added to the JSON formatter so that browsers get JSON, is the
// usual one) belongs to the formatter its documented example is written by: XML text for
// the XML formatter, anything else for the JSON formatter; without an example, to the
// formatter its name mentions (…json, …xml); one that names neither is left out, as the
// mock has no formatter for it.
type formats struct {
	formatters []negotiate.Formatter
	// writable lists every media type, formatter by formatter.
	writable []string
	// xml holds the media types the XML formatter writes.
	xml map[string]bool
	// cache remembers negotiations; the default formats share the package's.
	cache *negotiationCache
}

// defaultFormats are Web API's default formatters, the embedded spec's formats.
var defaultFormats = &formats{
	formatters: negotiate.DefaultFormatters,
	writable:   []string{spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML},
	xml:        map[string]bool{spec.ApplicationXML: true, spec.TextXML: true},
	cache:      &negotiations,
}

// isXML reports whether the XML formatter writes mediaType (lower case).
func (f *formats) isXML(mediaType string) bool {
	return spec.IsXML(mediaType) || f.xml[mediaType]
}

// mediaKind is which formatter writes a media type.
type mediaKind uint8

const (
	kindNone mediaKind = iota // no formatter the mock has
	kindJSON
	kindXML
)

// classify returns which formatter writes mediaType (lower case), given its documented
// example (nil when it has none).
func classify(mediaType string, example any) mediaKind {
	switch {
	case spec.IsJSON(mediaType):
		return kindJSON
	case spec.IsXML(mediaType):
		return kindXML
	}
	if example != nil {
		if s, ok := example.(string); ok && strings.HasPrefix(strings.TrimSpace(s), "<") {
			return kindXML
		}
		return kindJSON
	}
	_, subtype, _ := strings.Cut(mediaType, "/")
	switch {
	case strings.Contains(subtype, "json"):
		return kindJSON
	case strings.Contains(subtype, "xml"):
		return kindXML
	}
	return kindNone
}

// formatSet collects media types by formatter, in the order they are first seen.
type formatSet struct {
	json, xml []string
}

// add records mediaType as written by kind, unless it is already recorded.
func (fs *formatSet) add(mediaType string, kind mediaKind) {
	if slices.Contains(fs.json, mediaType) || slices.Contains(fs.xml, mediaType) {
		return
	}
	switch kind {
	case kindJSON:
		fs.json = append(fs.json, mediaType)
	case kindXML:
		fs.xml = append(fs.xml, mediaType)
	}
}

// build returns the formats of fs: each formatter's default media types first, in Web
// API's order, then the others in the order seen; the default formats when fs holds
// exactly Web API's four (the embedded spec), or nothing.
func (fs *formatSet) build() *formats {
	jsonTypes := ordered(fs.json, spec.ApplicationJSON, spec.TextJSON)
	xmlTypes := ordered(fs.xml, spec.ApplicationXML, spec.TextXML)
	if len(jsonTypes)+len(xmlTypes) == 0 ||
		(slices.Equal(jsonTypes, defaultFormats.formatters[0].MediaTypes) && slices.Equal(xmlTypes, defaultFormats.formatters[1].MediaTypes)) {
		return defaultFormats
	}
	f := &formats{xml: map[string]bool{}, cache: newNegotiationCache()}
	if len(jsonTypes) > 0 {
		f.formatters = append(f.formatters, negotiate.Formatter{MediaTypes: jsonTypes, JSON: true})
	}
	if len(xmlTypes) > 0 {
		f.formatters = append(f.formatters, negotiate.Formatter{MediaTypes: xmlTypes})
	}
	for _, t := range xmlTypes {
		f.xml[t] = true
	}
	f.writable = append(slices.Clone(jsonTypes), xmlTypes...)
	f.cache.formatters = f.formatters
	return f
}

// ordered returns types with the formatter's defaults (among them) first, in their order.
func ordered(types []string, defaults ...string) []string {
	var out []string
	for _, d := range defaults {
		if slices.Contains(types, d) {
			out = append(out, d)
		}
	}
	for _, t := range types {
		if !slices.Contains(defaults, t) {
			out = append(out, t)
		}
	}
	return out
}

// addResponse records the media types of o's success response. When none of them is
// written by a formatter the mock has (only application/octet-stream, say), they are
// recorded as the JSON formatter's: the mock answers its JSON in them rather than fail.
func (fs *formatSet) addResponse(o *spec.Operation) {
	status := o.SuccessStatus()
	types := slices.Sorted(maps.Keys(o.Responses[status]))
	written := false
	for _, mt := range types {
		kind := classify(mt, o.ResponseExamples[mt][spec.DocsExample])
		fs.add(mt, kind)
		written = written || kind != kindNone
	}
	if !written {
		for _, mt := range types {
			fs.add(mt, kindJSON)
		}
	}
}
