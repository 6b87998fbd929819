package spec

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// ExtensionTokens marks a token operation: a refresh that takes a refresh token (and
// perhaps the access token issued with it) and answers a new pair. Its value names the
// members that carry the tokens; see Tokens and docs/extensions.md:
//
//	x-helpmock-tokens:
//	  request: {refresh: RefreshToken, access: expiredAccessToken}
//	  response: {refresh: Result.refreshToken, access: Result.accessToken}
const ExtensionTokens = "x-helpmock-tokens"

// The scenarios a token operation answers a refused refresh token with, unless its
// ExtensionTokens names others.
const (
	ScenarioInvalidRefreshToken = "invalid-refresh-token"
	ScenarioExpiredRefreshToken = "expired-refresh-token"
)

// Tokens says where a token operation (ExtensionTokens) carries its tokens. The names are
// the members' (JSON) names in the operation's schemas; the load checks that each names a
// string member of every request body, and of every body of the success response.
type Tokens struct {
	// RequestRefresh is the request member presenting the refresh token.
	RequestRefresh string
	// RequestAccess is the request member presenting the access token the refresh token
	// was issued with, or "" when the request carries none.
	RequestAccess string
	// ResponseRefresh is the path, member by member from the body's root, of the issued
	// refresh token in the success answer.
	ResponseRefresh []string
	// ResponseAccess is the path of the issued access token, or nil when the answer
	// carries none.
	ResponseAccess []string
	// Invalid is the scenario answered for a missing, unknown, reused or mismatched
	// refresh token. Default: ScenarioInvalidRefreshToken.
	Invalid string
	// Expired is the scenario answered for a refresh token past its lifetime.
	// Default: ScenarioExpiredRefreshToken.
	Expired string
}

// operationTokens reads o's ExtensionTokens, if any, and checks it against o's layouts; nil
// when o declares none. Errors start with where (the operation and the line of the key).
func operationTokens(where string, o *Operation) (*Tokens, error) {
	raw, ok := o.Op.Extensions[ExtensionTokens]
	if !ok {
		return nil, nil
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s: %s", where, ExtensionTokens, fmt.Sprintf(format, args...))
	}
	top, err := tokenMapping(raw, "", []string{"request", "response", "invalid", "expired"})
	if err != nil {
		return nil, fail("%v", err)
	}
	request, err := tokenMapping(top["request"], "request", []string{"refresh", "access"})
	if err != nil {
		return nil, fail("%v", err)
	}
	response, err := tokenMapping(top["response"], "response", []string{"refresh", "access"})
	if err != nil {
		return nil, fail("%v", err)
	}
	t := &Tokens{Invalid: ScenarioInvalidRefreshToken, Expired: ScenarioExpiredRefreshToken}
	var errs []error
	text := func(m map[string]any, key, field, what string, required bool) string {
		v, present := m[key]
		s, isString := v.(string)
		switch {
		case !present && required:
			errs = append(errs, fail("%s is required", field))
		case present && (!isString || strings.TrimSpace(s) == ""):
			errs = append(errs, fail("%s must be %s, not %v", field, what, v))
		}
		return s
	}
	t.RequestRefresh = text(request, "refresh", "request.refresh", "a member name", true)
	t.RequestAccess = text(request, "access", "request.access", "a member name", false)
	t.ResponseRefresh = tokenPath(text(response, "refresh", "response.refresh", "a member path", true))
	t.ResponseAccess = tokenPath(text(response, "access", "response.access", "a member path", false))
	if name := text(top, "invalid", "invalid", "a scenario name", false); name != "" {
		t.Invalid = name
	}
	if name := text(top, "expired", "expired", "a scenario name", false); name != "" {
		t.Expired = name
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if t.RequestAccess != "" && t.ResponseAccess == nil {
		// The presented access token is compared with the one issued, which the mock
		// could not learn.
		return nil, fail("request.access needs response.access: the presented access token must be one the operation issued")
	}
	for _, err := range t.checkLayouts(o) {
		errs = append(errs, fail("%v", err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// readTokens reads the ExtensionTokens of every operation into its Tokens.
func (s *Spec) readTokens() error {
	var errs []error
	for _, o := range s.Operations {
		t, err := operationTokens(strings.ToUpper(o.Method)+" "+o.Path+lineOf(o.Op.Origin, ExtensionTokens), o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		o.Tokens = t
	}
	return errors.Join(errs...)
}

// tokenMapping returns v as a mapping with no keys but known; in names it ("" for the
// extension itself).
func tokenMapping(v any, in string, known []string) (map[string]any, error) {
	label := "the value"
	if in != "" {
		label = in
	}
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil && in != "" {
			return nil, fmt.Errorf("%s is required", in)
		}
		return nil, fmt.Errorf("%s must be a mapping with %s, not %v", label, strings.Join(known, ", "), v)
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(known, key) {
			if in != "" {
				key = in + "." + key
			}
			return nil, fmt.Errorf("unknown key %s (known: %s)", key, strings.Join(known, ", "))
		}
	}
	return m, nil
}

// tokenPath splits a dotted path ("Result.refreshToken"); nil for "".
func tokenPath(path string) []string {
	if path == "" {
		return nil
	}
	return strings.Split(path, ".")
}

// checkLayouts checks that each token member is a string member of every request body of
// o, and each issued token's path one of every body of o's success response.
func (t *Tokens) checkLayouts(o *Operation) []error {
	if len(o.RequestMediaTypes) == 0 {
		return []error{errors.New("the operation has no request body to present a refresh token in")}
	}
	status := o.SuccessStatus()
	responseTypes := slices.Sorted(maps.Keys(o.Responses[status]))
	if len(responseTypes) == 0 {
		return []error{fmt.Errorf("response %d has no body to issue tokens in", status)}
	}
	var errs []error
	for _, mt := range o.RequestMediaTypes {
		for field, name := range map[string]string{"request.refresh": t.RequestRefresh, "request.access": t.RequestAccess} {
			if name == "" {
				continue
			}
			if err := stringMember(o.Request[mt], []string{name}); err != nil {
				errs = append(errs, fmt.Errorf("%s: request %s: %w", field, mt, err))
			}
		}
	}
	for _, mt := range responseTypes {
		for field, path := range map[string][]string{"response.refresh": t.ResponseRefresh, "response.access": t.ResponseAccess} {
			if path == nil {
				continue
			}
			if err := stringMember(o.Response(status, mt), path); err != nil {
				errs = append(errs, fmt.Errorf("%s: response %d %s: %w", field, status, mt, err))
			}
		}
	}
	// The fields came from maps: sort for a stable message.
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// stringMember checks that path names a string member of t, member by member.
func stringMember(t *model.Type, path []string) error {
	for i, name := range path {
		where := "the body"
		if i > 0 {
			where = strings.Join(path[:i], ".")
		}
		if t == nil || t.Kind != model.Object {
			return fmt.Errorf("%s is not an object", where)
		}
		m := t.Member(name)
		if m == nil {
			msg := fmt.Sprintf("%s has no member %q", where, name)
			if near := t.Suggest(name); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			return errors.New(msg)
		}
		t = m.Type
	}
	if t == nil || t.Kind != model.String {
		return fmt.Errorf("%s is not a string", strings.Join(path, "."))
	}
	return nil
}
