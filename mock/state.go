package mock

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/helpmock/helpmock/internal/spec"
)

// checkTokenScenarios reports token operations (spec.ExtensionTokens) that lack a
// scenario to refuse a refresh token with, sorted by operation, and warns of those whose
// default answer issues no fresh pair (it comes from the spec, not a fixture).
func checkTokenScenarios(ops map[string]*operation, log *slog.Logger) []error {
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(ops)) {
		op := ops[id]
		if op.Tokens == nil {
			continue
		}
		if def := op.scenario(op.defaultName); !op.issuesTokens(def) {
			log.Warn("stateful tokens: the default scenario issues no token pair, so refreshes do not rotate; give the operation a default fixture issuing \"{{token}}\"",
				keyOp, id, keyScenario, def.name)
		}
		for _, name := range []string{op.Tokens.Invalid, op.Tokens.Expired} {
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

// presented returns the access and refresh tokens a request of a token operation
// presents; "" for a member it lacks.
func presented(t *spec.Tokens, request map[string]any) (access, refresh string) {
	if t.RequestAccess != "" {
		access, _ = request[t.RequestAccess].(string)
	}
	refresh, _ = request[t.RequestRefresh].(string)
	return access, refresh
}

// issueTokens renders sc, a successful answer of a token operation, and remembers the pair
// it issues. It returns the scenario answering that value as it is, so that the tokens
// remembered are the ones sent, whatever the media type.
func (s *Server) issueTokens(op *operation, sc *scenario, request map[string]any, now time.Time) (*scenario, error) {
	value, err := sc.fixture.Render(s.env(request))
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", sc.fixture.File, err)
	}
	var access string
	okA := true
	if op.Tokens.ResponseAccess != nil {
		access, okA = stringAt(value, op.Tokens.ResponseAccess)
	}
	refresh, okR := stringAt(value, op.Tokens.ResponseRefresh)
	if okA && okR && refresh != "" {
		s.tokens.issue(access, refresh, now)
	} else {
		s.opts.Logger.Warn("stateful tokens: the answer holds no token pair",
			keyOp, op.ID, keyScenario, sc.name, "fixture", sc.fixture.File)
	}
	return &scenario{name: sc.name, status: sc.status, docs: map[string]any{spec.ApplicationJSON: value}}, nil
}

// issuesTokens reports whether sc answers op by issuing a new pair, so that token state
// decides it: a fixture's success that is not a fault nor one of the refusals.
func (op *operation) issuesTokens(sc *scenario) bool {
	return op.Tokens != nil && sc.fixture != nil && sc.fixture.Fault == "" && sc.status < 400 &&
		sc.name != op.Tokens.Invalid && sc.name != op.Tokens.Expired
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
	// Requests holds, by operationId, the request members that present this pair to each
	// token operation (spec.ExtensionTokens).
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
	for id, op := range s.current().ops {
		if t := op.Tokens; t != nil {
			members := map[string]string{t.RequestRefresh: refresh}
			if t.RequestAccess != "" {
				members[t.RequestAccess] = access
			}
			p.Requests[id] = members
		}
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
