package conform_test

import (
	"context"
	"testing"

	"github.com/helpmock/helpmock/internal/conform"
)

// FuzzResponse judges arbitrary bodies as refreshToken's answers: never a panic, and every
// violation names its rule and says why.
func FuzzResponse(f *testing.F) {
	s := loadSpec(f)
	op := operation(f, s, "refreshToken")
	for _, seed := range []struct{ contentType, body string }{
		{"application/json; charset=utf-8", loginJSON},
		{"text/json", `{"Succeeded":true,"AccessToken":null}`},
		{"application/xml", loginXML},
		{"text/xml", `<!DOCTYPE x><LoginResult/>`},
		{"application/json", `[1,{"a":`},
	} {
		f.Add(200, seed.contentType, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		for _, v := range conform.Response(context.Background(), &conform.ResponseInput{Doc: s.Doc, Operation: op,
			Status: status, ContentType: contentType, Body: body}) {
			if v.Rule == "" || v.Message == "" {
				t.Errorf("Response(%d, %q, %q) gave %+v, want a rule and a message", status, contentType, body, v)
			}
		}
	})
}
