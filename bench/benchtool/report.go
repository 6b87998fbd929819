package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Server names run.sh uses, in table order.
const (
	serverHelpmock = "helpmock"
	serverLogOff   = "helpmock-log-off"
	serverCeiling  = "ceiling"
	serverPaced    = "ceiling-paced"
	serverPrism    = "prism"
)

// labels are the servers' names in the table.
var labels = map[string]string{
	serverHelpmock: "helpmock (default: strict, request log on)",
	serverLogOff:   "helpmock, log off (-log-level warn)",
	serverCeiling:  "ceiling (fixed bytes, net/http)",
	serverPaced:    "ceiling at helpmock's pace (-work)",
	serverPrism:    "Prism 5 (static examples, default log)",
}

// Targets of issue 6 for helpmock with default settings.
const (
	targetCeilingRatio = 0.6
	targetPrismRatio   = 10
	targetP99MS        = 5
	targetStartupMS    = 30
	targetRSSMB        = 40
	targetVerifyMS     = 1000
)

// floatFlags collects a repeated flag's numbers.
type floatFlags []float64

func (f *floatFlags) String() string { return fmt.Sprint([]float64(*f)) }
func (f *floatFlags) Set(v string) error {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 || x != x {
		return fmt.Errorf("not a duration in milliseconds: %q", v)
	}
	*f = append(*f, x)
	return nil
}

// noteFlags collects repeated -note flags.
type noteFlags []string

func (n *noteFlags) String() string     { return strings.Join(*n, "; ") }
func (n *noteFlags) Set(v string) error { *n = append(*n, v); return nil }

// runReport implements `benchtool report`.
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "raw measurements `file` (TSV, see Row; required)")
	md := fs.String("md", "", "write the Markdown table to this `file` too")
	var notes noteFlags
	var verify floatFlags
	fs.Var(&verify, "verify-ms", "how long one `helpmock verify` run took, in milliseconds (repeatable)")
	fs.Var(&notes, "note", "a line for the \"How it was run\" list (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *in == "" {
		fmt.Fprintln(stderr, "benchtool report: -in is required")
		return exitUsage
	}
	f, err := os.Open(*in)
	if err != nil {
		fmt.Fprintf(stderr, "benchtool report: %v\n", err)
		return exitFail
	}
	rows, err := ParseRows(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "benchtool report: %s: %v\n", *in, err)
		return exitFail
	}
	var b strings.Builder
	sum := Summarize(rows)
	sum.VerifyMS = verify
	sum.WriteMarkdown(&b, machine(), notes)
	fmt.Fprint(stdout, b.String())
	if *md != "" {
		if err := os.WriteFile(*md, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintf(stderr, "benchtool report: %v\n", err)
			return exitFail
		}
	}
	return exitOK
}

// Cell is the medians of one server and one case over the rounds.
type Cell struct {
	RPS, P50, P99, P999 float64
	Errors, Requests    int64 // totals over the rounds
	ContentTypes        []string
}

// ServerSummary is the medians of one server's start-up and peak RSS over the rounds.
type ServerSummary struct {
	StartupMS, RSSMB float64 // RSS in MB (10^6 bytes)
}

// Summary is what the table shows.
type Summary struct {
	Rounds  int
	Servers []string                    // in table order
	Cases   []string                    // in first-seen order
	Cells   map[string]map[string]*Cell // server → case
	Server  map[string]ServerSummary
	// VerifyMS lists how long each `helpmock verify` run took (milliseconds).
	VerifyMS []float64
	// rpsByRound holds each server's requests/s per case and round, for paired ratios.
	rpsByRound map[[2]string]map[int]float64
}

// Summarize takes the medians of rows by server and case.
func Summarize(rows []Row) *Summary {
	s := &Summary{Cells: map[string]map[string]*Cell{}, Server: map[string]ServerSummary{},
		rpsByRound: map[[2]string]map[int]float64{}}
	type series struct{ rps, p50, p99, p999 []float64 }
	data := map[[2]string]*series{}
	startups := map[string][]float64{}
	rss := map[string][]float64{}
	seenRound := map[[2]string]bool{} // server, round: start-up and RSS once per round
	rounds := map[int]bool{}
	for _, r := range rows {
		rounds[r.Round] = true
		if !slices.Contains(s.Servers, r.Server) {
			s.Servers = append(s.Servers, r.Server)
		}
		if !slices.Contains(s.Cases, r.Case) {
			s.Cases = append(s.Cases, r.Case)
		}
		k := [2]string{r.Server, r.Case}
		d := data[k]
		if d == nil {
			d = &series{}
			data[k] = d
		}
		d.rps = append(d.rps, r.RPS)
		if s.rpsByRound[k] == nil {
			s.rpsByRound[k] = map[int]float64{}
		}
		s.rpsByRound[k][r.Round] = r.RPS
		d.p50 = append(d.p50, r.P50)
		d.p99 = append(d.p99, r.P99)
		d.p999 = append(d.p999, r.P999)
		if s.Cells[r.Server] == nil {
			s.Cells[r.Server] = map[string]*Cell{}
		}
		c := s.Cells[r.Server][r.Case]
		if c == nil {
			c = &Cell{}
			s.Cells[r.Server][r.Case] = c
		}
		c.Errors += r.Errors
		c.Requests += r.Requests
		if !slices.Contains(c.ContentTypes, r.ContentType) {
			c.ContentTypes = append(c.ContentTypes, r.ContentType)
		}
		rk := [2]string{r.Server, fmt.Sprint(r.Round)}
		if !seenRound[rk] {
			seenRound[rk] = true
			startups[r.Server] = append(startups[r.Server], r.StartupMS)
			rss[r.Server] = append(rss[r.Server], float64(r.RSSKiB)*1024/1e6)
		}
	}
	s.Rounds = len(rounds)
	for k, d := range data {
		c := s.Cells[k[0]][k[1]]
		c.RPS, c.P50, c.P99, c.P999 = median(d.rps), median(d.p50), median(d.p99), median(d.p999)
	}
	for name := range startups {
		s.Server[name] = ServerSummary{StartupMS: median(startups[name]), RSSMB: median(rss[name])}
	}
	order := []string{serverHelpmock, serverLogOff, serverCeiling, serverPaced, serverPrism}
	slices.SortStableFunc(s.Servers, func(a, b string) int {
		return rank(order, a) - rank(order, b)
	})
	return s
}

func rank(order []string, name string) int {
	if i := slices.Index(order, name); i >= 0 {
		return i
	}
	return len(order)
}

// median returns the median of xs (the mean of the middle two for an even count), or 0.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// ratio is server a's requests/s over server b's for case c: the median of the ratios of
// the rounds that measured both (paired runs, close in time, cancel the drift of a shared
// machine's noise), else the ratio of the medians; 0 when either is missing.
func (s *Summary) ratio(a, b, c string) float64 {
	ca, cb := s.cell(a, c), s.cell(b, c)
	if ca == nil || cb == nil || cb.RPS == 0 {
		return 0
	}
	var paired []float64
	ra, rb := s.rpsByRound[[2]string{a, c}], s.rpsByRound[[2]string{b, c}]
	for round, x := range ra {
		if y, ok := rb[round]; ok && y > 0 {
			paired = append(paired, x/y)
		}
	}
	if len(paired) > 0 {
		return median(paired)
	}
	return ca.RPS / cb.RPS
}

func (s *Summary) cell(server, c string) *Cell {
	return s.Cells[server][c]
}

func label(server string) string {
	if l, ok := labels[server]; ok {
		return l
	}
	return server
}

// WriteMarkdown writes the tables, the target checks and how the figures were obtained.
func (s *Summary) WriteMarkdown(w io.Writer, machine []string, notes []string) {
	fmt.Fprintf(w, "### Throughput and latency (medians of %d rounds)\n\n", s.Rounds)
	fmt.Fprintln(w, "| Server | Answer | Content-Type answered | req/s | p50 | p99 | p99.9 | errors / requests |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|---:|---:|")
	for _, srv := range s.Servers {
		for _, c := range s.Cases {
			cell := s.cell(srv, c)
			if cell == nil {
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s | %.0f | %s | %s | %s | %d / %d |\n", label(srv), c,
				strings.Join(cell.ContentTypes, ", "), cell.RPS, ms(cell.P50), ms(cell.P99), ms(cell.P999),
				cell.Errors, cell.Requests)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Start-up and memory (medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Server | start to first answer | peak RSS (VmHWM) |")
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, srv := range s.Servers {
		ss := s.Server[srv]
		fmt.Fprintf(w, "| %s | %s | %.1f MB |\n", label(srv), ms(ss.StartupMS), ss.RSSMB)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Ratios of requests/s")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Answer | helpmock / ceiling | helpmock log off / ceiling | helpmock / Prism | helpmock log off / Prism |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, c := range s.Cases {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c,
			times(s.ratio(serverHelpmock, serverCeiling, c)), times(s.ratio(serverLogOff, serverCeiling, c)),
			times(s.ratio(serverHelpmock, serverPrism, c)), times(s.ratio(serverLogOff, serverPrism, c)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Targets (issue 6, helpmock with default settings)")
	fmt.Fprintln(w)
	for _, line := range s.targets() {
		fmt.Fprintln(w, "- "+line)
	}
	if len(machine)+len(notes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "### How it was run")
		fmt.Fprintln(w)
		for _, line := range append(slices.Clone(machine), notes...) {
			fmt.Fprintln(w, "- "+line)
		}
	}
}

// targets checks issue 6's targets against the summary, one line each.
func (s *Summary) targets() []string {
	var out []string
	check := func(ok bool, format string, args ...any) {
		mark := "FAIL"
		if ok {
			mark = "pass"
		}
		out = append(out, fmt.Sprintf("**%s** ", mark)+fmt.Sprintf(format, args...))
	}
	if s.cell(serverHelpmock, firstCase(s.Cases)) == nil {
		return []string{"no helpmock measurements"}
	}
	for _, c := range s.Cases {
		if r := s.ratio(serverHelpmock, serverCeiling, c); r > 0 {
			check(r >= targetCeilingRatio, "%s: %s the ceiling's req/s (target ≥ %.1f×)", c, times(r), targetCeilingRatio)
		}
	}
	for _, c := range s.Cases {
		if r := s.ratio(serverHelpmock, serverPrism, c); r > 0 {
			check(r >= targetPrismRatio, "%s: %s Prism's req/s (target ≥ %d×)", c, times(r), targetPrismRatio)
		}
	}
	worst, worstCase := s.worstP99(serverHelpmock)
	ceiling := ""
	if w, c := s.worstP99(serverCeiling); c != "" {
		ceiling = fmt.Sprintf("; the ceiling's worst under the same load: %s", ms(w))
	}
	if w, c := s.worstP99(serverPaced); c != "" {
		ceiling += fmt.Sprintf("; at helpmock's pace: %s", ms(w))
	}
	check(worst < targetP99MS, "p99 latency: worst %s (%s)%s (target < %d ms)", ms(worst), worstCase, ceiling, targetP99MS)
	ss := s.Server[serverHelpmock]
	check(ss.StartupMS < targetStartupMS, "start to first answer: %s (target < %d ms)", ms(ss.StartupMS), targetStartupMS)
	if len(s.VerifyMS) > 0 {
		v := median(s.VerifyMS)
		check(v < targetVerifyMS, "`helpmock verify` against the mock (whole suite): %s, median of %d runs (target < 1 s)", ms(v), len(s.VerifyMS))
	}
	check(ss.RSSMB < targetRSSMB, "peak RSS: %.1f MB (target < %d MB)", ss.RSSMB, targetRSSMB)
	return out
}

// worstP99 returns server's highest median p99 and its case ("" without measurements).
func (s *Summary) worstP99(server string) (float64, string) {
	worst, worstCase := 0.0, ""
	for _, c := range s.Cases {
		if cell := s.cell(server, c); cell != nil && cell.P99 >= worst {
			worst, worstCase = cell.P99, c
		}
	}
	return worst, worstCase
}

func firstCase(cases []string) string {
	if len(cases) == 0 {
		return ""
	}
	return cases[0]
}

// ms formats milliseconds with two significant decimals below 10 ms.
func ms(x float64) string {
	if x < 10 {
		return fmt.Sprintf("%.2f ms", x)
	}
	return fmt.Sprintf("%.0f ms", x)
}

// times formats a ratio, or "n/a".
func times(r float64) string {
	if r == 0 {
		return "n/a"
	}
	if r < 10 {
		return fmt.Sprintf("%.2f×", r)
	}
	return fmt.Sprintf("%.0f×", r)
}
