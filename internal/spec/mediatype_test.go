package spec

import (
	"math/rand/v2"
	"mime"
	"strings"
	"testing"
)

// slowMediaType is MediaType without its fast path: mime.ParseMediaType, lower-cased.
func slowMediaType(contentType string) string {
	if strings.TrimSpace(contentType) == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}

// TestMediaTypeFastPath checks that MediaType reads every value as mime.ParseMediaType
// does: documented cases, then random values over an alphabet of the characters that
// matter to the grammar.
func TestMediaTypeFastPath(t *testing.T) {
	values := []string{
		"application/json", "Application/JSON", " text/xml ", "application/json; charset=utf-8",
		"application", "application/", "/json", "application/json/x", "application/js on",
		"application/json;", "text/\"xml\"", "text/x@ml", "a/b", "application/vnd.api+json",
		"\tapplication/xml\t", "application/x-www-form-urlencoded", "é/json", "text/plain\x7f",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aB/ ;=\"\t@,x\x7f\xc3\xa9-+.*"
	for range 200000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		values = append(values, string(b))
	}
	for _, v := range values {
		if got, want := MediaType(v), slowMediaType(v); got != want {
			t.Fatalf("MediaType(%q) = %q, mime.ParseMediaType reads %q", v, got, want)
		}
	}
}
