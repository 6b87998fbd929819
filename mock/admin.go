package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// AdminPrefix is the path prefix of the admin API; the mocked API never uses it.
const AdminPrefix = "/__helpmock/"

func isAdminPath(path string) bool { return strings.HasPrefix(path, AdminPrefix) }

// ScenarioInfo is one operation in the admin API's scenario list.
type ScenarioInfo struct {
	OperationID string   `json:"operationId"`
	Method      string   `json:"method"`
	Path        string   `json:"path"`
	Scenarios   []string `json:"scenarios"`
	Default     string   `json:"default"`
	// Pinned is the scenario pinned through the admin API; nil when none is.
	Pinned *string `json:"pinned"`
}

// adminError is every admin API error body.
type adminError struct {
	Error     string   `json:"error"`
	Scenarios []string `json:"scenarios,omitempty"`
}

// registerAdmin adds the admin API routes (documented in admin.yaml) to e. Echo's
// router prefers these static paths to the mocked API's catch-all route.
func (s *Server) registerAdmin(e *echo.Echo) {
	g := e.Group(strings.TrimSuffix(AdminPrefix, "/"))
	g.GET("/scenarios", s.adminScenarios)
	g.PUT("/scenarios/:operationId", s.adminPin)
	g.DELETE("/scenarios/:operationId", s.adminUnpin)
	g.GET("/requests", s.adminRequests)
	g.DELETE("/requests", s.adminClearRequests)
	g.POST("/tokens", s.adminMintTokens)
	g.DELETE("/state", s.adminResetState)
}

// Scenarios lists every operation of the spec, in spec order, with its scenarios.
func (s *Server) Scenarios() []ScenarioInfo {
	snap := s.current()
	out := make([]ScenarioInfo, 0, len(snap.spec.Operations))
	for _, o := range snap.spec.Operations {
		if op := snap.ops[o.ID]; op != nil {
			out = append(out, s.scenarioInfo(op))
		}
	}
	return out
}

func (s *Server) scenarioInfo(op *operation) ScenarioInfo {
	info := ScenarioInfo{OperationID: op.ID, Method: op.Method, Path: op.Path,
		Scenarios: op.scenarioNames(), Default: op.defaultName}
	if name := s.pinned(op.ID); name != "" {
		info.Pinned = &name
	}
	return info
}

func (s *Server) adminScenarios(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{"operations": s.Scenarios()})
}

func (s *Server) adminPin(c echo.Context) error {
	id := c.Param("operationId")
	var req struct {
		Scenario string `json:"scenario"`
	}
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 64<<10))
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil || req.Scenario == "" {
		if _, ok := s.current().ops[id]; !ok {
			return s.adminPinError(c, id, err)
		}
		return c.JSON(http.StatusBadRequest, adminError{Error: `the body must be {"scenario":"NAME"}`})
	}
	if err := s.Pin(id, req.Scenario); err != nil {
		return s.adminPinError(c, id, err)
	}
	return c.JSON(http.StatusOK, s.scenarioInfo(s.current().ops[id]))
}

func (s *Server) adminPinError(c echo.Context, id string, err error) error {
	var unknown *UnknownScenarioError
	switch {
	case errors.As(err, &unknown):
		return c.JSON(http.StatusBadRequest, adminError{Error: err.Error(), Scenarios: unknown.Known})
	default:
		return c.JSON(http.StatusNotFound, adminError{Error: fmt.Sprintf("unknown operation %q", id)})
	}
}

func (s *Server) adminUnpin(c echo.Context) error {
	id := c.Param("operationId")
	op, ok := s.current().ops[id]
	if !ok {
		return s.adminPinError(c, id, ErrUnknownOperation)
	}
	s.Unpin(id)
	return c.JSON(http.StatusOK, s.scenarioInfo(op))
}

func (s *Server) adminRequests(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{
		"capacity": s.journal.capacity(),
		"requests": s.Journal(c.QueryParam("operation")),
	})
}

func (s *Server) adminClearRequests(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]int{"cleared": s.journal.clear()})
}

func (s *Server) adminMintTokens(c echo.Context) error {
	pair, err := s.MintTokens()
	if errors.Is(err, errNotStateful) {
		return c.JSON(http.StatusConflict, adminError{Error: err.Error()})
	}
	if err != nil {
		return c.JSON(http.StatusInternalServerError, adminError{Error: err.Error()})
	}
	return c.JSON(http.StatusCreated, pair)
}

func (s *Server) adminResetState(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]any{"forgotten": s.ResetTokens(), "stateful": s.opts.Stateful})
}
