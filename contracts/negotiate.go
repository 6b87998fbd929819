package contracts

import (
	"cmp"
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
	reqType, _ := mediaTypeOf(requestContentType)
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

// parseAcceptHeader ranks the media ranges of an Accept header as Web API 2 does (and as
// internal/negotiate parses them): q=0 left out, an absent or unparsable q read as 1, then
// by quality and specificity, ties in header order; entries that are not type/subtype
// skipped.
func parseAcceptHeader(header string) []acceptEntry {
	var out []acceptEntry
	for _, part := range strings.Split(header, ",") {
		typ, params := mediaTypeOf(part)
		t, sub, ok := strings.Cut(typ, "/")
		if !ok || t == "" || sub == "" || t == "*" && sub != "*" {
			continue
		}
		e := acceptEntry{typ: t, subtype: sub, quality: 1, specificity: 2}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q >= 0 && q <= 1 {
					e.quality = q
				}
				break
			}
		}
		switch {
		case e.quality == 0:
			continue
		case t == "*":
			e.specificity = 0
		case sub == "*":
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

// mediaTypeOf returns the lower-cased media type of a header element and the text of its
// parameters.
func mediaTypeOf(s string) (string, string) {
	mt, params, _ := strings.Cut(s, ";")
	return strings.ToLower(strings.TrimSpace(mt)), params
}
