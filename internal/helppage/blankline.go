package helppage

import (
	"fmt"
	"regexp"
	"strings"
)

// The "blank-line" rendering is what a browser's copy of a Help Page gives: every block a
// paragraph of its own between blank lines, a table's header row run together
// ("NameDescriptionTypeAdditional information") and each cell a paragraph, with the empty
// cells (a member without documentation) left out. Which paragraph is which cell is
// inferred from what the template writes in each column: the name is an identifier; the
// type is a type name ("string", "Collection of X", a model's name); "Additional
// information" always holds at least one annotation ("None.", "Required", "String length:
// ..."); anything else between the name and the type is the description.

// blankHeaders are the run-together header rows, longest first, with their columns.
var blankHeaders = []struct {
	text    string
	columns []string
}{
	{"NameDescriptionTypeAdditional information", []string{"Name", "Description", "Type", "Additional information"}},
	{"NameDescriptionAdditional information", []string{"Name", "Description", "Additional information"}},
	{"NameDescriptionType", []string{"Name", "Description", "Type"}},
	{"NameValueDescription", []string{"Name", "Value", "Description"}},
}

// splitBlankHeader returns the text glued before a run-together header row (the type
// link) and its columns, or ok false when line is none.
func splitBlankHeader(line string) (prefix string, columns []string, ok bool) {
	for _, h := range blankHeaders {
		if p, found := strings.CutSuffix(line, h.text); found {
			return strings.TrimSpace(p), h.columns, true
		}
	}
	return "", nil, false
}

// readBlankRows reads the rows of a blank-line table from lines[start:] into t and
// returns the index of the last line it consumed: the paragraphs after the last whole
// row (site chrome, a paragraph of the page) are left to the caller.
func (d *textDoc) readBlankRows(start int, t *block) int {
	type paragraph struct {
		text     string
		from, to int // line indexes
	}
	var ps []paragraph
	i := start
	for i < len(d.lines) {
		l := d.lines[i]
		if l == "" {
			i++
			continue
		}
		if isBlankTableEnd(l) || d.marks[i] || isTitle(l) || l == "Possible enumeration values:" || isMediaTypeList(l) || l == "Sample:" {
			break
		}
		if _, _, ok := splitBlankHeader(l); ok {
			break
		}
		if _, _, ok := splitTableHeader(l); ok {
			break
		}
		ps = append(ps, paragraph{text: l, from: i, to: i})
		i++
	}
	texts := make([]string, len(ps))
	for k, p := range ps {
		texts[k] = p.text
	}
	rows, used, cut := blankRows(texts, t.header)
	t.rows = rows
	if cut && (i == len(d.lines) || onlyBlank(d.lines[i:])) {
		d.cutOff = fmt.Sprintf("the table that starts at line %d", t.line)
	}
	if used == len(ps) {
		return i - 1
	}
	return ps[used].from - 1
}

// isBlankTableEnd reports whether a paragraph of a blank-line table is a section title
// that ends it. A one-word title does not ("URI" is also the type word of System.Uri), so
// that members named "Errors" or "Notes", or of type URI, stay members.
func isBlankTableEnd(l string) bool {
	if sectionLevel(l) == 0 {
		return false
	}
	return strings.Contains(l, " ") || l == "Parameters"
}

// blankRows splits a blank-line table's paragraphs into rows for the header's columns.
// It returns the rows, how many paragraphs they take, and whether the paragraphs end in
// the middle of a row (the name read, the type or annotations missing).
func blankRows(ps []string, header []string) (rows [][]cell, used int, cut bool) {
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	_, hasType := col["Type"]
	_, hasNotes := col["Additional information"]
	_, hasValue := col["Value"]
	k := 0
	for k < len(ps) {
		if !isMemberName(ps[k]) {
			return rows, k, false
		}
		row := make([]cell, len(header))
		set := func(c int, s string) {
			row[c].lines = append(row[c].lines, s)
			row[c].text = strings.Join(row[c].lines, " ")
		}
		set(col["Name"], ps[k])
		j := k + 1
		switch {
		case hasValue:
			if j >= len(ps) {
				return rows, k, true
			}
			if !isInteger(ps[j]) {
				return rows, k, false
			}
			set(col["Value"], ps[j])
			j++
			// A description, unless the paragraph starts the next row.
			if j < len(ps) && !(isMemberName(ps[j]) && j+1 < len(ps) && isInteger(ps[j+1])) && !endsTable(ps, j) {
				set(col["Description"], ps[j])
				j++
			}
		case hasType:
			t := typeIndex(ps, j)
			if t < 0 {
				return rows, k, j >= len(ps) || len(ps)-j <= 2
			}
			for ; j < t; j++ {
				set(col["Description"], ps[j])
			}
			set(col["Type"], ps[t])
			j = t + 1
			if hasNotes {
				if j >= len(ps) || !isAnnotation(ps[j]) {
					return rows, k, j >= len(ps)
				}
				for ; j < len(ps) && isAnnotation(ps[j]); j++ {
					set(col["Additional information"], ps[j])
				}
			}
		default: // first generation: Name, Description, Additional information
			for ; j < len(ps) && !isAnnotation(ps[j]) && j-k <= maxDescriptionParagraphs; j++ {
				set(col["Description"], ps[j])
			}
			if j >= len(ps) || !isAnnotation(ps[j]) {
				return rows, k, j >= len(ps)
			}
			for ; j < len(ps) && isAnnotation(ps[j]); j++ {
				set(col["Additional information"], ps[j])
			}
		}
		rows = append(rows, row)
		k = j
	}
	return rows, k, false
}

// maxDescriptionParagraphs bounds how far the reader looks for a row's type: a
// description longer than this is taken for the end of the table.
const maxDescriptionParagraphs = 6

// typeIndex returns the index of the type paragraph of the row whose description may
// start at ps[from]: the first paragraph that reads as a type, unless it is a bare name
// followed by a built-in type (then it was a one-word description). -1 when none.
func typeIndex(ps []string, from int) int {
	for t := from; t < len(ps) && t-from <= maxDescriptionParagraphs; t++ {
		if !isTypeText(ps[t]) {
			continue
		}
		if isTypeName(ps[t]) && t+1 < len(ps) && isBuiltinType(ps[t+1]) && !isAnnotation(ps[t+1]) {
			continue
		}
		return t
	}
	return -1
}

// endsTable reports whether ps[j:] looks like text after the table rather than a cell.
func endsTable(ps []string, j int) bool {
	s := ps[j]
	return strings.Contains(s, "©") || strings.HasPrefix(strings.ToLower(s), "copyright")
}

var (
	memberName = regexp.MustCompile(`^[\p{L}_@$][\p{L}\p{N}_$.\-]*$`)
	integer    = regexp.MustCompile(`^-?\d+$`)
)

// isMemberName reports whether s can be a member's or parameter's name.
func isMemberName(s string) bool { return memberName.MatchString(s) && !isAnnotation(s) }

func isInteger(s string) bool { return integer.MatchString(s) }

// extraTypeWords are type words of the template that parseTypeText files as classes.
var extraTypeWords = map[string]bool{"Object": true, "object": true}

// isBuiltinType reports whether s is one of the template's words for a built-in type,
// a collection or a dictionary.
func isBuiltinType(s string) bool {
	if _, ok := simpleTypes[s]; ok || extraTypeWords[s] {
		return true
	}
	return strings.HasPrefix(s, "Collection of ") || strings.HasPrefix(s, "Dictionary of ") && strings.Contains(s, "[key]")
}

// annotationPrefixes start the "Additional information" paragraphs the template writes:
// data annotations, a parameter's default value, and the first generation's source.
var annotationPrefixes = []string{
	"None.",
	"Required",
	"String length:",
	"Max length:",
	"Min length:",
	"Range:",
	"Matching regular expression pattern:",
	"Data type:",
	"Default value is",
	"Define this parameter in the request",
}

// isAnnotation reports whether s is an "Additional information" paragraph (or starts
// with one, in a cell a rendering ran together); a member named RequiredDate is none.
func isAnnotation(s string) bool {
	s = strings.TrimSpace(s)
	if s == "None." || s == "Required" || strings.HasPrefix(s, "None. ") || strings.HasPrefix(s, "Required ") {
		return true
	}
	for _, p := range annotationPrefixes[2:] {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// annotationStart finds where an annotation begins inside a cell whose paragraphs a
// rendering ran together ("Required String length: inclusive between 0 and 50").
var annotationStart = regexp.MustCompile(`\s(?:Required\b|String length:|Max length:|Min length:|Range:|Matching regular expression pattern:|Data type:|Default value is )`)

// splitAnnotations splits cells whose annotations were run together into one annotation
// each; a regular expression pattern is never split, being the pattern's own text.
func splitAnnotations(parts []string) []string {
	var out []string
	for _, p := range parts {
		for p != "" {
			if strings.HasPrefix(p, "Matching regular expression pattern:") {
				out = append(out, p)
				break
			}
			loc := annotationStart.FindStringIndex(p)
			if loc == nil || !isAnnotation(p) && !strings.HasPrefix(p, "Required ") && !strings.HasPrefix(p, "None. ") {
				out = append(out, p)
				break
			}
			out = append(out, strings.TrimSpace(p[:loc[0]]))
			p = strings.TrimSpace(p[loc[0]:])
		}
	}
	return out
}
