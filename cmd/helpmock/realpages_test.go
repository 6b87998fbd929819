package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/helppage"
	"github.com/helpmock/helpmock/internal/spec"
)

// TestRealPagesEndToEnd walks a new user's path for every Help Page test document and
// the two seed documents: from a directory with no helpmock files, `helpmock import -o
// x.yaml PAGES`, then `helpmock serve -spec x.yaml` (no fixtures), then `helpmock verify
// -spec x.yaml -target URL`. Each step must succeed, and the mock's default answer of
// every operation must have, in JSON and in XML, exactly the members, element names,
// namespaces and order of the page's own samples.
func TestRealPagesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("imports, serves and verifies every test document; skipped with -short")
	}
	dirs, err := filepath.Glob("../../internal/helppage/testdata/helppages/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, "../../docs/helppages", "testdata/site")
	for i, d := range dirs {
		if dirs[i], err = filepath.Abs(d); err != nil {
			t.Fatal(err)
		}
	}
	work := t.TempDir()
	t.Chdir(work) // no openapi.overlay.yaml, no fixtures: a new user's directory
	// The seeds are imported as a new user has them: the two pages, without the overlay
	// that sits beside them in docs/helppages.
	for i, dir := range dirs {
		if filepath.Base(dir) == "helppages" && filepath.Base(filepath.Dir(dir)) == "docs" {
			dirs[i] = copySeedPages(t, dir, filepath.Join(work, "seeds"))
		}
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(work, name+".yaml")
			var stdout, stderr bytes.Buffer
			if code := run(t.Context(), []string{"import", "-o", out, dir}, &stdout, &stderr); code != exitOK {
				t.Fatalf("helpmock import -o %s %s = exit %d\n%s", out, dir, code, stderr.String())
			}
			s, err := spec.LoadFile(out)
			if err != nil {
				t.Fatalf("spec.LoadFile(%s) = %v", out, err)
			}
			base := startServeInProcess(t, "-spec", out)
			docs, err := readHelpPages(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range docs {
				for _, page := range helppage.ParsePages(d.Name, d.Data) {
					if page.Method == "" {
						continue
					}
					op := operationOf(s, page)
					if op == nil {
						t.Errorf("%s:%d: %s %s is not in the imported spec", page.Source, page.Line, page.Method, page.Route)
						continue
					}
					for _, sample := range page.ResponseSamples {
						mt := firstJSONOrXML(sample.MediaTypes)
						if !sample.Available || mt == "" || !looksLikeBody(sample.Text) {
							continue // no sample, or the template's words where one failed
						}
						t.Run(op.ID+"/"+mt, func(t *testing.T) {
							status, got := defaultAnswer(t, base, op, mt)
							if status != op.SuccessStatus() {
								t.Fatalf("%s %s (Accept: %s) = %d %s, want %d", op.Method, op.Path, mt, status, got, op.SuccessStatus())
							}
							var diffs []string
							if spec.IsXML(mt) {
								diffs = xmlShapeDiff(got, sample.Text)
							} else {
								diffs = jsonShapeDiff(got, sample.Text)
							}
							for _, diff := range diffs {
								t.Errorf("%s %s (Accept: %s): %s\n got: %s\nwant (%s:%d): %s", op.Method, op.Path, mt, diff, got, page.Source, sample.Line, sample.Text)
							}
						})
					}
				}
			}
			stdout.Reset()
			stderr.Reset()
			args := []string{"verify", "-spec", out, "-target", base}
			if code := run(t.Context(), args, &stdout, &stderr); code != exitOK {
				t.Errorf("helpmock verify -spec %s -target %s = exit %d\n%s\n%s", out, base, code, tail(stdout.String(), 40), stderr.String())
			}
		})
	}
}

// copySeedPages copies the Help Page documents (.txt) of dir, and nothing else, into to.
func copySeedPages(t *testing.T, dir, to string) string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no seed pages in %s: %v", dir, err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

// startServeInProcess runs `helpmock serve` with args on a loopback port, in this process,
// and returns its base URL; the server is stopped when the test ends.
func startServeInProcess(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr syncBuffer
	code := -1
	done := make(chan struct{}) // closed when serve has returned its exit code
	go func() {
		code = run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-log-level", "warn"}, args...), pw, &stderr)
		pw.Close()
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Errorf("serve did not stop within 30s of its context's end")
		}
	})
	lines := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		n, _ := io.ReadAtLeast(pr, buf, 1)
		lines <- string(buf[:n])
		io.Copy(io.Discard, pr)
	}()
	select {
	case line := <-lines:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "helpmock listening on ")
		if !ok {
			t.Fatalf("serve printed %q, want \"helpmock listening on URL\"", line)
		}
		return addr
	case <-done:
		t.Fatalf("serve %s exited %d before listening:\n%s", strings.Join(args, " "), code, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve printed no address within 60s:\n%s", stderr.String())
	}
	return ""
}

// operationOf finds the operation of an API page in s, by method and route.
func operationOf(s *spec.Spec, page *helppage.Page) *spec.Operation {
	path := helppage.OpenAPIPath(page.Route)
	for _, op := range s.Operations {
		if strings.EqualFold(op.Method, page.Method) && strings.EqualFold(op.Path, path) {
			return op
		}
	}
	return nil
}

// looksLikeBody reports whether a sample's text is a body (JSON or XML), not the
// template's message for a sample it failed to generate.
func looksLikeBody(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "<") || strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "\"") ||
		json.Valid([]byte(t))
}

// firstJSONOrXML returns the first of a sample's media types that is JSON or XML.
func firstJSONOrXML(mediaTypes []string) string {
	for _, mt := range mediaTypes {
		mt = strings.ToLower(mt)
		if spec.IsXML(mt) || spec.IsJSON(mt) {
			return mt
		}
	}
	return ""
}

// defaultAnswer asks the mock for op's default answer in media type mt, sending the
// page's documented request sample (in mt) as the body when the operation takes one.
func defaultAnswer(t *testing.T, base string, op *spec.Operation, mt string) (int, string) {
	t.Helper()
	path, query := requestTarget(op)
	if query != "" {
		path += "?" + query
	}
	var body io.Reader
	contentType := ""
	if op.Request != nil {
		reqMT := mt
		ex, ok := op.RequestExamples[reqMT][spec.DocsExample]
		if !ok {
			for m, exs := range op.RequestExamples {
				if e, found := exs[spec.DocsExample]; found {
					reqMT, ex, ok = m, e, true
					break
				}
			}
		}
		if ok {
			body, contentType = strings.NewReader(exampleText(t, ex)), reqMT
		}
	}
	req, err := http.NewRequestWithContext(t.Context(), op.Method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", mt)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", op.Method, path, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", op.Method, path, err)
	}
	return resp.StatusCode, string(got)
}

// validParamValue picks a URI value its schema accepts: an enum's first value, a uuid, or
// the first of a few candidates that matches the pattern and lengths.
// requestTarget returns op's path with each path parameter filled with a valid value, and
// the query string ("" or "a=1&b=2", without the "?") of its required query parameters.
func requestTarget(op *spec.Operation) (path, query string) {
	path = op.Path
	var q []string
	for _, p := range op.Op.Parameters {
		switch {
		case p.Value == nil:
		case p.Value.In == "path":
			path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", paramValue(p.Value))
		case p.Value.In == "query" && p.Value.Required:
			q = append(q, p.Value.Name+"="+paramValue(p.Value))
		}
	}
	return path, strings.Join(q, "&")
}

// paramValue is a valid value of p, or a sample one when p has no schema.
func paramValue(p *openapi3.Parameter) string {
	if p.Schema == nil || p.Schema.Value == nil {
		return samplePathValue("")
	}
	return validParamValue(p.Schema.Value)
}

func validParamValue(s *openapi3.Schema) string {
	if len(s.Enum) > 0 {
		return fmt.Sprint(s.Enum[0])
	}
	if s.Type.Is("boolean") {
		return "true"
	}
	if s.Format == "uuid" || s.Pattern == "" {
		return samplePathValue(s.Format)
	}
	re, err := regexp.Compile(s.Pattern)
	if err != nil {
		return samplePathValue(s.Format)
	}
	candidates := []string{"1", "a", "A1", "abc"}
	for n := 2; n <= 40; n++ {
		candidates = append(candidates, strings.Repeat("1", n), strings.Repeat("a", n), strings.Repeat("A", n))
	}
	for _, c := range candidates {
		if re.MatchString(c) && uint64(len(c)) >= s.MinLength && (s.MaxLength == nil || uint64(len(c)) <= *s.MaxLength) {
			return c
		}
	}
	return samplePathValue(s.Format)
}

// xmlShapeDiff compares the element structure of two XML bodies: every element's name and
// namespace, children in order (a run of same-named items counts once, and an empty or
// nil element matches any content), and element versus text content.
func xmlShapeDiff(got, want string) []string {
	g, w := etree.NewDocument(), etree.NewDocument()
	if err := g.ReadFromString(got); err != nil || g.Root() == nil {
		return []string{fmt.Sprintf("body is not XML: %v", err)}
	}
	if err := w.ReadFromString(want); err != nil || w.Root() == nil {
		return []string{fmt.Sprintf("sample is not XML: %v", err)}
	}
	var diffs []string
	compareElements(g.Root(), w.Root(), "/", &diffs)
	return diffs
}

func compareElements(got, want *etree.Element, path string, diffs *[]string) {
	path += want.Tag
	if got.Tag != want.Tag || got.NamespaceURI() != want.NamespaceURI() {
		*diffs = append(*diffs, fmt.Sprintf("%s: element {%s}%s, want {%s}%s", path, got.NamespaceURI(), got.Tag, want.NamespaceURI(), want.Tag))
		return
	}
	gc, wc := collapseRuns(got.ChildElements()), collapseRuns(want.ChildElements())
	if len(gc) == 0 || len(wc) == 0 {
		// A sample's text where the answer has elements is a different shape; a sample's
		// nil or empty element (a null, an empty collection) says nothing of its content.
		if len(wc) == 0 && len(gc) > 0 && strings.TrimSpace(want.Text()) != "" {
			*diffs = append(*diffs, fmt.Sprintf("%s: has child elements, the sample has text", path))
		}
		return // an empty collection, a null, or a text value
	}
	if names(gc) != names(wc) {
		*diffs = append(*diffs, fmt.Sprintf("%s: children %s, want %s", path, names(gc), names(wc)))
		return
	}
	for i := range wc {
		compareElements(gc[i], wc[i], path+"/", diffs)
	}
}

// collapseRuns keeps the first of each run of elements with the same name and namespace.
func collapseRuns(es []*etree.Element) []*etree.Element {
	var out []*etree.Element
	for _, e := range es {
		if n := len(out); n > 0 && out[n-1].Tag == e.Tag && out[n-1].NamespaceURI() == e.NamespaceURI() {
			continue
		}
		out = append(out, e)
	}
	return out
}

func names(es []*etree.Element) string {
	var parts []string
	for _, e := range es {
		parts = append(parts, "{"+e.NamespaceURI()+"}"+e.Tag)
	}
	return strings.Join(parts, " ")
}

// jsonNode is a JSON value with its object members in document order.
type jsonNode struct {
	kind   string // object, array, string, number, bool, null
	keys   []string
	fields map[string]*jsonNode
	items  []*jsonNode
}

func readJSON(dec *json.Decoder) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			n := &jsonNode{kind: "object", fields: map[string]*jsonNode{}}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				child, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
				n.fields[k.(string)] = child
			}
			_, err := dec.Token()
			return n, err
		case '[':
			n := &jsonNode{kind: "array"}
			for dec.More() {
				child, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, child)
			}
			_, err := dec.Token()
			return n, err
		}
	case string:
		return &jsonNode{kind: "string"}, nil
	case json.Number, float64:
		return &jsonNode{kind: "number"}, nil
	case bool:
		return &jsonNode{kind: "bool"}, nil
	case nil:
		return &jsonNode{kind: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// jsonShapeDiff compares the structure of two JSON bodies: object members by name and in
// order, value kinds (a null matches anything, so does an empty array), array items by the
// first item.
func jsonShapeDiff(got, want string) []string {
	parse := func(s string) (*jsonNode, error) {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		return readJSON(dec)
	}
	g, err := parse(got)
	if err != nil {
		return []string{fmt.Sprintf("body is not JSON: %v", err)}
	}
	w, err := parse(want)
	if err != nil {
		return []string{fmt.Sprintf("sample is not JSON: %v", err)}
	}
	var diffs []string
	compareJSON(g, w, "$", &diffs)
	return diffs
}

func compareJSON(got, want *jsonNode, path string, diffs *[]string) {
	if got.kind == "null" || want.kind == "null" {
		return
	}
	if got.kind != want.kind {
		*diffs = append(*diffs, fmt.Sprintf("%s: %s, want %s", path, got.kind, want.kind))
		return
	}
	switch got.kind {
	case "object":
		if !slices.Equal(got.keys, want.keys) {
			*diffs = append(*diffs, fmt.Sprintf("%s: members %v, want %v", path, got.keys, want.keys))
			return
		}
		for _, k := range want.keys {
			compareJSON(got.fields[k], want.fields[k], path+"."+k, diffs)
		}
	case "array":
		if len(got.items) > 0 && len(want.items) > 0 {
			compareJSON(got.items[0], want.items[0], path+"[0]", diffs)
		}
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
