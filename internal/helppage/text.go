package helppage

import (
	"mime"
	"strings"
)

// The text rendering of a Help Page keeps the page's words but not its markup: headings
// are lines of their own, a table is a header line ("Name | Description | Type |
// Additional information |", glued to the type link before it), a separator line and
// rows separated by lines holding a single "|", samples follow a media type line and a
// "Sample:" line. It is a line format, so it is read line by line.

// sectionLevels gives the heading level of the template's fixed section titles, in both
// template generations.
var sectionLevels = map[string]int{
	"Request Information":   2,
	"Response Information":  2,
	"URI Parameters":        3,
	"Body Parameters":       3,
	"Parameters":            3,
	"Request Formats":       3,
	"Request body formats":  3,
	"Resource Description":  3,
	"Response Formats":      3,
	"Response body formats": 3,
}

// tableHeaders are the header lines of the template's tables: parameters (second
// generation), parameters (first generation) and enumeration values.
var tableHeaders = []string{
	"Name | Description | Type | Additional information |",
	"Name | Description | Additional information |",
	"Name | Value | Description |",
}

// httpMethods are the methods a Help Page title can start with.
var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true,
	"PATCH": true, "HEAD": true, "OPTIONS": true}

// isTitle reports whether line is an API page title, "METHOD route".
func isTitle(line string) bool {
	method, route, ok := strings.Cut(line, " ")
	return ok && httpMethods[method] && route != "" && !strings.Contains(route, " ")
}

// isMediaTypeList reports whether line is a comma-separated list of media types, the
// header of a sample.
func isMediaTypeList(line string) bool {
	if line == "" {
		return false
	}
	for _, mt := range strings.Split(line, ",") {
		mt = strings.TrimSpace(mt)
		if mt == "" || !strings.Contains(mt, "/") || strings.ContainsAny(mt, " {}<>\"") {
			return false
		}
		if _, _, err := mime.ParseMediaType(mt); err != nil {
			return false
		}
	}
	return true
}

// splitTableHeader returns the text glued before a table header line and the header's
// column titles, or ok false when line is no table header.
func splitTableHeader(line string) (prefix string, columns []string, ok bool) {
	for _, h := range tableHeaders {
		if p, found := strings.CutSuffix(line, h); found {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "|")), splitCells(h), true
		}
	}
	return "", nil, false
}

// splitCells splits a table line on "|", trimming each cell and dropping the empty cells
// before a leading and after a trailing "|".
func splitCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	parts := strings.Split(line, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// isSeparator reports whether line is a table's header separator ("---|---|").
func isSeparator(line string) bool {
	return strings.Contains(line, "---") && strings.Trim(line, "-| ") == ""
}

// parseText flattens the text rendering of a Help Page into blocks.
func parseText(data string) []block {
	lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	var out []block
	inFormats := false
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		n := i + 1
		switch {
		case line == "":
		case len(out) == 0 || isTitle(line):
			out = append(out, block{kind: heading, level: 1, text: line, line: n})
			inFormats = false
		case sectionLevels[line] != 0:
			out = append(out, block{kind: heading, level: sectionLevels[line], text: line, line: n})
			inFormats = strings.Contains(line, "ormats")
		case inFormats && isMediaTypeList(line):
			out = append(out, block{kind: heading, level: 4, text: line, line: n})
		case inFormats && line == "Sample:":
			var text []string
			j := i + 1
			for ; j < len(lines); j++ {
				l := strings.TrimSpace(lines[j])
				if sectionLevels[l] != 0 || isMediaTypeList(l) || isTitle(l) {
					break
				}
				text = append(text, lines[j])
			}
			s := strings.TrimSpace(strings.Join(text, "\n"))
			out = append(out, block{kind: sample, text: s, available: s != "" && s != notAvailable, line: n + 1})
			i = j - 1
		default:
			prefix, columns, ok := splitTableHeader(line)
			if !ok {
				out = append(out, block{kind: para, text: line, line: n})
				continue
			}
			if prefix != "" {
				out = append(out, block{kind: para, text: prefix, line: n})
			}
			t := block{kind: table, header: columns, line: n}
			i = readRows(lines, i+1, &t)
			out = append(out, t)
		}
	}
	return out
}

// notAvailable is what the template shows for a media type it has no sample for.
const notAvailable = "Sample not available."

// readRows reads a table's rows from lines[start:] into t and returns the index of the
// last line it consumed.
func readRows(lines []string, start int, t *block) int {
	var row []string
	flush := func() {
		if len(row) > 0 {
			t.rows = append(t.rows, textRow(row, len(t.header)))
		}
		row = nil
	}
	i := start
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if isSeparator(l) && len(t.rows) == 0 && row == nil {
			continue
		}
		if l == "" || sectionLevels[l] != 0 || isTitle(l) || l == "Possible enumeration values:" {
			break
		}
		if _, _, ok := splitTableHeader(l); ok {
			break
		}
		if l == "|" {
			flush()
			continue
		}
		row = append(row, lines[i])
	}
	flush()
	return i - 1
}

// textRow builds a row's cells from its lines: the first line holds the name, the
// description when there is one, and the type (second generation) or value (enumeration
// tables); each further line is one annotation of the last column.
func textRow(lines []string, columns int) []cell {
	first := splitCells(lines[0])
	var annotations []string
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), "|")); l != "" {
			annotations = append(annotations, l)
		}
	}
	cells := make([]cell, columns)
	switch {
	case columns == 4 && len(first) == 2: // Name | Type, no description
		cells[0].text, cells[2].text = first[0], first[1]
	case columns == 4:
		for k := 0; k < len(first) && k < 3; k++ {
			cells[k].text = first[k]
		}
	default:
		for k := 0; k < len(first) && k < columns; k++ {
			cells[k].text = first[k]
		}
	}
	last := &cells[columns-1]
	if len(annotations) > 0 {
		last.lines = append(last.lines, annotations...)
		last.text = strings.Join(last.lines, " ")
	} else if last.text != "" {
		last.lines = []string{last.text}
	}
	return cells
}
