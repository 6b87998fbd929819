//go:build race

package reqlog

// raceEnabled reports that the race detector is on; it makes sync.Pool drop items at
// random, so a test of allocations cannot hold.
const raceEnabled = true
