//go:build !race

package reqlog

// raceEnabled reports that the race detector is on.
const raceEnabled = false
