package mock

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownOperation is returned for an operationId the spec does not have.
var ErrUnknownOperation = errors.New("unknown operation")

// UnknownScenarioError is returned when pinning a scenario an operation does not have.
type UnknownScenarioError struct {
	Operation, Scenario string
	// Known lists the operation's scenarios, sorted.
	Known []string
}

func (e *UnknownScenarioError) Error() string {
	return fmt.Sprintf("operation %s has no scenario %q; known scenarios: %s",
		e.Operation, e.Scenario, strings.Join(e.Known, ", "))
}

// Pin makes scenario answer every following request of operation id that does not
// choose one itself (Prefer, __scenario). Pins survive reloads; a pin whose scenario
// disappears in a reload is ignored until it comes back.
func (s *Server) Pin(id, scenario string) error {
	op, ok := s.current().ops[id]
	if !ok {
		return fmt.Errorf("pin %q: %w", id, ErrUnknownOperation)
	}
	if op.scenario(scenario) == nil {
		return &UnknownScenarioError{Operation: id, Scenario: scenario, Known: op.scenarioNames()}
	}
	s.pinsMu.Lock()
	defer s.pinsMu.Unlock()
	s.pins[id] = scenario
	return nil
}

// Unpin removes operation id's pin, if any.
func (s *Server) Unpin(id string) {
	s.pinsMu.Lock()
	defer s.pinsMu.Unlock()
	delete(s.pins, id)
}

// pinned returns the scenario pinned for operation id through the admin API, or "".
func (s *Server) pinned(id string) string {
	s.pinsMu.RLock()
	defer s.pinsMu.RUnlock()
	return s.pins[id]
}
