package mock

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
)

// The render cache: the output of the renderer (encodeAnswer, render.go) for each
// scenario and media type, kept when the mock is built so that render need not run the
// renderer per request. An answer without templates is kept as its bytes. A fixture's
// answer is kept as a body template: the literal bytes around its templates ({{token}},
// {{now}}, ...) and, for each template, how the renderer writes its text there. Answering
// then costs rendering the templates' texts and a few copies, instead of building the
// value tree and walking it with the encoder (a third of a request's CPU time).
//
// The template is found by rendering the body with a mark in place of each template's
// text and locating the marks in the output. A mark is a valid Json.NET DateTimeOffset
// unique to its template, 1111-11-11T11:11:11.nnnnnnn+00:00, so that it passes both
// through a string member (written as it is) and through a DateTimeOffset member in XML
// (written as DateTime and OffsetMinutes elements). A body whose marks do not all land
// in one of those places (a template in a number member, say) is not cached, and neither
// is one whose template, rendered with fixtures.SampleEnv, does not give exactly the
// bytes the renderer gives: render then runs the renderer on each request.

// slotKind is how a template's text is written at its place in the body.
type slotKind uint8

const (
	// slotJSONString writes a Json.NET string literal, quotes included.
	slotJSONString slotKind = iota
	// slotXMLText writes XML element text.
	slotXMLText
	// slotXMLDateTimeOffset writes a DateTimeOffset member's DateTime text, the bytes
	// between it and OffsetMinutes's text, and OffsetMinutes's text.
	slotXMLDateTimeOffset
)

// bodyPart is literal bytes followed by one template's text, if any.
type bodyPart struct {
	lit  []byte
	slot int // the template's number; -1 after the last literal
	kind slotKind
	mid  []byte // slotXMLDateTimeOffset: "</d2p1:DateTime><d2p1:OffsetMinutes>"
}

// bodyTemplate is a cached answer: its bytes with slots for its templates; see above.
type bodyTemplate struct {
	parts []bodyPart
	size  int // the literal bytes' length, the capacity an answer starts from
}

// prerender fills the render cache of op's scenarios: each answer that does not vary
// with the request, or varies only in its templates' texts, compiled once per encoding.
// What cannot be compiled is left to encodeAnswer; nothing here fails a fixture
// (validateFixture does that).
func (op *operation) prerender() {
	for _, sc := range op.scenarios {
		if op.noContent(sc) {
			continue
		}
		if sc.fixture != nil && (sc.fixture.Fault != "" || !sc.fixture.HasBody()) {
			continue
		}
		done := map[encoding]*bodyTemplate{}
		for _, mt := range op.formats.writable {
			enc, err := op.encodingOf(sc, mt)
			if err != nil {
				continue // no layout for the media type: the request fails in render
			}
			// The docs scenario's value depends on the media type itself (each has its
			// documented example), so only fixtures share a compiled body.
			bt, seen := done[enc]
			switch {
			case sc.fixture == nil:
				bt = op.staticBody(sc, mt)
			case !seen:
				bt = op.compileBody(sc, mt, enc.xml)
				done[enc] = bt
			}
			if bt == nil {
				continue
			}
			if sc.bodies == nil {
				sc.bodies = map[string]*bodyTemplate{}
			}
			sc.bodies[mt] = bt
		}
	}
}

// staticBody is the answer of the docs scenario in mediaType, which has no templates.
func (op *operation) staticBody(sc *scenario, mediaType string) *bodyTemplate {
	out, err := op.encodeAnswer(sc, mediaType, fixtures.Env{})
	if err != nil {
		return nil
	}
	return &bodyTemplate{parts: []bodyPart{{lit: out, slot: -1}}, size: len(out)}
}

// templateMark is the mark of template n: a Json.NET DateTimeOffset no fixture writes.
func templateMark(n int) string {
	ticks := strconv.Itoa(n + 1)
	return "1111-11-11T11:11:11." + "0000000"[len(ticks):] + ticks + "+00:00"
}

// compileBody compiles the answer of sc, a fixture's scenario, as encode writes it in
// mediaType, or returns nil when it cannot.
func (op *operation) compileBody(sc *scenario, mediaType string, xml bool) *bodyTemplate {
	f := sc.fixture
	templates := 0
	marked := f.RenderMarked(func(n int) string {
		templates = n + 1
		return templateMark(n)
	})
	if templates > 9999999 {
		return nil
	}
	out, err := op.encode(sc, mediaType, marked)
	if err != nil {
		return nil
	}
	var places []slotPlace
	for n := range templates {
		p, ok := findSlot(out, n, xml)
		if !ok {
			return nil
		}
		if p.end > p.start {
			places = append(places, p)
		}
	}
	slices.SortFunc(places, func(a, b slotPlace) int { return a.start - b.start })
	bt := &bodyTemplate{}
	at := 0
	for _, p := range places {
		p.part.lit = out[at:p.start]
		bt.parts = append(bt.parts, p.part)
		at = p.end
	}
	out = out[at:]
	bt.parts = append(bt.parts, bodyPart{lit: out, slot: -1})
	for _, p := range bt.parts {
		bt.size += len(p.lit) + len(p.mid)
	}
	if !op.matches(bt, sc, mediaType) {
		return nil
	}
	return bt
}

// slotPlace is where template n's mark is in an encoded body.
type slotPlace struct {
	start, end int
	part       bodyPart
}

// findSlot finds template n's mark in out: once in a place it can fill, or nowhere (a
// member the media type's layout leaves out). ok is false for anything else.
func findSlot(out []byte, n int, xml bool) (p slotPlace, ok bool) {
	mark := []byte(templateMark(n))
	dateTime, _, err := dcxml.AppendDateTimeOffset(nil, string(mark))
	if err != nil {
		return p, false
	}
	switch bytes.Count(out, mark) + bytes.Count(out, dateTime) {
	case 0:
		return slotPlace{}, true
	case 1:
	default:
		return p, false
	}
	p.part.slot = n
	if i := bytes.Index(out, mark); i >= 0 {
		end := i + len(mark)
		switch {
		case !xml && i > 0 && out[i-1] == '"' && end < len(out) && out[end] == '"':
			p.start, p.end, p.part.kind = i-1, end+1, slotJSONString
		case xml && i > 0 && out[i-1] == '>' && end < len(out) && out[end] == '<':
			p.start, p.end, p.part.kind = i, end, slotXMLText
		default:
			return p, false
		}
		return p, true
	}
	// A DateTimeOffset member: <DateTime>text</DateTime><OffsetMinutes>0</OffsetMinutes>,
	// the elements' names prefixed as the encoder declared them.
	i := bytes.Index(out, dateTime)
	rest := out[i+len(dateTime):]
	const offsetStart = "OffsetMinutes>"
	j := bytes.Index(rest, []byte(offsetStart))
	if !xml || j < 0 || !bytes.HasPrefix(rest[j+len(offsetStart):], []byte("0<")) {
		return p, false
	}
	mid := rest[:j+len(offsetStart)]
	p.start, p.end = i, i+len(dateTime)+len(mid)+1
	p.part.kind, p.part.mid = slotXMLDateTimeOffset, mid
	return p, true
}

// matches reports whether bt, compiled from sc's answer in mediaType, renders what
// encodeAnswer does, both from fixtures.SampleEnv.
func (op *operation) matches(bt *bodyTemplate, sc *scenario, mediaType string) bool {
	want, err := op.encodeAnswer(sc, mediaType, fixtures.SampleEnv())
	if err != nil {
		return false
	}
	got, err := bt.render(nil, sc.fixture, fixtures.SampleEnv())
	return err == nil && bytes.Equal(got, want)
}

// render appends the answer for env to dst; an answer without templates is returned as
// it is, not appended (callers never change it).
func (bt *bodyTemplate) render(dst []byte, f *fixtures.Fixture, env fixtures.Env) ([]byte, error) {
	if len(bt.parts) == 1 {
		return bt.parts[0].lit, nil // no templates: the bytes are never changed by callers
	}
	var endsArray [16]int
	buf, ends, err := f.AppendTemplates(env, make([]byte, 0, 256), endsArray[:0])
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", f.File, err)
	}
	texts := string(buf) // one conversion for every template's text
	out := slices.Grow(dst, bt.size+2*len(texts))
	for _, p := range bt.parts {
		out = append(out, p.lit...)
		if p.slot < 0 {
			continue
		}
		start := 0
		if p.slot > 0 {
			start = ends[p.slot-1]
		}
		text := texts[start:ends[p.slot]]
		switch p.kind {
		case slotJSONString:
			out = jsonnet.AppendString(out, text)
		case slotXMLText:
			out = dcxml.AppendText(out, text)
		case slotXMLDateTimeOffset:
			var offset int
			out, offset, err = dcxml.AppendDateTimeOffset(out, text)
			if err != nil {
				return nil, fmt.Errorf("render %s: %w", f.File, err)
			}
			out = append(out, p.mid...)
			out = strconv.AppendInt(out, int64(offset), 10)
		}
	}
	return out, nil
}
