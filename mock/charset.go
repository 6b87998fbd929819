package mock

import (
	"log/slog"
	"unicode/utf16"
	"unicode/utf8"
)

// encodeCharset re-encodes a UTF-8 payload for the negotiated charset. Web API's
// formatters write UTF-16 (little-endian, with its byte order mark, as the reference server
// does) when the request or Accept-Charset asks for it.
func encodeCharset(payload []byte, charset string) []byte {
	if charset != "utf-16" {
		return payload
	}
	out := make([]byte, 0, 2+len(payload)*2)
	out = append(out, 0xFF, 0xFE)
	for len(payload) > 0 {
		r, size := utf8.DecodeRune(payload)
		payload = payload[size:]
		for _, u := range utf16.Encode([]rune{r}) {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func errAttr(err error) slog.Attr { return slog.String(keyError, err.Error()) }
