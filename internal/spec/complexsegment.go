package spec

import (
	"regexp"
	"strings"
)

// complexSegment matches a path segment that holds parameters among other text, as Web
// API's routes allow: {year}-{month}, {name}.{format}, file{id}. Web API's
// ParsedRoute.MatchComplexSegment works from the segment's end, finding each literal's last
// occurrence, so a later parameter takes as little as it can ("a.b.json" is name "a.b",
// format "json"); greedy groups match the same. Literal text matches without case.
type complexSegment struct {
	re     *regexp.Regexp
	params []string
}

// newComplexSegment returns the matcher of seg, or nil when seg is a literal or one
// parameter alone.
func newComplexSegment(seg string) *complexSegment {
	if !strings.Contains(seg, "{") || (strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") && strings.Count(seg, "{") == 1) {
		return nil
	}
	c := &complexSegment{}
	var b strings.Builder
	b.WriteString("(?is)^")
	rest := seg
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:open]))
		c.params = append(c.params, rest[open+1:open+end])
		b.WriteString("(.+)")
		rest = rest[open+end+1:]
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil || len(c.params) == 0 {
		return nil
	}
	c.re = re
	return c
}

// match returns the parameters' values in a request's segment.
func (c *complexSegment) match(seg string) (map[string]string, bool) {
	m := c.re.FindStringSubmatch(seg)
	if m == nil {
		return nil, false
	}
	values := make(map[string]string, len(c.params))
	for i, p := range c.params {
		values[p] = m[i+1]
	}
	return values, true
}
