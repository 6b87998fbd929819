package helppage

import "strings"

// A text document may hold several pages: a user pastes an API page and the model pages
// it links to into one .txt or .md file. An API page's title ("METHOD route") starts a
// page wherever it stands, but a model page's title is a bare type name ("AlertPriority"),
// which parseText finds only in a document without an API title. titleModelPages finds
// the model pages' titles in what the pages themselves show:
//
//   - a model page starts where no page is open to take its table: before the first
//     page, after an API page's response section has begun (Response Information,
//     Resource Description, Response Formats) and outside a body or resource section
//     still waiting for its model, or after a model page's table;
//   - its title is the type name before its table, with only its documentation between
//     them: the first one after the page's "Help Page Home" line, else the last one;
//   - a "Help Page Home" line, the top of every page, ends the page before it.
//
// A single page reads as before: its own sections keep it open until its end.

// helpPageHome is the link at the top of every Help Page.
const helpPageHome = "Help Page Home"

// pageKind is the kind of page a document has open at a block.
type pageKind int

const (
	noPage    pageKind = iota // before the first page, or after a "Help Page Home" line
	apiPage                   // an API page ("METHOD route")
	modelPage                 // a model page
)

// pageState is where titleModelPages is in a document.
type pageState struct {
	page pageKind
	sec  section
	// responded tells that the API page's response section has begun; filled that the
	// open body, resource or model section has its model (a table, "None.").
	responded, filled bool
	// afterHome tells that a "Help Page Home" line came since the last title.
	afterHome bool
}

// ended reports whether the open page cannot take a model's table: there is none, or it
// is a model page that has its table, or an API page past the start of its response
// outside a body or resource section still waiting for its model.
func (s *pageState) ended() bool {
	switch s.page {
	case noPage:
		return true
	case modelPage:
		return s.filled
	}
	return s.responded && (s.filled || s.sec != secBody && s.sec != secResource)
}

// titleModelPages returns blocks with the title of each model page that follows or
// precedes another page made a level-1 heading (see above).
func titleModelPages(blocks []block) []block {
	out := make([]block, 0, len(blocks))
	var st pageState
	cand := -1 // index in out of the model title candidate
	candidate := func() {
		if cand < 0 || !st.afterHome {
			cand = len(out)
		}
	}
	startModel := func() {
		out[cand] = block{kind: heading, level: 1, text: out[cand].text, line: out[cand].line}
		st = pageState{page: modelPage, sec: secModel}
	}
	for _, b := range blocks {
		switch b.kind {
		case heading:
			if b.level == 1 {
				st = pageState{page: modelPage, sec: secModel}
				if isTitle(b.text) {
					st = pageState{page: apiPage}
				}
				cand = -1
				break
			}
			s := sectionOf(b.text)
			if b.level == 4 && s == secOther {
				// A sample's media types.
				cand = -1
				break
			}
			if s == secOther && isTypeName(b.text) && st.ended() {
				// A markdown title ("# AlertPriority") read as a section of the page before.
				candidate()
				break
			}
			cand = -1
			if st.page == apiPage {
				st.sec, st.filled = s, false
				st.responded = st.responded || s == secResource || s == secResponseFormats ||
					s == secInfo && strings.EqualFold(b.text, "Response Information")
			}
		case para:
			switch {
			case b.text == helpPageHome:
				st, cand = pageState{afterHome: true}, -1
			case b.text == "Possible enumeration values:":
				if cand >= 0 && st.ended() {
					startModel()
				}
				cand = -1
			case b.text == "None." && (st.sec == secBody || st.sec == secResource):
				st.filled = true
			case st.ended() && isTypeName(b.text) && sectionLevel(b.text) == 0:
				candidate()
			}
		case table:
			if !isHelpTable(b) {
				break
			}
			if cand >= 0 && st.ended() {
				startModel()
			}
			cand = -1
			if st.sec == secBody || st.sec == secResource || st.sec == secModel {
				st.filled = true
			}
		case sample:
			cand = -1
		}
		out = append(out, b)
	}
	return out
}
