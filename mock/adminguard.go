package mock

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/internal/spec"
)

// guardAdmin is the middleware that lets only the local user reach the admin API (see
// SECURITY.md). A request under AdminPrefix must
//   - name a Host that is localhost, a loopback address or one of Options.AdminHosts,
//     else 403: a page whose DNS name was rebound to 127.0.0.1 sends its own name;
//   - carry "Authorization: Bearer <Options.AdminToken>" when a token is set, else 401;
//   - have a JSON Content-Type when it changes state (PUT, POST, DELETE), else 415: a
//     form on another site can only send form data or text, and anything else needs
//     a CORS preflight, which the admin API never grants.
//
// Refusals are HttpError bodies in the negotiated media type, as the mock's other errors.
func (s *Server) guardAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !s.opts.Admin || !isAdminPath(req.URL.Path) {
			return next(c)
		}
		if !s.adminHost(req.Host) {
			return &HTTPError{Status: http.StatusForbidden, Message: fmt.Sprintf(
				"The admin API answers only requests to localhost, a loopback address or the address the mock listens on, not to Host '%s'.", req.Host)}
		}
		if s.opts.AdminToken != "" && !s.adminAuthorized(req.Header.Get(echo.HeaderAuthorization)) {
			return &HTTPError{Status: http.StatusUnauthorized,
				Message: "The admin API requires the header 'Authorization: Bearer <token>' with the mock's -admin-token.",
				Header:  http.Header{echo.HeaderWWWAuthenticate: {`Bearer realm="helpmock admin"`}}}
		}
		switch req.Method {
		case http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch:
			if !spec.IsJSON(spec.MediaType(req.Header.Get(echo.HeaderContentType))) {
				return &HTTPError{Status: http.StatusUnsupportedMediaType, Message: fmt.Sprintf(
					"The admin API changes state only for requests with 'Content-Type: application/json', not '%s'.",
					req.Header.Get(echo.HeaderContentType))}
			}
		}
		return next(c)
	}
}

// adminHost reports whether host, a request's Host, may reach the admin API: localhost,
// a loopback address, or one of Options.AdminHosts, where an unspecified address
// (0.0.0.0, ::) stands for every IP address. A DNS name other than localhost and the
// AdminHosts is refused: DNS rebinding needs one.
func (s *Server) adminHost(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.Trim(name, "[]"), ".")
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	for _, allowed := range s.opts.AdminHosts {
		allowed = strings.Trim(allowed, "[]")
		if strings.EqualFold(allowed, name) {
			return true
		}
		if a := net.ParseIP(allowed); a != nil && a.IsUnspecified() && ip != nil {
			return true
		}
	}
	return false
}

// adminAuthorized reports whether authorization is "Bearer <Options.AdminToken>". The
// tokens are compared as SHA-256 digests in constant time, so that neither their
// content nor their length shows in the time taken.
func (s *Server) adminAuthorized(authorization string) bool {
	scheme, token, ok := strings.Cut(strings.TrimSpace(authorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(s.opts.AdminToken))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}
