package mock

import (
	"bufio"
	"fmt"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/negotiate"
)

// delay waits for the scenario's delay, or until the client gives up.
func (s *Server) delay(req *http.Request, sc *scenario) error {
	if sc.fixture == nil || sc.fixture.Delay <= 0 {
		return nil
	}
	return waitFor(req, sc.fixture.Delay)
}

// fault misbehaves at the connection level as the scenario says.
func (s *Server) fault(c echo.Context, op *operation, sc *scenario, request map[string]any, neg negotiate.Result) error {
	switch sc.fixture.Fault {
	case fixtures.FaultHang:
		// Hold the connection until the client gives up or the server closes; then close
		// it without an answer (below), as a hung server's connection ends.
		select {
		case <-c.Request().Context().Done():
			return nil
		case <-s.closed:
		}
	case fixtures.FaultConnectionReset, fixtures.FaultEmptyReply, fixtures.FaultTruncated:
	default:
		return fmt.Errorf("scenario %s: unknown fault %q", sc.name, sc.fixture.Fault)
	}
	conn, rw, err := http.NewResponseController(c.Response().Writer).Hijack()
	if err != nil {
		return fmt.Errorf("fault %s: hijack: %w", sc.fixture.Fault, err)
	}
	defer conn.Close()
	c.Response().Committed = true
	switch sc.fixture.Fault {
	case fixtures.FaultConnectionReset:
		// SO_LINGER 0 makes Close send RST instead of FIN.
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0)
		}
	case fixtures.FaultTruncated:
		status, payload, err := s.render(op, sc, request, neg.MediaType, nil)
		if err != nil || status == 0 {
			status, payload = http.StatusOK, []byte("{}")
		}
		writeTruncated(rw, status, neg.ContentType(), payload)
	}
	return nil
}

// writeTruncated writes a response whose Content-Length promises the whole payload and
// whose body stops half-way.
func writeTruncated(rw *bufio.ReadWriter, status int, contentType string, payload []byte) {
	fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		status, http.StatusText(status), contentType, len(payload))
	_, _ = rw.Write(payload[:len(payload)/2])
	_ = rw.Flush()
}
