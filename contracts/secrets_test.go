package contracts

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

// TestReportSecretsCurl: a curl line names each -header and -set value by its variable,
// wherever the value sits (a short value too, found by its member's name), and sh turns
// the line back into the request sent.
func TestReportSecretsCurl(t *testing.T) {
	data, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := spec.Load("openapi.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s := newReportSecrets(&Options{compiled: sp,
		Header: http.Header{"Authorization": {"Bearer it's-secret"}, "X-Api-Key": {"k3y-value"}},
		Set:    map[string]string{"stateCode": "09", "RefreshToken": "r3fresh'tok"}})
	for _, tc := range []struct {
		name, contentType, body string
		want                    []string // in the curl line
	}{
		{"json", "application/json", `{"stateCode":"09","AuthString":"sample","RefreshToken":"r3fresh'tok"}`,
			[]string{`'{"stateCode":"'"$HELPMOCK_SET_stateCode"'","AuthString":"sample","RefreshToken":"'"$HELPMOCK_SET_RefreshToken"'"}'`}},
		{"xml", "application/xml", `<M><RefreshToken>r3fresh&apos;tok</RefreshToken><stateCode>09</stateCode></M>`,
			[]string{`'<M><RefreshToken>'"$HELPMOCK_SET_RefreshToken"'</RefreshToken><stateCode>'"$HELPMOCK_SET_stateCode"'</stateCode></M>'`}},
		{"form", "application/x-www-form-urlencoded", `stateCode=09&RefreshToken=r3fresh%27tok`,
			[]string{`'stateCode='"$HELPMOCK_SET_stateCode"'&RefreshToken='"$HELPMOCK_SET_RefreshToken"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://h.test/api?x=1", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Authorization", "Bearer it's-secret")
			req.Header.Set("X-Api-Key", "k3y-value")
			req.Header.Set("Cookie", "session=abc")
			line := s.curl(req, []byte(tc.body))
			want := append(tc.want, `-H 'Authorization: '"$HELPMOCK_HEADER_AUTHORIZATION"`,
				`-H 'X-Api-Key: '"$HELPMOCK_HEADER_X_API_KEY"`, `-H 'Cookie: [redacted]'`)
			for _, w := range want {
				if !strings.Contains(line, w) {
					t.Errorf("curl = %s\nwant it to hold %s", line, w)
				}
			}
			for _, secret := range []string{"it's-secret", "k3y-value", "r3fresh", "abc"} {
				if strings.Contains(line, secret) {
					t.Errorf("curl = %s\nholds %q", line, secret)
				}
			}
			if _, err := exec.LookPath("sh"); err != nil {
				return
			}
			// sh expands the variables back into the request's values.
			echo := strings.Replace(line, "curl -sS -i -X POST", "printf '%s\\n'", 1)
			cmd := exec.Command("sh", "-c", echo)
			cmd.Env = append(os.Environ(), "HELPMOCK_HEADER_AUTHORIZATION=Bearer it's-secret",
				"HELPMOCK_HEADER_X_API_KEY=k3y-value", "HELPMOCK_SET_stateCode=09", "HELPMOCK_SET_RefreshToken=r3fresh'tok")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("sh -c %s: %v", echo, err)
			}
			if !strings.Contains(string(out), "Authorization: Bearer it's-secret\n") {
				t.Errorf("sh read the Authorization header as:\n%s", out)
			}
			if tc.contentType == "application/json" && !strings.Contains(string(out), tc.body+"\n") {
				t.Errorf("sh read the body as:\n%s\nwant %s", out, tc.body)
			}
		})
	}
}

// TestReportSecretsCurlEscapes: a -set value that JSON, XML, form data or a URL must
// escape comes back, when sh runs the curl line, escaped as the request had it: the line
// escapes the variable's value at run time rather than pasting it raw (a quote would end
// the JSON string, an & would start another form field).
func TestReportSecretsCurlEscapes(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the curl line")
	}
	data, err := os.ReadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := spec.Load("openapi.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	const value = `a"b\c&d<e>f g+h%i=j#k'l/m`
	s := newReportSecrets(&Options{compiled: sp, Set: map[string]string{"RefreshToken": value}})
	for _, tc := range []struct {
		name, contentType, body string
		read                    func(t *testing.T, got string) string // the value sh sent
	}{
		{"json", "application/json", `{"RefreshToken":"a\"b\\c&d<e>f g+h%i=j#k'l/m","stateCode":"09"}`, nil},
		{"xml", "application/xml", `<M><RefreshToken>a"b\c&amp;d&lt;e&gt;f g+h%i=j#k'l/m</RefreshToken></M>`, nil},
		{"form", "application/x-www-form-urlencoded", "RefreshToken=" + url.QueryEscape(value) + "&stateCode=09",
			func(t *testing.T, got string) string {
				q, err := url.ParseQuery(got)
				if err != nil {
					t.Fatalf("sh sent form data %q: %v", got, err)
				}
				return q.Get("RefreshToken") + "|" + q.Get("stateCode")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://h.test/api?RefreshToken="+url.QueryEscape(value), strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			line := s.curl(req, []byte(tc.body))
			for _, secret := range []string{value, url.QueryEscape(value), `a\"b`, "a&quot;b", "c&amp;d"} {
				if strings.Contains(line, secret) {
					t.Errorf("curl = %s\nholds %q", line, secret)
				}
			}
			// printf prints the URL and the body on lines of their own.
			echo := strings.Replace(line, "curl -sS -i -X POST", "printf '%s\\n'", 1)
			echo = strings.Replace(echo, " -H 'Content-Type: "+tc.contentType+"'", "", 1)
			echo = strings.Replace(echo, " --data-binary ", " ", 1)
			cmd := exec.Command("sh", "-c", echo)
			cmd.Env = append(os.Environ(), "HELPMOCK_SET_RefreshToken="+value)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("sh -c %s: %v", echo, err)
			}
			gotURL, gotBody, _ := strings.Cut(strings.TrimSuffix(string(out), "\n"), "\n")
			u, err := url.Parse(gotURL)
			if err != nil || u.Query().Get("RefreshToken") != value {
				t.Errorf("sh sent the URL %s, want the query's RefreshToken to be %q", gotURL, value)
			}
			if tc.read == nil {
				if gotBody != tc.body {
					t.Errorf("sh sent the body\n%s\nwant\n%s", gotBody, tc.body)
				}
			} else if got := tc.read(t, gotBody); got != value+"|09" {
				t.Errorf("sh sent %s, read as %q, want %q", gotBody, got, value+"|09")
			}
		})
	}
}

// TestReportSecretsTextEscapedValues: a -set value quoted by the report's text (a
// violation's excerpt of a body, a URL) reads as its variable however the request escaped
// it: as it is, in a JSON string, in XML text, percent-encoded.
func TestReportSecretsTextEscapedValues(t *testing.T) {
	const value = "ab\"cd\\ef&gh<ij>kl mn\top"
	s := newReportSecrets(&Options{Set: map[string]string{"Password": value}})
	forms := []string{value, `ab\"cd\\ef&gh<ij>kl mn\top`, "ab\"cd\\ef&amp;gh&lt;ij&gt;kl mn\top",
		url.QueryEscape(value), url.PathEscape(value)}
	for _, form := range forms {
		got := s.text("body: {\"Password\":\""+form+"\"}", nil)
		if want := `body: {"Password":"$HELPMOCK_SET_Password"}`; got != want {
			t.Errorf("text(%q) = %q, want %q", form, got, want)
		}
	}
}
