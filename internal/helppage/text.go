package helppage

import (
	"fmt"
	"mime"
	"regexp"
	"strings"
)

// The text rendering of a Help Page keeps the page's words but not its markup. Three
// renderings are read, all line by line:
//
//   - the seeds' rendering: headings are lines of their own, a table is a header line
//     ("Name | Description | Type | Additional information |", glued to the type link
//     before it), a separator line and rows whose cells end in " |", separated by lines
//     holding a single "|"; each further paragraph of a cell is a line of its own;
//   - a markdown-like rendering: "#" before headings, rows that start with "| " and hold
//     every cell of the row, a "|---|" separator, links as [text](url), samples in
//     ``` fences;
//   - the "blank-line" rendering (a browser's copy of the page): every block is a
//     paragraph between blank lines, the header row run together
//     ("NameDescriptionTypeAdditional information") and each cell a paragraph of its own,
//     empty cells left out (see blankline.go).
//
// Tables have four columns (Name, Description, Type, Additional information), three
// (Name, Description, Type: a template without annotations; Name, Description,
// Additional information: the first template generation) or are enumeration values
// (Name, Value, Description). Samples follow a media type line and a "Sample:" line.

// sectionLevels gives the heading level of the template's section titles, in both
// template generations and the customised wordings seen on real pages, by lower-case
// title. Level 3 titles that are not in sectionByTitle are sections the importer skips
// ("Response Codes"), so that their text is never taken for a type.
var sectionLevels = map[string]int{
	"request information":     2,
	"response information":    2,
	"uri parameters":          3,
	"uri":                     3,
	"body parameters":         3,
	"parameters":              3,
	"request formats":         3,
	"request body formats":    3,
	"resource description":    3,
	"response formats":        3,
	"response body formats":   3,
	"uri parameter":           3,
	"route parameters":        3,
	"query parameters":        3,
	"request body parameters": 3,
	"request body":            3,
	"response description":    3,
	"request samples":         3,
	"response samples":        3,
	"sample requests":         3,
	"sample responses":        3,
	// Sections of customised templates, skipped.
	"response codes":      3,
	"status codes":        3,
	"http status codes":   3,
	"error codes":         3,
	"errors":              3,
	"remarks":             3,
	"notes":               3,
	"headers":             3,
	"request headers":     3,
	"response headers":    3,
	"authorization":       3,
	"authentication":      3,
	"examples":            3,
	"example":             3,
	"see also":            3,
	"permissions":         3,
	"rate limits":         3,
	"change log":          3,
	"changelog":           3,
	"deprecation":         3,
	"request headers:":    3,
	"response codes:":     3,
	"possible responses":  3,
	"response status":     3,
	"response messages":   3,
	"http response codes": 3,
}

// sectionLevel returns the level of a section title, 0 when line is none.
func sectionLevel(line string) int { return sectionLevels[strings.ToLower(line)] }

// tableHeaders are the header lines of the template's tables: parameters (second
// generation, with and without annotations), parameters (first generation) and
// enumeration values.
var tableHeaders = []string{
	"Name | Description | Type | Additional information |",
	"Name | Description | Additional information |",
	"Name | Description | Type |",
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
		// A markdown header may leave out the last "|".
		if p, found := strings.CutSuffix(line+" |", h); found && strings.HasPrefix(strings.TrimSpace(p), "|") {
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
	return strings.Contains(line, "---") && strings.Trim(line, "-|: ") == ""
}

var (
	mdLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)
	mdHeading = regexp.MustCompile(`^#{1,6}\s+`)
)

// normalizeLine removes the markdown-like rendering's markup from a line that is no
// sample: heading marks (reported as heading true), bold marks and links. A line of
// cells separated by tabs (a table copied from a browser) becomes a markdown row.
func normalizeLine(line string) (text string, heading bool) {
	line = strings.TrimSpace(line)
	if strings.Contains(line, "\t") {
		cells := strings.Split(line, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		line = "| " + strings.Join(cells, " | ") + " |"
	}
	if m := mdHeading.FindString(line); m != "" {
		line, heading = strings.TrimSpace(strings.TrimRight(line[len(m):], "# ")), true
	}
	if strings.Contains(line, "](") {
		line = mdLink.ReplaceAllString(line, "$1")
	}
	if strings.Contains(line, "**") {
		line = strings.ReplaceAll(line, "**", "")
	}
	return strings.TrimSpace(line), heading
}

// textDoc is the state of parseText.
type textDoc struct {
	raw   []string // the document's lines
	lines []string // the same, normalised
	marks []bool   // a line carried a markdown heading mark
	out   []block
	// cutOff says what the document breaks off inside ("the sample that starts at line
	// 12"), "" when it ends whole.
	cutOff string
}

// parseText flattens the text rendering of a Help Page into blocks. fileModel is the
// model named by the document's file name ("ResourceModel-X.txt"), "" when none; it
// finds, or stands for, a model page's title. It also returns what the document breaks
// off inside (a sample, a table row cut short), "" when it ends whole.
func parseText(data, fileModel string) ([]block, string) {
	d := &textDoc{raw: strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")}
	d.lines = make([]string, len(d.raw))
	d.marks = make([]bool, len(d.raw))
	api := false
	for i, l := range d.raw {
		d.lines[i], d.marks[i] = normalizeLine(l)
		api = api || isTitle(d.lines[i])
	}
	modelTitle, named := -1, -1 // the model page's title line; the line its file name titles
	if !api {
		var firstTable int
		modelTitle, firstTable = d.modelTitle(fileModel)
		if modelTitle < 0 && fileModel != "" {
			named = firstTable
		}
	}
	inFormats := false
	for i := 0; i < len(d.lines); i++ {
		line := d.lines[i]
		n := i + 1
		if i == named {
			d.out = append(d.out, block{kind: heading, level: 1, text: fileModel, line: n})
		}
		switch {
		case line == "" || isFence(line) || isRule(line):
		case isTitle(line) || i == modelTitle:
			d.out = append(d.out, block{kind: heading, level: 1, text: line, line: n})
			inFormats = false
		case inFormats && isMediaTypeList(line):
			d.out = append(d.out, block{kind: heading, level: 4, text: line, line: n})
		case sectionLevel(line) != 0 && !d.uriType(line) || d.marks[i] && (api || len(d.out) > 0):
			level := sectionLevel(line)
			if level == 0 {
				level = 3
			}
			d.out = append(d.out, block{kind: heading, level: level, text: line, line: n})
			s := sectionOf(line)
			inFormats = s == secRequestFormats || s == secResponseFormats
		case inFormats && line == "Sample:":
			i = d.readSample(i + 1)
		default:
			if prefix, columns, ok := splitBlankHeader(line); ok {
				d.tableStart(prefix, columns, n)
				i = d.readBlankRows(i+1, &d.out[len(d.out)-1])
				continue
			}
			prefix, columns, ok := splitTableHeader(line)
			if !ok {
				// A type link run together with the "None." after it ("IHttpActionResultNone.").
				if t, found := strings.CutSuffix(line, "None."); found && t != "" && isTypeText(strings.TrimSpace(t)) {
					d.out = append(d.out, block{kind: para, text: strings.TrimSpace(t), line: n})
					line = "None."
				}
				d.out = append(d.out, block{kind: para, text: line, line: n})
				continue
			}
			d.tableStart(prefix, columns, n)
			i = d.readRows(i+1, &d.out[len(d.out)-1])
		}
	}
	return d.out, d.cutOff
}

// uriType reports whether line is "URI" as a type (System.Uri's type word, a response's
// type) rather than a customised template's title of the URI parameters, which comes
// right after "Request Information".
func (d *textDoc) uriType(line string) bool {
	if !strings.EqualFold(line, "uri") {
		return false
	}
	last := len(d.out) - 1
	return last < 0 || d.out[last].kind != heading || !strings.EqualFold(d.out[last].text, "Request Information")
}

// tableStart appends the paragraph glued before a table header, if any, and the table.
func (d *textDoc) tableStart(prefix string, columns []string, line int) {
	if prefix != "" {
		d.out = append(d.out, block{kind: para, text: prefix, line: line})
	}
	d.out = append(d.out, block{kind: table, header: columns, line: line})
}

// isRule reports whether line is a markdown rule or a heading's underline ("---", "===").
func isRule(line string) bool {
	return len(line) >= 3 && (strings.Trim(line, "-") == "" || strings.Trim(line, "=") == "" || strings.Trim(line, "*") == "")
}

// isFence reports whether line opens or closes a markdown code block.
func isFence(line string) bool {
	return strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")
}

// modelTitle finds the title line of a model page in a document with no API title: the
// line naming fileModel, else the last line before the first table that can be a type
// name (the lines before it are site chrome: "Home", "API", "Help Page Home"). It also
// returns the index of the first table's header, -1 for each when there is none.
func (d *textDoc) modelTitle(fileModel string) (title, firstTable int) {
	firstTable = -1
	for i, l := range d.lines {
		if _, _, ok := splitTableHeader(l); ok || l == "Possible enumeration values:" {
			firstTable = i
			break
		}
		if _, _, ok := splitBlankHeader(l); ok {
			firstTable = i
			break
		}
	}
	if firstTable < 0 {
		return -1, -1
	}
	title = -1
	for i := 0; i < firstTable; i++ {
		l := d.lines[i]
		switch {
		case fileModel != "" && (l == fileModel || strings.HasSuffix(l, "."+fileModel)):
			return i, firstTable
		case isTypeName(l) && sectionLevel(l) == 0:
			title = i
		}
	}
	if fileModel != "" {
		return -1, firstTable
	}
	return title, firstTable
}

// notAvailable is what the template shows for a media type it has no sample for.
const notAvailable = "Sample not available."

// readSample reads the sample that starts at lines[start] (after "Sample:") and returns
// the index of the last line it consumed. A JSON or XML sample ends where its value
// ends, and any other sample at the first blank line, so that site chrome after the
// last sample ("© 2024 - Contoso") is not taken for a part of it. A sample cut off by
// the end of the document marks the document truncated.
func (d *textDoc) readSample(start int) int {
	j := start
	for j < len(d.lines) && d.lines[j] == "" {
		j++
	}
	fenced := j < len(d.lines) && isFence(d.lines[j])
	if fenced {
		j++
	}
	first := j
	var text []string
	k := j
	for ; k < len(d.lines); k++ {
		l := d.lines[k]
		if fenced && isFence(l) {
			break
		}
		if !fenced && (sectionLevel(l) != 0 || isMediaTypeList(l) || isTitle(l) || d.marks[k] || isFence(l)) {
			break
		}
		text = append(text, d.raw[k])
	}
	used, cut := valueLines(text, k == len(d.lines))
	if cut {
		d.cutOff = fmt.Sprintf("the sample that starts at line %d", first+1)
	}
	s := strings.TrimSpace(strings.Join(text[:used], "\n"))
	d.out = append(d.out, block{kind: sample, text: s, available: s != "" && s != notAvailable, line: first + 1})
	if fenced && k < len(d.lines) {
		return k
	}
	return max(first+used-1, start-1)
}

// readRows reads the rows of a table in the seeds' or the markdown-like rendering from
// lines[start:] into t and returns the index of the last line it consumed. A line with
// two cells or more starts a row; a line with one cell is a further paragraph of the
// row's last cell (an annotation); a line "|" ends a row.
func (d *textDoc) readRows(start int, t *block) int {
	var row []string
	flush := func() {
		if len(row) > 0 {
			t.rows = append(t.rows, textRow(row, t.header))
		}
		row = nil
	}
	i := start
	for ; i < len(d.lines); i++ {
		l := d.lines[i]
		if isSeparator(l) && len(t.rows) == 0 && row == nil {
			continue
		}
		if l == "" || sectionLevel(l) != 0 || d.marks[i] || isTitle(l) || l == "Possible enumeration values:" {
			break
		}
		if _, _, ok := splitTableHeader(l); ok {
			break
		}
		if l == "|" {
			flush()
			continue
		}
		cells := countCells(l)
		if len(row) > 0 && cells < 2 && !strings.HasSuffix(l, "|") && !isAnnotation(l) {
			// Not a cell: the text after the table (site chrome).
			break
		}
		if len(row) > 0 && cells >= 2 {
			flush()
		}
		row = append(row, l)
	}
	if i == len(d.lines) || onlyBlank(d.lines[i:]) {
		if len(row) > 0 && rowCut(row, t.header) {
			d.cutOff = fmt.Sprintf("the table that starts at line %d", t.line)
		}
	}
	flush()
	return i - 1
}

// onlyBlank reports whether every line is empty.
func onlyBlank(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// countCells counts the non-empty cells of a table line.
func countCells(l string) int {
	if !strings.Contains(l, "|") {
		return 1
	}
	n := 0
	for _, c := range splitCells(l) {
		if c != "" {
			n++
		}
	}
	// A markdown row with empty cells ("| Id | | integer | None. |") still has them.
	if strings.HasPrefix(l, "|") && strings.Count(l, "|") >= 3 {
		return max(n, 2)
	}
	return n
}

// rowCut reports whether a row at the end of a document is shorter than the template
// writes it: a four-column row always ends with an annotation ("None." at least), and a
// markdown row holds every cell.
func rowCut(row, header []string) bool {
	cells := splitCells(row[0])
	if strings.HasPrefix(row[0], "|") {
		return len(cells) < len(header) || !strings.HasSuffix(row[len(row)-1], "|")
	}
	return len(header) == 4 && len(row) == 1 && len(cells) < 4
}

// brSplit splits a markdown cell at the line breaks a converter writes for paragraphs.
var brSplit = regexp.MustCompile(`\s*<br\s*/?>\s*`)

// textRow builds a row's cells from its lines: the first line holds the name, the
// description when there is one, and the type (second generation) or value (enumeration
// tables), or all the cells (markdown); each further line is one paragraph of the last
// column.
func textRow(lines []string, header []string) []cell {
	columns := len(header)
	first := splitCells(lines[0])
	var more []string
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), "|")); l != "" {
			more = append(more, l)
		}
	}
	cells := make([]cell, columns)
	switch {
	case len(first) >= columns:
		for k := 0; k < columns; k++ {
			cells[k].text = first[k]
		}
	case len(first) == 2 && columns >= 3 && header[2] == "Type": // Name | Type, no description
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
	if last.text != "" {
		last.lines = splitAnnotations(brSplit.Split(last.text, -1))
	}
	if len(more) > 0 {
		last.lines = append(last.lines, more...)
	}
	last.text = strings.Join(last.lines, " ")
	for k := range cells[:columns-1] {
		cells[k].text = brSplit.ReplaceAllString(cells[k].text, " ")
		if cells[k].text != "" {
			cells[k].lines = []string{cells[k].text}
		}
	}
	return cells
}
