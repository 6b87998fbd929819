package specdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Summary is one line: how many changes break JSON clients, XML clients, and none.
func (r *Report) Summary() string {
	j, x, safe := r.Count()
	if len(r.Changes) == 0 {
		return "no changes"
	}
	return fmt.Sprintf("%d changes: %d break JSON clients, %d break XML clients, %d safe", len(r.Changes), j, x, safe)
}

// WriteText writes the changes as a table, breaking ones first, and a summary line.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s -> %s\n", r.Old, r.New)
	if len(r.Changes) > 0 {
		fmt.Fprintln(tw, "VERDICT\tOPERATION\tWHERE\tPATH\tCHANGE\tDETAIL [MEDIA TYPES]")
		for _, c := range r.ordered() {
			detail := c.Message
			if len(c.MediaTypes) > 0 {
				detail += " [" + strings.Join(c.MediaTypes, ", ") + "]"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Verdict(), orDash(c.Operation), orDash(c.Where()),
				orDash(c.Path), c.Kind, detail)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, r.Summary())
	return err
}

// ordered returns the changes, breaking ones first, each group in report order.
func (r *Report) ordered() []Change {
	out := make([]Change, 0, len(r.Changes))
	for _, breaking := range []bool{true, false} {
		for _, c := range r.Changes {
			if c.Breaking() == breaking {
				out = append(out, c)
			}
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// WriteMarkdown writes the report for a pull-request comment: a heading with the verdict,
// the breaking changes in a table, and the safe ones folded.
func (r *Report) WriteMarkdown(w io.Writer) error {
	j, x, safe := r.Count()
	var b strings.Builder
	switch {
	case len(r.Changes) == 0:
		b.WriteString("### helpmock diff: no changes\n\n")
	case r.Breaking():
		fmt.Fprintf(&b, "### helpmock diff: breaking changes\n\n")
	default:
		b.WriteString("### helpmock diff: no breaking changes\n\n")
	}
	fmt.Fprintf(&b, "`%s` → `%s`: %d break JSON clients, %d break XML clients, %d safe.\n", r.Old, r.New, j, x, safe)
	table := func(changes []Change) {
		b.WriteString("\n| Verdict | Operation | Where | Path | Change | Detail | Media types |\n|---|---|---|---|---|---|---|\n")
		for _, c := range changes {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | `%s` | %s | %s |\n", c.Verdict(), code(c.Operation), cell(c.Where()),
				code(c.Path), c.Kind, cell(c.Message), cell(strings.Join(c.MediaTypes, ", ")))
		}
	}
	var breaking, safeChanges []Change
	for _, c := range r.Changes {
		if c.Breaking() {
			breaking = append(breaking, c)
		} else {
			safeChanges = append(safeChanges, c)
		}
	}
	if len(breaking) > 0 {
		table(breaking)
	}
	if len(safeChanges) > 0 {
		fmt.Fprintf(&b, "\n<details><summary>%d safe changes</summary>\n", len(safeChanges))
		table(safeChanges)
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell escapes s for a Markdown table cell.
func cell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
	return s
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

// jsonReport is the JSON form of a Report.
type jsonReport struct {
	Old        string       `json:"old"`
	New        string       `json:"new"`
	Breaking   bool         `json:"breaking"`
	BreaksJSON int          `json:"breaksJSON"`
	BreaksXML  int          `json:"breaksXML"`
	Safe       int          `json:"safe"`
	Changes    []jsonChange `json:"changes"`
}

type jsonChange struct {
	Change
	Verdict string `json:"verdict"`
}

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	j, x, safe := r.Count()
	out := jsonReport{Old: r.Old, New: r.New, Breaking: r.Breaking(), BreaksJSON: j, BreaksXML: x, Safe: safe, Changes: []jsonChange{}}
	for _, c := range r.Changes {
		out.Changes = append(out.Changes, jsonChange{c, c.Verdict()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
