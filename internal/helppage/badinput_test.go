package helppage_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/helpmock/helpmock/internal/helppage"
)

// cut returns the document in file up to the end of the line holding the n-th (1-based)
// occurrence of mark, and the number of that line.
func cut(t *testing.T, file, mark string, n int) ([]byte, int) {
	t.Helper()
	data := string(readFile(t, file))
	at := -1
	for i := 0; i < n; i++ {
		k := strings.Index(data[at+1:], mark)
		if k < 0 {
			t.Fatalf("%s: no occurrence %d of %q", file, i+1, mark)
		}
		at += 1 + k
	}
	end := at + strings.IndexByte(data[at:]+"\n", '\n')
	return []byte(data[:end] + "\n"), strings.Count(data[:at], "\n") + 1
}

// TestBadDocuments imports one document that is not a (whole) Help Page: each is an
// error that names the file, its cause and, where there is one, the line, never a panic.
func TestBadDocuments(t *testing.T) {
	const corpus = "testdata/helppages/"
	seed := filepath.Join(helpPagesDir, "000_8d0acc7f8bf86aa8.txt")
	type tc struct {
		name     string
		file     string
		data     []byte
		want     error
		wantLine int // 0: the error names no line
		detail   string
	}
	cases := []tc{
		{name: "empty", file: "empty.html", data: nil, want: helppage.ErrNotHelpPage, detail: "empty"},
		{name: "blank", file: "blank.txt", data: []byte(" \n\r\n\t\n"), want: helppage.ErrNotHelpPage, detail: "empty"},
		{name: "binary", file: "logo.html", data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), want: helppage.ErrNotHelpPage, detail: "binary"},
		{name: "latin-1 garbage", file: "x.txt", data: []byte(strings.Repeat("\x01\xfe\x02\xff\x03", 40)), want: helppage.ErrNotHelpPage, detail: "binary"},
		{name: "another site's HTML", file: "blog.html", data: []byte(`<!DOCTYPE html><html><head><title>My blog</title></head><body>
<nav><a href="/">Home</a></nav><h1>Welcome</h1><p>Posts about Go.</p>
<table><tr><th>Post</th><th>Date</th></tr><tr><td>Hello</td><td>2026-01-01</td></tr></table>
<h2>Archive</h2><pre>code</pre></body></html>`), want: helppage.ErrNotHelpPage, detail: "another site"},
		{name: "a site's about page, text", file: "about.txt", data: []byte("About us\n\nWe build APIs.\nContact: info@example.com\n"), want: helppage.ErrNotHelpPage, detail: "METHOD route"},
		{name: "a stylesheet", file: "site.txt", data: []byte("body { margin: 0; }\n.help-page-table { border: 1px solid; }\n"), want: helppage.ErrNotHelpPage},
	}
	add := func(name, file, mark string, n int, want error) {
		data, line := cut(t, file, mark, n)
		cases = append(cases, tc{name: name, file: file, data: data, want: want, wantLine: line})
	}
	html := corpus + "refreshtoken-html/POST-api-v2-account-refreshtoken.html"
	add("HTML cut mid-table", html, "<td class=\"parameter-name\">AccessTokenRefresh", 1, helppage.ErrTruncated)
	add("HTML cut mid-sample", html, "&lt;AccessTokenOld&gt;", 1, helppage.ErrTruncated)
	add("HTML cut after the last section", html, "<footer>", 1, helppage.ErrTruncated)
	json, jsonLine := cut(t, seed, `{ "AccessToken": "sample string 1"`, 1)
	cases = append(cases, tc{name: "text cut mid-sample (JSON)", file: "seed.txt", want: helppage.ErrTruncated, wantLine: jsonLine,
		data: json[:len(json)-len(`"ErrorCode": 5, "ClienteId": 6, "Succeeded": true, "Errors": [ "sample string 1", "sample string 2" ] }`+"\n")]})
	add("text cut mid-sample (XML)", corpus+"customers/GET-api-Customers.txt", "<Id>1</Id>", 1, helppage.ErrTruncated)
	add("text cut mid-row", seed, "AccessTokenOld | string |", 1, helppage.ErrTruncated)
	add("model page cut mid-row", corpus+"catalogs/ResourceModel-Item.txt", "Price | decimal number |", 1, helppage.ErrTruncated)
	add("model page cut mid-row, blank-line", corpus+"blank-line/ResourceModel-Driver.txt", "It is checked against", 1, helppage.ErrTruncated)
	add("markdown cut mid-fence", corpus+"markdown/POST-api-support-tickets.txt", `"Subject": "sample string 1",`, 1, helppage.ErrTruncated)
	add("markdown cut mid-row", corpus+"markdown/POST-api-support-tickets.txt", "| Subject | One line", 1, helppage.ErrTruncated)
	add("blank-line cut mid-row", corpus+"blank-line/PUT-api-fleet-vehicles-id.txt", "Seats, the driver's included.", 1, helppage.ErrTruncated)
	// A saved fragment (no <html>), cut mid-table.
	frag, fragLine := cut(t, html, "<td class=\"parameter-name\">AccessTokenRefresh", 1)
	h1 := strings.Index(string(frag), "<h1>")
	cases = append(cases, tc{name: "HTML fragment cut mid-table", file: "fragment.html", data: append([]byte("<div>"), frag[h1:]...),
		want: helppage.ErrTruncated, wantLine: fragLine - strings.Count(string(frag[:h1]), "\n"), detail: "table"})
	// The markdown row line ends without its last "|": cut inside the row.
	md, mdLine := cut(t, corpus+"markdown/POST-api-support-tickets.txt", "| Body |", 1)
	cases = append(cases, tc{name: "markdown cut inside a row", file: "md.txt", data: md[:len(md)-len(" None. |\n")], want: helppage.ErrTruncated, wantLine: mdLine})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := helppage.Import([]helppage.Document{{Name: c.file, Data: c.data}}, helppage.Options{})
			if err == nil {
				t.Fatalf("Import(%s) = %d bytes, nil; want %v", c.file, len(res.YAML), c.want)
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Import(%s) = %v; want %v", c.file, err, c.want)
			}
			msg := err.Error()
			where := c.file
			if c.wantLine > 0 {
				where += ":" + strconv.Itoa(c.wantLine) + ":"
			}
			if !strings.Contains(msg, where) {
				t.Errorf("Import(%s) = %q; want it to name %q", c.file, msg, where)
			}
			if c.detail != "" && !strings.Contains(msg, c.detail) {
				t.Errorf("Import(%s) = %q; want it to say %q", c.file, msg, c.detail)
			}
		})
	}
}

// TestStrayFileInDirectory imports a folder whose pages come with a file that is no Help
// Page (a site's about page): a warning naming the file, and the pages are imported. A
// truncated page among them stays an error.
func TestStrayFileInDirectory(t *testing.T) {
	docs := readDocs(t, "testdata/helppages/markdown")
	about := helppage.Document{Name: "site/About.html", Data: []byte(`<!DOCTYPE html><html><body><h1>About</h1><p>Contoso Support, since 1999.</p></body></html>`)}
	// The Help Page index comes with a saved site: it is no stray file.
	index := helppage.Document{Name: "site/Help.html", Data: []byte(`<html><body><h1>ASP.NET Web API Help Page</h1><h2>Introduction</h2><p>Provide a general description of your APIs here.</p>
<h2 id="Tickets">Tickets</h2><table class="help-page-table"><thead><tr><th>API</th><th>Description</th></tr></thead>
<tbody><tr><td class="api-name"><a href="/Help/Api/POST-api-support-tickets">POST api/support/tickets</a></td><td class="api-documentation"><p>Opens a support ticket.</p></td></tr></tbody></table></body></html>`)}
	res, err := helppage.Import(append(docs, about, index), helppage.Options{})
	if err != nil {
		t.Fatalf("Import(markdown + About.html) = %v, want nil", err)
	}
	want, err := helppage.Import(docs, helppage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.YAML) != string(want.YAML) {
		t.Errorf("a stray file changed the document:\n%s", lineDiff(string(res.YAML), string(want.YAML)))
	}
	for _, w := range res.Warnings {
		if w.Source == index.Name {
			t.Errorf("warning %v for the Help Page index, want none", w)
		}
	}
	var found bool
	for _, w := range res.Warnings {
		found = found || w.Source == about.Name && strings.Contains(w.Message, "not a Help Page")
	}
	if !found {
		t.Errorf("warnings %v name no %s as not a Help Page", res.Warnings, about.Name)
	}

	data, line := cut(t, "testdata/helppages/markdown/ResourceModel-TicketPriority.txt", "| Normal |", 1)
	docs[1].Data = data[:len(data)-len(" |\n")]
	_, err = helppage.Import(docs, helppage.Options{})
	if !errors.Is(err, helppage.ErrTruncated) || !strings.Contains(err.Error(), docs[1].Name+":"+strconv.Itoa(line)+":") {
		t.Errorf("Import(markdown, one page truncated at line %d) = %v, want %v naming the line", line, err, helppage.ErrTruncated)
	}
}

// TestOnlyModelPages: documents that hold model pages and no API page are an error; so is
// the Help Page index alone, in any rendering.
func TestOnlyModelPages(t *testing.T) {
	for name, index := range map[string]string{
		"Help.html":       `<h2>Tickets</h2><table class="help-page-table"><thead><tr><th>API</th><th>Description</th></tr></thead><tbody><tr><td><a href="/Help/Api/GET-api-x">GET api/x</a></td><td><p></p></td></tr></tbody></table>`,
		"Help.txt":        "ASP.NET Web API Help Page\nTickets\nAPI | Description |\n---|---|\nGET api/tickets/{id} | Gets a ticket. |\n",
		"Help-blank.txt":  "ASP.NET Web API Help Page\n\nTickets\n\nAPIDescription\n\nGET api/tickets/{id}\n\nGets a ticket.\n",
		"Help-tabbed.txt": "Tickets\nAPI\tDescription\nGET api/tickets/{id}\tGets a ticket.\n",
	} {
		_, err := helppage.Import([]helppage.Document{{Name: name, Data: []byte(index)}}, helppage.Options{})
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "no API page") {
			t.Errorf("Import(the index %s) = %v, want an error naming it and saying it has no API page", name, err)
		}
	}
	name := "testdata/helppages/orders/ResourceModel-Customer.html"
	_, err := helppage.Import([]helppage.Document{{Name: name, Data: readFile(t, name)}}, helppage.Options{})
	if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "no API page") {
		t.Errorf("Import(a model page) = %v, want an error naming %s and saying it has no API page", err, name)
	}
}

// TestWholeCorpusIsNotTruncated guards the truncation rule from the other side: no whole
// document of the corpus or the seeds reads as cut off.
func TestWholeCorpusIsNotTruncated(t *testing.T) {
	files, _ := filepath.Glob("testdata/helppages/*/*")
	seeds, _ := filepath.Glob(filepath.Join(helpPagesDir, "*.txt"))
	for _, f := range append(files, seeds...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := helppage.ReadPages(f, data); err != nil {
			t.Errorf("ReadPages(%s) = %v, want nil", f, err)
		}
	}
}

// TestUTF16Document imports a page saved as UTF-16 (Windows' "Unicode" text): it reads as
// the same page in UTF-8.
func TestUTF16Document(t *testing.T) {
	name := "testdata/helppages/custom-template-text/GET-v2-invoices-invoiceId.txt"
	data := readFile(t, name)
	want, err := helppage.Import([]helppage.Document{{Name: name, Data: data}}, helppage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, le := range []bool{true, false} {
		var u []byte
		if le {
			u = []byte{0xFF, 0xFE}
		} else {
			u = []byte{0xFE, 0xFF}
		}
		for _, r := range utf16.Encode([]rune(string(data))) {
			if le {
				u = append(u, byte(r), byte(r>>8))
			} else {
				u = append(u, byte(r>>8), byte(r))
			}
		}
		got, err := helppage.Import([]helppage.Document{{Name: name, Data: u}}, helppage.Options{})
		if err != nil {
			t.Fatalf("Import(UTF-16, little endian %v) = %v", le, err)
		}
		if string(got.YAML) != string(want.YAML) {
			t.Errorf("Import(UTF-16, little endian %v) differs:\n%s", le, lineDiff(string(got.YAML), string(want.YAML)))
		}
	}
}

// TestSavedHTMLWithoutExtension reads an HTML page saved by a browser (a comment before
// the doctype) under a mirror's name with no extension as HTML.
func TestSavedHTMLWithoutExtension(t *testing.T) {
	name := "testdata/helppages/orders/GET-api-orders-id.html"
	data := readFile(t, name)
	want, err := helppage.ReadPages(name, data)
	if err != nil {
		t.Fatal(err)
	}
	saved := append([]byte("<!-- saved from url=(0047)http://shop.example/Help/Api/GET-api-orders-id -->\r\n"), data...)
	got, err := helppage.ReadPages("Help/Api/GET-api-orders-id", saved)
	if err != nil {
		t.Fatalf("ReadPages(saved page, no extension) = %v", err)
	}
	if len(got) != len(want) || got[0].Route != want[0].Route || len(got[0].ResponseSamples) != len(want[0].ResponseSamples) {
		t.Errorf("ReadPages(saved page, no extension) = %d pages (%+v), want %d like %s's", len(got), got, len(want), name)
	}
}
