package helppage

import (
	"strings"
)

// Page is one Help Page as the template renders it: an API page (title "METHOD route")
// or a model page (/Help/ResourceModel?modelName=X, title the model's name).
type Page struct {
	// Source names the document the page came from; Line is the line of its title.
	Source string
	Line   int
	// Method and Route are an API page's title ("POST", "api/v2/account/refreshtoken").
	Method, Route string
	// Documentation is the page's description paragraph.
	Documentation string
	// URIParameters lists the URI parameters (second generation: "URI Parameters";
	// first generation: the parameters defined in the request URI).
	URIParameters []Parameter
	// BodyParameter is the first generation's parameter defined in the request body.
	BodyParameter *Parameter
	// Request and Response are the second generation's "Body Parameters" and "Resource
	// Description" sections; nil when absent or "None.".
	Request, Response *Model
	// RequestSamples and ResponseSamples are the samples by media type group.
	RequestSamples, ResponseSamples []Sample
	// Model is a model page's model.
	Model *Model
	// requestSections tells that the page showed "URI Parameters" or "Body Parameters"
	// (the second template generation), responseSection that it showed "Response
	// Information" or a response section.
	requestSections, responseSection bool
}

// Parameter is a row of a parameters table.
type Parameter struct {
	Name, Documentation string
	// Type is the type column as shown: "string", "Collection of OrderLine",
	// "Dictionary of string [key] and integer [value]"; empty in the first generation.
	Type string
	// Annotations are the "Additional information" paragraphs ("Required", "None.").
	Annotations []string
	Line        int
}

// Model is a model description: its type as shown, and the table of its members or
// enumeration values.
type Model struct {
	// Type is the type link ("LoginResult", "Collection of OrderLine").
	Type          string
	Documentation string
	Members       []Parameter
	Enum          []EnumValue
	// Table tells whether the page showed a members table.
	Table bool
	Line  int
}

// EnumValue is a row of "Possible enumeration values".
type EnumValue struct {
	Name, Value, Documentation string
}

// Sample is the sample shown for a group of media types.
type Sample struct {
	MediaTypes []string
	Text       string
	// Available is false for "Sample not available." (or an empty sample).
	Available bool
	Line      int
}

// section is where the interpreter is in a page.
type section int

const (
	secNone  section = iota // before the first section: the page's documentation
	secInfo                 // "Request Information", "Response Information"
	secOther                // a section the importer skips ("Response Codes")
	secURI
	secBody
	secParams
	secRequestFormats
	secResource
	secResponseFormats
	secModel
)

// sectionByTitle maps the lower-case titles of the template's sections, in both
// generations and the customised wordings seen on real pages, to sections.
var sectionByTitle = map[string]section{
	"request information":   secInfo,
	"response information":  secInfo,
	"uri parameters":        secURI,
	"uri":                   secURI,
	"body parameters":       secBody,
	"parameters":            secParams,
	"request formats":       secRequestFormats,
	"request body formats":  secRequestFormats,
	"resource description":  secResource,
	"response formats":      secResponseFormats,
	"response body formats": secResponseFormats,
	// Customised wordings.
	"uri parameter":           secURI,
	"route parameters":        secURI,
	"query parameters":        secURI,
	"request body parameters": secBody,
	"request body":            secBody,
	"response description":    secResource,
	"request samples":         secRequestFormats,
	"response samples":        secResponseFormats,
	"sample requests":         secRequestFormats,
	"sample responses":        secResponseFormats,
}

// sectionOf returns the section a heading opens: a known title's, else secOther.
func sectionOf(title string) section {
	if s, ok := sectionByTitle[strings.ToLower(strings.TrimSuffix(title, ":"))]; ok {
		return s
	}
	return secOther
}

// interpret reads blocks into pages.
func interpret(source string, blocks []block) []*Page {
	var pages []*Page
	var p *Page
	sec := secNone
	var paras []block  // paragraphs of the current body/resource/model section
	var media []string // media types of the next sample
	mediaLine := 0
	finishModel := func() {
		if p == nil {
			return
		}
		var m **Model
		switch sec {
		case secBody:
			m = &p.Request
		case secResource:
			m = &p.Response
		case secModel:
			m = &p.Model
		default:
			return
		}
		// Nothing after a "None." belongs to the section: with no table to end it, the
		// paragraphs that follow are the site's (a footer under a void action's page).
		for i, b := range paras {
			if b.text == "None." {
				paras = paras[:i+1]
				break
			}
		}
		// A type link followed by "None." is a type whose members the page does not show
		// (IHttpActionResult); "None." alone is no body.
		if n := len(paras); n >= 2 && paras[n-1].text == "None." && isTypeText(paras[n-2].text) {
			paras = paras[:n-1]
		}
		if *m == nil && len(paras) > 0 {
			last := paras[len(paras)-1]
			if last.text != "None." {
				*m = &Model{Type: last.text, Line: last.line, Documentation: joinParas(paras[:len(paras)-1])}
			}
		}
		paras = nil
	}
	for _, b := range blocks {
		switch b.kind {
		case heading:
			switch b.level {
			case 1:
				finishModel()
				p = &Page{Source: source, Line: b.line}
				pages = append(pages, p)
				if isTitle(b.text) {
					p.Method, p.Route, _ = strings.Cut(b.text, " ")
					sec = secNone
				} else {
					p.Model = &Model{Type: b.text, Line: b.line}
					sec = secModel
				}
			case 2, 3:
				finishModel()
				sec = sectionOf(b.text)
				if p != nil {
					p.requestSections = p.requestSections || sec == secURI || sec == secBody
					p.responseSection = p.responseSection || sec == secResource || sec == secResponseFormats ||
						strings.EqualFold(b.text, "Response Information")
				}
			case 4:
				if s := sectionOf(b.text); s != secOther {
					// A customised template's section title at h4.
					finishModel()
					sec = s
					continue
				}
				media = splitMediaTypes(b.text)
				mediaLine = b.line
			}
		case para:
			if p == nil {
				continue
			}
			switch sec {
			case secNone:
				// The page's description, over one or several paragraphs.
				if p.Documentation != "" && b.text != "" {
					p.Documentation += "\n"
				}
				p.Documentation += b.text
			case secBody, secResource, secModel:
				if b.text == "Possible enumeration values:" {
					continue
				}
				if sec == secModel && !p.Model.Table && len(p.Model.Enum) == 0 {
					// The model's description, over one or several paragraphs.
					if p.Model.Documentation != "" {
						p.Model.Documentation += "\n"
					}
					p.Model.Documentation += b.text
					continue
				}
				paras = append(paras, b)
			}
		case table:
			if p == nil || !isHelpTable(b) {
				continue
			}
			switch sec {
			case secURI:
				p.URIParameters = append(p.URIParameters, parameters(b)...)
			case secParams:
				for _, prm := range parameters(b) {
					if strings.Contains(strings.Join(prm.Annotations, " "), "request body") {
						body := prm
						p.BodyParameter = &body
					} else {
						p.URIParameters = append(p.URIParameters, prm)
					}
				}
			case secBody, secResource, secModel:
				var m *Model
				switch sec {
				case secBody:
					m = ensureModel(&p.Request, paras, b.line)
				case secResource:
					m = ensureModel(&p.Response, paras, b.line)
				default:
					m = p.Model
				}
				paras = nil
				if isEnumTable(b) {
					for _, r := range b.rows {
						m.Enum = append(m.Enum, EnumValue{Name: cellAt(r, 0), Value: cellAt(r, 1), Documentation: cellAt(r, 2)})
					}
				} else {
					m.Members = append(m.Members, parameters(b)...)
					m.Table = true
				}
			}
		case sample:
			if p == nil || media == nil {
				continue
			}
			s := Sample{MediaTypes: media, Text: b.text, Available: b.available, Line: b.line}
			if s.Line == 0 {
				s.Line = mediaLine
			}
			if sec == secRequestFormats {
				p.RequestSamples = append(p.RequestSamples, s)
			} else if sec == secResponseFormats {
				p.ResponseSamples = append(p.ResponseSamples, s)
			}
			media = nil
		}
	}
	finishModel()
	return pages
}

// isHelpTable reports whether b is one of the template's tables (its first column is
// "Name"), not a table of a customised section ("Code", "Description") or of another site.
func isHelpTable(b block) bool { return len(b.header) >= 2 && b.header[0] == "Name" }

// isEnumTable reports whether b is a "Possible enumeration values" table (Name, Value,
// Description).
func isEnumTable(b block) bool { return len(b.header) >= 2 && b.header[1] == "Value" }

// cellAt returns the text of row's cell i, or "" when the row is shorter.
func cellAt(row []cell, i int) string {
	if i < len(row) {
		return row[i].text
	}
	return ""
}

// ensureModel returns *m, creating it from the paragraphs before a table: the last one is
// the type link, the others its documentation.
func ensureModel(m **Model, paras []block, line int) *Model {
	if *m == nil {
		*m = &Model{Line: line}
		if len(paras) > 0 {
			(*m).Type = paras[len(paras)-1].text
			(*m).Line = paras[len(paras)-1].line
			(*m).Documentation = joinParas(paras[:len(paras)-1])
		}
	}
	return *m
}

func joinParas(paras []block) string {
	var parts []string
	for _, p := range paras {
		if p.text != "" {
			parts = append(parts, p.text)
		}
	}
	return strings.Join(parts, "\n")
}

// parameters reads a parameters table (either generation) into Parameters.
func parameters(b block) []Parameter {
	col := map[string]int{}
	for i, h := range b.header {
		col[h] = i
	}
	var out []Parameter
	for _, r := range b.rows {
		get := func(name string) cell {
			if i, ok := col[name]; ok && i < len(r) {
				return r[i]
			}
			return cell{}
		}
		prm := Parameter{Name: get("Name").text, Documentation: get("Description").text,
			Type: get("Type").text, Line: b.line}
		for _, a := range get("Additional information").lines {
			if a != "None." {
				prm.Annotations = append(prm.Annotations, a)
			}
		}
		if prm.Documentation == "No documentation available." {
			prm.Documentation = ""
		}
		out = append(out, prm)
	}
	return out
}

// splitMediaTypes splits a sample's heading into its media types, lower-cased: a media
// type's type and subtype are case-insensitive (RFC 9110 §8.3.1), and Web API matches them
// so, whatever casing a formatter declares them in ("Application/JSON", "text/Xml").
func splitMediaTypes(s string) []string {
	var out []string
	for _, mt := range strings.Split(s, ",") {
		if mt = strings.ToLower(strings.TrimSpace(mt)); mt != "" {
			out = append(out, mt)
		}
	}
	return out
}
