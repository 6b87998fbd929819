package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/helpmock/helpmock/mock"
)

// frontendFlags are serve's flags for frontend development: admin API, CORS, latency,
// journal, stateful tokens and hot reload.
type frontendFlags struct {
	admin, cors, stateful, strictTokens, watch bool
	journalSecrets                             bool
	corsOrigins, adminToken                    string
	latency                                    mock.Latency
	journal                                    int
	refreshTTL                                 time.Duration
}

func (f *frontendFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.admin, "admin", true, "serve the admin API under /__helpmock/ (scenarios, requests, tokens, state) to this machine's user; off when -addr is not a loopback address and -admin-token is not set")
	fs.StringVar(&f.adminToken, "admin-token", "", "require 'Authorization: Bearer `token`' on the admin API; needed to serve it when -addr is not a loopback address (prefer HELPMOCK_ADMIN_TOKEN: a command line is visible to other users)")
	fs.BoolVar(&f.cors, "cors", true, "answer cross-origin requests and preflights (CORS) for browser frontends")
	fs.StringVar(&f.corsOrigins, "cors-origins", "", "comma-separated `origins` CORS allows (default: any origin)")
	fs.Var(&f.latency, "latency", "`delay` added to every answer: a duration (200ms) or a range (100ms-400ms)")
	fs.IntVar(&f.journal, "journal", 1000, "how many `requests` the journal keeps (GET /__helpmock/requests); 0 disables it")
	fs.BoolVar(&f.journalSecrets, "journal-secrets", false, "show secrets in the journal and the request log: Authorization and cookie headers, and the members the spec marks x-helpmock-secret (default: [redacted])")
	fs.BoolVar(&f.stateful, "stateful", false, "remember issued token pairs: rotate on refresh, refuse reused or expired refresh tokens")
	fs.DurationVar(&f.refreshTTL, "refresh-ttl", 24*time.Hour, "with -stateful, how long a refresh token may be used")
	fs.BoolVar(&f.strictTokens, "strict-tokens", false, "with -stateful, refuse refresh tokens the mock never issued (default: start a new chain)")
	fs.BoolVar(&f.watch, "watch", true, "reload -spec and -fixtures when they change on disk")
}

func (f *frontendFlags) apply(opts *mock.Options) {
	opts.Admin, opts.CORS, opts.Latency, opts.Journal = f.admin, f.cors, f.latency, f.journal
	opts.Stateful, opts.RefreshTTL, opts.StrictTokens = f.stateful, f.refreshTTL, f.strictTokens
	opts.AdminToken, opts.JournalSecrets = f.adminToken, f.journalSecrets
	for _, o := range strings.Split(f.corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			opts.CORSOrigins = append(opts.CORSOrigins, o)
		}
	}
}

// reloadDebounce is how long the watcher waits after the last change before reloading:
// editors write a file in several steps (truncate, write, rename).
const reloadDebounce = 150 * time.Millisecond

// watch reloads server whenever the -spec file or a file of the -fixtures directory
// changes, until ctx is done. It returns at once; it does nothing when neither is on
// disk or -watch=false. A failed reload keeps the last good version and logs the error,
// which names the file and line.
func (cfg *serveConfig) watch(ctx context.Context, server *mock.Server, logger *slog.Logger) error {
	if !cfg.frontend.watch || (cfg.specPath == "" && cfg.fixturesDir == "") {
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	var specFile string
	var dirs []string
	if cfg.specPath != "" {
		abs, err := filepath.Abs(cfg.specPath)
		if err != nil {
			w.Close()
			return fmt.Errorf("watch %s: %w", cfg.specPath, err)
		}
		// Watch the directory: editors replace files by renaming, which drops a file watch.
		specFile = abs
		dirs = append(dirs, filepath.Dir(abs))
	}
	var fixturesDir string
	if cfg.fixturesDir != "" {
		abs, err := filepath.Abs(cfg.fixturesDir)
		if err != nil {
			w.Close()
			return fmt.Errorf("watch %s: %w", cfg.fixturesDir, err)
		}
		fixturesDir = abs
		dirs = append(dirs, abs)
	}
	for _, d := range dirs {
		if err := w.Add(d); err != nil {
			w.Close()
			return fmt.Errorf("watch %s: %w", d, err)
		}
	}
	relevant := func(name string) bool {
		abs, err := filepath.Abs(name)
		if err != nil {
			return false
		}
		return abs == specFile || (fixturesDir != "" && filepath.Dir(abs) == fixturesDir && strings.HasSuffix(abs, ".yaml"))
	}
	var mu sync.Mutex // serialises reloads fired by the debounce timer
	reload := func() {
		mu.Lock()
		defer mu.Unlock()
		if err := cfg.reload(server); err != nil {
			logger.Error("reload failed; still serving the last good version", "error", err)
			return
		}
	}
	go func() {
		defer w.Close()
		var timer *time.Timer
		defer func() {
			if timer != nil {
				timer.Stop()
			}
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !relevant(ev.Name) || ev.Op == fsnotify.Chmod {
					continue
				}
				logger.Debug("change", "file", ev.Name, "op", ev.Op.String())
				if timer == nil {
					timer = time.AfterFunc(reloadDebounce, reload)
				} else {
					timer.Reset(reloadDebounce)
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				logger.Warn("watch", "error", err)
			}
		}
	}()
	logger.Info("watching for changes", "dirs", dirs)
	return nil
}

// reload loads the spec and fixtures again and swaps them into server, which keeps its
// pins, tokens and journal.
func (cfg *serveConfig) reload(server *mock.Server) error {
	s, err := loadSpec(cfg.specPath)
	if err != nil {
		return err
	}
	set, err := loadFixtures(cfg.specPath, cfg.fixturesDir)
	if err != nil {
		return err
	}
	return server.Reload(s, set)
}
