package contracts

import (
	"net/http"
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
