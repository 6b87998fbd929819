package mock

import (
	"bytes"
	"strings"
	"unicode/utf16"

	"github.com/helpmock/helpmock/internal/spec"
)

// requestCharset returns the body of a request in UTF-8 and the charset it was converted
// from ("" when it was UTF-8 already), as Web API's formatters read it: JSON by the
// Content-Type's charset, else by its byte order mark (a UTF-8 one is skipped); XML by the
// Content-Type's charset only (a UTF-16 body sent without charset=utf-16 fails to bind, as
// it does in Web API). Form bodies are read as they are.
func requestCharset(body []byte, contentType, mediaType string) ([]byte, string) {
	_, params, _ := strings.Cut(contentType, ";")
	declared := ""
	for p := range strings.SplitSeq(params, ";") {
		if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			declared = strings.ToLower(strings.Trim(strings.TrimSpace(v), `"`))
		}
	}
	utf16Declared := declared == "utf-16" || declared == "unicode" || declared == "utf-16le"
	switch {
	case spec.IsJSON(mediaType) && (utf16Declared || hasUTF16BOM(body)):
		return decodeUTF16(body), "utf-16"
	case spec.IsJSON(mediaType):
		return bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF}), ""
	case spec.IsXML(mediaType) && utf16Declared:
		return decodeUTF16(body), declared
	}
	return body, ""
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
}

// decodeUTF16 converts UTF-16 to UTF-8: big-endian after a FE FF byte order mark,
// little-endian otherwise (.NET's "utf-16"); a trailing odd byte is dropped.
func decodeUTF16(b []byte) []byte {
	bigEndian := false
	switch {
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		b = b[2:]
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		b, bigEndian = b[2:], true
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
	}
	return []byte(string(utf16.Decode(units)))
}
