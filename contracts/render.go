package contracts

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the human-readable report: one line per case, then the details of each
// failed case (every violation and a curl line that reproduces it), then the coverage
// (what was exercised, what was not and why), then the summary line "N passed, N failed".
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	width := 0
	for _, c := range r.Cases {
		width = max(width, len(c.FullName()))
	}
	for _, c := range r.Cases {
		verdict := "ok  "
		if !c.Passed() {
			verdict = "FAIL"
		}
		status := "---"
		if c.Status != 0 {
			status = fmt.Sprint(c.Status)
		}
		fmt.Fprintf(&b, "%s  %-*s  %s  %s\n", verdict, width, c.FullName(), status, millis(c.Duration))
	}
	for _, c := range r.Cases {
		if c.Passed() {
			continue
		}
		fmt.Fprintf(&b, "\nFAIL %s\n", c.FullName())
		for _, v := range c.Violations {
			fmt.Fprintf(&b, "  %s\n", violationLine(v))
		}
		if c.Curl != "" {
			fmt.Fprintf(&b, "  reproduce: %s\n", c.Curl)
		}
	}
	if r.Failed > 0 {
		b.WriteString("\n")
		if len(r.Variables) > 0 {
			fmt.Fprintf(&b, "The reproduce lines read your -header and -set values from %s: export them to run a line.\n\n",
				strings.Join(r.Variables, ", "))
		}
	}
	if r.Coverage != nil {
		r.Coverage.writeText(&b)
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%d passed, %d failed\n", r.Passed, r.Failed)
	_, err := io.WriteString(w, b.String())
	return err
}

// violationLine is a violation without its case: check, path, message, expected, actual.
func violationLine(v Violation) string {
	v.Case = ""
	s := v.Error()
	return strings.TrimPrefix(s, ": ")
}

func millis(d time.Duration) string {
	return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds())
}

// WriteJSON writes the report as indented JSON (durations in nanoseconds).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Time       string           `xml:"time,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
	SystemOut  *junitText       `xml:"system-out,omitempty"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

type junitProperties struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// WriteJUnit writes the report as JUnit XML: one testsuite per operation, one testcase
// per case, a failure per failed case whose message is its first violation and whose text
// lists every violation and the curl line.
// Each testsuite carries its coverage: the properties coverage.request, coverage.response
// and coverage.example ("exercised/total"), and a system-out listing what was exercised
// and what was not, and why.
func (r *Report) WriteJUnit(w io.Writer) error {
	out := junitSuites{Name: "helpmock verify " + r.Target, Tests: len(r.Cases), Failures: r.Failed, Time: seconds(r.Duration)}
	for _, op := range r.Operations() {
		s := junitSuite{Name: op}
		var total time.Duration
		for _, c := range r.Cases {
			if c.Operation != op {
				continue
			}
			s.Tests++
			total += c.Duration
			jc := junitCase{Name: c.Name, ClassName: op, Time: seconds(c.Duration)}
			if !c.Passed() {
				s.Failures++
				var text strings.Builder
				for _, v := range c.Violations {
					text.WriteString(violationLine(v) + "\n")
				}
				if c.Curl != "" {
					text.WriteString("reproduce: " + c.Curl + "\n")
				}
				jc.Failure = &junitFailure{Message: violationLine(c.Violations[0]), Type: c.Violations[0].Check, Text: text.String()}
			}
			s.Cases = append(s.Cases, jc)
		}
		s.Time = seconds(total)
		if r.Coverage != nil {
			s.Properties, s.SystemOut = r.Coverage.junit(op)
		}
		out.Suites = append(out.Suites, s)
	}
	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, xml.Header+string(data)+"\n"); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	return nil
}
