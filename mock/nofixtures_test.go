package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
)

// noFixtureSpecs are the specs TestServesAnySpecWithoutFixtures serves with no fixtures:
// the embedded one, the importer's goldens (what real Help Pages import to) and the
// shapes of testdata/nofixtures.
func noFixtureSpecs(tb testing.TB) []string {
	tb.Helper()
	paths := []string{"../openapi.yaml"}
	for _, glob := range []string{"../internal/helppage/testdata/*.golden.yaml", "testdata/nofixtures/*.yaml"} {
		more, err := filepath.Glob(glob)
		if err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, more...)
	}
	if len(paths) < 3 {
		tb.Fatalf("found only %v", paths)
	}
	return paths
}

var (
	matrixContentTypes = []string{"", spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML,
		spec.FormURLEncoded, "text/plain", "application/json; charset=utf-16"}
	matrixAccepts = []string{"", "*/*", spec.ApplicationJSON, spec.TextJSON, spec.ApplicationXML, spec.TextXML,
		"text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "image/png",
		"application/xml;q=0", "TEXT/XML"}
	matrixMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch}
)

// TestServesAnySpecWithoutFixtures is a property test: for every spec of noFixtureSpecs,
// a mock with no fixtures answers every operation × Content-Type × Accept × body (none,
// garbage, valid), wrong methods and unknown routes, and each scenario it lists, without
// a 5xx; every body parses in its Content-Type, and every success body conforms to the
// operation's schema and layout in that media type (conform.Response).
func TestServesAnySpecWithoutFixtures(t *testing.T) {
	for _, path := range noFixtureSpecs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			sp, err := spec.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			srv, err := New(Options{Spec: bridge.Public(sp), Admin: true})
			if err != nil {
				t.Fatalf("New(%s, no fixtures) = %v", path, err)
			}
			snap := srv.current()
			m := matrix{t: t, srv: srv}
			for _, o := range sp.Operations {
				op := snap.ops[o.ID]
				target := fillPath(o)
				item := sp.Doc.Paths.Value(o.Path)
				for _, method := range matrixMethods {
					if method != o.Method && item.GetOperation(method) == nil {
						m.send(op, method, target, spec.ApplicationJSON, "", "{}", "")
						break
					}
				}
				for _, ct := range matrixContentTypes {
					bodies := []string{"", "{<garbage\x00"}
					if valid, ok := validBody(op, spec.MediaType(ct)); ok {
						bodies = append(bodies, valid)
					}
					for _, body := range bodies {
						for _, accept := range matrixAccepts {
							m.send(op, o.Method, target, ct, accept, body, "")
						}
					}
				}
				ct, body := "", ""
				if len(op.RequestMediaTypes) > 0 {
					ct = op.RequestMediaTypes[0]
					body, _ = validBody(op, ct)
				}
				for _, name := range op.scenarioNames() {
					for _, accept := range matrixAccepts {
						m.send(op, o.Method, target, ct, accept, body, "example="+name)
					}
				}
			}
			m.send(nil, http.MethodGet, "/helpmock-no-such/route", "", spec.ApplicationXML, "", "")
			m.send(nil, http.MethodPost, "/", spec.ApplicationJSON, "", "{}", "")
			t.Logf("%d requests", m.sent)
			if m.sent < 20 {
				t.Fatalf("sent %d requests, want more", m.sent)
			}
		})
	}
}

type matrix struct {
	t      *testing.T
	srv    *Server
	sent   int
	failed int
}

func (m *matrix) send(op *operation, method, target, ct, accept, body, prefer string) {
	m.t.Helper()
	m.sent++
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if prefer != "" {
		req.Header.Set("Prefer", prefer)
	}
	rec := httptest.NewRecorder()
	m.srv.ServeHTTP(rec, req)
	if err := m.check(op, method, rec); err != nil && m.failed < 20 {
		m.failed++
		m.t.Errorf("%s %s (Content-Type %q, Accept %q, Prefer %q, body %q) = %d %s %q: %v",
			method, target, ct, accept, prefer, body, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), err)
	}
}

// check judges one answer; op is nil for an unknown route.
func (m *matrix) check(op *operation, method string, rec *httptest.ResponseRecorder) error {
	if rec.Code >= 500 {
		return errors.New("a 5xx that no scenario asked for")
	}
	body := rec.Body.Bytes()
	ct := rec.Header().Get("Content-Type")
	if len(body) == 0 {
		return nil
	}
	mt := spec.MediaType(ct)
	f := m.srv.current().errorFormats
	if op != nil && rec.Code < 400 {
		f = op.formats
	}
	if mt == "" || !slices.Contains(f.writable, mt) {
		return fmt.Errorf("Content-Type %q is not one the spec lists (%v)", ct, f.writable)
	}
	if strings.Contains(ct, "utf-16") {
		return nil // the charset tests check UTF-16 bodies
	}
	if f.isXML(mt) {
		if err := wellFormed(body); err != nil {
			return fmt.Errorf("the body is not XML: %w", err)
		}
	} else if !json.Valid(body) {
		return errors.New("the body is not JSON")
	}
	if op == nil || rec.Code >= 300 || method != op.Method {
		return nil
	}
	layout := op.Response(rec.Code, mt)
	if layout == nil {
		return fmt.Errorf("status %d has no %s layout", rec.Code, mt)
	}
	bad := conform.Response(context.Background(), &conform.ResponseInput{Doc: m.srv.opts.Spec.Document(), Operation: op.Operation,
		Status: rec.Code, ContentType: ct, Body: body})
	if len(bad) > 0 {
		return fmt.Errorf("%d violations, the first: %v", len(bad), bad[0])
	}
	return nil
}

// wellFormed reports whether body is one well-formed XML element.
func wellFormed(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if roots != 1 || depth != 0 {
				return fmt.Errorf("%d root elements", roots)
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

// fillPath returns o's path with each path parameter set to a value valid for its schema.
func fillPath(o *spec.Operation) string {
	path := o.Path
	for _, p := range o.Op.Parameters {
		if p.Value == nil || p.Value.In != "path" {
			continue
		}
		value := "abc"
		if s := p.Value.Schema; s != nil && s.Value != nil {
			switch {
			case s.Value.Format == "uuid":
				value = uuidFrom(7)
			case s.Value.Type.Is(openapi3.TypeInteger), s.Value.Type.Is(openapi3.TypeNumber):
				value = "7"
			case s.Value.Type.Is(openapi3.TypeBoolean):
				value = "true"
			}
		}
		path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", value)
	}
	return path
}

// validBody returns a request body of op valid in mediaType: its documented example, or a
// value generated from its layout.
func validBody(op *operation, mediaType string) (string, bool) {
	layout := op.Request[mediaType]
	if layout == nil {
		return "", false
	}
	if ex, ok := op.RequestExamples[mediaType][spec.DocsExample]; ok {
		if s, ok := ex.(string); ok {
			return s, true
		}
		if spec.IsJSON(mediaType) {
			return string(jsonnet.AppendValue(nil, ex)), true
		}
	}
	v := newGenerator(op.ID).value(layout, "", "", 0, nil)
	switch {
	case spec.IsJSON(mediaType):
		return string(jsonnet.Append(nil, layout, v)), true
	case spec.IsXML(mediaType):
		out, err := dcxml.Encode(layout, v)
		return string(out), err == nil
	}
	return "", false
}

// FuzzHandlerWithoutFixtures sends arbitrary requests to a mock of shapes.yaml with no
// fixtures: never a 5xx, and a body parses as the formatter of its Content-Type writes it.
func FuzzHandlerWithoutFixtures(f *testing.F) {
	f.Add("GET", "/api/things/6e0a4ea3-e69f-4b9e-a4f5-3ab6f062fbf6", "", "text/xml", "", []byte(nil))
	f.Add("POST", "/api/browser", "text/Xml", "text/html", "example=docs", []byte(`<Label xmlns="http://schemas.datacontract.org/2004/07/Shapes"><Name>x</Name></Label>`))
	f.Add("POST", "/api/ok", "application/json", "application/xml", "", []byte(`{"Name":"x"}`))
	f.Add("GET", "/api/binary", "", "application/octet-stream", "code=200", []byte(nil))
	f.Add("PUT", "/api/things/x", "application/xml", "*/*", "example=generated", []byte(`<Label/>`))
	sp, err := spec.LoadFile("testdata/nofixtures/shapes.yaml")
	if err != nil {
		f.Fatal(err)
	}
	srv, err := New(Options{Spec: bridge.Public(sp)})
	if err != nil {
		f.Fatal(err)
	}
	m := &matrix{srv: srv}
	f.Fuzz(func(t *testing.T, method, target, contentType, accept, prefer string, body []byte) {
		if !strings.HasPrefix(target, "/") {
			return
		}
		req, err := http.NewRequest(method, "http://mock.test"+target, bytes.NewReader(body))
		if err != nil || req.URL.Path == "" {
			return
		}
		for name, value := range map[string]string{"Content-Type": contentType, "Accept": accept, "Prefer": prefer} {
			if value != "" {
				if strings.ContainsAny(value, "\r\n\x00") {
					return
				}
				req.Header.Set(name, value)
			}
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		var op *operation
		if o, _, err := sp.Match(req.Method, req.URL.Path); err == nil {
			op = srv.current().ops[o.ID]
		}
		if err := m.check(op, "", rec); err != nil {
			t.Fatalf("%s %q (Content-Type %q, Accept %q, Prefer %q, body %q) = %d %q: %v",
				method, target, contentType, accept, prefer, body, rec.Code, rec.Body.String(), err)
		}
	})
}
