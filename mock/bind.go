package mock

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// readable lists the media types Web API's default formatters read.
var readable = map[string]bool{
	spec.ApplicationJSON: true, spec.TextJSON: true,
	spec.ApplicationXML: true, spec.TextXML: true,
	spec.FormURLEncoded: true,
}

// bind reads the request body as Web API's model binding would and returns the bound model
// in JSON form (nil for an operation without a body). In strict mode it also rejects what
// Web API would silently ignore or lose.
// scratch, an empty map, may hold the bound model: the caller reuses it (handle pools
// them), so the returned map must not outlive the request.
func (s *Server) bind(op *operation, contentType string, body []byte, scratch map[string]any) (map[string]any, error) {
	if op.Request == nil {
		return nil, nil
	}
	if len(body) == 0 {
		// Web API: an empty body is "required" whatever its Content-Type, never a 415.
		if op.BodyRequired {
			return nil, bodyRequired()
		}
		return nil, nil
	}
	mediaType := spec.MediaType(contentType)
	layout := op.Request[mediaType]
	if layout == nil || !readable[mediaType] {
		if strings.TrimSpace(contentType) == "" {
			return nil, unsupportedMediaType("")
		}
		return nil, unsupportedMediaType(mediaType)
	}
	body, charset := requestCharset(body, contentType, mediaType)
	switch {
	case spec.IsJSON(mediaType):
		return s.bindJSON(op, layout, body, scratch)
	case spec.IsXML(mediaType):
		return s.bindXML(op, layout, body, charset)
	default:
		return s.bindForm(op, layout, body)
	}
}

func (s *Server) bindJSON(op *operation, layout *model.Type, body []byte, scratch map[string]any) (map[string]any, error) {
	if value := scratch; jsonnet.BindPlain(layout, body, value) {
		// The plainest body: what Read and Bind would bind, with nothing to complain of.
		if !s.opts.Lenient {
			var e modelErrors
			s.validateSchema(&e, op, layout, value)
			if e.err != nil {
				return nil, e.err
			}
		}
		return value, nil
	}
	raw, leniencies, err := jsonnet.Read(body, s.opts.MaxJSONDepth)
	if err != nil {
		var se *jsonnet.SyntaxError
		e := invalidRequest()
		key := "model"
		if errors.As(err, &se) && se.Path != "" {
			key = "model." + se.Path
		}
		e.add(key, s.explain(msgAnError, err.Error()))
		return nil, e
	}
	if raw == nil {
		return nil, bodyRequired()
	}
	res := jsonnet.Bind(layout, raw)
	if len(res.Errors) > 0 {
		e := invalidRequest()
		for _, me := range res.Errors {
			e.add(me.Key, s.explain(msgAnError, me.Detail))
		}
		return nil, e
	}
	if s.opts.Lenient {
		return res.Value, nil
	}
	var e modelErrors
	for _, l := range leniencies {
		e.add("model", fmt.Sprintf("The body is not valid JSON (RFC 8259): it contains %s, which Json.NET tolerates but other clients and servers do not.", l))
	}
	for _, p := range res.Problems {
		e.add("model", p+".")
	}
	s.validateSchema(&e, op, layout, res.NormalizedBody)
	if e.err != nil {
		return nil, e.err
	}
	return res.Value, nil
}

// bindXML binds an XML body; charset names what it was converted to UTF-8 from, if anything.
func (s *Server) bindXML(op *operation, layout *model.Type, body []byte, charset string) (map[string]any, error) {
	v, problems, err := dcxml.Decode(layout, body, dcxml.DecodeOptions{MaxDepth: s.opts.MaxXMLDepth,
		MaxElements: s.opts.MaxXMLElements, TranscodedFrom: charset})
	if err != nil {
		e := invalidRequest()
		e.add("model", s.explain(msgAnError, xmlErrorDetail(err)))
		return nil, e
	}
	if v == nil {
		return nil, bodyRequired()
	}
	// A collection, dictionary or primitive body is bound and checked, but only a class's
	// members are offered to fixture templates.
	value, _ := v.(map[string]any)
	if layout.Kind != model.Object {
		value = nil
	}
	if s.opts.Lenient {
		return value, nil
	}
	var e modelErrors
	for _, p := range problems {
		e.add("model", p.Message)
	}
	if e.err == nil {
		s.validateSchema(&e, op, layout, v)
	}
	if e.err != nil {
		return nil, e.err
	}
	return value, nil
}

// xmlErrorDetail says where and why DataContractSerializer would refuse the body.
func xmlErrorDetail(err error) string {
	var be *dcxml.BindError
	if !errors.As(err, &be) {
		return err.Error()
	}
	where := ""
	if be.Line > 0 {
		where = fmt.Sprintf(" (line %d, column %d)", be.Line, be.Column)
	}
	if be.Path != "" {
		where += " at " + be.Path
	}
	return "DataContractSerializer cannot read the XML body" + where + ": " + be.Message + "."
}

// bindForm binds an application/x-www-form-urlencoded body: member names match
// case-insensitively, as Web API's FormDataCollection binding does.
func (s *Server) bindForm(op *operation, layout *model.Type, body []byte) (map[string]any, error) {
	form, err := url.ParseQuery(string(bytes.TrimSpace(body)))
	if err != nil {
		e := invalidRequest()
		e.add("model", s.explain(msgAnError, "the form body is malformed: "+err.Error()))
		return nil, e
	}
	value := make(map[string]any, len(layout.Members))
	for _, m := range layout.Members {
		value[m.Name] = nil
	}
	var e modelErrors
	for _, name := range sortedFormKeys(form) {
		values := form[name]
		m := layout.MemberFold(name)
		if m == nil {
			msg := fmt.Sprintf("`%s` is not a member of %s", name, layout.Name)
			if sug := layout.Suggest(name); sug != "" {
				msg += fmt.Sprintf("; did you mean `%s`?", sug)
			}
			e.add("model", msg+"; Web API would silently ignore it.")
			continue
		}
		if len(values) > 1 {
			e.add("model."+m.Name, fmt.Sprintf("`%s` is sent %d times; Web API would keep only one value.", m.Name, len(values)))
		}
		v, convErr := formValue(m.Type, values[len(values)-1])
		if convErr != "" {
			bad := invalidRequest()
			bad.add("model."+m.Name, s.explain(msgAnError, convErr))
			return nil, bad
		}
		value[m.Name] = v
	}
	if s.opts.Lenient {
		return value, nil
	}
	if e.err == nil {
		s.validateSchema(&e, op, layout, value)
	}
	if e.err != nil {
		return nil, e.err
	}
	return value, nil
}
