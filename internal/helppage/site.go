package helppage

import (
	"log/slog"
	"path"
	"strings"
)

// IsHelpPage reports whether a document holds a Help Page that Import uses: an API page
// (title "METHOD route") or a model page with a members or enumeration values table. A
// site's index page, its other pages and anything else are not.
//
// The text rendering of an index lists API titles ("GET api/books") one a line, each of
// which reads as an API page with nothing in it: a document of several API pages none of
// which has a parameter, a model or a sample is an index.
func IsHelpPage(name string, data []byte) bool {
	dec, err := decodeDocument(Document{Name: name, Data: data})
	return err == nil && holdsHelpPage(name, dec.text)
}

// holdsHelpPage is IsHelpPage for a document's decoded text.
func holdsHelpPage(name, text string) bool {
	apis, empty := 0, 0
	pages, _ := parseDocument(name, text)
	for _, p := range pages {
		switch {
		case p.Method != "":
			apis++
			if len(p.URIParameters) == 0 && p.BodyParameter == nil && p.Request == nil && p.Response == nil &&
				len(p.RequestSamples) == 0 && len(p.ResponseSamples) == 0 {
				empty++
			}
		case p.Model != nil && (p.Model.Table || len(p.Model.Enum) > 0):
			return true
		}
	}
	return apis > 0 && (apis == 1 || empty < apis)
}

// SitePages keeps the documents of a site (a mirror's files, a crawl's pages) that are
// Help Pages, or that are named like one (namedLikeHelpPage: Import then says what the
// page lacks rather than the page vanishing), the API pages in the order of the site's index page when it is among the
// documents (orderByIndex), else in the documents' order; each document skipped (the
// index, the site's other pages) is logged at Debug.
func SitePages(docs []Document, log *slog.Logger) []Document {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var out, others []Document
	for _, d := range docs {
		// Decoded first (a page saved in UTF-16 is no binary file); a document whose
		// encoding cannot be read is kept when it is named like a Help Page, for Import
		// to say so.
		dec, err := decodeDocument(d)
		if err == nil && strings.IndexByte(dec.text[:min(len(dec.text), 512)], 0) >= 0 {
			log.Debug("skipped: binary", "component", "helppage", "document", d.Name)
			continue
		}
		if (err != nil || !holdsHelpPage(d.Name, dec.text)) && !namedLikeHelpPage(d.Name) {
			log.Debug("skipped: not an API or model Help Page", "component", "helppage", "document", d.Name)
			others = append(others, d)
			continue
		}
		out = append(out, d)
	}
	return orderByIndex(out, others)
}

// documentExtensions are the file name extensions of the documents in a directory.
var documentExtensions = []string{".txt", ".md", ".html", ".htm"}

// mayBeDocument reports whether a file of a directory may hold a Help Page by its name:
// a .txt, .md, .html or .htm file, a file with no extension (a mirror's Api/GET-api-x), or a
// saved model page (ResourceModel?modelName=Ns.X, whose extension is the type's). A
// README and hidden files are not.
func mayBeDocument(name string) bool {
	base := strings.ToLower(path.Base(name))
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "readme") {
		return false
	}
	ext := path.Ext(base)
	for _, e := range documentExtensions {
		if ext == e {
			return true
		}
	}
	return ext == "" || strings.Contains(base, "modelname=")
}

// namedLikeHelpPage reports whether a file or URL name says it is an API page (the Help
// Page id, GET-api-x, with or without an extension) or a model page
// (ResourceModel?modelName=X).
func namedLikeHelpPage(name string) bool {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if strings.Contains(strings.ToLower(base), "resourcemodel") {
		return true
	}
	method, _, ok := strings.Cut(base, "-")
	return ok && httpMethods[strings.ToUpper(method)]
}
