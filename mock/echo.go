package mock

import (
	"maps"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// echoMember is a member of a generated answer that takes the value of a path parameter
// of the same name: GET /api/orders/5 answers an Order whose Id is 5, so that a frontend
// going from a list to a detail page sees the id it asked for. The answer stays
// deterministic: the same request gets the same body.
type echoMember struct {
	param  string // the path parameter's name in the route
	member string // the member's JSON name
}

// echoMembers returns the members of op's generated answer that echo a path parameter:
// a member of the root class whose name equals the parameter's, ignoring case, of a
// scalar kind.
func echoMembers(op *operation) []echoMember {
	gen := op.scenario(ScenarioGenerated)
	if gen == nil || gen.fixture != nil {
		return nil
	}
	var out []echoMember
	for _, p := range op.Op.Parameters {
		if p.Value == nil || p.Value.In != "path" {
			continue
		}
		for _, layout := range op.Responses[gen.status] {
			if layout.Kind != model.Object {
				continue
			}
			m := layout.MemberFold(p.Value.Name)
			if m == nil || (m.Type.Kind != model.Int && m.Type.Kind != model.String) {
				continue
			}
			out = append(out, echoMember{param: p.Value.Name, member: m.Name})
			break
		}
	}
	return out
}

// echoed returns the generated scenario sc with the path parameters params in the members
// that echo them, where the value is valid for the member's schema in every media type
// (a non-number for an int member keeps the generated value); sc itself when none
// changes. The copy is not in the render cache: render runs the renderer for it.
func (op *operation) echoed(sc *scenario, params map[string]string) *scenario {
	var out *scenario
	for _, e := range op.echo {
		raw, ok := params[e.param]
		if !ok {
			continue
		}
		values := map[string]any{}
		for mt, v := range sc.docs {
			obj, ok := v.(map[string]any)
			layout := op.Response(sc.status, mt)
			if !ok || layout == nil {
				continue
			}
			m := layout.Member(e.member)
			if m == nil {
				continue
			}
			value, ok := echoValue(m.Type, raw)
			if !ok || obj[e.member] == value {
				continue
			}
			values[mt] = value
		}
		if len(values) == 0 {
			continue
		}
		if out == nil {
			out = &scenario{name: sc.name, status: sc.status, docs: maps.Clone(sc.docs)}
		}
		for mt, value := range values {
			obj := maps.Clone(out.docs[mt].(map[string]any))
			obj[e.member] = value
			out.docs[mt] = obj
		}
	}
	if out == nil {
		return sc
	}
	return out
}

// echoValue converts a path parameter's text to a value of t that t's schema accepts.
func echoValue(t *model.Type, raw string) (any, bool) {
	var v any = raw
	if t.Kind == model.Int {
		n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil {
			return nil, false
		}
		v = n
	}
	if t.Schema != nil && t.Schema.VisitJSON(v) != nil {
		return nil, false
	}
	return v, true
}
