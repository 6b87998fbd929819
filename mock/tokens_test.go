package mock_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// tokenSpec is a token operation unlike the seed ones: POST api/Token takes a refresh
// token in "token" alone and issues the next one in "result.newToken", refusing with
// scenarios of its own names. %s is the operation's x-helpmock-tokens line, or nothing.
const tokenSpec = `openapi: 3.0.3
info: {title: tokens, version: "1"}
paths:
  /api/Token:
    post:
      operationId: issueToken
      %s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/TokenRequest'}
      responses:
        '200':
          description: the next token, or a refusal
          content:
            application/json:
              schema: {$ref: '#/components/schemas/TokenResponse'}
components:
  schemas:
    TokenRequest:
      type: object
      properties:
        token: {type: string, nullable: true}
    TokenResponse:
      type: object
      properties:
        ok: {type: boolean}
        reason: {type: string, nullable: true}
        result:
          type: object
          nullable: true
          properties:
            newToken: {type: string, nullable: true}
`

const tokenExtension = `x-helpmock-tokens: {request: {refresh: token}, response: {refresh: result.newToken}, invalid: rejected, expired: too-old}`

// tokenFixtures answer issueToken: a fresh token by default, and the two refusals.
var tokenFixtures = fstest.MapFS{
	"issueToken.granted.yaml":  {Data: []byte("default: true\nbody: {ok: true, reason: null, result: {newToken: \"{{token}}\"}}\n")},
	"issueToken.rejected.yaml": {Data: []byte("body: {ok: false, reason: unknown or reused, result: null}\n")},
	"issueToken.too-old.yaml":  {Data: []byte("body: {ok: false, reason: expired, result: null}\n")},
}

// newTokenServer serves tokenSpec with extension and the fixtures of files.
func newTokenServer(tb testing.TB, extension string, files fstest.MapFS, stateful bool) (*mock.Server, *clock, error) {
	tb.Helper()
	sp, err := spec.Load("tokens.yaml", []byte(fmt.Sprintf(tokenSpec, extension)))
	if err != nil {
		tb.Fatal(err)
	}
	set, err := fixtures.Load(files)
	if err != nil {
		tb.Fatal(err)
	}
	clk := &clock{now: fixedNow}
	s, err := mock.New(mock.Options{Spec: sp, Fixtures: set, Now: clk.Now, Stateful: stateful})
	return s, clk, err
}

// issue presents token to POST api/Token and returns the new token, or the refusal's reason.
func issue(tb testing.TB, s *mock.Server, token string) (newToken, refused string) {
	tb.Helper()
	body, err := json.Marshal(map[string]string{"token": token})
	if err != nil {
		tb.Fatal(err)
	}
	resp := serve(tb, s, request{path: "/api/Token", contentType: "application/json", body: string(body)})
	text := readAll(tb, resp)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("POST api/Token: status %d: %s", resp.StatusCode, text)
	}
	var answer struct {
		OK     bool
		Reason string
		Result struct{ NewToken string }
	}
	if err := json.Unmarshal([]byte(text), &answer); err != nil {
		tb.Fatalf("POST api/Token: %v: %s", err, text)
	}
	if !answer.OK {
		return "", answer.Reason
	}
	if answer.Result.NewToken == "" {
		tb.Fatalf("POST api/Token: granted without a token: %s", text)
	}
	return answer.Result.NewToken, ""
}

// TestTokensFromSpec checks that token rotation follows the spec's x-helpmock-tokens on
// an operation of any name and members: a refresh token is good once, then refused
// (reused), and expires; its refusals are the scenarios the extension names.
func TestTokensFromSpec(t *testing.T) {
	s, clk, err := newTokenServer(t, tokenExtension, tokenFixtures, true)
	if err != nil {
		t.Fatal(err)
	}
	first, refused := issue(t, s, "from-a-real-login")
	if refused != "" {
		t.Fatalf("issue(unknown token) refused: %s, want a new chain", refused)
	}
	second, refused := issue(t, s, first)
	if refused != "" || second == first {
		t.Fatalf("issue(current token) = %q, refused %q; want a token other than %q", second, refused, first)
	}
	if _, refused := issue(t, s, first); refused != "unknown or reused" {
		t.Errorf("issue(rotated token) refused %q, want the rejected scenario", refused)
	}
	if _, refused := issue(t, s, ""); refused != "unknown or reused" {
		t.Errorf("issue(\"\") refused %q, want the rejected scenario", refused)
	}
	pair, err := s.MintTokens()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pair.Requests["issueToken"], map[string]string{"token": pair.RefreshToken}; !maps.Equal(got, want) {
		t.Errorf("MintTokens().Requests[issueToken] = %v, want %v", got, want)
	}
	if _, refused := issue(t, s, pair.RefreshToken); refused != "" {
		t.Errorf("issue(minted token) refused %q, want a new token", refused)
	}
	clk.now = clk.now.Add(24 * time.Hour)
	if _, refused := issue(t, s, second); refused != "expired" {
		t.Errorf("issue(token a day old) refused %q, want the too-old scenario", refused)
	}
}

// TestTokensNeedTheExtension checks that an operation the spec does not mark as a token
// operation keeps no token state: the same token is answered every time.
func TestTokensNeedTheExtension(t *testing.T) {
	s, _, err := newTokenServer(t, "", tokenFixtures, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, refused := issue(t, s, "same-token"); refused != "" {
			t.Errorf("issue(same token) #%d refused %q, want the default answer", i+1, refused)
		}
	}
	if pair, err := s.MintTokens(); err != nil || len(pair.Requests) != 0 {
		t.Errorf("MintTokens() = %v, %v; want no token operations", pair.Requests, err)
	}
}

// TestStatefulNeedsFailureScenarios checks that stateful start-up names a scenario the
// extension refuses tokens with that the operation lacks.
func TestStatefulNeedsFailureScenarios(t *testing.T) {
	files := maps.Clone(tokenFixtures)
	delete(files, "issueToken.too-old.yaml")
	if _, _, err := newTokenServer(t, tokenExtension, files, false); err != nil {
		t.Errorf("New(not stateful, no too-old scenario) = %v, want no error", err)
	}
	_, _, err := newTokenServer(t, tokenExtension, files, true)
	if err == nil || !strings.Contains(err.Error(), `operation issueToken has no scenario "too-old"`) {
		t.Errorf("New(stateful, no too-old scenario) = %v, want an error naming the scenario", err)
	}
}

// TestTokensWarnOfAFixedDefault checks that stateful start-up warns of a token operation
// whose default answer issues no fresh pair, and only of that.
func TestTokensWarnOfAFixedDefault(t *testing.T) {
	sp, err := spec.Load("tokens.yaml", []byte(fmt.Sprintf(tokenSpec, tokenExtension)))
	if err != nil {
		t.Fatal(err)
	}
	const warning = "the default scenario issues no token pair"
	for _, tc := range []struct {
		name    string
		files   fstest.MapFS
		warning bool
	}{
		{"a fixture issuing tokens", tokenFixtures, false},
		{"a refusal by default", fstest.MapFS{
			"issueToken.granted.yaml":  {Data: []byte("body: {ok: true, result: {newToken: \"{{token}}\"}}\n")},
			"issueToken.rejected.yaml": {Data: []byte("default: true\nbody: {ok: false, reason: unknown or reused}\n")},
			"issueToken.too-old.yaml":  {Data: []byte("body: {ok: false, reason: expired}\n")},
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, err := fixtures.Load(tc.files)
			if err != nil {
				t.Fatal(err)
			}
			var log strings.Builder
			_, err = mock.New(mock.Options{Spec: sp, Fixtures: set, Stateful: true,
				Logger: slog.New(slog.NewTextHandler(&log, nil))})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(log.String(), warning); got != tc.warning {
				t.Errorf("New logged %q; want the warning %q: %v", log.String(), warning, tc.warning)
			}
		})
	}
}
