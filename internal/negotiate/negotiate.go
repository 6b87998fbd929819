package negotiate

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// The media types the default formatters write, in formatter order: the JSON formatter's
// (application/json first), then the XML formatter's.
const (
	ApplicationJSON = "application/json"
	TextJSON        = "text/json"
	ApplicationXML  = "application/xml"
	TextXML         = "text/xml"
)

// DefaultFormatters are Web API's default formatters with their writable media types, in
// Web API's order: JsonMediaTypeFormatter, then XmlMediaTypeFormatter.
var DefaultFormatters = []Formatter{{MediaTypes: []string{ApplicationJSON, TextJSON}, JSON: true},
	{MediaTypes: []string{ApplicationXML, TextXML}}}

// Request holds the headers negotiation reads.
type Request struct {
	// Accept is the Accept header (all values joined with commas).
	Accept string
	// ContentType is the request's Content-Type header.
	ContentType string
	// AcceptCharset is the Accept-Charset header.
	AcceptCharset string
	// RequestedWith is the X-Requested-With header.
	RequestedWith string
}

// Result is the outcome of negotiation.
type Result struct {
	// MediaType is one of the four writable media types.
	MediaType string
	// Charset is "utf-8" or "utf-16".
	Charset string
}

// ContentType returns the Content-Type header of the response: "application/json; charset=utf-8".
func (r Result) ContentType() string {
	// The common answers are constants: this runs on every request.
	if r.Charset == "utf-8" {
		switch r.MediaType {
		case ApplicationJSON:
			return ApplicationJSON + "; charset=utf-8"
		case ApplicationXML:
			return ApplicationXML + "; charset=utf-8"
		}
	}
	return r.MediaType + "; charset=" + r.Charset
}

// ResponseMediaType returns the media type Web API answers with for the Accept and request
// Content-Type headers given.
func ResponseMediaType(accept, requestContentType string) string {
	return Negotiate(Request{Accept: accept, ContentType: requestContentType}).MediaType
}

// specificity of a media range: */* < type/* < type/subtype.
const (
	allRange = iota
	subtypeRange
	literal
)

// entry is one element of an Accept header.
type entry struct {
	typ, subtype string
	quality      float64
	specificity  int
	index        int
}

type candidate struct {
	mediaType   string
	quality     float64
	specificity int
}

// Negotiate returns the response media type and charset for r, among the media types of
// Web API's default formatters.
func Negotiate(r Request) Result {
	return NegotiateWith(r, DefaultFormatters)
}

// NegotiateWith returns the response media type and charset for r among the media types
// formatters write, as Web API's DefaultContentNegotiator picks among a service's
// formatters: the best Accept match, then the request's Content-Type if a formatter writes
// it, then the first formatter's first media type. formatters must not be empty.
func NegotiateWith(r Request, formatters []Formatter) Result {
	var entries [8]entry // most Accept headers fit: no allocation
	accept := parseAccept(entries[:0], r.Accept)
	reqType, _ := mediaTypeOf(r.ContentType)
	// Candidates are values (ok tells whether one was found): pointers would escape.
	var byMapping, byAccept, byRequestType, byWriteType candidate
	var haveMapping, haveAccept, haveRequestType, haveWriteType bool
	for _, f := range formatters {
		supported := f.MediaTypes
		// The JSON formatter's X-Requested-With mapping, which Web API 2 applies only when
		// Accept is absent or exactly */*.
		if f.JSON && slices.Contains(supported, ApplicationJSON) && strings.EqualFold(strings.TrimSpace(r.RequestedWith), "XMLHttpRequest") && acceptsAnything(accept, r.Accept) {
			byMapping, haveMapping = candidate{mediaType: ApplicationJSON, quality: 1, specificity: literal}, true
			continue
		}
		if c, ok := fromAccept(supported, accept); ok {
			if !haveAccept || c.quality > byAccept.quality ||
				(c.quality == byAccept.quality && c.specificity > byAccept.specificity) {
				byAccept, haveAccept = c, true
			}
			continue
		}
		if reqType != "" && !haveRequestType && slices.Contains(supported, reqType) {
			byRequestType, haveRequestType = candidate{mediaType: reqType}, true
			continue
		}
		if !haveWriteType {
			byWriteType, haveWriteType = candidate{mediaType: supported[0]}, true
		}
	}
	if haveMapping && haveAccept && byAccept.quality > byMapping.quality {
		haveMapping = false
	}
	var best candidate
	switch {
	case haveMapping:
		best = byMapping
	case haveAccept:
		best = byAccept
	case haveRequestType:
		best = byRequestType
	default:
		best = byWriteType
	}
	return Result{MediaType: best.mediaType, Charset: charset(r.AcceptCharset, r.ContentType)}
}

// acceptsAnything reports whether the Accept header is absent or is exactly one */*.
func acceptsAnything(accept []entry, raw string) bool {
	if strings.TrimSpace(raw) == "" {
		return true
	}
	return len(accept) == 1 && accept[0].specificity == allRange && !strings.Contains(raw, ",")
}

// fromAccept returns the first ranked Accept entry that covers one of supported.
func fromAccept(supported []string, accept []entry) (candidate, bool) {
	for _, e := range accept {
		for _, mt := range supported {
			if covers(e, mt) {
				return candidate{mediaType: mt, quality: e.quality, specificity: e.specificity}, true
			}
		}
	}
	return candidate{}, false
}

func covers(e entry, mediaType string) bool {
	typ, subtype, _ := strings.Cut(mediaType, "/")
	switch {
	case e.typ == "*" && e.subtype == "*":
		return true
	case e.typ != typ:
		return false
	default:
		return e.subtype == "*" || e.subtype == subtype
	}
}

// parseAccept appends to out the entries of an Accept header ranked as Web API 2 ranks
// them: entries with q=0 left out, then by quality and specificity, both descending, ties
// in header order. Malformed entries are skipped, as .NET's header parser drops them.
func parseAccept(out []entry, header string) []entry {
	i := 0
	for rest := header; rest != ""; i++ {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		typ, params := mediaTypeOf(part)
		t, s, ok := strings.Cut(typ, "/")
		if !ok || t == "" || s == "" || (t == "*" && s != "*") {
			continue
		}
		e := entry{typ: t, subtype: s, quality: quality(params), index: i, specificity: literal}
		if t == "*" {
			e.specificity = allRange
		} else if s == "*" {
			e.specificity = subtypeRange
		}
		if e.quality > 0 {
			out = append(out, e)
		}
	}
	if len(out) > 1 {
		slices.SortStableFunc(out, func(a, b entry) int {
			return cmp.Or(cmp.Compare(b.quality, a.quality), cmp.Compare(b.specificity, a.specificity))
		})
	}
	return out
}

// quality is the q parameter of an element's parameters; .NET reads an absent or
// unparsable q as 1.
func quality(params string) float64 {
	if v, ok := param(params, "q"); ok {
		if q, err := strconv.ParseFloat(v, 64); err == nil && q >= 0 && q <= 1 {
			return q
		}
	}
	return 1
}

// charset picks the response charset among the formatters' encodings (utf-8, utf-16):
// the best Accept-Charset entry, else the request's charset, else utf-8.
func charset(acceptCharset, contentType string) string {
	best, bestQ := "", 0.0
	for rest := acceptCharset; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		name, params := mediaTypeOf(part)
		if name != "*" && name != "utf-8" && name != "utf-16" {
			continue
		}
		// The first of the highest quality wins; q=0 never does.
		if q := quality(params); q > bestQ {
			best, bestQ = name, q
		}
	}
	switch best {
	case "*", "utf-8":
		return "utf-8"
	case "utf-16":
		return "utf-16"
	}
	if _, params := mediaTypeOf(contentType); params != "" {
		if v, ok := param(params, "charset"); ok && strings.EqualFold(strings.Trim(v, `"`), "utf-16") {
			return "utf-16"
		}
	}
	return "utf-8"
}

// mediaTypeOf returns the lower-cased media type (or charset) of a header element and
// the text of its parameters.
func mediaTypeOf(s string) (string, string) {
	mt, params, _ := strings.Cut(s, ";")
	return strings.ToLower(strings.TrimSpace(mt)), params
}

// param returns the value of the parameter name (case-insensitive) in a ';'-separated
// parameter list.
func param(params, name string) (string, bool) {
	for rest := params; rest != ""; {
		var p string
		p, rest, _ = strings.Cut(rest, ";")
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
