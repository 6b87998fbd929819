package mock

import (
	"crypto/rand"
	"io"
	mathrand "math/rand/v2"
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

// seededReader reads from a pool of ChaCha8 generators, each seeded from crypto/rand when
// the pool makes it. ChaCha8 is a cryptographically strong generator, so tokens stay
// unguessable; a pool rather than one locked generator so that concurrent requests do
// not queue, and rather than crypto/rand.Reader because that costs a getrandom call per
// read (about 120 ns against 40 for 32 bytes).
type seededReader struct{ pool sync.Pool }

func newSeededReader() *seededReader {
	r := &seededReader{}
	r.pool.New = func() any {
		var seed [32]byte
		rand.Read(seed[:]) // never returns an error: it crashes the program if the system source fails
		return mathrand.NewChaCha8(seed)
	}
	return r
}

func (r *seededReader) Read(p []byte) (int, error) {
	g := r.pool.Get().(*mathrand.ChaCha8)
	n, err := g.Read(p)
	r.pool.Put(g)
	return n, err
}
