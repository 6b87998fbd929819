package redact

import "testing"

// FuzzBody: any body, in any media type, is rewritten without a panic, and a body with
// no secret member comes back unchanged.
func FuzzBody(f *testing.F) {
	for _, s := range []string{`{"password":"x"}`, `<a><password>x</password></a>`, `password=x&a=b`,
		`{"tokens":[1,{"a":"b"}]`, `<a b='password'><![CDATA[`, `["\`, `<!--`, `<a password=`} {
		f.Add([]byte(s), "application/json")
	}
	none := New(nil)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		rules.Body(body, contentType)
		if got, _ := none.Body(body, contentType); string(got) != string(body) {
			t.Fatalf("Body with no secret members changed %q to %q", body, got)
		}
		Members(body, contentType, func(string, string, bool) (string, bool) { return "", false })
	})
}
