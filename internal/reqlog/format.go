package reqlog

import (
	"strconv"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// The constant parts of a line: the level and message slog writes for the request log's
// record (level INFO, message "request") and the attribute keys, in its order. Neither
// the message nor a key needs quoting or escaping.
const (
	textHead = "level=INFO msg=request method="
	jsonHead = `"level":"INFO","msg":"request","method":"`
)

// appendText appends e's line as slog.TextHandler writes the request log's record
// (see TextHandler.Handle and commonHandler.handle in log/slog).
func appendText(b []byte, e *Entry) []byte {
	if !e.Time.IsZero() { // slog omits the time of a record whose Time is zero
		b = append(b, "time="...)
		b = appendRFC3339Millis(b, e.Time)
		b = append(b, ' ')
	}
	b = append(b, textHead...)
	b = appendTextString(b, e.Method)
	b = append(b, " uri="...)
	b = appendTextString(b, e.URI)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, " latency="...)
	// Value.append does the same; Duration.String is inlined and its string stays on
	// the stack, so this does not allocate.
	b = append(b, e.Latency.String()...)
	b = appendTextAttr(b, " op=", e.Operation)
	b = appendTextAttr(b, " scenario=", e.Scenario)
	b = appendTextAttr(b, " media_type=", e.MediaType)
	b = appendTextAttr(b, " error=", e.Error)
	return append(b, '\n')
}

// appendTextAttr appends sepKey (" key=") and v unless v is "", which
// the request log leaves out.
func appendTextAttr(b []byte, sepKey, v string) []byte {
	if v == "" {
		return b
	}
	return appendTextString(append(b, sepKey...), v)
}

// appendTextString appends s as slog's text handler does (handleState.appendString):
// quoted as strconv.AppendQuote quotes it when needsQuoting says so, as is otherwise.
func appendTextString(b []byte, s string) []byte {
	if !needsQuoting(s) {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strconv.AppendQuote(b, s)
		}
	}
	return appendQuotedASCII(b, s)
}

// needsQuoting mirrors log/slog's needsQuoting: the empty string, and a string with a
// space, '=', '"', an ASCII control character (but not DEL), invalid UTF-8 or
// U+FFFD, a Unicode space or a non-printing rune is quoted. A backslash alone is not.
// slog tests an ASCII byte with `b != '\\' && (b == ' ' || b == '=' || !safeSet[b])`;
// textQuoteSet holds that test's answer for each byte, one lookup instead of four.
func needsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if textQuoteSet[b] {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// safeSet mirrors the table of the same name in log/slog (copied there from
// encoding/json/tables.go): true for the ASCII bytes a JSON string holds unescaped,
// that is all but the control characters 0-31, '"' and '\\' (DEL, 127, is safe).
var safeSet = func() (set [utf8.RuneSelf]bool) {
	for b := range set {
		set[b] = b >= ' ' && b != '"' && b != '\\'
	}
	return set
}()

// textQuoteSet is true for the ASCII bytes that make slog's text handler quote a
// string (see needsQuoting).
var textQuoteSet = func() (set [utf8.RuneSelf]bool) {
	for b := range set {
		set[b] = b != '\\' && (b == ' ' || b == '=' || !safeSet[b])
	}
	return set
}()

// appendQuotedASCII appends s, all ASCII, quoted exactly as strconv.AppendQuote quotes
// it, without its rune-by-rune decoding and IsPrint lookups (a URI with a query is
// quoted on every request): '"' and '\\' are backslashed, printable bytes
// (' ' to '~') are as they are, \a \b \f \n \r \t \v are escaped as such, and the other
// control characters and DEL as \xNN.
func appendQuotedASCII(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ' ' <= c && c <= '~' && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\a':
			b = append(b, `\a`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '\v':
			b = append(b, `\v`...)
		default:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xF])
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendRFC3339Millis appends t as log/slog's appendRFC3339Millis does, the text
// handler's time format: RFC 3339 in t's location with exactly three fractional digits,
// truncated. The date, clock and zone change once a second while a line is written
// thousands of times a second, so they are formatted once per second (lastSecond) and
// only the milliseconds per line.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	sec, loc := t.Unix(), t.Location()
	c := lastSecond.Load()
	if c == nil || c.sec != sec || c.loc != loc {
		c = newSecondText(t)
		lastSecond.Store(c)
	}
	if !c.ok {
		return slogRFC3339Millis(b, t)
	}
	b = append(b, c.clock...)
	ms := t.Nanosecond() / 1e6
	b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, c.zone...)
}

// secondText is one second of appendRFC3339Millis's output: what comes before the
// fraction and what comes after it, for the times of second sec in loc.
type secondText struct {
	sec         int64
	loc         *time.Location
	ok          bool // false for years outside [1,9999], left to slogRFC3339Millis
	clock, zone string
}

// lastSecond is the second the last line was written in; lines of other seconds and
// locations replace it.
var lastSecond atomic.Pointer[secondText]

func newSecondText(t time.Time) *secondText {
	c := &secondText{sec: t.Unix(), loc: t.Location()}
	if y := t.Year(); y < 1 || y > 9999 {
		return c // slog's truncation works from year 1: leave the rest to it
	}
	// The second's first instant, formatted as slog formats it, split around the ".000".
	const clockLen = len("2006-01-02T15:04:05")
	whole := string(slogRFC3339Millis(nil, t.Add(-time.Duration(t.Nanosecond()))))
	c.ok, c.clock, c.zone = true, whole[:clockLen], whole[clockLen+len(".000"):]
	return c
}

// slogRFC3339Millis is log/slog's appendRFC3339Millis, copied: years outside [0,9999]
// come out as slog writes them, which drops the wrong digit.
func slogRFC3339Millis(b []byte, t time.Time) []byte {
	// Format according to time.RFC3339Nano since it is highly optimized,
	// but truncate it to use millisecond resolution.
	// Unfortunately, that format trims trailing 0s, so add 1/10 millisecond
	// to guarantee that there are exactly 4 digits after the period.
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the 4th digit
	return b
}

// appendJSON appends e's line as slog.JSONHandler writes the request log's record
// (see JSONHandler.Handle and appendJSONValue in log/slog): strings escaped, the status
// a number, the latency in integer nanoseconds as json.Marshal writes a Duration.
func appendJSON(b []byte, e *Entry) []byte {
	b = append(b, '{')
	if !e.Time.IsZero() { // slog omits the time of a record whose Time is zero
		b = append(b, `"time":`...)
		b = appendJSONTime(b, e.Time)
		b = append(b, ',')
	}
	b = append(b, jsonHead...)
	b = appendEscapedJSONString(b, e.Method)
	b = append(b, `","uri":"`...)
	b = appendEscapedJSONString(b, e.URI)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, `,"latency":`...)
	b = strconv.AppendInt(b, int64(e.Latency), 10)
	b = appendJSONAttr(b, `,"op":"`, e.Operation)
	b = appendJSONAttr(b, `,"scenario":"`, e.Scenario)
	b = appendJSONAttr(b, `,"media_type":"`, e.MediaType)
	b = appendJSONAttr(b, `,"error":"`, e.Error)
	return append(b, '}', '\n')
}

// appendJSONAttr appends sepKey (`,"key":"`), v escaped and the closing quote unless v
// is "", which the request log leaves out.
func appendJSONAttr(b []byte, sepKey, v string) []byte {
	if v == "" {
		return b
	}
	b = appendEscapedJSONString(append(b, sepKey...), v)
	return append(b, '"')
}

// jsonYearError is what slog's appendJSONTime writes, through handleState.appendError,
// before a time whose year is outside [0,9999]; the line is then not valid JSON.
const jsonYearError = `"!ERROR:time.Time year outside of range [0,9999]"`

// appendJSONTime mirrors log/slog's appendJSONTime: the time quoted in time.RFC3339Nano,
// preceded by jsonYearError when its year is outside [0,9999]. It tests the year the
// way time's appendStrictRFC3339 does, on the formatted bytes (the year is exactly four
// digits wide, then '-'), rather than computing t.Year() a second time.
func appendJSONTime(b []byte, t time.Time) []byte {
	n := len(b)
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	if b[n+len(`"9999`)] != '-' {
		// Rare: make room at n and put the error there.
		b = append(b, jsonYearError...)
		copy(b[n+len(jsonYearError):], b[n:len(b)-len(jsonYearError)])
		copy(b[n:], jsonYearError)
	}
	return append(b, '"')
}

// appendEscapedJSONString mirrors log/slog's appendEscapedJSONString (modified there
// from encoding/json's encodeState.string with escapeHTML false): it appends s escaped
// for a JSON string, without the quotes. '<', '>' and '&' stay as they are; control
// characters, '"' and '\\' are escaped, invalid UTF-8 becomes \ufffd, and U+2028 and
// U+2029 are escaped.
func appendEscapedJSONString(buf []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if safeSet[b] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\')
			switch b {
			case '\\', '"':
				buf = append(buf, b)
			case '\n':
				buf = append(buf, 'n')
			case '\r':
				buf = append(buf, 'r')
			case '\t':
				buf = append(buf, 't')
			default:
				// This encodes bytes < 0x20 except for \t, \n and \r.
				buf = append(buf, 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are valid in JSON
		// strings but not in JavaScript (JSONP); slog escapes them unconditionally.
		if c == '\u2028' || c == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\u202`...)
			buf = append(buf, hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(buf, s[start:]...)
}

const hex = "0123456789abcdef"
