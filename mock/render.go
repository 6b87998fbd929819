package mock

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
)

// render returns the status and body of sc's answer in mediaType. A compiled answer is
// appended to dst; others come in buffers of their own.
func (s *Server) render(op *operation, sc *scenario, request map[string]any, mediaType string, dst []byte) (int, []byte, error) {
	if sc.status < 400 && !hasContent(op.Operation, sc.status) {
		return sc.status, nil, nil
	}
	if bt := sc.bodies[mediaType]; bt != nil {
		out, err := bt.render(dst, sc.fixture, s.env(request))
		if err != nil {
			return 0, nil, fmt.Errorf("operation %s scenario %s: %w", op.ID, sc.name, err)
		}
		return sc.status, out, nil
	}
	var value any
	if sc.fixture == nil {
		v, ok := sc.docsValue(mediaType)
		if !ok {
			return 0, nil, fmt.Errorf("operation %s: no documented example for %s", op.ID, mediaType)
		}
		value = v
	} else {
		v, err := sc.fixture.Render(s.env(request))
		if err != nil {
			return 0, nil, fmt.Errorf("render %s: %w", sc.fixture.File, err)
		}
		value = v
	}
	if sc.status >= 400 && !sc.ownBody(op, mediaType) {
		he := httpErrorFromValue(sc.status, value)
		if op.formats.isXML(mediaType) {
			return sc.status, he.appendXML(nil), nil
		}
		return sc.status, he.appendJSON(nil, op.naming), nil
	}
	layout := op.Response(sc.status, mediaType)
	if layout == nil {
		return 0, nil, fmt.Errorf("operation %s: status %d has no %s schema", op.ID, sc.status, mediaType)
	}
	if op.formats.isXML(mediaType) {
		out, err := dcxml.Encode(layout, value)
		if err != nil {
			return 0, nil, fmt.Errorf("operation %s scenario %s: %w", op.ID, sc.name, err)
		}
		return sc.status, out, nil
	}
	return sc.status, jsonnet.Append(nil, layout, value), nil
}

func (s *Server) env(request map[string]any) fixtures.Env {
	return fixtures.Env{Now: s.opts.Now(), Rand: s.opts.Rand, TokenTTL: s.opts.TokenTTL, Request: request}
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
