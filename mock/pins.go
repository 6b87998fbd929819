package mock

// pinned returns the scenario pinned for operation id through the admin API, or "".
func (s *Server) pinned(id string) string {
	s.pinsMu.RLock()
	defer s.pinsMu.RUnlock()
	return s.pins[id]
}
