package dcxml_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/dcxml"
)

// TestRoundTrip checks Decode(Encode(v)) == v for every documented model's values.
func TestRoundTrip(t *testing.T) {
	for _, tc := range interopValues {
		t.Run(tc.model+"/"+tc.name, func(t *testing.T) {
			want := jsonValue(t, tc.value)
			typ := layout(t, tc.model)
			body, err := dcxml.Encode(typ, want)
			if err != nil {
				t.Fatalf("Encode(%s) error: %v", tc.value, err)
			}
			got, problems, err := dcxml.Decode(typ, body, dcxml.DecodeOptions{})
			if err != nil || len(problems) != 0 {
				t.Fatalf("Decode(Encode(%s)) = %v, %v, want no problems", tc.value, problems, err)
			}
			assertMembers(t, tc.model, got, want)
			if vs := dcxml.Check(typ, body); len(vs) != 0 {
				t.Errorf("Check(Encode(%s)) = %v, want none", tc.value, vs)
			}
		})
	}
}

// FuzzDecode: Decode never panics on arbitrary bytes, and whatever it accepts encodes.
func FuzzDecode(f *testing.F) {
	for _, tc := range decodeCases {
		f.Add(tc.model, []byte(tc.body))
	}
	models := map[string]bool{"AccessTokenBindingModel": true, "LoginResult": true, "RequestModelRefreshToken": true, "ResponseModelRefreshToken": true}
	f.Fuzz(func(t *testing.T, model string, body []byte) {
		if !models[model] {
			model = "LoginResult"
		}
		typ := layout(t, model)
		v, _, err := dcxml.Decode(typ, body, dcxml.DecodeOptions{MaxDepth: 64, MaxElements: 1000})
		if err != nil || v == nil {
			return
		}
		if _, err := dcxml.Encode(typ, v); err != nil {
			t.Fatalf("Encode(Decode(%q)) error: %v", body, err)
		}
		_ = dcxml.Check(typ, body)
	})
}

// FuzzRoundTrip: strings of any content survive Encode then Decode, except the line
// breaks XmlWriter normalises and the characters XML cannot carry.
func FuzzRoundTrip(f *testing.F) {
	f.Add("a", "b", "c", "d")
	f.Add("a\"b'c\td<h>i&j]]>k", "é😀\u0085\u2028", "", "  ")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		typ := layout(t, "RequestModelRefreshToken")
		in := map[string]any{"stateCode": a, "AuthString": b, "expiredAccessToken": c, "RefreshToken": d}
		body, err := dcxml.Encode(typ, in)
		if err != nil {
			t.Fatalf("Encode(%q) error: %v", in, err)
		}
		got, problems, err := dcxml.Decode(typ, body, dcxml.DecodeOptions{})
		if !allXMLChars(a + b + c + d) {
			return // character references XML 1.0 forbids: Go's reader refuses them
		}
		if err != nil || len(problems) != 0 {
			t.Fatalf("Decode(Encode(%q)) = %v, %v", in, problems, err)
		}
		for k, v := range in {
			want := strings.ReplaceAll(strings.ReplaceAll(v.(string), "\r\n", "\n"), "\r", "\n")
			want = string([]rune(want)) // each invalid byte is one U+FFFD, as encoding/json has it
			if g := got.(map[string]any)[k]; g != want {
				gj, _ := json.Marshal(g)
				wj, _ := json.Marshal(want)
				t.Errorf("Decode(Encode(%s)) = %s, want %s", k, gj, wj)
			}
		}
	})
}

func allXMLChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return true
}
