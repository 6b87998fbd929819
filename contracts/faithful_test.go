package contracts_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/negotiate"
	"github.com/helpmock/helpmock/internal/spec"
)

// faithful is a tiny in-test implementation of the spec that answers as ASP.NET Web API 2
// does (ASPNET.md) with the Help Page samples: the docs examples as bodies (a named request
// example gets the response example of the same name), HttpError for
// the framework's errors. The drift servers rewrite its answers.
func faithful(tb testing.TB, s *spec.Spec) http.Handler {
	tb.Helper()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept, ct := r.Header.Get("Accept"), r.Header.Get("Content-Type")
		mt := negotiate.ResponseMediaType(accept, ct)
		o, _, err := s.Match(r.Method, r.URL.Path)
		var mna *spec.MethodNotAllowedError
		switch {
		case errors.As(err, &mna):
			w.Header().Set("Allow", strings.Join(mna.Allow, ", "))
			writeError(w, mt, http.StatusMethodNotAllowed, "The requested resource does not support http method '"+r.Method+"'.")
			return
		case err != nil:
			writeError(w, mt, http.StatusNotFound, "No HTTP resource was found that matches the request URI '"+r.URL.String()+"'.")
			return
		}
		body, _ := io.ReadAll(r.Body)
		reqType := spec.MediaType(ct)
		t := o.Request[reqType]
		switch {
		case len(body) == 0:
			writeError(w, mt, http.StatusBadRequest, "The request is invalid.", "model", "The request body is required.")
			return
		case t == nil:
			writeError(w, mt, http.StatusUnsupportedMediaType, "The request entity's media type '"+reqType+"' is not supported for this resource.")
			return
		case spec.IsJSON(reqType):
			var v any
			if json.Unmarshal(body, &v) != nil || v == nil {
				writeError(w, mt, http.StatusBadRequest, "The request is invalid.", "model", "An error has occurred.")
				return
			}
		case spec.IsXML(reqType):
			var root struct{ XMLName xml.Name }
			if xml.Unmarshal(body, &root) != nil || root.XMLName.Space != t.Namespace || root.XMLName.Local != t.Name {
				writeError(w, mt, http.StatusBadRequest, "The request is invalid.", "model", "An error has occurred.")
				return
			}
		}
		status := o.SuccessStatus()
		example := o.ResponseExamples[mt][spec.DocsExample]
		if name := requestExampleName(o, reqType, body); name != "" {
			// A named request example gets the response example of the same name.
			status, example = pairedResponse(o, name, mt)
		}
		var out []byte
		if spec.IsJSON(mt) {
			out = jsonNet(o.Response(status, mt), example)
		} else {
			out = []byte(example.(string))
		}
		w.Header().Set("Content-Type", mt+"; charset=utf-8")
		w.WriteHeader(status)
		w.Write(out)
	})
}

// requestExampleName returns the name of the named request example (not docs) whose
// members the request body carries, or "".
func requestExampleName(o *spec.Operation, reqType string, body []byte) string {
	got := map[string]string{}
	switch {
	case spec.IsJSON(reqType):
		var v map[string]any
		json.Unmarshal(body, &v)
		for k, e := range v {
			if e != nil {
				got[k] = fmt.Sprint(e)
			}
		}
	case spec.IsXML(reqType):
		doc := etree.NewDocument()
		if doc.ReadFromBytes(body) != nil || doc.Root() == nil {
			return ""
		}
		for _, e := range doc.Root().ChildElements() {
			got[e.Tag] = e.Text()
		}
	case reqType == spec.FormURLEncoded:
		form, _ := url.ParseQuery(string(body))
		for k := range form {
			got[k] = form.Get(k)
		}
	}
	examples := o.RequestExamples[spec.ApplicationJSON]
	for _, name := range slices.Sorted(maps.Keys(examples)) {
		ex, ok := examples[name].(map[string]any)
		if name == spec.DocsExample || !ok {
			continue
		}
		match := true
		for k, e := range ex {
			want := ""
			if e != nil {
				want = fmt.Sprint(e)
			}
			if got[k] != want {
				match = false
			}
		}
		if match {
			return name
		}
	}
	return ""
}

// pairedResponse returns the status and the mt example of the response example name.
func pairedResponse(o *spec.Operation, name, mt string) (int, any) {
	for _, status := range o.Statuses {
		if r := o.Op.Responses.Status(status); r != nil && r.Value != nil && r.Value.Content[mt] != nil {
			if ex := r.Value.Content[mt].Examples[name]; ex != nil && ex.Value != nil {
				return status, ex.Value.Value
			}
		}
	}
	return o.SuccessStatus(), o.ResponseExamples[mt][spec.DocsExample]
}

// writeError answers an HttpError; modelState holds ModelState's keys and messages in
// pairs.
func writeError(w http.ResponseWriter, mt string, status int, message string, modelState ...string) {
	w.Header().Set("Content-Type", mt+"; charset=utf-8")
	w.WriteHeader(status)
	if spec.IsXML(mt) {
		text := func(s string) string {
			var b bytes.Buffer
			xml.EscapeText(&b, []byte(s))
			return b.String()
		}
		out := "<Error><Message>" + text(message) + "</Message>"
		if len(modelState) > 0 {
			out += "<ModelState>"
			for i := 0; i+1 < len(modelState); i += 2 {
				out += "<" + modelState[i] + ">" + text(modelState[i+1]) + "</" + modelState[i] + ">"
			}
			out += "</ModelState>"
		}
		io.WriteString(w, out+"</Error>")
		return
	}
	e := map[string]any{"Message": message}
	if len(modelState) > 0 {
		ms := map[string][]string{}
		for i := 0; i+1 < len(modelState); i += 2 {
			ms[modelState[i]] = append(ms[modelState[i]], modelState[i+1])
		}
		e["ModelState"] = ms
	}
	data, _ := json.Marshal(e)
	w.Write(data)
}

// jsonNet writes v with object members in the layout's (Json.NET's) order.
func jsonNet(t *model.Type, v any) []byte {
	var b bytes.Buffer
	var write func(t *model.Type, v any)
	write = func(t *model.Type, v any) {
		obj, ok := v.(map[string]any)
		if !ok || t == nil || t.Kind != model.Object {
			data, _ := json.Marshal(v)
			b.Write(data)
			return
		}
		b.WriteByte('{')
		for i, m := range t.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(m.Name)
			b.Write(key)
			b.WriteByte(':')
			write(m.Type, obj[m.Name])
		}
		b.WriteByte('}')
	}
	write(t, v)
	return b.Bytes()
}

// drift is a server that proxies to a faithful handler and rewrites its answer.
type rewrite func(r *http.Request, status int, header http.Header, body []byte) (int, []byte)

func drifting(next http.Handler, rw rewrite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		header := rec.Header().Clone()
		status, body := rw(r, rec.Code, header, rec.Body.Bytes())
		for k, vs := range header {
			w.Header()[k] = vs
		}
		w.WriteHeader(status)
		w.Write(body)
	})
}

// isXMLAnswer reports whether the recorded answer is XML.
func isXMLAnswer(h http.Header) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return spec.IsXML(mt)
}

func isJSONAnswer(h http.Header) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return spec.IsJSON(mt)
}
