package helppage

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// ErrEncoding is the cause of a DocumentError for a document whose bytes cannot be read
// as text in the encoding it states: a UTF-8 byte order mark before bytes that are not
// UTF-8, or an encoding browsers refuse to read (ISO-2022-KR, HZ-GB-2312).
var ErrEncoding = errors.New("the page's encoding cannot be read")

// legacyCharset is what a text document in no Unicode encoding is read as: Windows-1252,
// which a Western-European Windows writes as "ANSI" (Notepad's default before Windows 10
// 1903) and which browsers and the WHATWG Encoding standard read ISO-8859-1 as.
const legacyCharset = "windows-1252"

// decoded is a document's text in UTF-8, and how its encoding was found.
type decoded struct {
	text string
	// charset is the WHATWG name of the encoding read ("utf-8", "windows-1252",
	// "utf-16le"...).
	charset string
	// by says what stated the encoding: "byte order mark", "Content-Type", "<meta>",
	// or "" when nothing did.
	by string
	// assumed is set when the document stated no encoding, or a wrong one, and its bytes
	// were read as Windows-1252; line is then the line of its first byte that is not
	// UTF-8.
	assumed bool
	line    int
}

// warning is what the import says of the document's encoding: a warning when its text
// was read in an encoding it did not state, nil otherwise.
func (d decoded) warning(source string) *Warning {
	if !d.assumed {
		return nil
	}
	msg := `not UTF-8; read as Windows-1252 (Notepad's "ANSI")`
	if d.by != "" {
		msg = fmt.Sprintf("not UTF-8 though its %s says so; read as Windows-1252", d.by)
	}
	return &Warning{Source: source, Line: d.line, Message: msg}
}

// byteOrderMarks are the byte order marks a browser honours before anything else.
var byteOrderMarks = []struct {
	bom     string
	charset string
}{
	{"\xEF\xBB\xBF", "utf-8"},
	{"\xFE\xFF", "utf-16be"},
	{"\xFF\xFE", "utf-16le"},
}

// decodeDocument returns the document's text in UTF-8, decoded as a browser decodes a
// page (the WHATWG Encoding standard and HTML's "determining the character encoding"):
// a byte order mark first; then the charset the HTTP Content-Type names (a crawled
// page); then, for an HTML page, its <meta charset> or <meta http-equiv="Content-Type">
// within its first 1024 bytes. A document that states nothing is UTF-8 when its bytes
// are UTF-8, else Windows-1252; so is a document that states UTF-8 but holds bytes that
// are not (Notepad saves "ANSI" without touching the <meta>). Unknown labels are ignored,
// as browsers do. The text never holds invalid UTF-8.
func decodeDocument(d Document) (decoded, error) {
	data := d.Data
	for _, b := range byteOrderMarks {
		if bytes.HasPrefix(data, []byte(b.bom)) {
			return decodeAs(d.Name, data[len(b.bom):], b.charset, "byte order mark")
		}
	}
	if _, params, err := mime.ParseMediaType(d.ContentType); err == nil && params["charset"] != "" {
		if _, name := charset.Lookup(params["charset"]); name != "" {
			return decodeAs(d.Name, data, name, "Content-Type")
		}
	}
	if mt := mediaType(d.ContentType); mt == "text/html" || mt == "application/xhtml+xml" || isHTML(d.Name, string(data[:min(len(data), 1024)])) {
		if name := metaCharset(data); name != "" {
			return decodeAs(d.Name, data, name, "<meta>")
		}
	}
	return decodeAs(d.Name, data, "utf-8", "")
}

// metaCharset returns the WHATWG name of the encoding an HTML page's <meta> states in
// its first 1024 bytes, "" when none does.
func metaCharset(data []byte) string {
	e, name, _ := charset.DetermineEncoding(data, "")
	// With no byte order mark and no Content-Type, DetermineEncoding returns what the
	// <meta> prescan found or, when it found nothing, one of its two guesses from the
	// bytes themselves, which are these two values (a <meta> gives an encoding wrapped by
	// charset.Lookup).
	if e == encoding.Nop || e == charmap.Windows1252 {
		return ""
	}
	return name
}

// decodeAs decodes data in the encoding named (a WHATWG name) that by stated ("" for
// none). UTF-8 that is not is read as Windows-1252, unless a byte order mark stated it.
func decodeAs(source string, data []byte, name, by string) (decoded, error) {
	if name == "utf-8" {
		if utf8.Valid(data) {
			return decoded{text: string(data), charset: name, by: by}, nil
		}
		line := 1 + bytes.Count(data[:invalidUTF8(data)], []byte("\n"))
		if by == "byte order mark" {
			return decoded{}, &DocumentError{Source: source, Line: line, Err: ErrEncoding,
				Detail: "bytes that are not UTF-8 after a UTF-8 byte order mark; save the page again as UTF-8"}
		}
		d, err := decodeAs(source, data, legacyCharset, "")
		d.by, d.assumed, d.line = by, true, line
		return d, err
	}
	e, _ := charset.Lookup(name)
	if e == nil || name == "replacement" {
		// "replacement": the labels of encodings browsers refuse to read (ISO-2022-KR,
		// HZ-GB-2312...), whose text would be a single U+FFFD.
		return decoded{}, &DocumentError{Source: source, Err: ErrEncoding,
			Detail: fmt.Sprintf("its %s names an encoding browsers do not read; save the page again as UTF-8", by)}
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return decoded{}, &DocumentError{Source: source, Err: ErrEncoding, Detail: fmt.Sprintf("read as %s: %v", name, err)}
	}
	if !utf8.Valid(out) {
		// The decoders of x/text write UTF-8; this guards openapi.yaml all the same.
		return decoded{}, &DocumentError{Source: source, Err: ErrEncoding, Detail: "read as " + name + ", it still is not UTF-8"}
	}
	return decoded{text: string(out), charset: name, by: by}, nil
}

// invalidUTF8 returns the offset of data's first byte that is not UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// mediaType returns a Content-Type's media type in lower case, "" when there is none.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(contentType))
	}
	return mt
}
