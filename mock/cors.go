package mock

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// CORSAllowHeaders are the request headers a browser may send cross-origin: those the
// mock reads (Prefer for scenarios, Content-Type and Accept for negotiation) and those
// frontends commonly add.
var CORSAllowHeaders = []string{
	echo.HeaderAccept, "Accept-Charset", echo.HeaderAcceptEncoding, "Accept-Language",
	echo.HeaderAuthorization, "Cache-Control", echo.HeaderContentType, echo.HeaderOrigin,
	"Prefer", "Pragma", echo.HeaderXRequestedWith, echo.HeaderXRequestID,
}

// CORSExposeHeaders are the response headers a cross-origin script may read.
var CORSExposeHeaders = []string{
	echo.HeaderContentType, echo.HeaderContentLength, echo.HeaderAllow, "Date",
	"Preference-Applied", echo.HeaderXRequestID,
}

// corsMiddleware answers CORS (Fetch standard, §3.2) with Echo's middleware: simple and
// preflight requests from Options.CORSOrigins (any origin when empty); preflights get
// 204 with the allowed methods and headers. A request without an Origin header is no
// CORS request and skips the middleware, so that an OPTIONS without Origin gets the 405
// ASP.NET Web API answers (Echo's middleware would answer every OPTIONS 204).
// CORS is for the mocked API only: the admin API grants no origin, so that no other
// site's page can read the journal or pin a scenario (its own page is same-origin).
func (s *Server) corsMiddleware() echo.MiddlewareFunc {
	origins := s.opts.CORSOrigins
	if len(origins) == 0 {
		origins = []string{"*"}
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper: func(c echo.Context) bool {
			return firstValue(c.Request().Header, echo.HeaderOrigin) == "" || isAdminPath(c.Request().URL.Path)
		},
		AllowOrigins: origins,
		AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
			http.MethodPatch, http.MethodDelete, http.MethodOptions},
		AllowHeaders:  CORSAllowHeaders,
		ExposeHeaders: CORSExposeHeaders,
		MaxAge:        600,
	})
}
