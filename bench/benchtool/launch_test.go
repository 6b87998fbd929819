package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the server launch starts: with BENCHTOOL_TEST_SERVE set to a
// port it serves 200 on that loopback port; with BENCHTOOL_TEST_EXIT it exits at once.
func TestMain(m *testing.M) {
	if port := os.Getenv("BENCHTOOL_TEST_SERVE"); port != "" {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
		fmt.Fprintln(os.Stderr, http.ListenAndServe("127.0.0.1:"+port, h))
		os.Exit(1)
	}
	if os.Getenv("BENCHTOOL_TEST_EXIT") != "" {
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func TestLaunch(t *testing.T) {
	tests := []struct {
		name    string
		env     string
		wantErr bool
	}{
		{"answers", "BENCHTOOL_TEST_SERVE={port}", false},
		{"exits", "BENCHTOOL_TEST_EXIT=1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &launchConfig{
				logPath: filepath.Join(t.TempDir(), "server.log"),
				url:     "http://127.0.0.1:{port}/",
				timeout: 30 * time.Second,
				// env(1) sets the variable with the port in it, then runs this test binary.
				command: []string{"env", tt.env, os.Args[0]},
			}
			pid, port, startup, err := launch(context.Background(), cfg)
			if pid > 0 {
				t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("launch(%v) error = %v, want error %v", cfg.command, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if port == 0 || startup <= 0 {
				t.Errorf("launch(%v) = port %d, startup %s, want a port and a positive startup", cfg.command, port, startup)
			}
			resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/", port))
			if err != nil {
				t.Fatalf("GET after launch: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET after launch = %d, want 200", resp.StatusCode)
			}
		})
	}
}
