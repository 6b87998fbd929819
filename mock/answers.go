package mock

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// normalizeMediaTypes returns o with its media types in lower case (a Help Page may list
// text/Xml; media types are case-insensitive, RFC 9110 §8.3.1), or o itself when they
// already are: the mock looks them up by the lower-case names that spec.MediaType and
// negotiation give.
func normalizeMediaTypes(o *spec.Operation) *spec.Operation {
	lower := true
	check := func(mt string) {
		if mt != strings.ToLower(mt) {
			lower = false
		}
	}
	for _, mt := range o.RequestMediaTypes {
		check(mt)
	}
	for _, byType := range o.Responses {
		for mt := range byType {
			check(mt)
		}
	}
	for mt := range o.ResponseExamples {
		check(mt)
	}
	if lower {
		return o
	}
	n := *o
	n.Request = lowerKeys(o.Request)
	n.RequestExamples = lowerKeys(o.RequestExamples)
	n.ResponseExamples = lowerKeys(o.ResponseExamples)
	n.RequestMediaTypes = nil
	for _, mt := range o.RequestMediaTypes {
		if mt = strings.ToLower(mt); !slices.Contains(n.RequestMediaTypes, mt) {
			n.RequestMediaTypes = append(n.RequestMediaTypes, mt)
		}
	}
	n.Responses = make(map[int]map[string]*model.Type, len(o.Responses))
	for status, byType := range o.Responses {
		n.Responses[status] = lowerKeys(byType)
	}
	return &n
}

// lowerKeys returns m with its keys in lower case; of two keys that differ only in case,
// the one sorting first wins.
func lowerKeys[V any](m map[string]V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if _, seen := out[strings.ToLower(k)]; !seen {
			out[strings.ToLower(k)] = m[k]
		}
	}
	return out
}

// checkAnswers encodes the docs and generated scenarios' answers of an operation without
// fixtures in every media type it writes, so that no request finds one that cannot be
// written: a documented example that the media type's layout cannot write or its schema
// refuses (a text/html sample, which the spec does not check) is replaced by the
// generated value. A generated value that fails its own schema is logged: the mock still
// answers it.
func (op *operation) checkAnswers(log *slog.Logger) {
	status := op.SuccessStatus()
	if !hasContent(op.Operation, status) {
		return
	}
	gen := op.scenario(ScenarioGenerated)
	if gen == nil || gen.fixture != nil {
		return // an operation with fixtures: its docs scenario answers as it always has
	}
	for _, sc := range op.scenarios {
		if sc.fixture != nil || sc.status != status {
			continue
		}
		for _, mt := range op.formats.writable {
			layout := op.Response(status, mt)
			if layout == nil {
				continue
			}
			v, ok := sc.docsValue(mt)
			err := fmt.Errorf("no value")
			if ok {
				err = op.checkValue(layout, mt, v)
			}
			if err == nil {
				continue
			}
			if sc == gen {
				log.Warn("the generated answer does not pass its own schema", "op", op.ID, "example", sc.name,
					"media_type", mt, "error", firstLine(err))
				continue
			}
			if _, documented := sc.docs[mt]; documented {
				log.Warn("the documented example cannot be written in this media type; the docs scenario answers the generated value",
					"op", op.ID, "media_type", mt, "error", firstLine(err))
			}
			sc.docs[mt] = gen.docs[mt]
		}
	}
}

// checkValue reports whether v, a JSON-form value, can be written with layout in
// mediaType and passes its schema.
func (op *operation) checkValue(layout *model.Type, mediaType string, v any) error {
	if op.formats.isXML(mediaType) {
		_, err := dcxml.Encode(layout, v)
		return err
	}
	jsonnet.Append(nil, layout, v)
	if bad := conform.Value(layout, v); len(bad) > 0 {
		return errors.New(bad[0].String())
	}
	return nil
}

// warnUndocumentedBody logs, once per operation, a success response that documents no
// body the mock can answer with: a status other than 204 without content (an
// IHttpActionResult or HttpResponseMessage action, "Sample not available." in every media
// type), or content without an example (answered with generated values). The message
// names the overlay key that supplies one.
func (op *operation) warnUndocumentedBody(log *slog.Logger, hasFixtures bool) {
	status := op.SuccessStatus()
	if hasFixtures || status == http.StatusNoContent {
		return
	}
	key := fmt.Sprintf("paths.%s.%s.responses.%q.content", op.Path, strings.ToLower(op.Method), strconv.Itoa(status))
	switch {
	case !hasContent(op.Operation, status):
		log.Warn("the response documents no body; the mock answers its status with an empty body",
			"op", op.ID, "status", status, "overlay_key", key)
	case len(op.ResponseExamples) == 0 || !anyDocsExample(op.Operation):
		log.Warn("the response documents no sample; the mock answers values generated from its schema",
			"op", op.ID, "status", status, "overlay_key", key+".<media type>.example")
	}
}

// anyDocsExample reports whether o documents a docs example in some media type.
func anyDocsExample(o *spec.Operation) bool {
	for _, ex := range o.ResponseExamples {
		if _, ok := ex[spec.DocsExample]; ok {
			return true
		}
	}
	return false
}

// firstLine is err's message up to its first line break (kin-openapi's errors go on to
// print the schema and the value).
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
