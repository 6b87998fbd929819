package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestPauseGC(t *testing.T) {
	tests := []struct {
		name            string
		percent         int
		limit           int64
		wantPausedLimit int64
	}{
		{"defaults", 100, math.MaxInt64, startupMemoryLimit},
		{"user's GOGC and a lower GOMEMLIMIT", 50, 64 << 20, 64 << 20},
		{"GOGC=off and a higher GOMEMLIMIT", -1, 1 << 30, startupMemoryLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(tt.percent))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(tt.limit))
			resume := pauseGC()
			if got := debug.SetGCPercent(-1); got != -1 {
				t.Errorf("GC percent while paused = %d, want -1", got)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.wantPausedLimit {
				t.Errorf("memory limit while paused = %d, want %d", got, tt.wantPausedLimit)
			}
			resume()
			if got := debug.SetGCPercent(tt.percent); got != tt.percent {
				t.Errorf("GC percent after resume = %d, want %d", got, tt.percent)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.limit {
				t.Errorf("memory limit after resume = %d, want %d", got, tt.limit)
			}
		})
	}
}

func TestSetServingGC(t *testing.T) {
	tests := []struct {
		gogc string
		want int
	}{
		{"", servingGCPercent},
		{"100", 50}, // the user's GOGC (the runtime applied it; 50 stands for it here) stays
		{"off", 50},
	}
	for _, tt := range tests {
		t.Run("GOGC="+tt.gogc, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(50))
			setServingGC(tt.gogc)
			if got := debug.SetGCPercent(50); got != tt.want {
				t.Errorf("GC percent = %d, want %d", got, tt.want)
			}
		})
	}
}
