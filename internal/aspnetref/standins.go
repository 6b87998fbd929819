package aspnetref

import (
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The values of the reference's answers that differ from one run to the next, and the
// fixed stand-ins of the same form they are recorded as.
var (
	// token is a random token (32 bytes, base64url without padding: 43 characters)
	// between JSON quotes or XML tags.
	token = regexp.MustCompile(`(["'>])[A-Za-z0-9_-]{43}(["'<])`)
	// isoTime is a clock reading in ISO 8601 (DateTime, DateTimeOffset, and the PFMS
	// strings); DateTimeOffset.MinValue and MaxValue are values, not clocks, and stay.
	isoTime = regexp.MustCompile(`\b(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?`)
	// dotnetTime is PFMS's DateOfData, "dd-MM-yyyy HH:mm:ss".
	dotnetTime = regexp.MustCompile(`\b\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}\b`)
	// counter is FormulaCerta's ClienteId, counting up from 1001 in each process (0 in a
	// failure stays).
	counter = regexp.MustCompile(`"ClienteId":[1-9]\d*`)
)

// standIns replaces the run-dependent values of an answer by fixed stand-ins of the same
// form: the n-th token of the answer by recordedToken(n), every clock by 2030-01-02
// 03:04:05 (seven fraction digits where it had any), ClienteId by 1001.
func standIns(s string) string {
	n := 0
	s = token.ReplaceAllStringFunc(s, func(m string) string {
		n++
		return m[:1] + recordedToken(n) + m[len(m)-1:]
	})
	s = isoTime.ReplaceAllStringFunc(s, func(m string) string {
		if year := m[:4]; year == "0001" || year == "9999" {
			return m
		}
		if strings.Contains(m, ".") {
			return "2030-01-02T03:04:05.1234567"
		}
		return "2030-01-02T03:04:05"
	})
	s = dotnetTime.ReplaceAllString(s, "02-01-2030 03:04:05")
	return counter.ReplaceAllString(s, `"ClienteId":1001`)
}

// recordedToken is the n-th stand-in token: 43 URL-safe characters, as the reference's.
func recordedToken(n int) string {
	s := fmt.Sprintf("recorded-token-%d-", n)
	return s + strings.Repeat("x", 43-len(s))
}

// decodeText returns body as text, decoded from UTF-16 when contentType says so, and the
// function that encodes text back the same way (with the byte order mark, if body had
// one). A body in no charset it knows is returned as it is, with an encode that ignores
// its argument.
func decodeText(contentType string, body []byte) (string, func(string) []byte) {
	_, params, _ := mime.ParseMediaType(contentType)
	switch cs := strings.ToLower(params["charset"]); {
	case cs == "utf-16" || cs == "utf-16le":
		bom := len(body) >= 2 && body[0] == 0xFF && body[1] == 0xFE
		b := body
		if bom {
			b = b[2:]
		}
		if len(b)%2 != 0 {
			break
		}
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return string(utf16.Decode(units)), func(s string) []byte {
			var out []byte
			if bom {
				out = append(out, 0xFF, 0xFE)
			}
			for _, u := range utf16.Encode([]rune(s)) {
				out = append(out, byte(u), byte(u>>8))
			}
			return out
		}
	case utf8.Valid(body):
		return string(body), func(s string) []byte { return []byte(s) }
	}
	return string(body), func(string) []byte { return body }
}
