package dcxml

import (
	"testing"
	"unicode/utf8"
)

// TestAppendText checks AppendText on every string of one and two bytes and a few longer
// ones, against the rules written out one by one: &, < and > as entities, tab as it is,
// line breaks as newLine, other control characters as upper-case character references,
// invalid UTF-8 as U+FFFD, U+FFFE and U+FFFF as references, everything else as it is.
func TestAppendText(t *testing.T) {
	want := func(s string) string {
		var out []byte
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '&':
				out = append(out, "&amp;"...)
			case r == '<':
				out = append(out, "&lt;"...)
			case r == '>':
				out = append(out, "&gt;"...)
			case r == '\t':
				out = append(out, '\t')
			case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
				out = append(out, newLine...)
				n = 2
			case r == '\r' || r == '\n':
				out = append(out, newLine...)
			case r < 0x20:
				out = appendCharRef(out, r)
			case r == utf8.RuneError && n == 1:
				out = utf8.AppendRune(out, utf8.RuneError)
			case r == 0xFFFE || r == 0xFFFF:
				out = appendCharRef(out, r)
			default:
				out = append(out, s[i:i+n]...)
			}
			i += n
		}
		return string(out)
	}
	var inputs []string
	for a := range 256 {
		inputs = append(inputs, string([]byte{byte(a)}))
		for b := range 256 {
			inputs = append(inputs, string([]byte{byte(a), byte(b)}))
		}
	}
	inputs = append(inputs, "Token generated for state <a&b>", "l1\r\nl2\rl3\n", "é µ € 😀", "\uFFFE\uFFFF\xff", "")
	for _, s := range inputs {
		if got := string(AppendText([]byte("x"), s)); got != "x"+want(s) {
			t.Fatalf("AppendText(%q) = %q, want %q", s, got, "x"+want(s))
		}
	}
}
