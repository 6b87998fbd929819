package helppage

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

// titleModelPages returns blocks with the title of each model page that follows or
// precedes another page made a level-1 heading (see above).
func titleModelPages(blocks []block) []block {
	var out []block
	var (
		page        = secNone // secNone: no page yet; secInfo: an API page; secModel: a model page
		sec         = secNone
		responded   bool // the API page's response section has begun
		filled      bool // the open body, resource or model section has its model (a table, "None.")
		afterHome   bool // a "Help Page Home" line came since the last title
		cand        = -1 // index in out of the model title candidate
		closedState = func() bool {
			switch page {
			case secNone:
				return true
			case secModel:
				return filled
			}
			if !responded {
				return false
			}
			return filled || sec != secBody && sec != secResource
		}
	)
	for _, b := range blocks {
		switch b.kind {
		case heading:
			if b.level == 1 {
				page, sec, responded, filled, afterHome, cand = secModel, secModel, false, false, false, -1
				if isTitle(b.text) {
					page, sec = secInfo, secNone
				}
				break
			}
			s := sectionOf(b.text)
			if b.level == 4 && s == secOther {
				// A sample's media types.
				cand = -1
				break
			}
			if s == secOther && isTypeName(b.text) && closedState() {
				// A markdown title ("# AlertPriority") read as a section of the page before.
				if cand < 0 || !afterHome {
					cand = len(out)
				}
				break
			}
			cand = -1
			if page == secInfo {
				sec, filled = s, false
				responded = responded || s == secResource || s == secResponseFormats ||
					s == secInfo && b.text == "Response Information"
			}
		case para:
			switch {
			case b.text == helpPageHome:
				page, afterHome, cand = secNone, true, -1
			case b.text == "Possible enumeration values:":
				if cand >= 0 && closedState() {
					out = promoteTitle(out, cand)
					page, sec, filled, afterHome = secModel, secModel, false, false
				}
				cand = -1
			case b.text == "None." && (sec == secBody || sec == secResource):
				filled = true
			case closedState() && isTypeName(b.text) && sectionLevel(b.text) == 0:
				if cand < 0 || !afterHome {
					cand = len(out)
				}
			}
		case table:
			if !isHelpTable(b) {
				break
			}
			if cand >= 0 && closedState() {
				out = promoteTitle(out, cand)
				page, sec, afterHome = secModel, secModel, false
			}
			cand = -1
			if sec == secBody || sec == secResource || sec == secModel {
				filled = true
			}
		case sample:
			cand = -1
		}
		out = append(out, b)
	}
	return out
}

// promoteTitle makes out[cand] a model page's title.
func promoteTitle(out []block, cand int) []block {
	out[cand] = block{kind: heading, level: 1, text: out[cand].text, line: out[cand].line}
	return out
}
