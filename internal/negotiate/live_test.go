package negotiate

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/aspnetref"
)

// TestAgainstReference checks each case of the table against the real ASP.NET Web API
// stack's answer to it (recorded: package aspnetref).
func TestAgainstReference(t *testing.T) {
	base := aspnetref.Open(t).Server()
	for _, tc := range cases {
		t.Run(fmt.Sprintf("Accept=%q/Content-Type=%q", tc.accept, tc.contentType), func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, base+"/api/v2/account/refreshtoken", strings.NewReader("x"))
			if err != nil {
				t.Fatal(err)
			}
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := resp.Header.Get("Content-Type")
			if want := ResponseMediaType(tc.accept, tc.contentType) + "; charset=utf-8"; got != want {
				t.Errorf("reference answered %q, negotiate says %q", got, want)
			}
		})
	}
}
