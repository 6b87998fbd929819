package dotnet

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// Checker runs the checks of one spec against a running mock.
type Checker struct {
	Spec   *spec.Spec
	Models *Models
	Rig    *Rig
	// BaseURL is the mock's address, without a trailing slash.
	BaseURL string
	Client  *http.Client
	// Out receives one line per check. Default: discard.
	Out io.Writer
	// Fixtures, when set, are the mock's fixtures: their scenarios are checked too
	// (Prefer: example=SCENARIO).
	Fixtures *fixtures.Set
	// Mutate, when set, changes each answer body (of scenario, in mediaType) before it is
	// checked (tests use it to break a rule and see the check catch it).
	Mutate func(op *spec.Operation, scenario, mediaType string, body []byte) []byte

	// Passed and Failed count the checks run.
	Passed, Failed int
	// Failures lists the failed checks' lines.
	Failures []string
}

// answer is one body the mock sent.
type answer struct {
	scenario, mediaType string
	status              int
	layout              *model.Type
	// body is what the check reads; sent is what the mock sent (body before Mutate).
	body, sent []byte
}

// Run checks every operation of the spec: its documented (Prefer: example=docs) and
// default answers in every media type, and its documented request bodies as .NET writes
// them.
func (c *Checker) Run(ctx context.Context) {
	if c.Out == nil {
		c.Out = io.Discard
	}
	if c.Client == nil {
		c.Client = http.DefaultClient
	}
	for _, op := range c.Spec.Operations {
		c.checkOperation(ctx, op)
	}
	fmt.Fprintf(c.Out, "%d passed, %d failed\n", c.Passed, c.Failed)
}

func (c *Checker) result(ok bool, format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	if ok {
		c.Passed++
		fmt.Fprintln(c.Out, "PASS "+line)
		return
	}
	c.Failed++
	c.Failures = append(c.Failures, line)
	fmt.Fprintln(c.Out, "FAIL "+line)
}

func (c *Checker) checkOperation(ctx context.Context, op *spec.Operation) {
	target := c.BaseURL + requestPath(op)
	body, contentType := docsRequest(op)
	for _, scenario := range c.scenarios(op) {
		var answers []answer
		for _, mt := range c.responseMediaTypes(op) {
			header := http.Header{"Accept": {mt}}
			if scenario != "default" {
				header.Set("Prefer", "example="+scenario)
			}
			if contentType != "" {
				header.Set("Content-Type", contentType)
			}
			status, got, err := c.do(ctx, op.Method, target, header, body)
			name := fmt.Sprintf("%s %s %s", op.ID, scenario, mt)
			if err != nil {
				c.result(false, "%s: %v", name, err)
				continue
			}
			layout := op.Response(status, mt)
			switch {
			case len(got) == 0:
				continue
			case layout == nil:
				fmt.Fprintf(c.Out, "SKIP %s: status %d is not documented in %s\n", name, status, mt)
				continue
			case model.IsHTTPError(layout):
				continue // Web API's own HttpError: not a class of the service
			}
			a := answer{scenario: scenario, mediaType: mt, status: status, layout: layout, body: got, sent: got}
			if c.Mutate != nil {
				a.body = c.Mutate(op, scenario, mt, got)
			}
			answers = append(answers, a)
		}
		c.checkAnswers(op, answers)
	}
	c.checkRequests(ctx, op, target)
}

// scenarios lists the answers to check: "docs" (Prefer: example=docs), each other example
// the success answer documents and each scenario of the fixtures (Prefer: example=NAME),
// then the default answer.
func (c *Checker) scenarios(op *spec.Operation) []string {
	names := map[string]bool{}
	if c.Fixtures != nil {
		for _, f := range c.Fixtures.Scenarios(op.ID) {
			// A fault or a delay is the network's, not the serializers': no body to check.
			if f.HasBody() && f.Fault == fixtures.FaultNone && f.Delay == 0 {
				names[f.Scenario] = true
			}
		}
	}
	for _, byName := range op.ResponseExamples {
		for name := range byName {
			names[name] = true
		}
	}
	delete(names, spec.DocsExample)
	out := []string{spec.DocsExample}
	out = append(out, slices.Sorted(mapsKeys(names))...)
	return append(out, "default")
}

// responseMediaTypes lists the JSON and XML media types of the operation's success
// answer, JSON first.
func (c *Checker) responseMediaTypes(op *spec.Operation) []string {
	var out []string
	for _, mt := range slices.Sorted(mapsKeys(op.Responses[op.SuccessStatus()])) {
		if spec.IsJSON(spec.MediaType(mt)) || spec.IsXML(spec.MediaType(mt)) {
			out = append(out, mt)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		return boolCmp(spec.IsXML(spec.MediaType(a)), spec.IsXML(spec.MediaType(b)))
	})
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// XmlSerializer's root declarations: Mono's writer declares xsd first, .NET Framework's
// (which the mock follows) xsi first. It is the one difference between them the recorded
// goldens of internal/dcxml/testdata/xmlserializer show, so the check reads Mono's order
// as .NET Framework's.
const (
	monoDeclarations      = `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
	frameworkDeclarations = `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"`
)

// checkAnswers checks one scenario's answers: .NET reads each, writes the same bytes
// again, and reads the same values from the XML as from the JSON.
func (c *Checker) checkAnswers(op *spec.Operation, answers []answer) {
	jsonValue := ""
	for _, a := range answers {
		name := fmt.Sprintf("%s %s %d %s", op.ID, a.scenario, a.status, a.mediaType)
		typ := c.Models.TypeOf(a.layout)
		xml := spec.IsXML(spec.MediaType(a.mediaType))
		res, err := c.Rig.Read(typ, xml, a.body)
		if err != nil {
			c.result(false, "%s: .NET cannot read it as %s: %v\n    body: %s", name, typ, err, a.body)
			continue
		}
		c.result(true, "%s: .NET reads it as %s", name, typ)
		if xml {
			meant, problems, err := dcxml.Decode(a.layout, a.sent, dcxml.DecodeOptions{})
			same := err == nil && len(problems) == 0 && sameValues(a.layout, res.Canonical, meant)
			c.result(same, "%s: .NET reads every member with the value the mock meant%s", name,
				ifElse(same, "", diffValues(res.Canonical, meant, problems, err)))
		}
		// A scenario's answers in JSON and XML hold the same values when the spec's
		// examples fix them in both (the default scenario may generate values per
		// request, and the docs scenario answers a media type without a sample of its
		// own, the XML of a class its XML formatter cannot write, with generated values).
		documented := a.scenario == spec.DocsExample && hasDocsExample(op, a.mediaType)
		if xml && jsonValue != "" && documented {
			same := sameXMLValues(a.layout, res.Canonical, jsonValue)
			c.result(same, "%s: .NET reads the values of the JSON answer (no member lost)%s", name,
				ifElse(same, "", diff("read from XML", res.Canonical, "read from JSON", jsonValue)))
		}
		if !xml && jsonValue == "" && documented {
			jsonValue = res.Canonical
		}
		what := "Json.NET's order and formats"
		if xml {
			what = c.Models.Serializer.String() + "'s bytes"
		}
		written := res.Bytes
		if xml && c.Models.Serializer == model.XMLSerializer {
			written = strings.Replace(written, monoDeclarations, frameworkDeclarations, 1)
		}
		c.result(written == string(a.body), "%s: .NET writes the same value in the same bytes (%s)%s", name, what,
			diff(".NET", written, "mock", string(a.body)))
	}
}

// hasDocsExample reports whether the spec documents the docs example of op's success
// answer in mediaType.
func hasDocsExample(op *spec.Operation, mediaType string) bool {
	_, ok := op.ResponseExamples[mediaType][spec.DocsExample]
	return ok
}

// checkRequests has .NET write the operation's documented request body in each media
// type and checks that the mock binds it (a 2xx answer, strict mode).
func (c *Checker) checkRequests(ctx context.Context, op *spec.Operation, target string) {
	example, typ := c.requestExample(op)
	if example == nil {
		return
	}
	for _, mt := range op.RequestMediaTypes {
		media := spec.MediaType(mt)
		if !spec.IsJSON(media) && !spec.IsXML(media) {
			continue
		}
		name := fmt.Sprintf("%s request %s", op.ID, mt)
		if layout := op.Request[mt]; spec.IsXML(media) && layout != nil && layout.Free {
			// A System.Object body (a JObject parameter, whose XML no formatter reads):
			// the C# object the rig would write is not the service's type.
			fmt.Fprintf(c.Out, "SKIP %s: a free-form body has no XML form of the service's type\n", name)
			continue
		}
		res, err := c.Rig.Write(typ, spec.IsXML(media), example)
		if err != nil {
			c.result(false, "%s: .NET cannot write the documented request: %v", name, err)
			continue
		}
		if text, ok := op.RequestExamples[mt][spec.DocsExample].(string); ok && spec.IsXML(media) {
			written := res.Bytes
			if c.Models.Serializer == model.XMLSerializer {
				written = strings.Replace(written, monoDeclarations, frameworkDeclarations, 1)
			}
			// A decimal's scale does not survive the JSON example: the Help Page's 2m is
			// "2.0" in Json.NET's JSON and "2" in DataContractSerializer's XML, but .NET
			// reads "2.0" back as 2.0m, which XML writes "2.0". Values compare without it.
			c.result(written == text || withoutDecimalScale(written) == withoutDecimalScale(text),
				"%s: .NET writes the documented JSON example as the documented XML example%s", name,
				diff(".NET", written, "spec", text))
		}
		header := http.Header{"Content-Type": {mt}, "Accept": {spec.ApplicationJSON}}
		status, got, err := c.do(ctx, op.Method, target, header, []byte(res.Bytes))
		if err != nil {
			c.result(false, "%s: %v", name, err)
			continue
		}
		c.result(status/100 == 2, "%s: the mock binds the body .NET writes (%d)%s", name, status,
			ifElse(status/100 == 2, "", "\n    .NET wrote: "+res.Bytes+"\n    mock said: "+string(got)))
	}
}

// requestExample returns the docs example of the operation's JSON request body and its
// C# type, or nil.
func (c *Checker) requestExample(op *spec.Operation) ([]byte, string) {
	for _, mt := range op.RequestMediaTypes {
		if !spec.IsJSON(spec.MediaType(mt)) {
			continue
		}
		ex, ok := op.RequestExamples[mt][spec.DocsExample]
		if !ok {
			continue
		}
		// Written as Json.NET writes the layout (a decimal's 2 as 2.0, the scale the Help
		// Page's sample had before the spec's YAML dropped it).
		return jsonnet.Append(nil, op.Request[mt], ex), c.Models.TypeOf(op.Request[mt])
	}
	return nil, ""
}

func ifElse(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// diff shows two texts that differ, and where; "" when they are equal.
func diff(aName, a, bName, b string) string {
	if a == b {
		return ""
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("\n    %s: %s\n    %s: %s\n    first difference at byte %d", aName, a, bName, b, i)
}

func (c *Checker) do(ctx context.Context, method, target string, header http.Header, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header = header
	resp, err := c.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	return resp.StatusCode, got, err
}

// docsRequest returns the operation's documented JSON request body and its media type,
// or the XML one, or none.
func docsRequest(op *spec.Operation) ([]byte, string) {
	for _, mt := range op.RequestMediaTypes {
		ex, ok := op.RequestExamples[mt][spec.DocsExample]
		if !ok {
			continue
		}
		if spec.IsJSON(spec.MediaType(mt)) {
			return jsonnet.Append(nil, op.Request[mt], ex), mt
		}
		if s, ok := ex.(string); ok && spec.IsXML(spec.MediaType(mt)) {
			return []byte(s), mt
		}
	}
	return nil, ""
}

// requestPath is the operation's path with each parameter given a value its schema
// accepts, and its required query parameters.
func requestPath(op *spec.Operation) string {
	path := op.Path
	query := url.Values{}
	for _, p := range op.Op.Parameters {
		if p.Value == nil {
			continue
		}
		v := sampleParam(p.Value)
		switch p.Value.In {
		case openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", url.PathEscape(v))
		case openapi3.ParameterInQuery:
			if p.Value.Required {
				query.Set(p.Value.Name, v)
			}
		}
	}
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return path
}

// sampleParam is a value for a parameter: its example, else one its schema accepts.
func sampleParam(p *openapi3.Parameter) string {
	if p.Example != nil {
		return fmt.Sprint(p.Example)
	}
	if p.Schema == nil || p.Schema.Value == nil {
		return "1"
	}
	s := p.Schema.Value
	if s.Example != nil {
		return fmt.Sprint(s.Example)
	}
	if len(s.Enum) > 0 {
		return fmt.Sprint(s.Enum[0])
	}
	if s.Pattern != "" {
		if v, ok := matching(s.Pattern); ok {
			return v
		}
	}
	switch {
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		return "1"
	case s.Type.Is(openapi3.TypeBoolean):
		return "true"
	case s.Format == "uuid":
		return "00000000-0000-0000-0000-000000000001"
	case s.Format == "date-time":
		return "2024-01-01T00:00:00"
	}
	return "a"
}

// integralDecimal matches an element's text that is an integral number written with a
// scale ("2.0", "-15.00").
var integralDecimal = regexp.MustCompile(`>(-?[0-9]+)\.0+<`)

// withoutDecimalScale writes every integral number of an XML body without its scale.
func withoutDecimalScale(xml string) string { return integralDecimal.ReplaceAllString(xml, ">$1<") }
