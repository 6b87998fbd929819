package helppage

// blockKind is the kind of a block of a flattened Help Page document.
type blockKind int

const (
	// heading is h1..h4: the page title, section titles and media types of samples.
	heading blockKind = iota
	// para is a paragraph or a run of inline text (a type link such as "Collection of X").
	para
	// table is a help-page-table.
	table
	// sample is the content of a sample: the text of a pre, or "Sample not available.".
	sample
)

// block is one element of a flattened document, the form both the HTML and the text
// parser produce.
type block struct {
	kind  blockKind
	level int    // heading level, 1..4
	text  string // heading or paragraph text, sample text
	// header and rows hold a table's column titles and cells.
	header []string
	rows   [][]cell
	// available is false for a sample shown as "Sample not available." or left empty.
	available bool
	line      int
}

// cell is a table cell; lines are its block-level parts (the annotations of
// "Additional information" are one paragraph each).
type cell struct {
	text  string
	lines []string
}
