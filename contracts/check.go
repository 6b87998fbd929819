package contracts

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/spec"
)

// judge runs every check on an exchange and returns its result.
func judge(x *exchange) *CaseResult {
	c := x.c
	res := &CaseResult{Operation: c.op.ID, Name: c.name, Method: c.method, URL: x.url, Status: x.status,
		Duration: x.duration, Curl: x.curl}
	if x.header != nil {
		res.ContentType = x.header.Get("Content-Type")
	}
	add := func(v Violation) {
		v.Case, v.Curl = c.fullName(), x.curl
		res.Violations = append(res.Violations, v)
	}
	if x.status == 0 {
		add(Violation{Check: x.errCheck, Message: x.err.Error(), Expected: strconv.Itoa(c.wantStatus)})
		return res
	}
	for _, v := range checkStatus(x) {
		add(v)
	}
	if v, ok := checkContentType(x); !ok {
		add(v)
	}
	if x.err != nil {
		add(Violation{Check: x.errCheck, Message: x.err.Error()})
		return res
	}
	for _, v := range checkBody(x) {
		add(v)
	}
	if v, ok := checkModelState(x); !ok {
		add(v)
	}
	if c.pair != nil {
		for _, v := range checkPair(x) {
			add(v)
		}
	}
	return res
}

func documented(o *spec.Operation) string {
	s := make([]string, len(o.Statuses))
	for i, st := range o.Statuses {
		s[i] = strconv.Itoa(st)
	}
	return strings.Join(s, ", ")
}

func checkStatus(x *exchange) []Violation {
	c := x.c
	var out []Violation
	got := statusText(x.status)
	switch {
	case !slices.Contains(c.op.Statuses, x.status):
		msg := fmt.Sprintf("status %d is not documented for %s (documented: %s)", x.status, c.op.ID, documented(c.op))
		if loc := x.header.Get("Location"); loc != "" && x.status >= 300 && x.status < 400 {
			msg += "; the target redirects to " + loc
		}
		out = append(out, Violation{Check: CheckStatus, Expected: statusText(c.wantStatus), Actual: got, Message: msg})
	case x.status != c.wantStatus:
		msg := fmt.Sprintf("Web API answers %s with %d", describe(c), c.wantStatus)
		if c.pair != nil {
			msg = fmt.Sprintf("the response example paired with %s is a %d answer", describe(c), c.wantStatus)
		}
		if x.status >= 500 {
			msg = fmt.Sprintf("server error on %s; Web API answers %d", describe(c), c.wantStatus)
		}
		out = append(out, Violation{Check: CheckStatus, Expected: statusText(c.wantStatus), Actual: got, Message: msg})
	}
	if x.status == http.StatusMethodNotAllowed {
		allow := strings.Join(x.header.Values("Allow"), ", ")
		found := false
		for _, m := range strings.Split(allow, ",") {
			if strings.EqualFold(strings.TrimSpace(m), c.op.Method) {
				found = true
			}
		}
		if !found {
			out = append(out, Violation{Check: CheckAllow, Path: "Allow", Expected: c.op.Method, Actual: allow,
				Message: "a 405 answer must list the route's methods in Allow (RFC 9110 §15.5.6)"})
		}
	}
	return out
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return strconv.Itoa(code)
}

// describe words a case's request for messages.
func describe(c *testCase) string {
	if c.pair != nil {
		return "the " + c.pair.name + " request example sent as " + c.requestMediaType
	}
	if c.matrix {
		return "a valid " + orNone(c.requestMediaType) + " request"
	}
	return "a request with " + c.name
}

// wantContentType is the Content-Type a faithful implementation answers c with when it
// answers status (c's own status when status is not documented).
func wantContentType(c *testCase, status int) string {
	if !slices.Contains(c.op.Statuses, status) {
		status = c.wantStatus
	}
	return wantMediaType(c, status) + "; charset=utf-8"
}

func checkContentType(x *exchange) (Violation, bool) {
	got := x.header.Get("Content-Type")
	if x.status == http.StatusNoContent {
		// A void action: Web API 2 answers 204 with neither a body nor a Content-Type.
		if got == "" && len(x.body) == 0 {
			return Violation{}, true
		}
		return Violation{Check: CheckContentType, Path: "Content-Type", Expected: "no Content-Type and no body",
			Actual:  fmt.Sprintf("Content-Type %q, %d bytes", got, len(x.body)),
			Message: "a 204 answer carries no content; Web API sends a void action's 204 without a Content-Type"}, false
	}
	if slices.Contains(x.c.op.Statuses, x.status) && len(x.c.op.Responses[x.status]) == 0 {
		// The spec documents no content for this status (an IHttpActionResult's Ok(), an
		// HttpResponseMessage the Help Page could not describe): there is no media type to
		// judge the answer by.
		return Violation{}, true
	}
	want := wantContentType(x.c, x.status)
	mt, params, err := mime.ParseMediaType(got)
	wantMT, _, _ := mime.ParseMediaType(want)
	if err == nil && strings.EqualFold(mt, wantMT) && strings.EqualFold(params["charset"], "utf-8") {
		return Violation{}, true
	}
	msg := fmt.Sprintf("Web API's content negotiation answers Accept %q with Content-Type %q for %s",
		orNone(x.c.accept), want, describe(x.c))
	switch {
	case got == "":
		msg = "the answer has no Content-Type; " + msg
	case err == nil && strings.EqualFold(mt, wantMT):
		msg = "the charset must be utf-8, as every Web API answer says"
	}
	return Violation{Check: CheckContentType, Path: "Content-Type", Expected: want, Actual: got, Message: msg}, false
}

// noContent tells whether o documents status without content.
func noContent(o *spec.Operation, status int) bool {
	return slices.Contains(o.Statuses, status) && len(o.Responses[status]) == 0
}
