package mock

import (
	"bytes"
	"sync"
	"testing"
)

// TestSeededReader checks that the default random source fills what it is asked to, that
// two generators never repeat each other (each has its own seed), and that concurrent
// readers are safe (run with -race).
func TestSeededReader(t *testing.T) {
	r := newSeededReader()
	const readers, reads = 8, 200
	var mu sync.Mutex
	seen := map[[32]byte]bool{}
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			for range reads {
				var b [32]byte
				if n, err := r.Read(b[:]); n != len(b) || err != nil {
					t.Errorf("Read = %d, %v; want %d, nil", n, err, len(b))
					return
				}
				mu.Lock()
				if seen[b] {
					t.Errorf("token %x read twice", b)
				}
				seen[b] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != readers*reads {
		t.Fatalf("%d distinct tokens, want %d", len(seen), readers*reads)
	}
	// Two sources made one after the other start from different seeds.
	var a, b [64]byte
	newSeededReader().Read(a[:])
	newSeededReader().Read(b[:])
	if bytes.Equal(a[:], b[:]) {
		t.Fatalf("two new sources read the same bytes %x", a)
	}
}
