package mock

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// fromPattern returns a string that matches pattern (an OpenAPI pattern: ECMA-262, here
// read by Go's RE2 syntax, as kin-openapi reads it) and has minLen to maxLen runes (-1: no
// limit), or false when it finds none. It writes one string of the pattern's shape for a
// few repetition counts of its unbounded quantifiers and keeps the first that the pattern
// itself accepts, so an answer is always checked; lookarounds and backreferences, which
// RE2 cannot parse, give false.
func fromPattern(pattern string, minLen, maxLen int, h uint64) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	check, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	for _, reps := range []int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128} {
		p := patternWriter{reps: reps, h: h}
		if !p.write(re) {
			continue
		}
		s := p.b.String()
		n := utf8.RuneCountInString(s)
		if n < minLen || (maxLen >= 0 && n > maxLen) {
			continue
		}
		if check.MatchString(s) {
			return s, true
		}
	}
	return "", false
}

// patternWriter writes one string of a parsed pattern's shape.
type patternWriter struct {
	b    strings.Builder
	reps int    // how many times an unbounded quantifier repeats (x* one fewer)
	h    uint64 // varies the characters picked from classes
}

// maxPatternLength bounds a generated string.
const maxPatternLength = 4096

// preferred are the characters picked from a class, in order of preference.
const preferred = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_."

func (p *patternWriter) write(re *syntax.Regexp) bool {
	if p.b.Len() > maxPatternLength {
		return false
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			p.b.WriteRune(r)
		}
		return true
	case syntax.OpCharClass:
		r, ok := p.fromClass(re.Rune)
		if ok {
			p.b.WriteRune(r)
		}
		return ok
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		p.b.WriteByte(preferred[p.next()%26])
		return true
	case syntax.OpCapture:
		return p.write(re.Sub[0])
	case syntax.OpStar:
		return p.repeat(re.Sub[0], p.reps-1)
	case syntax.OpPlus:
		return p.repeat(re.Sub[0], p.reps)
	case syntax.OpQuest:
		return true
	case syntax.OpRepeat:
		n := max(re.Min, p.reps)
		if re.Max >= 0 {
			n = min(n, re.Max)
		}
		return p.repeat(re.Sub[0], n)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !p.write(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return p.write(re.Sub[0])
	}
	return false
}

func (p *patternWriter) repeat(re *syntax.Regexp, n int) bool {
	for range n {
		if !p.write(re) {
			return false
		}
	}
	return true
}

// next returns the next pseudo-random number of the writer's sequence.
func (p *patternWriter) next() uint64 {
	p.h = p.h*6364136223846793005 + 1442695040888963407
	return p.h >> 33
}

// fromClass picks a character of a class (pairs of inclusive ranges): one of its letters,
// digits or simple punctuation when it has some, else its first printable character.
func (p *patternWriter) fromClass(ranges []rune) (rune, bool) {
	in := func(r rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if r >= ranges[i] && r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	var inClass [len(preferred)]rune
	n := 0
	for _, r := range preferred {
		if in(r) {
			inClass[n] = r
			n++
		}
	}
	if n > 0 {
		return inClass[p.next()%uint64(n)], true
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := max(ranges[i], 0x21); r <= ranges[i+1] && r < 0x10000; r++ {
			if r != 0x7f && (r < 0x80 || r > 0x9f) {
				return r, true
			}
		}
	}
	return 0, false
}
