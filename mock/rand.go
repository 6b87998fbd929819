package mock

import (
	"io"
	"sync"
)

// lockedReader serializes reads of a random source that is not safe for concurrent use
// (math/rand/v2's ChaCha8, for reproducible tests); requests render concurrently.
type lockedReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}
