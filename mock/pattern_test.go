package mock

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestFromPattern(t *testing.T) {
	tests := []struct {
		name, pattern  string
		minLen, maxLen int
		ok             bool
	}{
		{"fixed", `^[A-Z]{3}-\d{4}$`, 0, -1, true},
		{"plus", `^[a-z]+$`, 0, -1, true},
		{"plus within lengths", `^[a-z]+$`, 10, 12, true},
		{"star within minimum", `^x*$`, 5, -1, true},
		{"optional sign", `^\+?[0-9]{7,12}$`, 0, 13, true},
		{"alternation", `^(EUR|USD|GBP)$`, 0, -1, true},
		{"email-like", `^[\w.+-]+@[\w-]+\.[a-z]{2,}$`, 0, -1, true},
		{"unanchored", `\d`, 0, -1, true},
		{"negated class", `^[^<>]{1,5}$`, 0, -1, true},
		{"any char", `^.{3}$`, 0, -1, true},
		{"case-insensitive", `(?i)^abc$`, 0, -1, true},
		{"lengths it cannot meet", `^\d{4}$`, 6, -1, false},
		{"no match at all", `[^\x00-\x{10FFFF}]`, 0, -1, false},
		{"lookahead, not RE2", `^(?=.*\d).{8,}$`, 0, -1, false},
		{"backreference, not RE2", `^(a)\1$`, 0, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fromPattern(tt.pattern, tt.minLen, tt.maxLen, 12345)
			if ok != tt.ok {
				t.Fatalf("fromPattern(%q, %d, %d) = %q, %v, want ok %v", tt.pattern, tt.minLen, tt.maxLen, got, ok, tt.ok)
			}
			if !ok {
				return
			}
			if !regexp.MustCompile(tt.pattern).MatchString(got) {
				t.Errorf("fromPattern(%q) = %q, which the pattern does not match", tt.pattern, got)
			}
			if n := utf8.RuneCountInString(got); n < tt.minLen || (tt.maxLen >= 0 && n > tt.maxLen) {
				t.Errorf("fromPattern(%q, %d, %d) = %q, %d runes", tt.pattern, tt.minLen, tt.maxLen, got, n)
			}
			again, _ := fromPattern(tt.pattern, tt.minLen, tt.maxLen, 12345)
			if again != got {
				t.Errorf("fromPattern is not deterministic: %q then %q", got, again)
			}
		})
	}
}

func FuzzFromPattern(f *testing.F) {
	for _, p := range []string{`^[A-Z]{3}-\d{4}$`, `a|b*`, `(x{2,3}y?)+`, `[^a]`, `\b\w+\b`} {
		f.Add(p, 0, 10, uint64(1))
	}
	f.Fuzz(func(t *testing.T, pattern string, minLen, maxLen int, h uint64) {
		minLen, maxLen = minLen%64, maxLen%64
		got, ok := fromPattern(pattern, minLen, maxLen, h)
		if !ok {
			return
		}
		if !regexp.MustCompile(pattern).MatchString(got) {
			t.Errorf("fromPattern(%q) = %q, which the pattern does not match", pattern, got)
		}
		if n := utf8.RuneCountInString(got); n < minLen || (maxLen >= 0 && n > maxLen) {
			t.Errorf("fromPattern(%q, %d, %d) = %q, %d runes", pattern, minLen, maxLen, got, n)
		}
	})
}
