package contracts

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/spec"
)

// The kinds of CoverageItem.
const (
	// CoverRequest: a request media type × Accept of the valid (docs) request, or an
	// Accept alone for an operation without a body.
	CoverRequest = "request"
	// CoverResponse: a documented status.
	CoverResponse = "response"
	// CoverExample: a named example pair × request media type, or a named example that
	// pairs with nothing.
	CoverExample = "example"
)

// CoverageItem is one thing of the spec a run could exercise.
type CoverageItem struct {
	// Operation is the operationId.
	Operation string `json:"operation"`
	// Kind is CoverRequest, CoverResponse or CoverExample.
	Kind string `json:"kind"`
	// Name says which: "application/xml, Accept: text/json", "413",
	// "invalid-refresh-token, text/xml".
	Name string `json:"name"`
	// Exercised tells whether a case sent it (or, for a response, got it back), whatever
	// its verdict.
	Exercised bool `json:"exercised"`
	// Reason says why it was not exercised.
	Reason string `json:"reason,omitempty"`
}

// Coverage is what a run exercised of the selected operations: operations × request media
// types × Accept, documented responses, and example pairs.
type Coverage struct {
	// Exercised and Total count the items; Percent is Exercised/Total × 100.
	Exercised int     `json:"exercised"`
	Total     int     `json:"total"`
	Percent   float64 `json:"percent"`
	// Items lists every item, by operation, then kind.
	Items []CoverageItem `json:"items"`
}

// coverage measures what the exchanges exercised of their operations.
func coverage(exchanges []*exchange) *Coverage {
	cov := &Coverage{Items: []CoverageItem{}}
	var ops []*spec.Operation
	byOp := map[string][]*exchange{}
	for _, x := range exchanges {
		id := x.c.op.ID
		if _, seen := byOp[id]; !seen {
			ops = append(ops, x.c.op)
		}
		byOp[id] = append(byOp[id], x)
	}
	for _, o := range ops {
		cov.Items = append(cov.Items, operationCoverage(o, byOp[o.ID])...)
	}
	cov.Total = len(cov.Items)
	for _, it := range cov.Items {
		if it.Exercised {
			cov.Exercised++
		}
	}
	if cov.Total > 0 {
		cov.Percent = float64(cov.Exercised) * 100 / float64(cov.Total)
	}
	return cov
}

func operationCoverage(o *spec.Operation, xs []*exchange) []CoverageItem {
	var items []CoverageItem
	add := func(kind, name string, sent []*exchange, why string) {
		it := CoverageItem{Operation: o.ID, Kind: kind, Name: name, Reason: why}
		for _, x := range sent {
			if x.status != 0 {
				it.Exercised, it.Reason = true, ""
				break
			}
		}
		if !it.Exercised && it.Reason == "" {
			it.Reason = "not sent"
			if len(sent) > 0 && sent[0].err != nil {
				it.Reason = "no answer: " + sent[0].err.Error()
			}
		}
		items = append(items, it)
	}
	find := func(keep func(c *testCase) bool) []*exchange {
		var out []*exchange
		for _, x := range xs {
			if keep(x.c) {
				out = append(out, x)
			}
		}
		return out
	}
	formWhy := func(mt string) string {
		if mt == spec.FormURLEncoded && !formBindable(o.Request[mt]) {
			return "a form carries only a class, bound member by member"
		}
		return ""
	}

	// The request × Accept matrix of the valid request.
	mts := o.RequestMediaTypes
	if len(mts) == 0 {
		mts = []string{""}
	}
	for _, mt := range mts {
		for _, accept := range acceptHeaders {
			name := "Accept: " + orNone(accept)
			if mt != "" {
				name = mt + ", " + name
			}
			add(CoverRequest, name, find(func(c *testCase) bool {
				return c.matrix && c.requestMediaType == mt && c.accept == accept
			}), formWhy(mt))
		}
	}

	// Documented responses: exercised when a case got the status back.
	for _, status := range o.Statuses {
		expected := find(func(c *testCase) bool { return c.wantStatus == status })
		var got []*exchange
		for _, x := range xs {
			if x.status == status {
				got = append(got, x)
			}
		}
		why := "no probe or request example leads to it"
		if len(expected) > 0 {
			why = fmt.Sprintf("%d cases expect it and got another answer", len(expected))
		}
		if len(got) == 0 {
			add(CoverResponse, strconv.Itoa(status), nil, why)
		} else {
			add(CoverResponse, strconv.Itoa(status), got, "")
		}
	}

	// Example pairs, per request media type; then the named examples that pair with
	// nothing.
	responses := responseExamples(o)
	requests := requestExampleNames(o)
	for _, name := range requests {
		if responses[name] == nil {
			add(CoverExample, name+" (request)", nil, "no response example named "+name+" says what it gets")
			continue
		}
		value := pairValue(o, name, nil)
		for _, mt := range o.RequestMediaTypes {
			add(CoverExample, name+", "+mt, find(func(c *testCase) bool {
				return c.pair != nil && c.pair.name == name && c.requestMediaType == mt
			}), pairSkipped(o, name, mt, value))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(responses)) {
		if !slices.Contains(requests, name) {
			p := responses[name]
			add(CoverExample, fmt.Sprintf("%s (%d response)", name, p.status), nil,
				"no request example named "+name+" leads to it")
		}
	}
	return items
}

// writeText writes the coverage section of the text report: per operation, how many
// items of each kind were exercised and which example pairs, then what was not exercised
// and why.
func (cov *Coverage) writeText(b *strings.Builder) {
	if !strings.HasSuffix(b.String(), "\n\n") {
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "Coverage: %d of %d items exercised (%s)\n", cov.Exercised, cov.Total, cov.percentText())
	type counts struct{ done, total int }
	var ops []string
	perOp := map[string]map[string]*counts{}
	pairs := map[string]map[string][]string{}
	for _, it := range cov.Items {
		if perOp[it.Operation] == nil {
			ops = append(ops, it.Operation)
			perOp[it.Operation] = map[string]*counts{CoverRequest: {}, CoverResponse: {}, CoverExample: {}}
			pairs[it.Operation] = map[string][]string{}
		}
		c := perOp[it.Operation][it.Kind]
		c.total++
		if it.Exercised {
			c.done++
			if it.Kind == CoverExample {
				name, mt, _ := strings.Cut(it.Name, ", ")
				pairs[it.Operation][name] = append(pairs[it.Operation][name], mt)
			}
		}
	}
	for _, op := range ops {
		c := perOp[op]
		fmt.Fprintf(b, "  %s: request media types × Accept %d/%d, responses %d/%d, example pairs %d/%d\n", op,
			c[CoverRequest].done, c[CoverRequest].total, c[CoverResponse].done, c[CoverResponse].total,
			c[CoverExample].done, c[CoverExample].total)
		for _, name := range slices.Sorted(maps.Keys(pairs[op])) {
			fmt.Fprintf(b, "    example %s sent as %s\n", name, strings.Join(pairs[op][name], ", "))
		}
	}
	if lines := cov.notExercised(); len(lines) > 0 {
		b.WriteString("Not exercised:\n")
		for _, l := range lines {
			b.WriteString("  " + l + "\n")
		}
	}
}

// notExercised words the items not exercised, one line each.
func (cov *Coverage) notExercised() []string {
	var out []string
	for _, it := range cov.Items {
		if !it.Exercised {
			out = append(out, fmt.Sprintf("%s: %s %s: %s", it.Operation, it.Kind, it.Name, it.Reason))
		}
	}
	return out
}

func (cov *Coverage) percentText() string {
	return strconv.FormatFloat(cov.Percent, 'f', 1, 64) + "%"
}

// junit returns an operation's coverage as JUnit properties ("exercised/total" per kind)
// and the system-out text: the items, exercised or not (and why).
func (cov *Coverage) junit(op string) (*junitProperties, *junitText) {
	done, total := map[string]int{}, map[string]int{}
	var b strings.Builder
	for _, it := range cov.Items {
		if it.Operation != op {
			continue
		}
		total[it.Kind]++
		if it.Exercised {
			done[it.Kind]++
			fmt.Fprintf(&b, "exercised: %s %s\n", it.Kind, it.Name)
		} else {
			fmt.Fprintf(&b, "not exercised: %s %s: %s\n", it.Kind, it.Name, it.Reason)
		}
	}
	var props []junitProperty
	for _, kind := range []string{CoverRequest, CoverResponse, CoverExample} {
		props = append(props, junitProperty{Name: "coverage." + kind, Value: fmt.Sprintf("%d/%d", done[kind], total[kind])})
	}
	if len(total) == 0 {
		return nil, nil
	}
	return &junitProperties{Items: props}, &junitText{Text: b.String()}
}
