package helppage

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ErrNotHelpPage is the cause of a DocumentError for a document that is not a Help Page:
// an empty or binary file, another site's page, a page with no API title and no model
// table. The Help Page index is none of these: ReadPages reads it as no pages and no
// error, and Import as no operation.
var ErrNotHelpPage = errors.New("not a Help Page")

// ErrTruncated is the cause of a DocumentError for a Help Page that breaks off before its
// end: an HTML page without its "</body>" and "</html>", or a table or a sample cut off
// by the end of the file. Such a page is an error, not a warning: the part that is there would give a
// contract with members, samples or a whole response missing, which the mock would then
// serve as the truth. The cure is to save the page again.
var ErrTruncated = errors.New("the page is cut off")

// DocumentError tells why a document cannot be imported, with the line where there is
// one. Errors.Is matches its cause: ErrNotHelpPage or ErrTruncated.
type DocumentError struct {
	Source string
	Line   int
	Err    error
	// Detail says what was found, and what to do.
	Detail string
}

func (e *DocumentError) Error() string {
	where := e.Source
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Source, e.Line)
	}
	return fmt.Sprintf("import %s: %v: %s", where, e.Err, e.Detail)
}

func (e *DocumentError) Unwrap() error { return e.Err }

// ReadPages reads one Help Page document, HTML or text, into its pages as ParsePages
// does, and checks it: an empty or binary file, a document with neither an API page
// nor a model page with a table (another site's page, a site's "About" page) is
// ErrNotHelpPage; a document that breaks off inside a table or a sample, or an HTML
// page without its end, is ErrTruncated. Only the pages that say something are
// returned: API pages, and model pages with a members or enumeration table. The Help
// Page index (tables headed "API", "Description") gives no pages and no error. The
// document is decoded first, as a browser decodes it (decodeDocument); one whose bytes
// its encoding cannot read is ErrEncoding.
func ReadPages(name string, data []byte) ([]*Page, error) {
	pages, _, err := readDocument(Document{Name: name, Data: data})
	return pages, err
}

// readDocument is ReadPages for a Document, which may come with the Content-Type it was
// served with; it also says how the document's text was decoded (decodeDocument).
func readDocument(d Document) ([]*Page, decoded, error) {
	name := d.Name
	dec, err := decodeDocument(d)
	if err != nil {
		return nil, dec, err
	}
	text := dec.text
	if strings.TrimSpace(text) == "" {
		return nil, dec, &DocumentError{Source: name, Err: ErrNotHelpPage, Detail: "the file is empty"}
	}
	if isBinary(text) {
		return nil, dec, &DocumentError{Source: name, Err: ErrNotHelpPage, Detail: "binary data (a Help Page is HTML or its text)"}
	}
	html := isHTML(name, text)
	if isIndexPage(text) {
		// The Help Page index (/Help): it links the API pages and documents no operation
		// (its text renderings list their titles, which are no pages).
		return nil, dec, nil
	}
	pages, cutOff := parseDocument(name, text)
	if cutOff == "" {
		cutOff = missingResponse(pages)
	}
	if cutOff != "" {
		return nil, dec, &DocumentError{Source: name, Line: lastLine(text), Err: ErrTruncated,
			Detail: "the document ends inside " + cutOff + "; save the whole page again"}
	}
	// A document holding several pages: one of them may stop short where the next starts.
	for i, p := range pages[:max(len(pages)-1, 0)] {
		if noResponse(p) {
			return nil, dec, &DocumentError{Source: name, Line: p.Line, Err: ErrTruncated,
				Detail: fmt.Sprintf("the page stops before its Response Information, where the page at line %d starts; copy the whole page again", pages[i+1].Line)}
		}
	}
	var kept []*Page
	for _, p := range pages {
		if p.Method != "" || p.Model != nil && (p.Model.Table || len(p.Model.Enum) > 0) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		detail := `no title "METHOD route" and no model table`
		if html {
			detail = `no <h1> "METHOD route" and no help-page table: another site's page?`
		}
		return nil, dec, &DocumentError{Source: name, Err: ErrNotHelpPage, Detail: detail}
	}
	return kept, dec, nil
}

// lastLine returns the number of the document's last line that is not blank.
func lastLine(text string) int {
	return strings.Count(strings.TrimRight(text, " \t\r\n"), "\n") + 1
}

// missingResponse tells, for a document whose last page is an API page of the second
// template generation, which always shows "Response Information" after the request's
// sections, that the document ends before it; "" otherwise.
func missingResponse(pages []*Page) string {
	if len(pages) == 0 {
		return ""
	}
	if noResponse(pages[len(pages)-1]) {
		return "the request's sections, before Response Information"
	}
	return ""
}

// noResponse reports whether p is an API page of the second template generation that
// shows no "Response Information".
func noResponse(p *Page) bool {
	return p.Method != "" && p.requestSections && !p.responseSection
}

// parseDocument flattens a document, HTML or text, and reads its pages; it returns what
// the document breaks off inside, "" when it ends whole.
func parseDocument(name, text string) ([]*Page, string) {
	fileModel := modelNameFromFile(name)
	if isHTML(name, text) {
		blocks, title, cutOff := parseHTML(text)
		if fileModel == "" && isTypeName(title) {
			fileModel = title
		}
		return interpret(name, titleModelPage(blocks, fileModel)), cutOff
	}
	blocks, cutOff := parseText(text, fileModel)
	return interpret(name, titleModelPages(blocks)), cutOff
}

// titleModelPage gives a page without a title (a saved model page whose <h1> is
// missing) the model name its file name or <title> gives, just before its first table.
func titleModelPage(blocks []block, name string) []block {
	if name == "" {
		return blocks
	}
	for i, b := range blocks {
		switch {
		case b.kind == heading && b.level == 1:
			return blocks
		case b.kind == table || b.kind == para && b.text == "Possible enumeration values:":
			out := append([]block{}, blocks[:i]...)
			out = append(out, block{kind: heading, level: 1, text: name, line: b.line})
			return append(out, blocks[i:]...)
		}
	}
	return blocks
}

// resourceModelFile matches the file names a model page is saved under:
// "ResourceModel?modelName=Ns.X" (a mirror), "ResourceModel@modelName=X.html",
// "ResourceModel%3FmodelName=X.htm", "ResourceModel-X.txt".
var resourceModelFile = regexp.MustCompile(`(?i)^resourcemodel(?:\?|@|%3f|_|-|\.)(?:modelname(?:=|%3d|-|_))?(.+)$`)

// modelNameFromFile returns the model a model page's file name names, "" when it names
// none.
func modelNameFromFile(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	for _, ext := range []string{".html", ".htm", ".txt", ".md"} {
		if len(base) > len(ext) && strings.EqualFold(base[len(base)-len(ext):], ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	m := resourceModelFile.FindStringSubmatch(base)
	if m == nil {
		return ""
	}
	n := m[1]
	if u, err := url.QueryUnescape(n); err == nil {
		n = u
	}
	if i := strings.LastIndex(n, "."); i >= 0 {
		n = n[i+1:]
	}
	if !isTypeName(n) {
		return ""
	}
	return n
}

// indexHeader matches the header row of the Help Page index's tables ("API",
// "Description") in HTML and in the text renderings.
var indexHeader = regexp.MustCompile(`(?im)(<th[^>]*>\s*API\s*</th>\s*<th[^>]*>\s*Description\s*</th>|^\s*\|?\s*API\s*(\||\t)\s*Description\s*\|?\s*$|^\s*APIDescription\s*$)`)

// isIndexPage reports whether text is the Help Page index, which lists the API pages in
// tables headed "API", "Description".
func isIndexPage(text string) bool { return indexHeader.MatchString(text) }

// isBinary reports whether a document's decoded text is no text: it holds a NUL, or
// many control characters (or replacement characters, a decoder's mark for bytes its
// encoding does not map).
func isBinary(data string) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	bad, n := 0, len(data)
	for len(data) > 0 {
		r, size := utf8.DecodeRuneInString(data)
		switch {
		case r == 0:
			return true
		case r == utf8.RuneError, r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		}
		data = data[size:]
	}
	return bad > 4 && bad*20 > n
}

// notHelpPageWarning is the warning for a document of a directory that is no Help Page.
func notHelpPageWarning(err error) Warning {
	var de *DocumentError
	if !errors.As(err, &de) {
		return Warning{Message: err.Error()}
	}
	return Warning{Source: de.Source, Line: de.Line, Message: fmt.Sprintf("%v (%s); skipped", de.Err, de.Detail)}
}

// noOperationError is the error for documents that hold no API page at all.
func noOperationError(docs []Document) error {
	if len(docs) == 1 {
		return fmt.Errorf("import %s: no API page (title \"METHOD route\") in it", docs[0].Name)
	}
	return fmt.Errorf("import: no API page (title \"METHOD route\") in %d documents", len(docs))
}
