package mock

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/spec"
)

// TokenMembers says where a token operation carries tokens, so that the stateful mode
// needs no operation-specific code: the request members holding the presented pair and
// the paths of the issued pair in the rendered response value.
type TokenMembers struct {
	// RequestAccess is the request member with the (expired) access token.
	RequestAccess string
	// RequestRefresh is the request member with the refresh token.
	RequestRefresh string
	// ResponseAccess is the path of the issued access token in the response value.
	ResponseAccess []string
	// ResponseRefresh is the path of the issued refresh token in the response value.
	ResponseRefresh []string
	// Invalid is the scenario answered for an unknown, reused or mismatched refresh
	// token. Default: "invalid-refresh-token".
	Invalid string
	// Expired is the scenario answered for a refresh token older than
	// Options.RefreshTTL. Default: "expired-refresh-token".
	Expired string
}

// Scenario names the stateful mode answers failures with, unless TokenMembers says
// otherwise.
const (
	ScenarioInvalidRefreshToken = "invalid-refresh-token"
	ScenarioExpiredRefreshToken = "expired-refresh-token"
)

// DefaultTokenOperations is the token table of the services in openapi.yaml:
// FormulaCerta's AccountController (AccessTokenBindingModel → AccessTokenModel) and
// PFMS (RequestModelRefreshToken → RefreshTokenResponse).
func DefaultTokenOperations() map[string]TokenMembers {
	return map[string]TokenMembers{
		"refreshToken": {
			RequestAccess: "AccessTokenOld", RequestRefresh: "AccessTokenRefresh",
			ResponseAccess: []string{"AccessToken"}, ResponseRefresh: []string{"RefreshAccessToken"},
		},
		"pfmsGetRefreshToken": {
			RequestAccess: "expiredAccessToken", RequestRefresh: "RefreshToken",
			ResponseAccess:  []string{"RefreshTokenResponse", "accessToken"},
			ResponseRefresh: []string{"RefreshTokenResponse", "refreshToken"},
		},
	}
}

func (m TokenMembers) invalid() string {
	if m.Invalid == "" {
		return ScenarioInvalidRefreshToken
	}
	return m.Invalid
}

func (m TokenMembers) expired() string {
	if m.Expired == "" {
		return ScenarioExpiredRefreshToken
	}
	return m.Expired
}

// checkTokenOperations reports token-table entries whose operation lacks a failure
// scenario; entries for operations the spec does not have are ignored.
func checkTokenOperations(table map[string]TokenMembers, ops map[string]*operation) []error {
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(table)) {
		op, ok := ops[id]
		if !ok {
			continue
		}
		m := table[id]
		for _, name := range []string{m.invalid(), m.expired()} {
			if op.scenario(name) == nil {
				errs = append(errs, fmt.Errorf("stateful tokens: operation %s has no scenario %q (known: %s)",
					id, name, strings.Join(op.scenarioNames(), ", ")))
			}
		}
	}
	return errs
}

// tokenRecord is one refresh token the mock issued (or adopted).
type tokenRecord struct {
	access  string
	issued  time.Time
	rotated bool
}

// tokenStore remembers the token pairs the mock issued, by refresh token. One store
// serves every token operation.
type tokenStore struct {
	mu        sync.Mutex
	byRefresh map[string]*tokenRecord
}

func newTokenStore() *tokenStore { return &tokenStore{byRefresh: map[string]*tokenRecord{}} }

// verdict of presenting a refresh token.
type verdict int

const (
	verdictOK verdict = iota
	verdictInvalid
	verdictExpired
)

// claim checks a presented pair and, when it may be refreshed, marks the refresh token
// as rotated so that a second use (even a concurrent one) fails.
func (ts *tokenStore) claim(access, refresh string, now time.Time, refreshTTL time.Duration, strict bool) verdict {
	if refresh == "" {
		return verdictInvalid
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	rec, ok := ts.byRefresh[refresh]
	switch {
	case !ok && strict:
		return verdictInvalid
	case !ok:
		// A pair from elsewhere (a real login): adopt it as the start of a new chain.
		ts.byRefresh[refresh] = &tokenRecord{access: access, issued: now, rotated: true}
		return verdictOK
	case rec.rotated:
		return verdictInvalid
	case access != "" && access != rec.access:
		return verdictInvalid
	case !now.Before(rec.issued.Add(refreshTTL)):
		return verdictExpired
	}
	rec.rotated = true
	return verdictOK
}

// issue remembers a pair the mock answered.
func (ts *tokenStore) issue(access, refresh string, now time.Time) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.byRefresh[refresh] = &tokenRecord{access: access, issued: now}
}

// reset forgets every pair and returns how many there were.
func (ts *tokenStore) reset() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	n := len(ts.byRefresh)
	ts.byRefresh = map[string]*tokenRecord{}
	return n
}

// rotate applies the stateful token rules to a request of a token operation answered
// by a successful scenario: a refused refresh token switches to the failure scenario,
// an accepted one renders sc now and remembers the tokens written in the answer. It
// returns the scenario to render; other requests pass through unchanged.
func (s *Server) rotate(c echo.Context, op *operation, sc *scenario, request map[string]any) (*scenario, error) {
	m, ok := s.opts.TokenOperations[op.ID]
	if !s.opts.Stateful || !ok || sc.fixture == nil || sc.status >= 400 ||
		sc.name == m.invalid() || sc.name == m.expired() {
		return sc, nil
	}
	now := s.opts.Now()
	access, _ := request[m.RequestAccess].(string)
	refresh, _ := request[m.RequestRefresh].(string)
	switch s.tokens.claim(access, refresh, now, s.opts.RefreshTTL, s.opts.StrictTokens) {
	case verdictInvalid:
		return s.failWith(c, op, m.invalid())
	case verdictExpired:
		return s.failWith(c, op, m.expired())
	}
	value, err := sc.fixture.Render(s.env(request))
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", sc.fixture.File, err)
	}
	newAccess, okA := stringAt(value, m.ResponseAccess)
	newRefresh, okR := stringAt(value, m.ResponseRefresh)
	if okA && okR && newRefresh != "" {
		s.tokens.issue(newAccess, newRefresh, now)
	} else {
		s.opts.Logger.Warn("stateful tokens: the answer holds no token pair",
			keyOp, op.ID, keyScenario, sc.name, "fixture", sc.fixture.File)
	}
	// The rendered value is answered as it is, so the tokens remembered are the ones sent.
	return &scenario{name: sc.name, status: sc.status, docs: map[string]any{spec.ApplicationJSON: value}}, nil
}

func (s *Server) failWith(c echo.Context, op *operation, name string) (*scenario, error) {
	sc := op.scenario(name)
	if sc == nil {
		return nil, fmt.Errorf("stateful tokens: operation %s has no scenario %q", op.ID, name)
	}
	infoOf(c).scenario = sc.name
	return sc, nil
}

// stringAt returns the string at path in a JSON-form value.
func stringAt(v any, path []string) (string, bool) {
	for _, p := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		v = obj[p]
	}
	str, ok := v.(string)
	return str, ok
}

// TokenPair is a pair minted through the admin API, ready to be presented to a token
// operation.
type TokenPair struct {
	AccessToken  string    `json:"accessToken"`
	RefreshToken string    `json:"refreshToken"`
	Issued       time.Time `json:"issued"`
	// Expires is when the access token expires (Options.TokenTTL).
	Expires time.Time `json:"expires"`
	// RefreshExpires is when the refresh token expires (Options.RefreshTTL).
	RefreshExpires time.Time `json:"refreshExpires"`
	// Requests holds, by operationId, the request members that present this pair.
	Requests map[string]map[string]string `json:"requests"`
}

// MintTokens issues a new pair as if a login had happened, and remembers it. It fails
// unless the server is stateful.
func (s *Server) MintTokens() (TokenPair, error) {
	if !s.opts.Stateful {
		return TokenPair{}, errNotStateful
	}
	access, err := newToken(s.opts.Rand)
	if err != nil {
		return TokenPair{}, err
	}
	refresh, err := newToken(s.opts.Rand)
	if err != nil {
		return TokenPair{}, err
	}
	now := s.opts.Now().UTC()
	s.tokens.issue(access, refresh, now)
	p := TokenPair{AccessToken: access, RefreshToken: refresh, Issued: now,
		Expires: now.Add(s.opts.TokenTTL), RefreshExpires: now.Add(s.opts.RefreshTTL),
		Requests: map[string]map[string]string{}}
	for id, m := range s.opts.TokenOperations {
		p.Requests[id] = map[string]string{m.RequestAccess: access, m.RequestRefresh: refresh}
	}
	return p, nil
}

// ResetTokens forgets every token pair and returns how many refresh tokens it knew.
func (s *Server) ResetTokens() int { return s.tokens.reset() }

var errNotStateful = errors.New("token state is off: start the mock with -stateful")

// newToken returns 43 URL-safe characters from 32 random bytes, like {{token}}.
func newToken(r io.Reader) (string, error) {
	var b [32]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("mint token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}
