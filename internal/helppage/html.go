package helppage

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// parseHTML flattens a Help Page's HTML (the template's markup: h1..h4, p, help-page-table
// tables, pre samples) into blocks. It walks golang.org/x/net/html's tokenizer rather than
// a parsed tree because the tokenizer's raw bytes give each block its line number, which
// warnings need.
//
// It also returns the text of the document's <title> (a model page saved without its h1
// is named by it) and what the document breaks off inside: a table or a sample left
// open at the end, or a whole page ("<!DOCTYPE html>", "<html>") without its "</body>"
// or "</html>"; "" when it ends whole.
func parseHTML(text string) (blocks []block, title, cutOff string) {
	f := &htmlFlattener{line: 1}
	lower := strings.ToLower(strings.TrimSpace(text))
	whole := strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html")
	z := html.NewTokenizer(strings.NewReader(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		line := f.line
		f.line += bytes.Count(z.Raw(), []byte("\n"))
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			f.start(string(name), line, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "html" || string(name) == "body" {
				whole = false // HTML lets a page leave out </html>, rarely </body>
			}
			f.end(string(name), line)
		case html.TextToken:
			f.text(string(z.Text()), line)
		}
	}
	switch {
	case f.tbl != nil:
		cutOff = fmt.Sprintf("the table that starts at line %d", f.tbl.line)
	case f.capture != nil && f.capKind == "pre":
		cutOff = fmt.Sprintf("the sample that starts at line %d", f.capLine)
	case whole:
		cutOff = "the page, before its </body>"
	}
	f.flushLoose()
	return f.out, collapse(f.title.String()), cutOff
}

// htmlFlattener is the state of parseHTML.
type htmlFlattener struct {
	out  []block
	line int
	skip int // depth inside head, script, style, noscript
	// capture collects the text of the open heading, paragraph or pre.
	capture   *strings.Builder
	capKind   string // "h1".."h4", "p", "pre"
	capLine   int
	loose     strings.Builder // inline text outside any block (a type link)
	looseLine int
	tbl       *block
	row       []cell
	inCell    bool
	cellText  strings.Builder
	cellLines []string
	inHead    bool // inside thead
	inTitle   bool // inside the document's <title>
	title     strings.Builder
}

var skipElements = map[string]bool{"head": true, "script": true, "style": true, "noscript": true, "title": true}

// blockElements end a run of inline text.
var blockElements = map[string]bool{"div": true, "section": true, "ul": true, "ol": true, "li": true,
	"header": true, "footer": true, "nav": true, "body": true, "hr": true, "article": true, "main": true}

func (f *htmlFlattener) start(name string, line int, selfClosing bool) {
	if skipElements[name] {
		if !selfClosing {
			f.skip++
			f.inTitle = name == "title"
		}
		return
	}
	if f.skip > 0 {
		return
	}
	if f.inCell && (name == "p" || name == "pre") {
		// A cell's paragraphs (annotations) and the first generation's <pre> description.
		f.capture, f.capKind, f.capLine = &strings.Builder{}, "cell", line
		return
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6", "pre":
		f.flushLoose()
		f.capture, f.capKind, f.capLine = &strings.Builder{}, name, line
	case "p":
		f.flushLoose()
		f.capture, f.capKind, f.capLine = &strings.Builder{}, "p", line
	case "br":
		f.text("\n", line)
	case "table":
		f.flushLoose()
		f.tbl = &block{kind: table, line: line}
	case "thead":
		f.inHead = true
	case "tbody":
		f.inHead = false
	case "tr":
		f.row = nil
	case "td", "th":
		f.inCell = true
		f.cellText.Reset()
		f.cellLines = nil
	default:
		if blockElements[name] {
			f.flushLoose()
		}
	}
}

func (f *htmlFlattener) end(name string, line int) {
	if name == "title" {
		f.inTitle = false
	}
	if skipElements[name] {
		if f.skip > 0 {
			f.skip--
		}
		return
	}
	if f.skip > 0 {
		return
	}
	if f.capture != nil && f.capKind == "cell" && (name == "p" || name == "pre") {
		if s := collapse(f.capture.String()); s != "" {
			f.cellLines = append(f.cellLines, s)
		}
		f.capture = nil
		return
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if f.capture != nil && f.capKind == name {
			level := int(name[1] - '0')
			f.out = append(f.out, block{kind: heading, level: min(level, 4), text: collapse(f.capture.String()), line: f.capLine})
			f.capture = nil
		}
	case "pre":
		if f.capture != nil && f.capKind == "pre" {
			s := strings.TrimSpace(f.capture.String())
			f.out = append(f.out, block{kind: sample, text: s, available: s != "" && s != notAvailable, line: f.capLine})
			f.capture = nil
		}
	case "p":
		if f.capture == nil || f.capKind != "p" {
			return
		}
		s := collapse(f.capture.String())
		f.capture = nil
		switch {
		case s == notAvailable || strings.HasPrefix(s, "Failed to generate the sample"):
			f.out = append(f.out, block{kind: sample, text: s, line: f.capLine})
		case s != "":
			f.out = append(f.out, block{kind: para, text: s, line: f.capLine})
		}
	case "td", "th":
		if !f.inCell {
			return
		}
		f.inCell = false
		c := cell{text: collapse(f.cellText.String()), lines: f.cellLines}
		if len(c.lines) == 0 && c.text != "" {
			c.lines = []string{c.text}
		}
		if f.tbl != nil && (f.inHead || name == "th") {
			f.tbl.header = append(f.tbl.header, c.text)
		} else {
			f.row = append(f.row, c)
		}
	case "tr":
		if f.tbl != nil && len(f.row) > 0 {
			for len(f.row) < len(f.tbl.header) {
				f.row = append(f.row, cell{})
			}
			f.tbl.rows = append(f.tbl.rows, f.row)
		}
		f.row = nil
	case "table":
		if f.tbl != nil {
			f.out = append(f.out, *f.tbl)
			f.tbl = nil
		}
	default:
		if blockElements[name] {
			f.flushLoose()
		}
	}
}

func (f *htmlFlattener) text(s string, line int) {
	if f.inTitle {
		f.title.WriteString(s)
	}
	if f.skip > 0 {
		return
	}
	switch {
	case f.inCell:
		f.cellText.WriteString(s)
		if f.capture != nil {
			f.capture.WriteString(s)
		}
	case f.capture != nil:
		f.capture.WriteString(s)
	case f.tbl != nil:
		// Whitespace between table rows.
	default:
		if strings.TrimSpace(f.loose.String()) == "" && strings.TrimSpace(s) != "" {
			f.looseLine = line + strings.Count(s[:len(s)-len(strings.TrimLeft(s, " \t\r\n"))], "\n")
		}
		f.loose.WriteString(s)
	}
}

// flushLoose emits the inline text collected since the last block as a paragraph
// (a type link such as "Collection of OrderLine"); "Sample:" labels are dropped.
func (f *htmlFlattener) flushLoose() {
	s := collapse(f.loose.String())
	f.loose.Reset()
	if s == "" || s == "Sample:" {
		return
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "Sample:"))
	f.out = append(f.out, block{kind: para, text: s, line: f.looseLine})
}

// collapse joins the words of s with single spaces, as a browser shows them.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
