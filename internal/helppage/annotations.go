package helppage

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "github.com/oasdiff/yaml3"
)

// constraints are the schema keywords a row's "Additional information" states. The Help
// Page template writes one annotation per validation attribute
// (HelpPageSampleGenerator's AnnotationTextGenerator): [Required] "Required",
// [StringLength] "String length: inclusive between A and B", [MaxLength] "Max length: N",
// [MinLength] "Min length: N", [Range] "Range: inclusive between A and B",
// [RegularExpression] "Matching regular expression pattern: P", [DataType]
// "Data type: X"; a URI parameter's default value "Default value is V".
type constraints struct {
	required             bool
	minLength, maxLength string
	minimum, maximum     string
	pattern              string
	format               string
	// def is a parameter's default value as written.
	def string
	// notes are the annotations that are no schema keyword, kept as the description;
	// stated are the annotations that became keywords, as written.
	notes, stated []string
}

var (
	reBetween = regexp.MustCompile(`^(String length|Range): inclusive between (\S+) and (\S+?)\.?$`)
	reLength  = regexp.MustCompile(`^(Max|Min) length: (\d+)\.?$`)
)

// dataTypeFormats maps System.ComponentModel.DataAnnotations.DataType names to the
// OpenAPI formats that say the same; the others stay notes.
var dataTypeFormats = map[string]string{
	"EmailAddress": "email",
	"Url":          "uri",
	"ImageUrl":     "uri",
	"Password":     "password",
}

// parseAnnotations reads a row's annotations. A pattern that is not a regular expression
// both Go (kin-openapi) and ECMAScript (Redocly) accept stays a note, with a warning.
func (in *inferrer) parseAnnotations(w where, list []string) constraints {
	var c constraints
	for _, a := range list {
		a = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(a), "|"))
		switch {
		case a == "" || a == "None." || strings.HasPrefix(a, "Define this parameter in the request"):
			// The first template generation's "Additional information" says where a
			// parameter binds, which the page's structure already tells.
		case a == "Required":
			c.required = true
		case strings.HasPrefix(a, "Default value is "):
			c.def = strings.TrimPrefix(a, "Default value is ")
		case strings.HasPrefix(a, "Matching regular expression pattern: "):
			p := strings.TrimPrefix(a, "Matching regular expression pattern: ")
			if !portablePattern(p) {
				in.warnKey(w, "pattern", "the pattern %q is not a regular expression OpenAPI tools accept; kept as the description", p)
				c.notes = append(c.notes, a)
				continue
			}
			c.pattern = p
			c.stated = append(c.stated, a)
		case strings.HasPrefix(a, "Data type: "):
			dt := strings.TrimPrefix(a, "Data type: ")
			if f, ok := dataTypeFormats[dt]; ok {
				c.format = f
				c.stated = append(c.stated, a)
			} else {
				c.notes = append(c.notes, a)
			}
		default:
			if m := reBetween.FindStringSubmatch(a); m != nil && isNumeric(m[2]) && isNumeric(m[3]) {
				if m[1] == "Range" {
					c.minimum, c.maximum = m[2], m[3]
				} else {
					c.minLength, c.maxLength = m[2], m[3]
				}
				c.stated = append(c.stated, a)
				continue
			}
			if m := reLength.FindStringSubmatch(a); m != nil {
				if m[1] == "Max" {
					c.maxLength = m[2]
				} else {
					c.minLength = m[2]
				}
				c.stated = append(c.stated, a)
				continue
			}
			c.notes = append(c.notes, a)
		}
	}
	if c.minLength == "0" {
		c.minLength = ""
	}
	return c
}

// check drops the keywords the page's sample value breaks (the Help Page's sample
// generator ignores validation attributes, and the sample is what the service writes),
// keeping each as a note with a warning naming the overlay key that restores it.
func (in *inferrer) check(w where, c *constraints, jv *jsonValue) {
	if jv == nil {
		return
	}
	broken := func(key, text string) {
		in.warnKey(w, key, "the page's JSON sample breaks %q; kept as the description so that the sample stays valid", text)
		c.notes = append(c.notes, text)
	}
	switch jv.kind {
	case jsonString:
		n := strconv.Itoa(utf8.RuneCountInString(jv.str))
		if c.maxLength != "" && atoi(n) > atoi(c.maxLength) {
			broken("maxLength", "Max length: "+c.maxLength)
			c.maxLength = ""
		}
		if c.minLength != "" && atoi(n) < atoi(c.minLength) {
			broken("minLength", "Min length: "+c.minLength)
			c.minLength = ""
		}
		if c.pattern != "" && !regexp.MustCompile(c.pattern).MatchString(jv.str) {
			broken("pattern", "Matching regular expression pattern: "+c.pattern)
			c.pattern = ""
		}
	case jsonArray:
		if c.maxLength != "" && len(jv.items) > atoi(c.maxLength) {
			broken("maxItems", "Max length: "+c.maxLength)
			c.maxLength = ""
		}
		if c.minLength != "" && len(jv.items) < atoi(c.minLength) {
			broken("minItems", "Min length: "+c.minLength)
			c.minLength = ""
		}
	case jsonNumber:
		v, _ := strconv.ParseFloat(jv.num.String(), 64)
		lo, _ := strconv.ParseFloat(c.minimum, 64)
		hi, _ := strconv.ParseFloat(c.maximum, 64)
		if c.minimum != "" && (v < lo || v > hi) {
			broken("minimum", "Range: inclusive between "+c.minimum+" and "+c.maximum)
			c.minimum, c.maximum = "", ""
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// apply writes the keywords into a member's or parameter's schema s of type t.
func (c *constraints) apply(s *yaml.Node, t *typ) {
	target := s
	if get(s, "allOf") != nil {
		return
	}
	number := func(v string) *yaml.Node {
		tag := "!!int"
		if strings.ContainsAny(v, ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
	}
	switch t.kind {
	case kArray:
		if c.minLength != "" {
			set(target, "minItems", number(c.minLength))
		}
		if c.maxLength != "" {
			set(target, "maxItems", number(c.maxLength))
		}
	case kString:
		if c.minLength != "" {
			set(target, "minLength", number(c.minLength))
		}
		if c.maxLength != "" {
			set(target, "maxLength", number(c.maxLength))
		}
		if c.pattern != "" {
			set(target, "pattern", str(c.pattern))
		}
		if c.format != "" && get(target, "format") == nil {
			set(target, "format", str(c.format))
		}
	case kInt, kNumber:
		if c.minimum != "" {
			set(target, "minimum", number(c.minimum))
			set(target, "maximum", number(c.maximum))
		}
	default:
		// Keywords of another type (a [StringLength] on a date) stay notes.
		for _, a := range c.stated {
			if !slices.Contains(c.notes, a) {
				c.notes = append(c.notes, a)
			}
		}
	}
}

// portablePattern reports whether a .NET pattern means the same to Go's regexp
// (kin-openapi) and to ECMAScript (Redocly, browsers): it compiles in Go and uses no
// group construct but (?:, and none of .NET's anchors \A, \z, \Z.
func portablePattern(p string) bool {
	if _, err := regexp.Compile(p); err != nil {
		return false
	}
	for i := 0; i+1 < len(p); i++ {
		switch {
		case p[i] == '\\':
			if strings.IndexByte("AzZ", p[i+1]) >= 0 {
				return false
			}
			i++
		case p[i] == '(' && p[i+1] == '?' && (i+2 >= len(p) || p[i+2] != ':'):
			return false
		}
	}
	return true
}

// description joins a member's documentation with its notes.
func (c *constraints) description(doc string) string {
	parts := []string{}
	if doc != "" {
		parts = append(parts, doc)
	}
	for _, n := range c.notes {
		if n != "" {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "\n")
}
