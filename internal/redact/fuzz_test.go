package redact

import "testing"

// FuzzBody: any body, in any media type, is rewritten without a panic, and a rewrite that
// replaces nothing gives the body back unchanged.
func FuzzBody(f *testing.F) {
	for _, s := range []string{`{"password":"x"}`, `<a><password>x</password></a>`, `password=x&a=b`,
		`{"tokens":[1,{"a":"b"}]`, `<a b='password'><![CDATA[`, `["\`, `<!--`, `<a password=`} {
		f.Add([]byte(s), "application/json")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		rules.Body(body, contentType)
		never := func(string, string, bool) (string, bool) { return "", false }
		if got := Members(body, contentType, never); string(got) != string(body) {
			t.Fatalf("Members replacing nothing changed %q to %q", body, got)
		}
	})
}
