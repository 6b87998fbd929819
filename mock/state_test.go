package mock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
)

// clock is a settable test clock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// newStatefulServer returns a stateful mock with the repository's fixtures and a
// settable clock.
func newStatefulServer(tb testing.TB, strict bool) (*mock.Server, *clock) {
	tb.Helper()
	clk := &clock{now: fixedNow}
	s, err := mock.New(mock.Options{Spec: loadSpec(tb), Fixtures: loadFixtures(tb), Now: clk.Now,
		Stateful: true, StrictTokens: strict, Admin: true, Journal: 10, AdminHosts: []string{"mock.test"}})
	if err != nil {
		tb.Fatal(err)
	}
	return s, clk
}

// tokenBody builds a request body of op presenting access and refresh in mediaType.
func tokenBody(op, mediaType, access, refresh string) string {
	switch {
	case op == "refreshToken" && spec.IsXML(mediaType):
		return `<AccessTokenBindingModel xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.BindingModels"><AccessTokenOld>` +
			access + `</AccessTokenOld><AccessTokenRefresh>` + refresh + `</AccessTokenRefresh></AccessTokenBindingModel>`
	case op == "refreshToken":
		return fmt.Sprintf(`{"AccessTokenOld":%q,"AccessTokenRefresh":%q}`, access, refresh)
	case spec.IsXML(mediaType):
		return `<RequestModelRefreshToken xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><AuthString>auth-xyz</AuthString><RefreshToken>` +
			refresh + `</RefreshToken><expiredAccessToken>` + access + `</expiredAccessToken><stateCode>09</stateCode></RequestModelRefreshToken>`
	}
	return fmt.Sprintf(`{"stateCode":"09","AuthString":"auth-xyz","expiredAccessToken":%q,"RefreshToken":%q}`, access, refresh)
}

// tokenNames are the response members holding the issued pair, per operation.
var tokenNames = map[string][2]string{
	"refreshToken":        {"AccessToken", "RefreshAccessToken"},
	"pfmsGetRefreshToken": {"accessToken", "refreshToken"},
}

// failureMessages tell the failure scenarios apart in a response body.
var failureMessages = map[string]map[string]string{
	"refreshToken":        {"invalid": "Invalid refresh token.", "expired": "Refresh token has expired."},
	"pfmsGetRefreshToken": {"invalid": "Invalid or missing refresh token.", "expired": "Refresh token expired. Please log in again."},
}

// outcome is what a refresh answered: "ok" with the issued pair, or a failure name.
type outcome struct {
	result, access, refresh string
}

// refresh presents a pair to op in mediaType (request and response) and reads the answer.
func refresh(tb testing.TB, h http.Handler, op, mediaType, access, refresh string) outcome {
	tb.Helper()
	resp := serve(tb, h, request{path: paths[op], contentType: mediaType, accept: mediaType,
		body: tokenBody(op, mediaType, access, refresh)})
	body := readAll(tb, resp)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("refresh %s: status %d: %s", op, resp.StatusCode, body)
	}
	for name, msg := range failureMessages[op] {
		if strings.Contains(body, msg) {
			return outcome{result: name}
		}
	}
	names := tokenNames[op]
	got := outcome{result: "ok", access: member(tb, mediaType, body, names[0]), refresh: member(tb, mediaType, body, names[1])}
	if got.access == "" || got.refresh == "" {
		tb.Fatalf("refresh %s: no token pair in %s", op, body)
	}
	return got
}

// member reads a string member from a JSON or XML body, at any depth.
func member(tb testing.TB, mediaType, body, name string) string {
	tb.Helper()
	if spec.IsXML(mediaType) {
		m := regexp.MustCompile(`<` + name + `>([^<]*)</` + name + `>`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		tb.Fatalf("decode %s: %v", body, err)
	}
	if inner, ok := v["RefreshTokenResponse"].(map[string]any); ok {
		v = inner
	}
	s, _ := v[name].(string)
	return s
}

// TestRotation runs the rotation flow (refresh, refresh again with the new pair, reuse the
// old one) on both token operations in JSON and in XML.
func TestRotation(t *testing.T) {
	for _, op := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		for _, mt := range []string{spec.ApplicationJSON, spec.ApplicationXML, spec.TextXML} {
			t.Run(op+"/"+mt, func(t *testing.T) {
				s, _ := newStatefulServer(t, false)
				first := refresh(t, s, op, mt, "from-a-real-login", "real-refresh-token")
				if first.result != "ok" {
					t.Fatalf("refresh(unknown pair) = %q, want ok (a new chain)", first.result)
				}
				second := refresh(t, s, op, mt, first.access, first.refresh)
				if second.result != "ok" {
					t.Fatalf("refresh(current pair) = %q, want ok", second.result)
				}
				if second.access == first.access || second.refresh == first.refresh {
					t.Errorf("refresh(current pair) did not rotate: %+v then %+v", first, second)
				}
				if got := refresh(t, s, op, mt, first.access, first.refresh); got.result != "invalid" {
					t.Errorf("refresh(rotated pair) = %q, want invalid", got.result)
				}
				if got := refresh(t, s, op, mt, "from-a-real-login", "real-refresh-token"); got.result != "invalid" {
					t.Errorf("refresh(adopted pair again) = %q, want invalid", got.result)
				}
				third := refresh(t, s, op, mt, second.access, second.refresh)
				if third.result != "ok" {
					t.Errorf("refresh(newest pair) = %q, want ok", third.result)
				}
			})
		}
	}
}

// TestTokenRules covers each verdict of a presented pair.
func TestTokenRules(t *testing.T) {
	const op, mt = "refreshToken", spec.ApplicationJSON
	tests := []struct {
		name   string
		strict bool
		// present returns the pair to present, after preparing state.
		present func(t *testing.T, s *mock.Server, clk *clock) (string, string)
		want    string
	}{
		{"minted pair", false, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			p := mint(t, s)
			return p.AccessToken, p.RefreshToken
		}, "ok"},
		{"minted pair, strict", true, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			p := mint(t, s)
			return p.AccessToken, p.RefreshToken
		}, "ok"},
		{"minted refresh token without access token", false, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			return "", mint(t, s).RefreshToken
		}, "ok"},
		{"unknown pair", false, func(*testing.T, *mock.Server, *clock) (string, string) { return "a", "b" }, "ok"},
		{"unknown pair, strict", true, func(*testing.T, *mock.Server, *clock) (string, string) { return "a", "b" }, "invalid"},
		{"empty refresh token", false, func(*testing.T, *mock.Server, *clock) (string, string) { return "a", "" }, "invalid"},
		{"access token of another pair", false, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			return mint(t, s).AccessToken, mint(t, s).RefreshToken
		}, "invalid"},
		{"refresh token just before the refresh TTL", false, func(t *testing.T, s *mock.Server, clk *clock) (string, string) {
			p := mint(t, s)
			clk.now = clk.now.Add(24*time.Hour - time.Second)
			return p.AccessToken, p.RefreshToken
		}, "ok"},
		{"refresh token at the refresh TTL", false, func(t *testing.T, s *mock.Server, clk *clock) (string, string) {
			p := mint(t, s)
			clk.now = clk.now.Add(24 * time.Hour)
			return p.AccessToken, p.RefreshToken
		}, "expired"},
		{"state reset", false, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			p := mint(t, s)
			if n := s.ResetTokens(); n != 1 {
				t.Errorf("ResetTokens() = %d, want 1", n)
			}
			return p.AccessToken, p.RefreshToken
		}, "ok"},
		{"state reset, strict", true, func(t *testing.T, s *mock.Server, _ *clock) (string, string) {
			p := mint(t, s)
			s.ResetTokens()
			return p.AccessToken, p.RefreshToken
		}, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clk := newStatefulServer(t, tt.strict)
			access, refreshToken := tt.present(t, s, clk)
			if got := refresh(t, s, op, mt, access, refreshToken); got.result != tt.want {
				t.Errorf("refresh(%q, %q) = %q, want %q", access, refreshToken, got.result, tt.want)
			}
		})
	}
}

func mint(tb testing.TB, s *mock.Server) mock.TokenPair {
	tb.Helper()
	p, err := s.MintTokens()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestStatefulScenarios checks that explicit scenario choices still win, and that an
// answer that issues no pair consumes nothing: a failure scenario asked for, a fault, and
// a slow success the client gave up on during its delay (a refresh token is claimed when
// its answer is due) all leave the pair good for the next refresh.
func TestStatefulScenarios(t *testing.T) {
	const op, mt = "refreshToken", spec.ApplicationJSON
	tests := []struct {
		name, scenario string
		giveUp         bool
		wantStatus     int // 0: no answer to check
	}{
		{"server error asked for", "server-error", false, http.StatusInternalServerError},
		{"connection reset asked for", "connection-reset", false, 0},
		{"gave up during the delay", "slow", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStatefulServer(t, true)
			p := mint(t, s)
			req := request{path: paths[op] + "?__scenario=" + tt.scenario, contentType: mt,
				body: tokenBody(op, mt, p.AccessToken, p.RefreshToken)}.build(t, "http://mock.test")
			if tt.giveUp {
				ctx, cancel := context.WithCancel(req.Context())
				cancel()
				req = req.WithContext(ctx)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if tt.wantStatus != 0 && rec.Code != tt.wantStatus {
				t.Errorf("refresh(__scenario=%s) status = %d, want %d", tt.scenario, rec.Code, tt.wantStatus)
			}
			if got := refresh(t, s, op, mt, p.AccessToken, p.RefreshToken); got.result != "ok" {
				t.Errorf("refresh(pair after __scenario=%s) = %q, want ok (it consumed nothing)", tt.scenario, got.result)
			}
		})
	}
}

// TestTokenTTL checks that Options.TokenTTL sets the Expires answered.
func TestTokenTTL(t *testing.T) {
	s, err := mock.New(mock.Options{Spec: loadSpec(t), Fixtures: loadFixtures(t), Stateful: true,
		TokenTTL: 30 * time.Second, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	resp := serve(t, s, request{path: paths["refreshToken"], contentType: spec.ApplicationJSON,
		body: tokenBody("refreshToken", spec.ApplicationJSON, "a", "b")})
	body := readAll(t, resp)
	if want := `"Expires":"2025-06-01T12:46:00.123+00:00"`; !strings.Contains(body, want) {
		t.Errorf("refresh with TokenTTL 30s = %s, want it to hold %s", body, want)
	}
}
