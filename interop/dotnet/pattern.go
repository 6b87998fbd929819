package dotnet

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// matching returns a short string the regular expression pattern matches (a route
// parameter's ^[0-9]{13}$ gives 0000000000000), and whether it found one.
func matching(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	write(&b, re.Simplify())
	v := b.String()
	ok, err := regexp.MatchString(pattern, v)
	return v, ok && err == nil
}

// write appends to b the shortest text re matches, taking the first branch and the
// first character of each class.
func write(b *strings.Builder, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) > 0 {
			b.WriteRune(re.Rune[0])
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture:
		write(b, re.Sub[0])
	case syntax.OpPlus:
		write(b, re.Sub[0])
	case syntax.OpRepeat:
		for range re.Min {
			write(b, re.Sub[0])
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			write(b, sub)
		}
	case syntax.OpAlternate:
		write(b, re.Sub[0])
	}
}
