package dcxml

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// newLine is what XmlWriter writes for "\n", "\r" and "\r\n" in text
// (XmlWriterSettings.NewLineHandling.Replace with NewLineChars = Environment.NewLine).
// The reference stack (Mono on Linux) writes "\n"; the same service on Windows would
// write "\r\n", which any XML reader normalises back to "\n".
const newLine = "\n"

// plainText is true for the bytes that AppendText copies as they are: printable ASCII
// but '<', '>' and '&'. One lookup per byte instead of five comparisons.
var plainText = func() (set [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		set[c] = c != '<' && c != '>' && c != '&'
	}
	return set
}()

// AppendText appends s as XmlWriter.WriteString writes element text with
// CheckCharacters = false (Web API 2's XmlMediaTypeFormatter): &, < and > become
// entities, quotes, apostrophes and tabs stay as they are, line breaks follow newLine,
// and characters XML forbids become upper-case hexadecimal character references
// (&#x1;). Invalid UTF-8 is written as U+FFFD, as encoding/json decodes it.
func AppendText(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainText[c] {
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		size := 1
		switch {
		case c == '<':
			dst = append(dst, "&lt;"...)
		case c == '>':
			dst = append(dst, "&gt;"...)
		case c == '&':
			dst = append(dst, "&amp;"...)
		case c == '\t':
			dst = append(dst, '\t')
		case c == '\n':
			dst = append(dst, newLine...)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				size = 2
			}
			dst = append(dst, newLine...)
		case c < 0x20:
			dst = appendCharRef(dst, rune(c))
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			size = n
			switch {
			case r == utf8.RuneError && n == 1:
				dst = utf8.AppendRune(dst, utf8.RuneError)
			case r == 0xFFFE || r == 0xFFFF:
				dst = appendCharRef(dst, r)
			default:
				dst = append(dst, s[i:i+n]...)
			}
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

func appendCharRef(dst []byte, r rune) []byte {
	dst = append(dst, "&#x"...)
	dst = appendUpperHex(dst, uint64(r))
	return append(dst, ';')
}

func appendUpperHex(dst []byte, v uint64) []byte {
	start := len(dst)
	dst = strconv.AppendUint(dst, v, 16)
	for i := start; i < len(dst); i++ {
		if dst[i] >= 'a' && dst[i] <= 'f' {
			dst[i] -= 'a' - 'A'
		}
	}
	return dst
}

// EncodeLocalName is XmlConvert.EncodeLocalName: a character that may not appear in an
// NCName at its position becomes _xHHHH_ (_xHHHHHHHH_ outside the BMP), and an "_x"
// that could be read as such an escape has its underscore escaped (_x005F_).
// HttpError writes ModelState keys through it, so "model.X[0]" is a legal element name.
func EncodeLocalName(name string) string {
	if name == "" {
		return name
	}
	clean := true
	for i, r := range name {
		if !isNameRune(r, i == 0) || r == '_' {
			clean = false
			break
		}
	}
	if clean {
		return name
	}
	b := make([]byte, 0, len(name)+8)
	for i, r := range name {
		switch {
		case r == '_' && isEscapeAt(name, i):
			b = append(b, "_x005F_"...)
		case isNameRune(r, i == 0):
			b = utf8.AppendRune(b, r)
		default:
			b = append(b, "_x"...)
			hex := appendUpperHex(nil, uint64(r))
			width := 4
			if r > 0xFFFF {
				width = 8
			}
			for range width - len(hex) {
				b = append(b, '0')
			}
			b = append(b, hex...)
			b = append(b, '_')
		}
	}
	return string(b)
}

// isEscapeAt reports whether s[i:] starts with an _xHHHH_ or _xHHHHHHHH_ sequence.
func isEscapeAt(s string, i int) bool {
	if i+1 >= len(s) || s[i+1] != 'x' {
		return false
	}
	for _, width := range []int{4, 8} {
		end := i + 2 + width
		if end < len(s) && s[end] == '_' && isHex(s[i+2:end]) {
			return true
		}
	}
	return false
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isNameRune approximates the XML NCName character classes with Unicode categories.
func isNameRune(r rune, first bool) bool {
	if r == '_' || unicode.IsLetter(r) {
		return true
	}
	if first {
		return false
	}
	return r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
		unicode.Is(unicode.Mc, r) || r == 0xB7
}
