package contracts

import (
	"cmp"
	"mime"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// wantMediaType is the media type Web API answers c with when it answers status: the
// default negotiation (internal/negotiate) for a service with Web API's default JSON and
// XML formatters, and the same rule over the formatters the operation documents for that
// status otherwise (a JSON-only service answers Accept: application/xml in JSON; one whose
// XML formatter writes only text/xml answers Accept: application/xml with its first
// formatter's type). Web API never answers 406.
func wantMediaType(c *testCase, status int) string {
	formatters := documentedFormatters(c.op, status)
	if formatters == nil {
		return negotiate.ResponseMediaType(c.accept, c.requestMediaType)
	}
	return negotiateAmong(formatters, c.accept, c.requestMediaType)
}

// documentedFormatters groups the JSON and XML media types documented for status into
// Web API's formatters, JSON first, each with its default media type first; nil when they
// are the default formatters' four (or when none is documented).
func documentedFormatters(o *spec.Operation, status int) [][]string {
	var jsonTypes, xmlTypes []string
	for mt := range o.Responses[status] {
		mt = strings.ToLower(mt)
		switch {
		case spec.IsJSON(mt) || strings.HasSuffix(mt, "+json"):
			jsonTypes = append(jsonTypes, mt)
		case spec.IsXML(mt) || strings.HasSuffix(mt, "+xml"):
			xmlTypes = append(xmlTypes, mt)
		}
	}
	defaults := []string{spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML}
	all := slices.Concat(jsonTypes, xmlTypes)
	if len(all) == 0 || len(all) == len(defaults) && !slices.ContainsFunc(defaults, func(mt string) bool { return !slices.Contains(all, mt) }) {
		return nil
	}
	order := func(first string) func(a, b string) int {
		return func(a, b string) int {
			switch {
			case a == b:
				return 0
			case a == first:
				return -1
			case b == first:
				return 1
			}
			return strings.Compare(a, b)
		}
	}
	slices.SortFunc(jsonTypes, order(spec.ApplicationJSON))
	slices.SortFunc(xmlTypes, order(spec.ApplicationXML))
	var out [][]string
	for _, f := range [][]string{jsonTypes, xmlTypes} {
		if len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// acceptEntry is one media range of an Accept header.
type acceptEntry struct {
	typ, subtype string
	quality      float64
	specificity  int // 0 */*, 1 type/*, 2 type/subtype
}

// negotiateAmong is Web API's DefaultContentNegotiator over formatters (each a list of
// the media types it writes): the best Accept match by quality, then specificity (entries
// with q=0 excluded); else the request's Content-Type if a formatter writes it; else the
// first formatter's first media type.
func negotiateAmong(formatters [][]string, accept, requestContentType string) string {
	entries := parseAcceptHeader(accept)
	reqType, _, _ := mime.ParseMediaType(requestContentType)
	reqType = strings.ToLower(reqType)
	var best *acceptEntry
	bestType, byRequest := "", ""
	for _, supported := range formatters {
		if e, mt, ok := firstCovered(entries, supported); ok {
			if best == nil || e.quality > best.quality || e.quality == best.quality && e.specificity > best.specificity {
				best, bestType = &e, mt
			}
			continue
		}
		if byRequest == "" && reqType != "" && slices.Contains(supported, reqType) {
			byRequest = reqType
		}
	}
	switch {
	case best != nil:
		return bestType
	case byRequest != "":
		return byRequest
	}
	return formatters[0][0]
}

// firstCovered returns the best-ranked entry that covers one of supported, with the media
// type it covers (supported in order).
func firstCovered(entries []acceptEntry, supported []string) (acceptEntry, string, bool) {
	for _, e := range entries {
		for _, mt := range supported {
			typ, subtype, _ := strings.Cut(mt, "/")
			if e.typ == "*" || e.typ == typ && (e.subtype == "*" || e.subtype == subtype) {
				return e, mt, true
			}
		}
	}
	return acceptEntry{}, "", false
}

// parseAcceptHeader ranks the media ranges of an Accept header as Web API 2 does: q=0
// left out, then by quality and specificity, ties in header order; malformed ones skipped.
func parseAcceptHeader(header string) []acceptEntry {
	var out []acceptEntry
	for _, part := range strings.Split(header, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		typ, subtype, ok := strings.Cut(strings.ToLower(mt), "/")
		if !ok {
			continue
		}
		e := acceptEntry{typ: typ, subtype: subtype, quality: 1, specificity: 2}
		if q, ok := params["q"]; ok {
			f, err := strconv.ParseFloat(q, 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			e.quality = f
		}
		switch {
		case e.quality == 0:
			continue
		case typ == "*":
			e.specificity = 0
		case subtype == "*":
			e.specificity = 1
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b acceptEntry) int {
		if c := cmp.Compare(b.quality, a.quality); c != 0 {
			return c
		}
		return cmp.Compare(b.specificity, a.specificity)
	})
	return out
}
