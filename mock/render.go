package mock

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
)

// The render step: a scenario's answer in the negotiated media type. There is one
// renderer, encodeAnswer: the scenario's value (its fixture rendered, or the documented or
// generated example) written as an HttpError, as DataContract XML or as Json.NET JSON.
// rendercache.go keeps its output, compiled once per scenario and media type, and render
// answers from there when it can; the cache is checked against encodeAnswer when it is
// built.

// render returns the status and body of sc's answer in mediaType: the cached answer
// (appended to dst) when there is one, else encodeAnswer's, in a buffer of its own.
func (s *Server) render(op *operation, sc *scenario, request map[string]any, mediaType string, dst []byte) (int, []byte, error) {
	if op.noContent(sc) {
		return sc.status, nil, nil
	}
	if bt := sc.bodies[mediaType]; bt != nil {
		out, err := bt.render(dst, sc.fixture, s.env(request))
		if err != nil {
			return 0, nil, fmt.Errorf("operation %s scenario %s: %w", op.ID, sc.name, err)
		}
		return sc.status, out, nil
	}
	out, err := op.encodeAnswer(sc, mediaType, s.env(request))
	if err != nil {
		return 0, nil, err
	}
	return sc.status, out, nil
}

// answerBuffers hold the buffers that cached answers are written into. A buffer goes
// back when the handler returns: by then the answer is in net/http's own buffer or on the
// wire. An answer that outgrows its buffer leaves it unused, and the larger array is not
// kept, so the pool holds answerBufferSize-byte buffers only.
var answerBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, answerBufferSize)
	return &b
}}

// answerBufferSize fits every embedded fixture's answer.
const answerBufferSize = 2048

// noContent reports whether sc answers without a body: a success status whose response
// documents none (a void action's 204, RFC 9110 §15.3.5).
func (op *operation) noContent(sc *scenario) bool {
	return sc.status < 400 && !hasContent(op.Operation, sc.status)
}

// env is what a fixture's templates are rendered from for a request.
func (s *Server) env(request map[string]any) fixtures.Env {
	return fixtures.Env{Now: s.opts.Now(), Rand: s.opts.Rand, TokenTTL: s.opts.TokenTTL, Request: request}
}

// encodeAnswer is the renderer: sc's value for env, written in mediaType.
func (op *operation) encodeAnswer(sc *scenario, mediaType string, env fixtures.Env) ([]byte, error) {
	v, err := op.answerValue(sc, mediaType, env)
	if err != nil {
		return nil, err
	}
	return op.encode(sc, mediaType, v)
}

// answerValue returns sc's value in JSON form: its fixture rendered for env, or its
// documented (or generated) example for mediaType.
func (op *operation) answerValue(sc *scenario, mediaType string, env fixtures.Env) (any, error) {
	if sc.fixture == nil {
		v, ok := sc.docsValue(mediaType)
		if !ok {
			return nil, fmt.Errorf("operation %s: no documented example for %s", op.ID, mediaType)
		}
		return v, nil
	}
	v, err := sc.fixture.Render(env)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", sc.fixture.File, err)
	}
	return v, nil
}

// encoding is how an answer is written: media types with the same encoding
// (application/json and text/json, usually) write a value to the same bytes.
type encoding struct {
	layout *model.Type // nil for an HttpError body
	xml    bool
}

// encodingOf returns how sc's answer is written in mediaType: an error status as Web
// API's HttpError unless sc documents a body of its own, any other with the response's
// layout. It fails when the response has no layout for mediaType.
func (op *operation) encodingOf(sc *scenario, mediaType string) (encoding, error) {
	xml := op.formats.isXML(mediaType)
	if sc.status >= 400 && !sc.ownBody(op, mediaType) {
		return encoding{xml: xml}, nil
	}
	layout := op.Response(sc.status, mediaType)
	if layout == nil {
		return encoding{}, fmt.Errorf("operation %s: status %d has no %s schema", op.ID, sc.status, mediaType)
	}
	return encoding{layout: layout, xml: xml}, nil
}

// ownBody tells whether an error status of sc is answered with its own documented body
// rather than an HttpError: a paired response example whose schema is not Web API's
// HttpError (<Error> in XML), a business failure such as a 409 with its own model.
func (sc *scenario) ownBody(op *operation, mediaType string) bool {
	layout := op.Response(sc.status, mediaType)
	return sc.paired && layout != nil && layout.Name != "Error"
}

// encode writes v, sc's value in JSON form, as its answer body in mediaType.
func (op *operation) encode(sc *scenario, mediaType string, v any) ([]byte, error) {
	enc, err := op.encodingOf(sc, mediaType)
	if err != nil {
		return nil, err
	}
	switch {
	case enc.layout == nil:
		he := httpErrorFromValue(sc.status, v)
		if enc.xml {
			return he.appendXML(nil), nil
		}
		return he.appendJSON(nil, op.naming), nil
	case enc.xml:
		out, err := dcxml.Encode(enc.layout, v)
		if err != nil {
			return nil, fmt.Errorf("operation %s scenario %s: %w", op.ID, sc.name, err)
		}
		return out, nil
	}
	return jsonnet.Append(nil, enc.layout, v), nil
}

// httpErrorFromValue reads an HttpError fixture body: Message and ModelState.
func httpErrorFromValue(status int, v any) *HTTPError {
	he := &HTTPError{Status: status, Message: msgAnError}
	obj, _ := v.(map[string]any)
	// A camelCase service's HttpError has message and modelState: the value may spell
	// them either way.
	member := func(name string) any {
		if e, ok := obj[name]; ok {
			return e
		}
		for k, e := range obj {
			if strings.EqualFold(k, name) {
				return e
			}
		}
		return nil
	}
	if msg, ok := member("Message").(string); ok {
		he.Message = msg
	}
	if ms, ok := member("ModelState").(map[string]any); ok {
		for _, key := range slices.Sorted(maps.Keys(ms)) {
			switch msgs := ms[key].(type) {
			case []any:
				for _, m := range msgs {
					he.add(key, fmt.Sprint(m))
				}
			default:
				he.add(key, fmt.Sprint(msgs))
			}
		}
	}
	return he
}
