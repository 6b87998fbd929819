package mock

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/helpmock/helpmock/fixtures"
)

// Statuses the request log records (as nginx does) for a request that got no answer;
// no client ever receives them.
const (
	// StatusNoAnswer: the mock closed the connection without an answer, as its fault
	// scenario says (connection-reset, empty-reply, hang).
	StatusNoAnswer = 444
	// StatusClientGaveUp: the client closed the connection before the answer was written.
	StatusClientGaveUp = 499
)

// clientGaveUp reports whether err ended the request because its client went away
// (waitFor, a fault's hang), rather than because the mock failed.
func clientGaveUp(req *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && req.Context().Err() != nil
}

// faultOf returns the fault of the scenario info names; FaultNone when there is none.
func (s *Server) faultOf(info *requestInfo) fixtures.Fault {
	if info.scenario == "" {
		return fixtures.FaultNone
	}
	op := s.current().ops[info.operation]
	if op == nil {
		return fixtures.FaultNone
	}
	if sc := op.scenario(info.scenario); sc != nil && sc.fixture != nil {
		return sc.fixture.Fault
	}
	return fixtures.FaultNone
}

// outcome returns the status and the error the request log records for req, which the
// handler chain ended with status and err: StatusClientGaveUp when the client went away
// first, StatusNoAnswer when a fault closed the connection without an answer, else status.
func (s *Server) outcome(req *http.Request, info *requestInfo, status int, err error) (int, error) {
	if clientGaveUp(req, err) {
		return StatusClientGaveUp, fmt.Errorf("client gave up: %w", err)
	}
	switch fault := s.faultOf(info); fault {
	case fixtures.FaultNone:
	case fixtures.FaultHang:
		if req.Context().Err() != nil {
			return StatusClientGaveUp, fmt.Errorf("client gave up: %w", req.Context().Err())
		}
		return StatusNoAnswer, fmt.Errorf("fault %s: closed without an answer", fault)
	case fixtures.FaultConnectionReset, fixtures.FaultEmptyReply:
		return StatusNoAnswer, fmt.Errorf("fault %s: closed without an answer", fault)
	case fixtures.FaultTruncated:
		return status, fmt.Errorf("fault %s: the body stops half-way", fault)
	}
	return status, err
}
