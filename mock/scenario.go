package mock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// ScenarioQueryParam selects a scenario from the query string, for clients (browsers)
// that cannot set headers.
const ScenarioQueryParam = "__scenario"

// chooseScenario picks the scenario for a request, once and before anything is answered:
// the scenario the request or the admin API asks for (requestedScenario), which token
// state then decides for a token operation in stateful mode (spec.ExtensionTokens):
//
//   - a missing, unknown (with StrictTokens), reused or mismatched refresh token gets the
//     operation's Tokens.Invalid scenario, one older than RefreshTTL its Tokens.Expired;
//   - an accepted one is rotated: the answer is rendered now and the pair it issues
//     remembered, so that the tokens remembered are the ones sent.
//
// A refresh is claimed when its answer is due, after the requested scenario's delay: a
// client that gives up on a slow refresh keeps its refresh token. Explicit failures,
// faults and non-fixture answers leave token state alone.
func (s *Server) chooseScenario(c echo.Context, op *operation, request map[string]any) (*scenario, error) {
	sc, err := s.requestedScenario(c, op, request)
	if err != nil || !s.opts.Stateful || !op.issuesTokens(sc) {
		return sc, err
	}
	if err := s.delay(c.Request(), sc); err != nil {
		return nil, err
	}
	now := s.opts.Now()
	access, refresh := presented(op.Tokens, request)
	switch s.tokens.claim(access, refresh, now, s.opts.RefreshTTL, s.opts.StrictTokens) {
	case verdictInvalid:
		return op.tokenFailure(op.Tokens.Invalid)
	case verdictExpired:
		return op.tokenFailure(op.Tokens.Expired)
	}
	return s.issueTokens(op, sc, request, now)
}

// requestedScenario returns the scenario a request asks for, first match wins: the Prefer
// header (example=NAME, or code=NNN as Prism has it; RFC 7240), the __scenario query
// parameter, the scenario pinned through the admin API, the scenario of the named request
// example whose members the request carries (the response example of the same name, or a
// fixture of that name), the operation's default. A token operation's request whose
// refresh token is missing or empty gets the operation's Tokens.Invalid scenario instead
// of the default, as the real services answer it, whether or not the mock is stateful.
func (s *Server) requestedScenario(c echo.Context, op *operation, request map[string]any) (*scenario, error) {
	if prefer := c.Request().Header["Prefer"]; len(prefer) > 0 { // a canonical key: see firstValue
		prefs := parsePrefer(prefer)
		if name, ok := prefs["example"]; ok {
			return op.lookup(name, "Prefer: example="+name)
		}
		if code, ok := prefs["code"]; ok {
			return op.byStatus(code)
		}
	}
	if c.Request().URL.RawQuery != "" {
		if name := c.QueryParam(ScenarioQueryParam); name != "" {
			return op.lookup(name, ScenarioQueryParam+"="+name)
		}
	}
	if name := s.pinned(op.ID); name != "" {
		if sc := op.scenario(name); sc != nil {
			return sc, nil
		}
	}
	if name := op.pairedExample(request); name != "" {
		if sc := op.scenario(name); sc != nil {
			return sc, nil
		}
	}
	if op.Tokens != nil && request != nil {
		if _, refresh := presented(op.Tokens, request); refresh == "" {
			if sc := op.scenario(op.Tokens.Invalid); sc != nil {
				return sc, nil
			}
		}
	}
	return op.scenario(op.defaultName), nil
}

// tokenFailure returns the scenario that refuses a refresh token; compile checked, in
// stateful mode, that the operation has it.
func (op *operation) tokenFailure(name string) (*scenario, error) {
	sc := op.scenario(name)
	if sc == nil {
		return nil, fmt.Errorf("stateful tokens: operation %s has no scenario %q", op.ID, name)
	}
	return sc, nil
}

func (op *operation) lookup(name, source string) (*scenario, error) {
	if sc := op.scenario(name); sc != nil {
		return sc, nil
	}
	return nil, &HTTPError{Status: http.StatusBadRequest,
		Message: fmt.Sprintf("Unknown scenario %q (%s) for operation %s; known scenarios: %s.",
			name, source, op.ID, strings.Join(op.scenarioNames(), ", "))}
}

// byStatus returns the scenario answering with status code: the default one if it does,
// else the first by name.
func (op *operation) byStatus(code string) (*scenario, error) {
	status, err := strconv.Atoi(code)
	if err == nil {
		if sc := op.scenario(op.defaultName); sc.status == status {
			return sc, nil
		}
		for _, sc := range op.scenarios {
			if sc.status == status {
				return sc, nil
			}
		}
	}
	var codes []string
	for _, sc := range op.scenarios {
		codes = append(codes, fmt.Sprintf("%d (%s)", sc.status, sc.name))
	}
	return nil, &HTTPError{Status: http.StatusBadRequest,
		Message: fmt.Sprintf("No scenario of operation %s answers with status %q (Prefer: code=%s); known: %s.",
			op.ID, code, code, strings.Join(codes, ", "))}
}

// parsePrefer reads the preferences of Prefer headers (RFC 7240 §2): comma-separated
// preferences, each token[=value] with optional ;parameters, which are ignored here.
// The first occurrence of a preference wins.
func parsePrefer(headers []string) map[string]string {
	prefs := map[string]string{}
	for _, h := range headers {
		for _, pref := range strings.Split(h, ",") {
			// Prism also accepts "code=500; example=x" in one preference list.
			for _, part := range strings.Split(pref, ";") {
				name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
				name = strings.ToLower(strings.TrimSpace(name))
				value = strings.Trim(strings.TrimSpace(value), `"`)
				if name == "" {
					continue
				}
				if _, seen := prefs[name]; !seen {
					prefs[name] = value
				}
			}
		}
	}
	return prefs
}
