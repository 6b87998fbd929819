package helppage

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
)

// jsonScalar matches a JSON number, string, true, false or null.
var jsonScalar = regexp.MustCompile(`^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|"(?:[^"\\]|\\.)*")$`)

// valueLines returns how many of a text sample's lines its value takes: a JSON value up
// to its closing bracket, an XML document up to its root's end tag, "Sample not
// available." alone, any other text up to the first blank line. cut is true when the
// lines end inside a JSON or XML value and they end the document (atEOF): the page was
// cut off there.
func valueLines(lines []string, atEOF bool) (used int, cut bool) {
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return len(lines), false
	}
	text := strings.Join(lines[first:], "\n")
	trimmed := strings.TrimSpace(text)
	var end int
	var complete bool
	switch {
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "["):
		end, complete = jsonValueEnd(text)
	case strings.HasPrefix(trimmed, "<"):
		end, complete = xmlValueEnd(text)
	case strings.TrimSpace(lines[first]) == notAvailable:
		// The template's sentence, whole: what follows is the page's end or the next page
		// of a document that holds several.
		return first + 1, false
	case jsonScalar.MatchString(strings.TrimSpace(lines[first])):
		// A JSON number, string or literal ("1", "\"sample string 1\"", "true") is one line.
		return first + 1, false
	default:
		for i := first; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "" {
				return i, false
			}
		}
		return len(lines), false
	}
	if !complete {
		return len(lines), atEOF
	}
	return first + strings.Count(text[:end], "\n") + 1, false
}

// jsonValueEnd returns the offset just after the JSON object or array text starts with,
// and false when text ends first.
func jsonValueEnd(text string) (int, bool) {
	depth := 0
	inString, escaped := false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return len(text), false
}

// xmlValueEnd returns the offset just after the end of the root element of the XML
// document text starts with, and false when text ends first. A document that is not
// well-formed is taken whole (true), for the sample reader to report.
func xmlValueEnd(text string) (int, bool) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false
	depth := 0
	started := false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
				return len(text), false
			}
			return len(text), true
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			started = true
		case xml.EndElement:
			depth--
		}
		if started && depth == 0 {
			return int(dec.InputOffset()), true
		}
	}
}
