package helppage_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/helpmock/helpmock/internal/helppage"
)

// accented is the text the pages below must read back: Portuguese, curly quotes and an
// em dash (Windows-1252 has all of them; ISO-8859-1 has no curly quotes and no dash, which
// is why browsers read it as Windows-1252).
var accented = []string{"Obtém um livro pelo código", "(edição, descrição).", "Título impresso — “oficial”."}

// windows1252 encodes UTF-8 text as Notepad's "ANSI" does on a Western-European Windows.
func windows1252(t *testing.T, text string) []byte {
	t.Helper()
	out, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// utf16LE encodes text as Windows' "Unicode" text: UTF-16, little endian, with its BOM.
func utf16LE(text string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range utf16.Encode([]rune(text)) {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestDocumentEncodings imports one page in each encoding a browser reads it in, stated
// or not: the spec holds the accented text, and only a document read in an encoding it
// did not state (or stated wrongly) gets a warning, with the line of its first byte that
// is not UTF-8.
func TestDocumentEncodings(t *testing.T) {
	text := string(readFile(t, "testdata/helppages/browser-copy/GET-api-library-books-isbn.txt"))
	text = strings.Replace(text, "Gets a book by its ISBN.", "Obtém um livro pelo código ISBN (edição, descrição).", 1)
	text = strings.Replace(text, "The title as printed.", "Título impresso — “oficial”.", 1)
	page, err := charmap.Windows1252.NewDecoder().Bytes(readFile(t, "testdata/helppages/windows-1252-html/GET-api-books-id.html"))
	if err != nil {
		t.Fatal(err)
	}
	const meta = `<meta charset="windows-1252" />`
	html := func(head string) string {
		if !strings.Contains(string(page), meta) {
			t.Fatalf("the HTML page has no %s", meta)
		}
		return strings.Replace(string(page), meta, head, 1)
	}
	const notUTF8 = `not UTF-8; read as Windows-1252 (Notepad's "ANSI")`
	tests := []struct {
		name        string
		file        string
		data        []byte
		contentType string
		warning     string // "" for none
	}{
		{name: "UTF-8 text", file: "p.txt", data: []byte(text)},
		{name: "UTF-8 text with its BOM", file: "p.txt", data: []byte("\uFEFF" + text)},
		{name: "UTF-16 text with its BOM", file: "p.txt", data: utf16LE(text)},
		{name: "Windows-1252 text", file: "p.txt", data: windows1252(t, text), warning: "p.txt:6: " + notUTF8},
		{name: "Windows-1252 text, CRLF", file: "p.txt", data: windows1252(t, strings.ReplaceAll(text, "\n", "\r\n")), warning: "p.txt:6: " + notUTF8},
		{name: "text served as windows-1252", file: "http://host/Help/Api/GET-x", contentType: "text/plain; charset=windows-1252",
			data: windows1252(t, text)},
		{name: "text served as ISO-8859-1 (read as Windows-1252)", file: "http://host/Help/Api/GET-x", contentType: "text/plain; charset=ISO-8859-1",
			data: windows1252(t, text)},
		{name: "text served as utf-8 that is not", file: "http://host/Help/Api/GET-x", contentType: "text/plain; charset=utf-8",
			data: windows1252(t, text), warning: "http://host/Help/Api/GET-x:6: not UTF-8 though its Content-Type says so; read as Windows-1252"},
		{name: `HTML, <meta charset="windows-1252">`, file: "p.html", data: windows1252(t, html(meta))},
		{name: `HTML, <meta http-equiv> ISO-8859-1`, file: "p.html",
			data: windows1252(t, html(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`))},
		{name: "HTML, no <meta>, Windows-1252", file: "p.html", data: windows1252(t, html("")), warning: "p.html:38: " + notUTF8},
		{name: "HTML, no <meta>, UTF-8", file: "p.html", data: []byte(html(""))},
		{name: "HTML, an unknown <meta> charset, Windows-1252", file: "p.html", data: windows1252(t, html(`<meta charset="x-no-such">`)),
			warning: "p.html:38: " + notUTF8},
		{name: `HTML, <meta charset="utf-8"> saved as ANSI`, file: "p.html", data: windows1252(t, html(`<meta charset="utf-8" />`)),
			warning: "p.html:38: not UTF-8 though its <meta> says so; read as Windows-1252"},
		{name: "HTML, <meta> utf-8 but served as windows-1252", file: "http://host/Help/Api/GET-x", contentType: "text/html; charset=windows-1252",
			data: windows1252(t, html(`<meta charset="utf-8" />`))},
		{name: "HTML, UTF-16 with its BOM, <meta> windows-1252", file: "p.html", data: utf16LE(html(meta))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := helppage.Import([]helppage.Document{{Name: tt.file, Data: tt.data, ContentType: tt.contentType}}, helppage.Options{})
			if err != nil {
				t.Fatalf("Import(%s) = %v", tt.file, err)
			}
			for _, want := range accented {
				if !strings.Contains(string(res.YAML), want) {
					t.Errorf("Import(%s) has no %q", tt.name, want)
				}
			}
			var got []string
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "UTF-8") {
					got = append(got, w.String())
				}
			}
			var want []string
			if tt.warning != "" {
				want = []string{tt.warning}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Import(%s) warnings about the encoding = %q, want %q", tt.name, got, want)
			}
		})
	}
}

// TestUndecodableDocument: a document whose bytes its stated encoding cannot read is an
// error naming the file (and the line, where there is one) and saying what to do, never
// a spec holding text that is not UTF-8.
func TestUndecodableDocument(t *testing.T) {
	text := string(readFile(t, "testdata/helppages/browser-copy/GET-api-library-books-isbn.txt"))
	text = strings.Replace(text, "Gets a book by its ISBN.", "Obtém um livro.", 1)
	html := string(readFile(t, "testdata/helppages/orders/GET-api-orders-id.html"))
	tests := []struct {
		name, file string
		data       []byte
		where      string
	}{
		{"a UTF-8 BOM, then Windows-1252", "p.txt", append([]byte("\xEF\xBB\xBF"), windows1252(t, text)...), "p.txt:6:"},
		{"<meta charset=iso-2022-kr>", "p.html", []byte(strings.Replace(html, "<head>", `<head><meta charset="iso-2022-kr">`, 1)), "p.html:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := helppage.Import([]helppage.Document{{Name: tt.file, Data: tt.data}}, helppage.Options{})
			if err == nil {
				t.Fatalf("Import(%s) = %d bytes, nil; want an error", tt.name, len(res.YAML))
			}
			if !errors.Is(err, helppage.ErrEncoding) {
				t.Errorf("Import(%s) = %v, want %v", tt.name, err, helppage.ErrEncoding)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.where) || !strings.Contains(msg, "save the page again as UTF-8") {
				t.Errorf("Import(%s) = %q, want it to name %s and say what to do", tt.name, msg, tt.where)
			}
		})
	}
}

// TestSiteDecodesDocuments: a directory's pages are decoded before they are sorted out,
// so that a page saved as UTF-16 ("Unicode" in Notepad), whose bytes hold NULs, is read
// rather than skipped as binary.
func TestSiteDecodesDocuments(t *testing.T) {
	text := readFile(t, "testdata/helppages/browser-copy/GET-api-library-books-isbn.txt")
	fsys := fstest.MapFS{
		"Help/Api/GET-api-library-books-isbn.txt": {Data: utf16LE(string(text))},
		"Help/Api/ansi.txt":                       {Data: windows1252(t, strings.Replace(string(text), "Gets a book", "Obtém um livro", 1))},
	}
	docs, err := helppage.ReadSite(fsys, nil, "Help")
	if err != nil {
		t.Fatalf("ReadSite(UTF-16 and Windows-1252 pages) = %v", err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	if got, want := strings.Join(names, " "), "Help/Api/GET-api-library-books-isbn.txt Help/Api/ansi.txt"; got != want {
		t.Errorf("ReadSite(UTF-16 and Windows-1252 pages) = %s, want %s", got, want)
	}
}
