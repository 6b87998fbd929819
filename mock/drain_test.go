package mock

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestNewConnsWait checks what drain waits for: the connections whose first request has
// not arrived. Each case takes connections through their states, then asks whether wait
// returns at once or holds until its context ends.
func TestNewConnsWait(t *testing.T) {
	a, b := fakeConn("a"), fakeConn("b")
	type step struct {
		c  net.Conn
		st http.ConnState
	}
	for _, tc := range []struct {
		name  string
		steps []step
		holds bool
	}{
		{"none", nil, false},
		{"new", []step{{a, http.StateNew}}, true},
		{"new then active", []step{{a, http.StateNew}, {a, http.StateActive}}, false},
		{"new then closed", []step{{a, http.StateNew}, {a, http.StateClosed}}, false},
		{"new then hijacked", []step{{a, http.StateNew}, {a, http.StateHijacked}}, false},
		{"two new, one active", []step{{a, http.StateNew}, {b, http.StateNew}, {a, http.StateActive}}, true},
		{"two new, both active", []step{{a, http.StateNew}, {b, http.StateNew}, {b, http.StateActive}, {a, http.StateActive}}, false},
		{"kept alive, then a new one", []step{{a, http.StateNew}, {a, http.StateActive}, {a, http.StateIdle},
			{a, http.StateActive}, {b, http.StateNew}}, true},
		{"kept alive, new one served", []step{{a, http.StateNew}, {a, http.StateActive}, {b, http.StateNew},
			{a, http.StateIdle}, {a, http.StateActive}, {b, http.StateActive}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n newConns
			for _, s := range tc.steps {
				n.hook(s.c, s.st)
			}
			// Holding is seen through the context ending; returning at once, well before it.
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			n.wait(ctx)
			if held := ctx.Err() != nil; held != tc.holds {
				t.Errorf("wait held until its context ended = %v, want %v", held, tc.holds)
			}
		})
	}
}

// fakeConn is a distinct net.Conn for the hook's map; nothing is read or written.
type fakeConn string

func (fakeConn) Read([]byte) (int, error)         { return 0, net.ErrClosed }
func (fakeConn) Write([]byte) (int, error)        { return 0, net.ErrClosed }
func (fakeConn) Close() error                     { return nil }
func (fakeConn) LocalAddr() net.Addr              { return nil }
func (fakeConn) RemoteAddr() net.Addr             { return nil }
func (fakeConn) SetDeadline(time.Time) error      { return nil }
func (fakeConn) SetReadDeadline(time.Time) error  { return nil }
func (fakeConn) SetWriteDeadline(time.Time) error { return nil }
